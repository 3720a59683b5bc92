"""The environment readers: empty means the default, a bad value names itself."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from dsr_project.env import (
    BAD_BOOL,
    BAD_INT,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
)

NAME = "DSR_PROJECT_TEST_VARIABLE"


@pytest.fixture
def variable(monkeypatch):
    def set_to(value: str | None) -> None:
        if value is None:
            monkeypatch.delenv(NAME, raising=False)
        else:
            monkeypatch.setenv(NAME, value)

    return set_to


@pytest.mark.parametrize("value", [None, ""])
def test_unset_or_empty_is_the_default(variable, value):
    variable(value)
    assert env_str(NAME, "d") == "d"
    assert env_bool(NAME, True) is True
    assert env_int(NAME, 7) == 7
    assert env_list(NAME, "a,b") == ["a", "b"]
    assert env_path(NAME, Path("/srv")) == Path("/srv")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("Yes", True), ("on", True), ("0", False), ("FALSE", False)],
)
def test_booleans(variable, value, expected):
    variable(value)
    assert env_bool(NAME, not expected) is expected


def test_a_list_drops_blanks(variable):
    variable(" a.example, ,b.example ,")
    assert env_list(NAME, "") == ["a.example", "b.example"]


def test_a_path(variable):
    variable("/var/media")
    assert env_path(NAME, Path("/srv")) == Path("/var/media")


@pytest.mark.parametrize(
    ("reader", "value", "message"),
    [(env_int, "1y", BAD_INT), (env_bool, "maybe", BAD_BOOL)],
)
def test_a_bad_value_is_named(variable, reader, value, message):
    variable(value)
    with pytest.raises(ImproperlyConfigured) as error:
        reader(NAME, 0)
    assert str(error.value) == message.format(name=NAME, value=value)
