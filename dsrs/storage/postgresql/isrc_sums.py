"""Per-ISRC EUR sums kept on PostgreSQL (migrations 0016, 0019), for unmatched revenue.

Four tables, created by SQL, no foreign keys:

- ``dsrs_isrc_dsr_total``: the parts of each folded DSR (``isrc_parts``).
- ``dsrs_isrc_total``: per key over all folded DSRs, the sums of those parts
  (and how many DSRs report it), with the head of their ranking (``heads``):
  the order of ``GET /revenue/unmatched``.
- ``dsrs_isrc_territory_total`` (migration 0019): the same per territory,
  indexed in the answer's order within each territory: the unmatched answer
  filtered by territory alone reads it.
- ``dsrs_isrc_dsr_sum``: per folded DSR, the sum of its parts (the whole an
  unmatched row's share is a fraction of); a DSR is folded when it has one.

An import does not write them: a million-line DSR changes about a million
totals, which would make the import half as slow again. Once it commits,
``isrc_sums_fold`` (a task, ``dsrs.tasks``) adds every ingested DSR not
folded yet, one transaction per DSR; until then readers compute its parts
from its usages (``isrc_ranking``), so answers never wait for the fold. A
replace or delete takes the DSR out in its own transaction
(``isrc_sums_remove``). Folds and removals take turns on one advisory lock.
"""

from collections.abc import Sequence

from django.db import connection, transaction

from common.db import sql_id_list
from dsrs.storage.postgresql.heads import (
    ISRCS,
    head_brace,
    head_rebuild,
    head_settle,
    head_statement,
    head_take_sql,
)
from dsrs.storage.postgresql.isrc_parts import (
    KEY,
    PART_COLUMNS,
    isrc_parts_done,
    isrc_parts_sql,
    key_match_sql,
    key_sql,
)
from dsrs.storage.postgresql.session import session_tune

GONE = "dsrs_isrc_gone"
GONE_TERRITORY = "dsrs_isrc_gone_territory"
# Folds and removals of per-ISRC sums take turns on this transaction lock.
FOLD_LOCK = 0x64737273_69737263  # "dsrsisrc"
_KEY_MATCH = key_match_sql(left="t", right="x")
# The ingested DSRs whose parts are not in the tables yet.
PENDING_SQL = (
    "SELECT d.id FROM dsrs_dsr AS d WHERE d.status = 'ingested' AND NOT EXISTS "
    "(SELECT 1 FROM dsrs_isrc_dsr_sum AS s WHERE s.dsr_id = d.id)"
)

_TOTALS_SQL = """, totals AS (
    INSERT INTO dsrs_isrc_total AS t ({key}, usages, revenue_eur, dsrs)
    SELECT {key}, usages, revenue_eur, 1 FROM stored ORDER BY {key}
    ON CONFLICT ({key}) DO UPDATE SET
        usages = t.usages + EXCLUDED.usages,
        revenue_eur = t.revenue_eur + EXCLUDED.revenue_eur,
        dsrs = t.dsrs + 1
    RETURNING {returned}
), territory AS (
    INSERT INTO dsrs_isrc_territory_total AS t
        (territory_id, {key}, usages, revenue_eur, dsrs)
    SELECT (SELECT territory_id FROM dsrs_dsr WHERE id = {dsr_id}),
           {key}, usages, revenue_eur, 1
    FROM stored ORDER BY {key}
    ON CONFLICT (territory_id, {key}) DO UPDATE SET
        usages = t.usages + EXCLUDED.usages,
        revenue_eur = t.revenue_eur + EXCLUDED.revenue_eur,
        dsrs = t.dsrs + 1
), {head}"""
_P_KEY = key_sql(alias="p")
# Every DSR's parts summed at once (``isrc_sums_rebuild``): per territory,
# then over the territories; each in key order, so that the primary keys
# are written in order.
_TOTALS_REBUILD_SQL = f"""
INSERT INTO dsrs_isrc_territory_total
    (territory_id, {KEY}, usages, revenue_eur, dsrs)
SELECT d.territory_id, {_P_KEY}, SUM(p.usages), SUM(p.revenue_eur), count(*)
FROM dsrs_isrc_dsr_total AS p JOIN dsrs_dsr AS d ON d.id = p.dsr_id
GROUP BY d.territory_id, {_P_KEY} ORDER BY d.territory_id, {_P_KEY};
INSERT INTO dsrs_isrc_total ({KEY}, usages, revenue_eur, dsrs)
SELECT {KEY}, SUM(usages), SUM(revenue_eur), SUM(dsrs)
FROM dsrs_isrc_territory_total GROUP BY {KEY} ORDER BY {KEY};
"""
_ADD_SQL = """{parts}, stored AS (
    INSERT INTO dsrs_isrc_dsr_total ({columns}) SELECT {columns} FROM parts
    RETURNING {key}, usages, revenue_eur
){totals}
INSERT INTO dsrs_isrc_dsr_sum (dsr_id, usages, revenue_eur)
SELECT {dsr_id}, COALESCE(SUM(usages), 0), COALESCE(SUM(revenue_eur), 0) FROM stored
HAVING EXISTS (SELECT 1 FROM dsrs_dsr WHERE id = {dsr_id} AND status = 'ingested')
"""


def isrc_sums_fold() -> list[int]:
    """Add every ingested DSR not folded yet, oldest first, each in its own
    transaction; return their ids. Safe to run twice, or beside itself: each
    DSR is taken under the lock, and only while it is still pending."""
    folded = []
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
            session_tune()
            cursor.execute(f"{PENDING_SQL} ORDER BY d.id LIMIT 1")
            row = cursor.fetchone()
            if row is None:
                return folded
            isrc_sums_add(dsr_id=row[0], usages_table="dsrs_usage", cursor=cursor)
        folded.append(row[0])


def isrc_sums_pending(*, cursor, dsr_ids: Sequence[int] | None = None) -> list[int]:
    """The DSRs not folded yet, of ``dsr_ids`` (``None``: of all)."""
    query = PENDING_SQL
    if dsr_ids is not None:
        query += f" AND d.id IN ({sql_id_list(dsr_ids)})"
    cursor.execute(f"{query} ORDER BY d.id")
    return [dsr_id for (dsr_id,) in cursor.fetchall()]


def isrc_sums_add(
    *, dsr_id: int, usages_table: str, cursor=None, totals: bool = True
) -> None:
    """Add the per-ISRC sums of one ingested DSR's usages, read from
    ``usages_table`` (its partition, or ``dsrs_usage``), in one pass: its
    parts and DSR sum, then the all-DSR totals and the head of their ranking
    (``heads``), unless ``totals`` is false (a rebuild sums the totals once,
    at the end).

    ``cursor`` is Django's by default; the bench's archive passes its own.
    """
    if cursor is None:
        with connection.cursor() as cursor:
            return isrc_sums_add(
                dsr_id=dsr_id, usages_table=usages_table, cursor=cursor, totals=totals
            )
    dsr_id = int(dsr_id)
    if totals:
        cursor.execute(f"SELECT count(*) FROM {usages_table} WHERE dsr_id = {dsr_id}")
        head_brace(cursor=cursor, head=ISRCS, rows=cursor.fetchone()[0])
    parts = isrc_parts_sql(cursor=cursor, dsr_ids=[dsr_id], usages_table=usages_table)
    returned = ", ".join(f"t.{c}" for c in ISRCS.key + ISRCS.values)
    head = ", ".join(head_take_sql(head=ISRCS, changed="totals", may_fall=False))
    cursor.execute(
        _ADD_SQL.format(
            parts=parts,
            columns=PART_COLUMNS,
            key=KEY,
            dsr_id=dsr_id,
            totals=_TOTALS_SQL.format(
                key=KEY, returned=returned, head=head, dsr_id=dsr_id
            )
            if totals
            else "",
        )
    )
    isrc_parts_done(cursor=cursor)
    if totals:
        head_settle(cursor=cursor, head=ISRCS)


# The parts going, per territory and key; then per key.
_GONE_SQL = """
CREATE TEMPORARY TABLE {gone_territory} AS
SELECT d.territory_id, {p_key}, SUM(p.usages) AS usages,
       SUM(p.revenue_eur) AS revenue_eur, count(*) AS dsrs
FROM dsrs_isrc_dsr_total AS p JOIN dsrs_dsr AS d ON d.id = p.dsr_id
WHERE p.dsr_id IN ({ids})
GROUP BY d.territory_id, {p_key};
CREATE TEMPORARY TABLE {gone} AS
SELECT {key}, SUM(usages) AS usages, SUM(revenue_eur) AS revenue_eur,
       SUM(dsrs) AS dsrs
FROM {gone_territory} GROUP BY {key};
ANALYZE {gone_territory};
ANALYZE {gone};
"""
_SUBTRACT_SQL = (
    "UPDATE {table} AS t SET usages = t.usages - x.usages, "
    "revenue_eur = t.revenue_eur - x.revenue_eur, dsrs = t.dsrs - x.dsrs "
    "FROM {gone} AS x WHERE {match}"
)


def isrc_sums_remove(*, dsr_ids: Sequence[int]) -> None:
    """Take these DSRs out of the per-ISRC sums, before their usages and
    rows go: the keys no other DSR reports go, the others are subtracted
    from. A DSR not folded yet has nothing to take out."""
    if not dsr_ids:
        return
    ids = sql_id_list(dsr_ids)
    territory_match = f"t.territory_id = x.territory_id AND {_KEY_MATCH}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        cursor.execute(f"DROP TABLE IF EXISTS {GONE}, {GONE_TERRITORY}")
        cursor.execute(
            _GONE_SQL.format(
                gone=GONE,
                gone_territory=GONE_TERRITORY,
                key=KEY,
                p_key=_P_KEY,
                ids=ids,
            )
        )
        # Keys no other DSR reports go, from the totals and their head.
        for table, gone, match in (
            ("dsrs_isrc_total", GONE, _KEY_MATCH),
            (ISRCS.table, GONE, _KEY_MATCH),
            ("dsrs_isrc_territory_total", GONE_TERRITORY, territory_match),
        ):
            cursor.execute(
                f"DELETE FROM {table} AS t USING {gone} AS x "
                f"WHERE {match} AND t.dsrs = x.dsrs"
            )
        changing = _SUBTRACT_SQL.format(
            table="dsrs_isrc_total", gone=GONE, match=_KEY_MATCH
        )
        cursor.execute(
            head_statement(head=ISRCS, changing=changing, alias="t", may_fall=True)
        )
        cursor.execute(
            _SUBTRACT_SQL.format(
                table="dsrs_isrc_territory_total",
                gone=GONE_TERRITORY,
                match=territory_match,
            )
        )
        cursor.execute(f"DROP TABLE {GONE}, {GONE_TERRITORY}")
        for table in ("dsrs_isrc_dsr_total", "dsrs_isrc_dsr_sum"):
            cursor.execute(f"DELETE FROM {table} WHERE dsr_id IN ({ids})")
        head_settle(cursor=cursor, head=ISRCS)


def isrc_sums_refresh(*, resource_ids: Sequence[int]) -> None:
    """Recompute the per-ISRC sums of the DSRs reporting these resources
    from their usages: for usages written without the importer."""
    if not resource_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT dsr_id FROM dsrs_usage "
            f"WHERE resource_id IN ({sql_id_list(resource_ids)}) ORDER BY dsr_id"
        )
        dsr_ids = [dsr_id for (dsr_id,) in cursor.fetchall()]
    isrc_sums_remove(dsr_ids=dsr_ids)
    for dsr_id in dsr_ids:
        isrc_sums_add(dsr_id=dsr_id, usages_table="dsrs_usage")


def isrc_sums_rebuild() -> int:
    """Sum every ingested DSR afresh, from its usages; return how many.

    For archives written without the importer (the bench's) and repairs;
    one transaction, which readers wait for (``TRUNCATE``).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        session_tune()
        cursor.execute(
            "TRUNCATE dsrs_isrc_dsr_total, dsrs_isrc_total, "
            "dsrs_isrc_territory_total, dsrs_isrc_dsr_sum"
        )
        cursor.execute("SELECT id FROM dsrs_dsr WHERE status = 'ingested' ORDER BY id")
        dsr_ids = [dsr_id for (dsr_id,) in cursor.fetchall()]
        for dsr_id in dsr_ids:
            isrc_sums_add(
                dsr_id=dsr_id, usages_table="dsrs_usage", cursor=cursor, totals=False
            )
        cursor.execute(_TOTALS_REBUILD_SQL)
        # The answers' plans, for the tables' new sizes.
        cursor.execute(
            "ANALYZE dsrs_isrc_dsr_total, dsrs_isrc_territory_total, dsrs_isrc_total"
        )
        head_rebuild(cursor=cursor, head=ISRCS)
    return len(dsr_ids)
