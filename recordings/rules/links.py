"""Which works a recording's revenue goes to, from the links sources gave.

1. Links made by staff in the admin (source ``admin``) are a decision: when a
   recording has any, they alone count.
2. Otherwise every source must name the same set of works. Then the
   recording belongs to those works (several: a medley). When two sources
   name different sets, the recording is a conflict: it belongs to no work
   (its revenue stays unmatched) and a review item is opened, never a guess.
3. Shares: when every counted work has a share from a source, revenue is
   split in proportion to them; otherwise equally (``rules.split``).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

ADMIN_SOURCE = "admin"


class Claim(NamedTuple):
    iswc: str
    source: str
    share: Decimal | None = None


@dataclass(frozen=True)
class LinkDecision:
    shares: dict[str, Decimal] = field(default_factory=dict)  # ISWC -> weight
    conflict: bool = False


def links_decide(*, claims: Iterable[Claim]) -> LinkDecision:
    """The works a recording belongs to, and their shares, by the rules above."""
    claims = list(claims)
    staff = [c for c in claims if c.source == ADMIN_SOURCE]
    counted = staff or claims
    by_source: dict[str, set[str]] = defaultdict(set)
    for claim in counted:
        by_source[claim.source].add(claim.iswc)
    if len({frozenset(works) for works in by_source.values()}) > 1:
        return LinkDecision(conflict=True)
    given: dict[str, Decimal] = {}
    for claim in sorted(counted, key=lambda c: c.source):
        if claim.share is not None and claim.share > 0:
            given.setdefault(claim.iswc, claim.share)
    works = {claim.iswc for claim in counted}
    if works and given.keys() == works:
        return LinkDecision(shares=given)
    return LinkDecision(shares=dict.fromkeys(works, Decimal(1)))


def claims_by_source(*, claims: Iterable[Claim]) -> dict[str, list[str]]:
    """Each source's works, sorted: what a review item shows."""
    by_source: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        by_source[claim.source].add(claim.iswc)
    return {source: sorted(works) for source, works in sorted(by_source.items())}
