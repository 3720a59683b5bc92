import hashlib

from common.ingest.filehash import CHUNK_BYTES, file_sha256


def test_matches_hashlib_across_chunk_boundaries(tmp_path):
    content = b"x" * (CHUNK_BYTES + 7)
    path = tmp_path / "file.bin"
    path.write_bytes(content)
    assert file_sha256(path=path) == hashlib.sha256(content).hexdigest()


def test_empty_file(tmp_path):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert file_sha256(path=path) == hashlib.sha256(b"").hexdigest()
