"""Reads for the CWR export: works as the CWR writer takes them."""

from collections.abc import Iterator

from django.db.models import Prefetch

from works.models import Registration, Work
from works.parsers.cwr.writer import ExportParty, ExportWork

DEFAULT_TITLE_TYPE = "AT"  # "alternative title"
CHUNK = 1_000


def work_export_list(*, iswcs: list[str] | None) -> Iterator[ExportWork]:
    """Works with these normalised ISWCs (``None``: every work), by id,
    streamed in chunks, each with what its latest CWR registration said."""
    works = Work.objects.order_by("id").prefetch_related(
        "titles",
        "contributors",
        Prefetch(
            "registrations",
            queryset=Registration.objects.order_by("-id").prefetch_related(
                "parties", "titles", "recordings"
            ),
        ),
    )
    if iswcs is not None:
        works = works.filter(iswc__in=iswcs)
    for work in works.iterator(chunk_size=CHUNK):
        yield _export_work(work)


def _export_work(work: Work) -> ExportWork:
    registrations = list(work.registrations.all())
    latest = registrations[0] if registrations else None
    parties = list(latest.parties.all()) if latest else []
    title_types = {t.title: t.title_type for r in registrations for t in r.titles.all()}
    return ExportWork(
        title=work.title,
        iswc=work.iswc or "",
        submitter_work_id=latest.submitter_work_id if latest else f"W{work.pk}",
        titles=[
            (t.title, title_types.get(t.title, DEFAULT_TITLE_TYPE))
            for t in work.titles.all()
            if t.title != work.title
        ],
        writers=_writers(work, parties),
        publishers=[_party(p) for p in parties if p.record_type in ("SPU", "OPU")],
        performers=[_party(p) for p in parties if p.record_type == "PER"],
        isrcs=sorted({r.isrc for reg in registrations for r in reg.recordings.all()}),
    )


def _writers(work: Work, parties: list) -> list[ExportParty]:
    """One writer per contributor, its display name kept: split into last and
    first name only where a registration spelled it that way."""
    spelled = {
        f"{p.first_name} {p.last_name}".strip(): p
        for p in parties
        if p.record_type in ("SWR", "OWR")
    }
    writers = []
    for contributor in work.contributors.all():
        party = spelled.get(contributor.name)
        writers.append(
            _party(party) if party else ExportParty(last_name=contributor.name)
        )
    return writers


def _party(party) -> ExportParty:
    return ExportParty(
        last_name=party.last_name,
        first_name=party.first_name,
        ipi_name_number=party.ipi_name_number,
        role=party.role,
        controlled=party.controlled,
        interested_party_number=party.interested_party_number,
        shares=(party.pr_share, party.mr_share, party.sr_share),
    )
