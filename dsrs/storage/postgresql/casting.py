"""A DSR's lines copied raw, validated and cast in SQL, the rest left over.

The recipe: ``COPY`` the decompressed data lines into a temporary table of
(line, raw text), then one statement splits them on tabs and stages, cast,
every line the Python parser would certainly read the same way with no
warning other than the four counted here; every other line (blank, wrong
field count, any whitespace the SQL does not trim like ``str.strip``, an
exponent, a minus sign, a spaced or lower-case ISRC, any field out of
bounds) is left over for the Python parser, which gives its row, its row
error or its warning as it always did.
"""

from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

from django.db import connection

from dsrs.parsers import DSP_ID_MAX_LENGTH
from dsrs.parsers.numbers import REVENUE_DECIMAL_PLACES, REVENUE_INTEGER_DIGITS
from dsrs.storage.postgresql.chunks import DELIMITER, QUOTE, LineChunks
from dsrs.storage.sql import STAGING

LINES = "dsrs_staging_lines"
LEFTOVERS = "dsrs_staging_leftovers"
# What ``str.strip()`` strips: every character ``str.isspace`` accepts.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_USAGES_DIGITS = 18  # any 18 digits fit a bigint

# Line numbers count from the header's line 1; COPY keeps the file's order.
_LINES_CREATE_SQL = f"""
    CREATE TEMPORARY TABLE {LINES} (
        line integer GENERATED ALWAYS AS IDENTITY (START WITH 2), raw text
    )
"""
_COPY_SQL = (
    f"COPY {LINES} (raw) FROM STDIN WITH (FORMAT csv, "
    f"DELIMITER E'\\x{DELIMITER.hex()}', QUOTE E'\\x{QUOTE.hex()}', "
    "FORCE_NOT_NULL (raw))"
)

# Missing optional columns are index 0: NULL, read as empty.
_FIELDS_SQL = f"""
    SELECT line, raw, cardinality(f) = %(width)s AS shaped,
           btrim(f[%(dsp_id)s], %(ws)s) AS dsp_id,
           btrim(coalesce(f[%(title)s], ''), %(ws)s) AS title,
           btrim(coalesce(f[%(artists)s], ''), %(ws)s) AS artists,
           btrim(coalesce(f[%(isrc)s], ''), %(ws)s) AS isrc,
           btrim(f[%(usages)s], %(ws)s) COLLATE "C" AS usages,
           btrim(f[%(revenue)s], %(ws)s) COLLATE "C" AS revenue,
           greatest(char_length(f[%(title)s]), char_length(f[%(artists)s]),
                    char_length(f[%(isrc)s])) AS text_chars
    FROM (SELECT line, raw, string_to_array(raw, E'\\t') AS f FROM {LINES}) AS s
"""

# The conservative test: true only where the Python parser gives this row.
_FAST = f"""coalesce(
    shaped
    AND char_length(dsp_id) BETWEEN 1 AND {DSP_ID_MAX_LENGTH}
    AND coalesce(text_chars, 0) <= %(max_chars)s
    AND (usages = '' OR usages ~ '^[0-9]{{1,{_USAGES_DIGITS}}}$')
    AND (revenue = '' OR (
        revenue ~ '^[0-9]+([.][0-9]+)?$'
        AND length(ltrim(split_part(revenue, '.', 1), '0'))
            <= {REVENUE_INTEGER_DIGITS}
        AND length(rtrim(split_part(revenue, '.', 2), '0'))
            <= {REVENUE_DECIMAL_PLACES}))
    AND (isrc = '' OR isrc COLLATE "C" ~ '^[A-Z]{{2}}[A-Z0-9]{{3}}[0-9]{{7}}$'),
    false)"""

_CAST_SQL = f"""
    WITH cast_lines AS MATERIALIZED (
        SELECT fields.*, {_FAST} AS fast FROM ({_FIELDS_SQL}) AS fields
    ), staged AS (
        INSERT INTO {STAGING} (line, dsp_id, title, artists, isrc, usages, revenue)
        SELECT line, dsp_id, title, artists, isrc,
               CASE WHEN usages = '' THEN 0 ELSE usages::bigint END,
               CASE WHEN revenue = '' THEN 0 ELSE revenue::numeric END
        FROM cast_lines WHERE fast
    ), left_over AS (
        INSERT INTO {LEFTOVERS} (line, raw)
        SELECT line, raw FROM cast_lines WHERE NOT fast
    )
    SELECT count(*),
           count(*) FILTER (WHERE usages = ''),
           count(*) FILTER (WHERE revenue = ''),
           count(*) FILTER (WHERE isrc = ''),
           count(*) FILTER (WHERE isrc <> '' AND left(isrc, 2) <> ALL(%(countries)s))
    FROM cast_lines WHERE fast
"""


class LinesCast(NamedTuple):
    """How many lines were staged in SQL, and the warnings they carry."""

    rows: int
    usages_empty: int
    revenue_empty: int
    isrc_empty: int
    isrc_invalid: int


class RawLines:
    """A DSR's data lines in a temporary table, cast into the staging table."""

    def __init__(self) -> None:
        self.cursor = connection.cursor()

    def copy(self, *, stream: BinaryIO, max_line_bytes: int) -> str:
        """COPY the lines after the header; return why not ("" when done).

        A refused file leaves no lines behind.
        """
        execute = self.cursor.execute
        for table in (LINES, LEFTOVERS):
            execute(f"DROP TABLE IF EXISTS {table}")
        execute(_LINES_CREATE_SQL)
        chunks = LineChunks(stream, max_line_bytes=max_line_bytes)
        self.cursor.copy_expert(_COPY_SQL, chunks)
        if chunks.refused:
            execute(f"DROP TABLE {LINES}")
        return chunks.refused

    def cast(
        self,
        *,
        columns: dict[str, int],
        width: int,
        max_field_chars: int,
        isrc_countries: list[str],
    ) -> LinesCast:
        """Stage the lines that pass the test; keep the others for ``leftovers``."""
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {LEFTOVERS} (line integer, raw text)"
        )
        names = ("dsp_id", "title", "artists", "isrc", "usages", "revenue")
        params = {name: columns[name] + 1 if name in columns else 0 for name in names}
        params |= {
            "width": width,
            "ws": WHITESPACE,
            "max_chars": max_field_chars,
            "countries": isrc_countries,
        }
        self.cursor.execute(_CAST_SQL, params)
        cast = LinesCast(*self.cursor.fetchone())
        self.cursor.execute(f"DROP TABLE {LINES}")
        return cast

    def leftovers(self, *, batch_rows: int) -> Iterator[list[tuple[int, bytes]]]:
        """The lines the SQL did not stage, in file order, as (line, raw bytes)."""
        execute = self.cursor.execute
        execute(
            f"DECLARE dsrs_leftovers NO SCROLL CURSOR FOR "
            f"SELECT line, raw FROM {LEFTOVERS} ORDER BY line"
        )
        while True:
            execute("FETCH %s FROM dsrs_leftovers", [batch_rows])
            batch = self.cursor.fetchall()
            if not batch:
                break
            yield [(line, raw.encode()) for line, raw in batch]
        execute("CLOSE dsrs_leftovers")
        execute(f"DROP TABLE {LEFTOVERS}")
