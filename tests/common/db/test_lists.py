"""common.db.lists: a list of values as one parameter, and inlined ids."""

import pytest
from django.db import connection

from common.db import in_list, list_param, sql_id_list


@pytest.fixture
def letters(db):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE letters (v text)")
        cursor.executemany("INSERT INTO letters VALUES (%s)", [("a",), ("b",), ("c",)])
        yield cursor


@pytest.mark.parametrize(
    ("values", "found"),
    [(["c", "a"], ["a", "c"]), ([], []), (["z"], []), (["a"] * 3, ["a"])],
)
def test_one_parameter_selects_the_values_listed(letters, values, found):
    letters.execute(
        f"SELECT v FROM letters WHERE {in_list('v')} ORDER BY v", [list_param(values)]
    )
    assert [v for (v,) in letters.fetchall()] == found


def test_any_number_of_values_goes_in_one_parameter(letters):
    values = [str(i) for i in range(40_000)] + ["b"]
    letters.execute(
        f"SELECT v FROM letters WHERE {in_list('v')}", [list_param(iter(values))]
    )
    assert letters.fetchall() == [("b",)]


def test_ids_are_inlined_as_integers():
    assert sql_id_list([3, "4", 5.0]) == "3, 4, 5"


def test_no_ids_match_nothing():
    assert sql_id_list([]) == "NULL"


def test_an_id_that_is_no_integer_is_refused():
    with pytest.raises(ValueError):
        sql_id_list(["1; DROP TABLE dsrs_dsr"])
