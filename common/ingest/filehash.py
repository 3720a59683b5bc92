"""The SHA-256 of a file, read in chunks so its size does not matter."""

import hashlib
from pathlib import Path

CHUNK_BYTES = 1 << 20


def file_sha256(*, path: Path) -> str:
    """The file's SHA-256 as 64 lowercase hexadecimal digits."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()
