"""The name an upload gets on disk; the job keeps the name as uploaded.

A name may be up to 255 bytes of UTF-8, as uploaded, but the disk allows 255
bytes for the whole last component and DuckDB reads ``.gz`` or ``.zst`` as
compressed: the stored copy gets a short name that always ends in ``.csv``.
"""

DISK_NAME_MAX_BYTES = 100
DISK_SUFFIX = ".csv"
DEFAULT_STEM = "upload"


def utf8_cut(*, text: str, max_bytes: int) -> str:
    """The longest start of ``text`` within ``max_bytes``, never half a character."""
    return text.encode()[:max_bytes].decode(errors="ignore")


def upload_disk_name(*, name: str) -> str:
    """``name`` without directories, cut to fit, ending in ``.csv``."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base[: -len(DISK_SUFFIX)] if base.lower().endswith(DISK_SUFFIX) else base
    room = DISK_NAME_MAX_BYTES - len(DISK_SUFFIX)
    stem = utf8_cut(text=stem, max_bytes=room).strip(". ") or DEFAULT_STEM
    return stem + DISK_SUFFIX
