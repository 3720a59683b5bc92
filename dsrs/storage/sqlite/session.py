"""Locks and transaction settings on SQLite: one writer at a time, so none."""

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def identity_lock(*, identity: str) -> Iterator[None]:
    """SQLite serialises writers itself."""
    yield


def writers_lock() -> None:
    """SQLite serialises writers itself."""


def session_tune() -> None:
    """Nothing to tune."""


def snapshot_begin() -> None:
    """A SQLite transaction reads one snapshot already."""


def analyze(*, table: str) -> None:
    """SQLite plans these statements well without statistics."""
