import hashlib

from common.filehashes import CHUNK_BYTES, file_sha256


def test_digest_of_a_file_longer_than_one_chunk(tmp_path):
    content = b"abc" * CHUNK_BYTES
    path = tmp_path / "big.bin"
    path.write_bytes(content)
    assert file_sha256(path=path) == hashlib.sha256(content).hexdigest()


def test_digest_of_an_empty_file(tmp_path):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert file_sha256(path=path) == hashlib.sha256(b"").hexdigest()
