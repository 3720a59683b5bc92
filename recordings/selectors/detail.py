"""Reads: one recording as ``GET /recordings/{isrc}`` shows it."""

from common.identifiers import isrc_normalise
from dsrs.selectors.isrcs import resource_facts_by_isrc, usage_revenue_by_isrc
from playlists.selectors.recordings import recording_playlist_list
from recordings.selectors.links import (
    recording_decisions,
    recording_get,
    recording_links,
)
from recordings.selectors.revenue import Tally, eur_text
from works.selectors import work_views


def recording_detail(*, isrc: str) -> dict | None:
    """The recording, its works, usages, EUR revenue and playlists; ``None``
    for an invalid ISRC, or one neither catalogued nor reported in a DSR."""
    normal, valid = isrc_normalise(value=isrc)
    if not valid:
        return None
    recording = recording_get(isrc=normal)
    rows = list(usage_revenue_by_isrc(isrcs=[normal]))
    if recording is None and not rows:
        return None
    tally = Tally()
    for row in rows:
        tally.add(row=row, amount=row.revenue_eur)
    decision = recording_decisions(isrcs=[normal]).get(normal)
    links = list(recording_links(isrc=normal))
    titles = {
        view.iswc: view.title
        for view in work_views(column="iswc", values=sorted({li.iswc for li in links}))
    }
    shares = decision.shares if decision else {}
    return {
        "isrc": normal,
        **_facts(recording=recording, isrc=normal),
        "in_review": bool(decision and decision.conflict),
        "works": [
            {
                "iswc": iswc,
                "title": titles.get(iswc),
                "counted": iswc in shares,
                "sources": [
                    {"source": li.source, "share": li.share}
                    for li in links
                    if li.iswc == iswc
                ],
            }
            for iswc in sorted({li.iswc for li in links})
        ],
        "usages": tally.usages,
        "revenue_eur": eur_text(amount=tally.revenue_eur),
        "by_territory_month": tally.territory_months(),
        "dsrs": [
            {
                "dsr_id": row.dsr_id,
                "territory": row.territory,
                "month": row.month.strftime("%Y-%m"),
                "usages": row.usages,
                "revenue_eur": eur_text(amount=row.revenue_eur),
            }
            for row in rows
        ],
        "playlists": [
            {
                "playlist_id": p.playlist_id,
                "source": p.source,
                "source_id": p.source_id,
                "name": p.name,
                "crawls": p.crawls,
                "best_position": p.best_position,
                "first_seen": p.first_seen,
                "last_seen": p.last_seen,
            }
            for p in recording_playlist_list(isrc=normal)
        ],
    }


def _facts(*, recording, isrc: str) -> dict[str, str]:
    """Title and artists from the catalogue, else from the DSR resource with
    the latest metadata (source ``dsr:<DSP>``)."""
    facts = {
        "title": recording.title if recording else "",
        "title_source": recording.title_source if recording else "",
        "artists": recording.artists if recording else "",
        "artists_source": recording.artists_source if recording else "",
    }
    if facts["title"] and facts["artists"]:
        return facts
    reported = resource_facts_by_isrc(isrc=isrc)
    if reported is None:
        return facts
    title, artists, dsp = reported
    for name, value in (("title", title), ("artists", artists)):
        if not facts[name] and value:
            facts[name], facts[f"{name}_source"] = value, f"dsr:{dsp}"
    return facts
