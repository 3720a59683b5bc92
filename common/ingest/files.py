"""The files an import reads: what they are, and whether they can be read."""

import errno
import stat
from pathlib import Path

PATH_MISSING = "{name}: no such file"
PATH_LOOP = "{name}: symbolic link loop"
PATH_BROKEN_LINK = "{name}: symbolic link to a missing file"
PATH_NOT_REGULAR = "{name}: not a regular file ({kind})"
_FILE_KINDS = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def file_path_problem(*, path: Path) -> str | None:
    """Why ``path`` cannot be read as a file, or ``None``.

    A FIFO would block the reader and a symbolic link loop is no missing
    file: each is reported as what it is.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return PATH_LOOP.format(name=path)
        if path.is_symlink():
            return PATH_BROKEN_LINK.format(name=path)
        return PATH_MISSING.format(name=path)
    if stat.S_ISREG(mode):
        return None
    kind = next((kind for test, kind in _FILE_KINDS if test(mode)), "special file")
    return PATH_NOT_REGULAR.format(name=path, kind=kind)
