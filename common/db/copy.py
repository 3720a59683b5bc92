"""PostgreSQL's ``COPY ... FROM STDIN`` in its text format, escaped in one place.

In the text format a tab ends a field, a newline ends a row, a backslash
starts an escape and a NULL is written as a mark (``\\N`` unless the
statement names another). Texts holding one of those characters are
escaped; they are rare, so a line is written as it is first and escaped only
when a count shows it holds one.
"""

import functools
import io
from collections.abc import Sequence

COPY_NULL = "\\N"

NULL_INVALID = (
    "a COPY NULL mark is \\N or one ASCII character other than a tab, a newline "
    "or a backslash, got {null!r}"
)

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


@functools.cache
def _escapes(null: str) -> dict[int, str]:
    escapes = dict(_ESCAPES)
    if null != COPY_NULL:
        if len(null) != 1 or not null.isascii() or null in _ESCAPES:
            raise ValueError(NULL_INVALID.format(null=null))
        # A text holding the mark itself must not read back as NULL.
        escapes[null] = f"\\x{ord(null):02x}"
    return str.maketrans(escapes)


def copy_field(value: object, *, null: str = COPY_NULL) -> str:
    """One field as COPY reads it back: ``None`` is NULL, anything else its
    ``str``."""
    table = _escapes(null)
    if value is None:
        return null
    return str(value).translate(table)


def copy_line(row: Sequence[object], *, null: str = COPY_NULL) -> str:
    """One row as a line of the text format, with its newline."""
    line = "\t".join([null if value is None else str(value) for value in row])
    nulls = row.count(None)
    if (
        line.count("\t") != len(row) - 1
        or line.count("\\") != nulls * null.count("\\")
        or line.count(null) != nulls
        or "\n" in line
        or "\r" in line
    ):
        line = "\t".join([copy_field(value, null=null) for value in row])
    return line + "\n"


def copy_text(rows: Sequence[Sequence[object]], *, null: str = COPY_NULL) -> str:
    """``rows`` as lines of the text format, ready for ``copy_text_write``."""
    _escapes(null)  # an invalid mark fails before any row is written
    return "".join([copy_line(row, null=null) for row in rows])


def copy_text_write(
    cursor,
    *,
    table: str,
    text: str,
    columns: Sequence[str] | None = None,
    null: str = COPY_NULL,
) -> None:
    """Write the lines of ``copy_text`` into ``table`` (its ``columns``, or all
    in order) by COPY."""
    if not text:
        return
    target = f"{table} ({', '.join(columns)})" if columns else table
    options = "" if null == COPY_NULL else f" WITH (NULL '{null}')"
    cursor.copy_expert(f"COPY {target} FROM STDIN{options}", io.StringIO(text))


def copy_rows(
    cursor,
    *,
    table: str,
    rows: Sequence[Sequence[object]],
    columns: Sequence[str] | None = None,
    null: str = COPY_NULL,
) -> None:
    """Write ``rows`` into ``table`` (its ``columns``, or all in order) by COPY."""
    text = copy_text(rows, null=null)
    copy_text_write(cursor, table=table, text=text, columns=columns, null=null)
