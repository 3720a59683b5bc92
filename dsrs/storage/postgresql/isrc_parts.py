"""One DSR's per-ISRC EUR parts, computed from its usages in SQL.

A part is per DSR and key: the ISRC the lines report (normal form,
``isrcs.usage_isrc_decided``), or for lines without a valid ISRC '' and the
resource (``dsp``, ``dsp_id``) with what the lines said (``reported_isrc``);
its usages, exact revenue in the DSR's currency, and EUR amount. The EUR
amount is ``services.summaries.eur_amount``'s: Σ revenue ÷ the DSR's rate,
rounded half-even to 31 places, computed exactly in SQL (``eur_amount_sql``).

``isrc_sums`` stores the parts of folded DSRs; readers compute those of DSRs
not folded yet with the same statement (``isrc_parts_sql``), so an answer is
the same whether or not the fold has run.
"""

from collections.abc import Sequence

from common.db import sql_id_list
from dsrs.parsers.plain import isrc_read
from dsrs.storage.postgresql.isrcs import usage_isrc_decided, usage_isrc_key

UNICODE = "dsrs_isrc_unicode"
KEY_COLUMNS = ("isrc", "dsp", "dsp_id", "reported_isrc")
KEY = ", ".join(KEY_COLUMNS)
PART_COLUMNS = f"dsr_id, {KEY}, usages, revenue, revenue_eur"


def key_sql(*, alias: str) -> str:
    """The key's columns of the row ``alias``, as a select or group list."""
    return ", ".join(f"{alias}.{column}" for column in KEY_COLUMNS)


def key_match_sql(*, left: str, right: str) -> str:
    """The condition that rows ``left`` and ``right`` have the same key."""
    return " AND ".join(f"{left}.{c} = {right}.{c}" for c in KEY_COLUMNS)


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


# The CTE ``parts`` holds every part's columns (``PART_COLUMNS``).
_PARTS_SQL = """
WITH lines AS (
    -- OFFSET 0: the key is computed once per line, not once per use.
    SELECT u.dsr_id, u.resource_id, u.isrc AS reported, u.usages, u.revenue,
           {line_key} AS k
    FROM {usages} AS u WHERE u.dsr_id IN ({ids}) OFFSET 0
), decided AS (
    SELECT lines.*, {decided} AS isrc FROM lines
), grouped AS (
    SELECT dsr_id, isrc, CASE WHEN isrc = '' THEN resource_id END AS resource_id,
           CASE WHEN isrc = '' THEN reported ELSE '' END AS reported,
           SUM(usages) AS usages, SUM(revenue) AS revenue
    FROM decided GROUP BY 1, 2, 3, 4
), parts AS (
    SELECT d.id AS dsr_id, g.isrc,
        COALESCE((SELECT r.dsp FROM dsrs_resource AS r WHERE r.id = g.resource_id), '')
            AS dsp,
        COALESCE((SELECT r.dsp_id FROM dsrs_resource AS r
                  WHERE r.id = g.resource_id), '') AS dsp_id,
        g.reported AS reported_isrc, g.usages, g.revenue, {eur} AS revenue_eur
    FROM grouped AS g
    JOIN dsrs_dsr AS d ON d.id = g.dsr_id AND d.status = 'ingested',
    LATERAL (SELECT div(g.revenue * 1e31, d.eur_rate) AS q) AS q
)"""


def isrc_parts_sql(*, cursor, dsr_ids: Sequence[int], usages_table: str) -> str:
    """A ``WITH`` clause whose CTE ``parts`` holds the parts of the ingested
    DSRs among ``dsr_ids``, read from ``usages_table`` (a partition, or
    ``dsrs_usage``). The few lines whose ISRC is not printable ASCII are
    decided first, in Python, into a temporary table (``isrc_parts_done``
    drops it)."""
    ids = sql_id_list(dsr_ids)
    unicode_table = _unicode_decide(cursor, usages_table, ids)
    return _PARTS_SQL.format(
        usages=usages_table,
        ids=ids,
        line_key=usage_isrc_key(column="u.isrc"),
        decided=usage_isrc_decided(key="lines.k", unicode_table=unicode_table),
        eur=eur_amount_sql(amount="g.revenue", rate="d.eur_rate", quotient="q.q"),
    )


def isrc_parts_done(*, cursor) -> None:
    """Drop what ``isrc_parts_sql`` left behind."""
    cursor.execute(f"DROP TABLE IF EXISTS {UNICODE}")


def _unicode_decide(cursor, usages_table: str, ids: str) -> str | None:
    """The few lines whose ISRC is not printable ASCII have no key: the rule
    decides each value they report, in Python, into a temporary table (read
    through the key's index); ``None`` when there are none."""
    cursor.execute(
        f"SELECT DISTINCT isrc FROM {usages_table} "
        f"WHERE dsr_id IN ({ids}) AND {usage_isrc_key()} IS NULL"
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
