"""playlists.storage: the interface both sides give, each spelling it exactly."""

import datetime

import pytest
from django.db import connection

from playlists.parsers import timestamp_from_us
from playlists.storage import postgresql, sqlite, storage

pytestmark = pytest.mark.django_db

INTERFACE = (
    "BYTEWISE",
    "GREATEST",
    "LEAST",
    "moment_from_us",
    "part_rows_load",
    "part_rows_write",
    "stage_tune",
)

MOMENTS_US = [0, 1, 999_999, 1_700_000_000_123_456, 4_102_444_799_999_999]


def test_both_sides_give_the_whole_interface():
    for side in (postgresql, sqlite):
        assert [name for name in INTERFACE if not hasattr(side, name)] == []


def test_the_side_is_the_connections():
    assert storage() is {"postgresql": postgresql, "sqlite": sqlite}[connection.vendor]


@pytest.mark.parametrize("us", MOMENTS_US)
def test_a_moment_is_stored_to_the_microsecond(us):
    moment_sql = storage().moment_from_us("m.us")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {moment_sql} FROM (SELECT %s AS us) AS m", [us])
        (moment,) = cursor.fetchone()
    if isinstance(moment, str):  # SQLite: Django's text form, in UTC
        moment = datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC)
    assert moment == timestamp_from_us(us)


def test_least_and_greatest_take_two_values():
    backend = storage()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {backend.LEAST}(2, 1), {backend.GREATEST}(2, 1)")
        assert cursor.fetchone() == (1, 2)
