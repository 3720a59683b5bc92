"""Telling a DSRF file from a simple TSV DSR by its first line. No ORM."""

import zlib
from pathlib import Path

from dsrs.parsers.dsrf.layout import HEAD, HEADER_MARK, MESSAGE_VERSION_PREFIX
from dsrs.parsers.streams import dsr_open

_SNIFF_BYTES = 1 << 16


def dsrf_recognise(*, path: Path) -> bool:
    """Whether ``path`` starts as a DSRF file does: a HEAD record whose second
    cell (MessageVersion) starts with ``dsrf``, or the ``#HEAD`` line.

    A file that cannot be read says no: the TSV import reports it as before.
    """
    try:
        with dsr_open(path) as stream:
            first = stream.readline(_SNIFF_BYTES)
    except (EOFError, OSError, zlib.error):
        return False
    cells = first.removeprefix(b"\xef\xbb\xbf").split(b"\t")
    if cells[0].strip() == (HEADER_MARK + HEAD).encode():
        return True
    return (
        cells[0].strip() == HEAD.encode()
        and len(cells) > 1
        and cells[1].strip().lower().startswith(MESSAGE_VERSION_PREFIX.encode())
    )
