"""Uploads go to a temporary file whatever their size, hashed on the way."""

import hashlib

from django.core.files.uploadedfile import TemporaryUploadedFile

from common.ingest.upload_hashing import Sha256TemporaryFileUploadHandler


def test_chunks_are_written_to_disk_and_hashed():
    chunks = [b"Song,Date,Number of Plays\n", b"Umbrella,2020-01-01,1\n"]
    handler = Sha256TemporaryFileUploadHandler()
    handler.new_file("file", "plays.csv", "text/csv", None)
    start = 0
    for chunk in chunks:
        handler.receive_data_chunk(chunk, start)
        start += len(chunk)
    file = handler.file_complete(start)
    assert isinstance(file, TemporaryUploadedFile)
    assert file.sha256 == hashlib.sha256(b"".join(chunks)).hexdigest()
    with open(file.temporary_file_path(), "rb") as on_disk:
        assert on_disk.read() == b"".join(chunks)
    file.close()
