"""Files that no job will read again: what killed requests and workers left.

A request killed while its upload arrived leaves ``tmp*.upload`` in the
upload directory (``FILE_UPLOAD_TEMP_DIR``, else the system's); a worker
killed during a job leaves its DuckDB file in ``PLAYS_WORK_DIR/<job id>``,
and a job in parts that stopped leaves its parts' totals in
``MEDIA_ROOT/plays/parts/<job id>``.
"""

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

from plays.models import PlayCountJob
from plays.services.outcomes import PARTS_DIR, media_path

# Django's TemporaryUploadedFile names: "tmp", random letters, ".upload" and
# the uploaded name's extension, if any.
TEMP_UPLOAD_PATTERN = "tmp*.upload*"


@dataclass(frozen=True)
class LeftoversResult:
    temp_uploads: int
    work_entries: int
    bytes_freed: int


def upload_temp_dir() -> Path:
    return Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())


def leftovers_prune(*, uploads_before: datetime) -> LeftoversResult:
    """Remove temporary uploads last written before ``uploads_before`` and the
    work files and parts' totals of every job that is not running.

    An upload still arriving is written to all the time, so its file is never
    that old. A running job's work files are its own; a job queued again
    after its worker died starts with a fresh database file.
    """
    cutoff = uploads_before.timestamp()
    temp_uploads = [
        path
        for path in upload_temp_dir().glob(TEMP_UPLOAD_PATTERN)
        if _is_file_older(path, cutoff)
    ]
    entries = [
        entry
        for directory in (Path(settings.PLAYS_WORK_DIR), media_path(PARTS_DIR))
        if directory.is_dir()
        for entry in directory.iterdir()
    ]
    running = {
        str(pk)
        for pk in PlayCountJob.objects.filter(
            status=PlayCountJob.Status.RUNNING
        ).values_list("pk", flat=True)
    }
    stale = [entry for entry in entries if entry.name not in running]
    freed = sum(_remove(path) for path in [*temp_uploads, *stale])
    return LeftoversResult(
        temp_uploads=len(temp_uploads), work_entries=len(stale), bytes_freed=freed
    )


def _is_file_older(path: Path, cutoff: float) -> bool:
    try:
        return path.is_file() and path.stat().st_mtime < cutoff
    except OSError:
        return False


def _remove(path: Path) -> int:
    """Delete a file or a directory tree; the bytes it held (0 if already gone)."""
    try:
        if path.is_dir() and not path.is_symlink():
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            shutil.rmtree(path)
        else:
            size = path.stat().st_size
            path.unlink()
    except FileNotFoundError:
        return 0
    return size
