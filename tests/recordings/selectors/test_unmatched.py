"""Unmatched revenue walks the per-ISRC sums largest first and skips what
works count, exactly as a computation from every usage line would answer."""

from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext

import pytest
from rest_framework.test import APIClient

from dsrs.selectors.isrcs import usage_revenue_by_isrc
from recordings.selectors import Filters, recording_decisions, revenue_unmatched
from recordings.services import recording_work_link_many
from tests.recordings.conftest import SAMPLE_ISRCS

pytestmark = pytest.mark.django_db
EXACT = Context(prec=200, rounding=ROUND_HALF_EVEN)


def from_usages(**filters) -> list[tuple]:
    """The unmatched rule applied to every usage line: the oracle."""
    tallies = defaultdict(lambda: [0, Decimal(0)])
    total = Decimal(0)
    for row in usage_revenue_by_isrc(**filters):
        total = EXACT.add(total, row.revenue_eur)
        key = (row.isrc, row.dsp, row.dsp_id, row.reported_isrc)
        tallies[key][0] += row.usages
        tallies[key][1] = EXACT.add(tallies[key][1], row.revenue_eur)
    decisions = recording_decisions(isrcs={key[0] for key in tallies if key[0]})
    ranked = sorted(tallies.items(), key=lambda item: (-item[1][1], item[0]))
    return [
        (key[0] or None, n, amount, EXACT.divide(amount, total), key[0] in decisions)
        for key, (n, amount) in ranked
        if not (key[0] in decisions and decisions[key[0]].shares)
    ]


def walked(filters: Filters, limit: int = 100_000) -> list[tuple]:
    return [
        (u.isrc, u.usages, u.revenue_eur, u.share, u.in_review)
        for u in revenue_unmatched(filters=filters, limit=limit)
    ]


def test_the_walk_is_the_computation_from_usages(dsrs_imported, works_linked):
    assert walked(Filters()) == from_usages()
    assert walked(Filters(territory="ES")) == from_usages(territory="ES")


def test_with_nothing_linked_the_shares_add_up_to_one(dsrs_imported):
    """The share's whole is the sum of the same per-(DSR, key) parts."""
    for filters in (Filters(), Filters(territory="NO")):
        with localcontext(EXACT):
            shares = sum(row[3] for row in walked(filters))
        assert shares == pytest.approx(Decimal(1), abs=Decimal("1e-150"))


def test_linking_the_top_recordings_lets_the_next_fill_the_page(dsrs_imported):
    first = revenue_unmatched(filters=Filters(), limit=12)
    top = [u.isrc for u in first if u.isrc][:8]
    recording_work_link_many(
        links=[(isrc, "T9204649558") for isrc in top], source="works:test"
    )
    after = revenue_unmatched(filters=Filters(), limit=12)
    assert len(after) == 12
    assert not set(top) & {u.isrc for u in after}
    assert [u for u in first if u.isrc not in top] == after[: 12 - len(top)]
    assert walked(Filters()) == from_usages()


def test_pages_follow_each_other_without_a_count(dsrs_imported, works_linked):
    client = APIClient()
    whole = client.get("/revenue/unmatched", {"limit": 40}).json()["results"]
    pages, url = [], "/revenue/unmatched?limit=7"
    while url:
        body = client.get(url).json()
        assert "count" not in body
        pages += body["results"]
        url = body["next"]
        if len(pages) >= 40:
            break
    assert pages[:40] == whole
    second = client.get("/revenue/unmatched", {"limit": 7, "offset": 7}).json()
    assert second["previous"].endswith("limit=7")
    assert set(SAMPLE_ISRCS).isdisjoint(row["isrc"] for row in whole)
