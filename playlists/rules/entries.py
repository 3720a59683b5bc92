"""The first record at a position of a crawl wins; later ones are duplicates.

``entries_first_wins`` is the rule; ``ENTRIES_FIRST_WINS_SQL`` is its twin,
which the import runs over a file's staged records in place of ON CONFLICT
(``playlists.services.crawls``). ``tests/playlists/rules/test_entries.py``
holds them equal.
"""

from collections.abc import Iterable

# Over ``{candidates}``, a query of (snapshot_id, position, idx, video_id):
# the (snapshot_id, position, video_id) of the record of least idx at each
# position, in the order of the entries' unique index.
ENTRIES_FIRST_WINS_SQL = """
    SELECT ranked.snapshot_id, ranked.position, ranked.video_id
    FROM (
        SELECT candidates.snapshot_id, candidates.position, candidates.video_id,
               ROW_NUMBER() OVER (
                   PARTITION BY candidates.snapshot_id, candidates.position
                   ORDER BY candidates.idx
               ) AS rank
        FROM ({candidates}) AS candidates
    ) AS ranked
    WHERE ranked.rank = 1
    ORDER BY ranked.snapshot_id, ranked.position
"""


def entries_first_wins(
    *, records: Iterable[tuple[int, int, int, int]]
) -> list[tuple[int, int, int]]:
    """``records`` as (snapshot, position, idx, video): the (snapshot, position,
    video) of the record of least idx at each position, in key order."""
    first: dict[tuple[int, int], tuple[int, int]] = {}
    for snapshot, position, idx, video in records:
        kept = first.get((snapshot, position))
        if kept is None or idx < kept[0]:
            first[snapshot, position] = (idx, video)
    return [(*key, video) for key, (_, video) in sorted(first.items())]
