"""Databases a benchmark creates itself and drops at the end, and the COPY floor.

PostgreSQL is ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432),
a server on which the harness may create databases: each run makes its own,
``bench_<app>_<random>``, so runs never share or reuse one.
"""

import gzip
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg2

from bench.harness.processes import WORK, manage

POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def _server(statement: str) -> str:
    """Run ``statement`` outside any database of ours; its first value, if any."""
    connection = psycopg2.connect(f"{POSTGRES}/postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchone()[0] if cursor.description else ""
    finally:
        connection.close()


@contextmanager
def fresh_database(app: str) -> Iterator[str]:
    """A new PostgreSQL database, migrated; dropped at the end whatever happens."""
    name = f"bench_{app}_{secrets.token_hex(6)}"
    _server(f"CREATE DATABASE {name}")
    try:
        url = f"{POSTGRES}/{name}"
        manage("migrate", "--no-input", "-v0", database=url)
        yield url
    finally:
        _server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def fresh_sqlite() -> Iterator[str]:
    """A new SQLite database file, migrated; deleted at the end."""
    WORK.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=WORK, prefix="sqlite-"))
    try:
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
        manage("migrate", "--no-input", "-v0", database=url)
        yield url
    finally:
        shutil.rmtree(folder)


def postgres_version() -> str:
    return _server("SHOW server_version")


def raw_copy_seconds(url: str, path: Path, *, columns: int, options: str) -> float:
    """The floor of a load: COPY the same file into a bare table of text columns.

    ``options`` are COPY's (e.g. ``FORMAT csv, HEADER true``); a ``.gz`` file
    is decompressed on the way, as an import reads it.
    """
    fields = ", ".join(f"c{number} text" for number in range(columns))
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_bare ({fields})")
        connection.commit()
        opener = gzip.open if path.suffix == ".gz" else open
        started = time.perf_counter()
        with opener(path, "rb") as stream:
            cursor.copy_expert(f"COPY bench_bare FROM STDIN WITH ({options})", stream)
        connection.commit()
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_bare")
    return seconds
