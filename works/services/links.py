"""The ISRC -> ISWC links a works file gives the recordings catalogue, handed
to ``recordings.services`` a bounded chunk at a time: as the CSV rows are
staged, and after the reconciliation for a CWR file's ``REC`` records (a link
needs the work's ISWC). Linking is additive per source, so chunks add up to
what one call with every link of the file would write."""

from collections.abc import Iterable

from recordings.services import recording_work_link_many
from works.models import RegistrationRecording
from works.parsers import WorkRow, isrcs_parse

# Links from the ``isrcs`` column name the row's provider.
LINK_SOURCE_PREFIX = "works:"
CWR_LINK_SOURCE_PREFIX = "cwr:"
LINK_CHUNK = 20_000


def row_links(*, rows: list[WorkRow]) -> list[tuple[str, str, str]]:
    """The (source, ISRC, ISWC) links of the usable rows with a valid ISWC,
    per provider (``works:<source>``). Pure: a parsing worker makes them."""
    return [
        (f"{LINK_SOURCE_PREFIX}{row.source}", isrc, row.iswc)
        for row in rows
        if row.raw_isrcs and row.iswc and not row.reason
        for isrc in isrcs_parse(value=row.raw_isrcs)[0]
    ]


def row_links_write(*, links: list[tuple[str, str, str]]) -> None:
    """Hand the links of ``row_links`` to the catalogue."""
    _links_write(links)


def cwr_links_write(*, work_import_id: int) -> None:
    """Link the valid ``REC`` ISRCs of this import's registrations to their
    work's ISWC, per sender (``cwr:<sender id>``)."""
    found = RegistrationRecording.objects.filter(
        registration__source_row__work_import_id=work_import_id,
        isrc_valid=True,
        registration__work__iswc__isnull=False,
    ).values_list("registration__sender_id", "isrc", "registration__work__iswc")
    _links_write(
        (f"{CWR_LINK_SOURCE_PREFIX}{sender}", isrc, iswc)
        for sender, isrc, iswc in found.iterator(chunk_size=LINK_CHUNK)
    )


def _links_write(links: Iterable[tuple[str, str, str]]) -> None:
    """(source, ISRC, ISWC) triples, written ``LINK_CHUNK`` at a time."""
    chunk: dict[str, set[tuple[str, str]]] = {}
    held = 0
    for source, isrc, iswc in links:
        chunk.setdefault(source, set()).add((isrc, iswc))
        held += 1
        if held == LINK_CHUNK:
            _chunk_write(chunk)
            chunk, held = {}, 0
    _chunk_write(chunk)


def _chunk_write(chunk: dict[str, set[tuple[str, str]]]) -> None:
    for source, pairs in sorted(chunk.items()):
        recording_work_link_many(links=pairs, source=source)
