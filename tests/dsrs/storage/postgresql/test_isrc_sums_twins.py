"""The SQL the per-ISRC sums are made with decides as the Python rules do.

``usage_isrc_decided`` (with the Python fallback for lines that are not
printable ASCII) is the twin of ``dsrs.parsers.plain.isrc_read``: the normal
form of a valid ISRC, '' otherwise. ``eur_amount_sql`` is the twin of
``dsrs.services.summaries.eur_amount``: Σ revenue ÷ rate, half-even to 31
places. Both run on edge cases and Hypothesis inputs.
"""

from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dsrs.parsers.plain import isrc_read
from dsrs.services.summaries import eur_amount
from dsrs.storage.postgresql.isrc_parts import _unicode_decide, eur_amount_sql
from dsrs.storage.postgresql.isrcs import usage_isrc_decided, usage_isrc_key
from tests.dsrs.storage.test_isrcs_twins import ISRC_CHARACTERS, SPELLED

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def sql_decided(value: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS twin_lines")
        cursor.execute("CREATE TEMPORARY TABLE twin_lines (dsr_id int, isrc text)")
        cursor.execute("INSERT INTO twin_lines VALUES (1, %s)", [value])
        unicode_table = _unicode_decide(cursor, "twin_lines", 1)
        decided = usage_isrc_decided(key="lines.k", unicode_table=unicode_table)
        cursor.execute(
            f"SELECT {decided} FROM (SELECT isrc AS reported, "
            f"{usage_isrc_key(column='isrc')} AS k FROM twin_lines) AS lines"
        )
        return cursor.fetchone()[0]


def python_decided(value: str) -> str:
    isrc, valid = isrc_read(value) if value else ("", False)
    return isrc if valid else ""


@settings(max_examples=300)
@example(value="")
@example(value="us-s1z-99-00001")
@example(value=" USVDU0215539 ")
@example(value="US\u2010VDU\u00a00215539")
@example(value="U\u00dfZ12990001")
@example(value="XXAB12000001")
@example(value="ESAB1200000")
@example(value="ESAB120000011")
@example(value="ES_AB12000001")
@example(value="esab12000001\n")
@given(value=st.one_of(ISRC_CHARACTERS, SPELLED))
def test_the_sql_decision_is_isrc_read(twin_inputs, value):
    assert sql_decided(value) == python_decided(value)
    twin_inputs["dsrs per-ISRC sums: usage_isrc_decided == isrc_read"] += 1


def sql_eur(amount: Decimal, rate: Decimal) -> Decimal:
    eur = eur_amount_sql(amount="s.a", rate="s.r", quotient="q.q")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {eur} FROM (SELECT %s::numeric AS a, %s::numeric AS r) AS s, "
            "LATERAL (SELECT div(s.a * 1e31, s.r) AS q) AS q",
            [amount, rate],
        )
        return cursor.fetchone()[0]


AMOUNTS = st.decimals(
    min_value=Decimal("-1e24"), max_value=Decimal("1e24"), places=31
) | st.integers(-(10**6), 10**6).map(lambda n: Decimal(n).scaleb(-31))
RATES = st.decimals(
    min_value=Decimal("0.0000000001"), max_value=Decimal("1e6"), places=10
)


@settings(max_examples=300)
@example(amount=Decimal("1e-31"), rate=Decimal(2))
@example(amount=Decimal("3e-31"), rate=Decimal(2))
@example(amount=Decimal("-3e-31"), rate=Decimal(2))
@example(amount=Decimal("-5e-31"), rate=Decimal(2))
@example(amount=Decimal(0), rate=Decimal("9.9384227273"))
@example(amount=Decimal("711213148851241.0"), rate=Decimal("0.8945954545"))
@given(amount=AMOUNTS, rate=RATES)
def test_the_sql_eur_amount_is_eur_amount(twin_inputs, amount, rate):
    assert sql_eur(amount, rate) == eur_amount(amount=amount, rate=rate)
    twin_inputs["dsrs per-ISRC sums: eur_amount_sql == eur_amount"] += 1
