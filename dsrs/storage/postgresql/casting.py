"""A DSR's lines copied raw and cast in SQL; the parser reads the rest.

The recipe: ``COPY`` the decompressed data lines into a temporary table of
(line, raw text) while ``linerule``'s pattern finds, on the same chunks,
the lines the SQL must leave to the parser (``LineChunks``); one statement
splits every other line on tabs and stages it, cast. The left-over lines
are read back in file order for the parser, which gives their row, row
error or warning as it always did.
"""

import io
from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

from django.db import connection

from dsrs.storage.postgresql.chunks import DELIMITER, QUOTE, LineChunks
from dsrs.storage.postgresql.linerule import line_leftover_pattern
from dsrs.storage.sql import STAGING

LINES = "dsrs_staging_lines"
LEFTOVERS = "dsrs_staging_leftovers"

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
_LEFT_OVER = f"""
    WHERE NOT EXISTS (SELECT FROM {LEFTOVERS} AS o WHERE o.line = {LINES}.line)
"""

# The pattern lets through only lines whose fields need no stripping and
# whose numbers cast exactly. Missing optional columns are index 0: NULL.
# Empty numbers stay NULL here, to be counted, then become 0.
# OFFSET 0 splits each line once, not once per field.
_CAST_SQL = f"""
    WITH staged AS (
        INSERT INTO {STAGING} (line, dsp_id, title, artists, isrc, usages, revenue)
        SELECT line, f[%(dsp_id)s], coalesce(f[%(title)s], ''),
               coalesce(f[%(artists)s], ''), coalesce(f[%(isrc)s], ''),
               nullif(f[%(usages)s], '')::bigint, nullif(f[%(revenue)s], '')::numeric
        FROM (
            SELECT line, string_to_array(raw, E'\\t') AS f FROM {LINES} {{left_over}}
            OFFSET 0
        ) AS split
        RETURNING usages IS NULL AS usages_empty, revenue IS NULL AS revenue_empty,
                  isrc
    )
    SELECT count(*), count(*) FILTER (WHERE usages_empty),
           count(*) FILTER (WHERE revenue_empty), count(*) FILTER (WHERE isrc = ''),
           count(*) FILTER (WHERE isrc <> '' AND NOT left(isrc, 2) = ANY(%(countries)s))
    FROM staged
"""
_EMPTY_NUMBERS_SQL = f"""
    UPDATE {STAGING} SET usages = coalesce(usages, 0), revenue = coalesce(revenue, 0)
    WHERE usages IS NULL OR revenue IS NULL
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
        self.left_over = 0

    def copy(
        self,
        *,
        stream: BinaryIO,
        columns: dict[str, int],
        width: int,
        max_line_bytes: int,
        max_field_chars: int,
    ) -> str:
        """COPY the lines after the header; return why not ("" when done).

        ``columns`` and ``width`` are the header's. A refused file leaves no
        lines behind.
        """
        execute = self.cursor.execute
        for table in (LINES, LEFTOVERS):
            execute(f"DROP TABLE IF EXISTS {table}")
        execute(_LINES_CREATE_SQL)
        pattern = line_leftover_pattern(
            columns=columns, width=width, max_field_chars=max_field_chars
        )
        chunks = LineChunks(stream, max_line_bytes=max_line_bytes, leftover=pattern)
        self.cursor.copy_expert(_COPY_SQL, chunks)
        if chunks.refused:
            execute(f"DROP TABLE {LINES}")
            return chunks.refused
        execute(f"CREATE TEMPORARY TABLE {LEFTOVERS} (line integer PRIMARY KEY)")
        self.left_over = len(chunks.leftovers)
        if self.left_over:
            numbers = "\n".join(map(str, chunks.leftovers))
            self.cursor.copy_expert(
                f"COPY {LEFTOVERS} FROM STDIN", io.StringIO(numbers)
            )
        return ""

    def cast(self, *, columns: dict[str, int], isrc_countries: list[str]) -> LinesCast:
        """Stage every line but the left-over ones; count their warnings."""
        names = ("dsp_id", "title", "artists", "isrc", "usages", "revenue")
        params = {name: columns[name] + 1 if name in columns else 0 for name in names}
        params["countries"] = isrc_countries
        left_over = _LEFT_OVER if self.left_over else ""
        self.cursor.execute(_CAST_SQL.format(left_over=left_over), params)
        cast = LinesCast(*self.cursor.fetchone())
        if cast.usages_empty or cast.revenue_empty:
            self.cursor.execute(_EMPTY_NUMBERS_SQL)
        return cast

    def leftovers(self, *, batch_rows: int) -> Iterator[list[tuple[int, bytes]]]:
        """The lines left to the parser, in file order, as (line, raw bytes)."""
        execute = self.cursor.execute
        if self.left_over:
            execute(
                f"DECLARE dsrs_leftovers NO SCROLL CURSOR FOR "
                f"SELECT line, raw FROM {LINES} JOIN {LEFTOVERS} USING (line) "
                "ORDER BY line"
            )
            while batch := self._fetch(batch_rows):
                yield [(line, raw.encode()) for line, raw in batch]
            execute("CLOSE dsrs_leftovers")
        for table in (LINES, LEFTOVERS):
            execute(f"DROP TABLE {table}")

    def _fetch(self, rows: int) -> list[tuple[int, str]]:
        self.cursor.execute("FETCH %s FROM dsrs_leftovers", [rows])
        return self.cursor.fetchall()
