"""Exporting works as a CWR 2.1 file."""

from pathlib import Path

from django.utils import timezone

from common.identifiers import iswc_normalise
from works.parsers.cwr.writer import cwr_lines
from works.selectors.cwr import work_export_list

EXPORT_INVALID_ISWC = "{value!r} is not a valid ISWC"


class CwrExportError(ValueError):
    """The export was asked for something it cannot do."""


def cwr_export(
    *, path: Path, sender_name: str, sender_id: str, iswcs: list[str] | None
) -> int:
    """Write the works with ``iswcs`` (``None``: all) to ``path`` as CWR 2.1
    ``NWR`` transactions; return how many works were written."""
    wanted = None
    if iswcs is not None:
        wanted = []
        for value in iswcs:
            iswc, valid = iswc_normalise(value=value)
            if not valid:
                raise CwrExportError(EXPORT_INVALID_ISWC.format(value=value))
            wanted.append(iswc)
    counted = _Counted(work_export_list(iswcs=wanted))
    with open(path, "w", encoding="utf-8", newline="") as stream:
        for line in cwr_lines(
            sender_id=sender_id,
            sender_name=sender_name,
            works=counted,
            now=timezone.localtime(),
        ):
            stream.write(line + "\r\n")
    return counted.count


class _Counted:
    def __init__(self, items):
        self.items, self.count = items, 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item
