"""Per-ISRC EUR sums kept on PostgreSQL (migration 0016), for unmatched revenue.

Three tables, created by SQL, no foreign keys, kept in the transaction of
every import, replace and delete beside the per-resource sums (``sums``):

- ``dsrs_isrc_dsr_total``: per DSR and key, the usages, the exact revenue in
  the DSR's currency and its EUR amount. The key is the ISRC the lines report
  (normal form, ``isrcs.usage_isrc_decided``), or for lines without a valid
  ISRC '' and the resource (``dsp``, ``dsp_id``) with what the lines said
  (``reported_isrc``). The EUR amount is ``services.summaries.eur_amount``'s:
  Σ revenue ÷ the DSR's rate, rounded half-even to 31 places, computed
  exactly in SQL (``eur_amount_sql``).
- ``dsrs_isrc_total``: per key over all ingested DSRs, the sums of those
  parts (and how many DSRs report it), indexed on EUR descending then key:
  the order of ``GET /revenue/unmatched``.
- ``dsrs_isrc_dsr_sum``: per DSR, the sum of its parts, the whole an
  unmatched row's share is a fraction of.
"""

from collections.abc import Sequence

from django.db import connection

from common.db import sql_id_list
from dsrs.parsers.plain import isrc_read
from dsrs.storage.postgresql.heads import (
    ISRCS,
    head_brace,
    head_rebuild,
    head_settle,
    head_statement,
    head_take_sql,
)
from dsrs.storage.postgresql.isrcs import usage_isrc_decided, usage_isrc_key

UNICODE = "dsrs_isrc_unicode"
GONE = "dsrs_isrc_gone"
KEY = "isrc, dsp, dsp_id, reported_isrc"
_KEY_MATCH = " AND ".join(
    f"t.{column} = x.{column}" for column in ("isrc", "dsp", "dsp_id", "reported_isrc")
)
_PLACES = "1e31"


def eur_amount_sql(*, amount: str, rate: str, quotient: str) -> str:
    """``amount`` ÷ ``rate`` rounded half-even to 31 places, exactly.

    ``quotient`` must be ``div(amount * 1e31, rate)`` (truncated toward
    zero); the remainder then decides the last place: more than half away
    from zero, exactly half to the even neighbour. ``rate`` is positive.
    """
    twice_rest = f"2 * abs({amount} * {_PLACES} - {quotient} * {rate})"
    return (
        f"(({quotient} + CASE WHEN {twice_rest} > {rate} OR ({twice_rest} = {rate} "
        f"AND mod({quotient}, 2) <> 0) THEN sign({amount}) ELSE 0 END) * 1e-31)"
    )


_TOTALS_SQL = """, totals AS (
    INSERT INTO dsrs_isrc_total AS t ({key}, usages, revenue_eur, dsrs)
    SELECT {key}, usages, revenue_eur, 1 FROM parts ORDER BY {key}
    ON CONFLICT ({key}) DO UPDATE SET
        usages = t.usages + EXCLUDED.usages,
        revenue_eur = t.revenue_eur + EXCLUDED.revenue_eur,
        dsrs = t.dsrs + 1
    RETURNING {returned}
), {head}"""
# Every DSR's parts summed at once (``isrc_sums_rebuild``).
_TOTALS_REBUILD_SQL = f"""
INSERT INTO dsrs_isrc_total ({KEY}, usages, revenue_eur, dsrs)
SELECT {KEY}, SUM(usages), SUM(revenue_eur), count(*)
FROM dsrs_isrc_dsr_total GROUP BY {KEY}
"""

_ADD_SQL = """
WITH lines AS (
    -- OFFSET 0: the key is computed once per line, not once per use.
    SELECT u.resource_id, u.isrc AS reported, u.usages, u.revenue, {line_key} AS k
    FROM {usages} AS u WHERE u.dsr_id = {dsr_id} OFFSET 0
), decided AS (
    SELECT lines.*, {decided} AS isrc FROM lines
), grouped AS (
    SELECT isrc, CASE WHEN isrc = '' THEN resource_id END AS resource_id,
           CASE WHEN isrc = '' THEN reported ELSE '' END AS reported,
           SUM(usages) AS usages, SUM(revenue) AS revenue
    FROM decided GROUP BY 1, 2, 3
), parts AS (
    INSERT INTO dsrs_isrc_dsr_total
        (dsr_id, {key}, usages, revenue, revenue_eur)
    SELECT d.id, g.isrc,
        COALESCE((SELECT r.dsp FROM dsrs_resource AS r WHERE r.id = g.resource_id), ''),
        COALESCE((SELECT r.dsp_id FROM dsrs_resource AS r
                  WHERE r.id = g.resource_id), ''),
        g.reported, g.usages, g.revenue, {eur}
    FROM grouped AS g
    JOIN dsrs_dsr AS d ON d.id = {dsr_id} AND d.status = 'ingested',
    LATERAL (SELECT div(g.revenue * 1e31, d.eur_rate) AS q) AS q
    RETURNING {key}, usages, revenue_eur
){totals}
INSERT INTO dsrs_isrc_dsr_sum (dsr_id, usages, revenue_eur)
SELECT {dsr_id}, SUM(usages), SUM(revenue_eur) FROM parts HAVING count(*) > 0
"""


def isrc_sums_add(
    *, dsr_id: int, usages_table: str, cursor=None, totals: bool = True
) -> None:
    """Add the per-ISRC sums of one ingested DSR's usages, read from
    ``usages_table`` (its new partition, or ``dsrs_usage``), in one pass:
    its per-DSR rows and DSR sum, then the all-DSR totals and the head of
    their ranking (``heads``), unless ``totals`` is false (a rebuild sums
    the totals once, at the end).

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
    unicode_table = _unicode_decide(cursor, usages_table, dsr_id)
    decided = usage_isrc_decided(key="lines.k", unicode_table=unicode_table)
    eur = eur_amount_sql(amount="g.revenue", rate="d.eur_rate", quotient="q.q")
    cursor.execute(
        _ADD_SQL.format(
            usages=usages_table,
            dsr_id=dsr_id,
            line_key=usage_isrc_key(column="u.isrc"),
            decided=decided,
            eur=eur,
            key=KEY,
            totals=_TOTALS_SQL.format(
                key=KEY,
                returned=", ".join(f"t.{c}" for c in ISRCS.key + ISRCS.values),
                head=", ".join(
                    head_take_sql(head=ISRCS, changed="totals", may_fall=False)
                ),
            )
            if totals
            else "",
        )
    )
    if unicode_table:
        cursor.execute(f"DROP TABLE {unicode_table}")
    if totals:
        head_settle(cursor=cursor, head=ISRCS)


def _unicode_decide(cursor, usages_table: str, dsr_id: int) -> str | None:
    """The few lines whose ISRC is not printable ASCII have no key: the rule
    decides each value they report, in Python, into a temporary table (read
    through the key's index); ``None`` when there are none."""
    cursor.execute(
        f"SELECT DISTINCT isrc FROM {usages_table} "
        f"WHERE dsr_id = {dsr_id} AND {usage_isrc_key()} IS NULL"
    )
    reported = [value for (value,) in cursor.fetchall()]
    if not reported:
        return None
    decided = []
    for value in reported:
        isrc, valid = isrc_read(value) if value else ("", False)
        decided.append((value, isrc if valid else ""))
    cursor.execute(f"DROP TABLE IF EXISTS {UNICODE}")
    cursor.execute(f"CREATE TEMPORARY TABLE {UNICODE} (reported text, isrc text)")
    cursor.executemany(f"INSERT INTO {UNICODE} VALUES (%s, %s)", decided)
    return UNICODE


_GONE_SQL = """
CREATE TEMPORARY TABLE {gone} AS
SELECT {key}, SUM(usages) AS usages, SUM(revenue_eur) AS revenue_eur,
       count(*) AS dsrs
FROM dsrs_isrc_dsr_total WHERE dsr_id IN ({ids})
GROUP BY {key}
"""


def isrc_sums_remove(*, dsr_ids: Sequence[int]) -> None:
    """Take these DSRs out of the per-ISRC sums, before their usages go:
    the keys no other DSR reports go, the others are subtracted from."""
    if not dsr_ids:
        return
    ids = sql_id_list(dsr_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {GONE}")
        cursor.execute(_GONE_SQL.format(gone=GONE, key=KEY, ids=ids))
        cursor.execute(f"ANALYZE {GONE}")
        # Keys no other DSR reports go, from the totals and their head.
        for table in ("dsrs_isrc_total", ISRCS.table):
            cursor.execute(
                f"DELETE FROM {table} AS t USING {GONE} AS x "
                f"WHERE {_KEY_MATCH} AND t.dsrs = x.dsrs"
            )
        changing = (
            "UPDATE dsrs_isrc_total AS t SET usages = t.usages - x.usages, "
            "revenue_eur = t.revenue_eur - x.revenue_eur, dsrs = t.dsrs - x.dsrs "
            f"FROM {GONE} AS x WHERE {_KEY_MATCH}"
        )
        cursor.execute(
            head_statement(head=ISRCS, changing=changing, alias="t", may_fall=True)
        )
        cursor.execute(f"DROP TABLE {GONE}")
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

    For archives written without the importer (the bench's) and repairs.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE dsrs_isrc_dsr_total, dsrs_isrc_total, dsrs_isrc_dsr_sum"
        )
        cursor.execute("SELECT id FROM dsrs_dsr WHERE status = 'ingested' ORDER BY id")
        dsr_ids = [dsr_id for (dsr_id,) in cursor.fetchall()]
        for dsr_id in dsr_ids:
            isrc_sums_add(
                dsr_id=dsr_id, usages_table="dsrs_usage", cursor=cursor, totals=False
            )
        cursor.execute(_TOTALS_REBUILD_SQL)
        # Filtered answers aggregate the per-DSR rows: plan them for their size.
        cursor.execute("ANALYZE dsrs_isrc_dsr_total")
        head_rebuild(cursor=cursor, head=ISRCS)
    return len(dsr_ids)
