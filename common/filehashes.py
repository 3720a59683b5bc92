"""File digests, read in chunks so a file of gigabytes takes no memory."""

import hashlib
from pathlib import Path

CHUNK_BYTES = 1 << 20


def file_sha256(*, path: Path) -> str:
    """The SHA-256 of the file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()
