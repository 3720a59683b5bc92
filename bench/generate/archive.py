"""A DSR archive with its catalogue, written straight into PostgreSQL.

The recordings benchmark needs 100M usage lines, 10M recordings, 20M works
and 10M links: far too many to go through the importers. This recipe makes
them with ``generate_series`` in the database, laid out as the importers lay
them out: one partition of ``dsrs_usage`` per DSR, built unattached with its
indexes and a CHECK, then attached (``dsrs.storage.postgresql.loading``).

- DSRs: ``--usages`` / ``--lines`` of them, monthly from January 2010 in ES,
  NO, GB and CH (EUR, NOK, GBP, CHF at fixed rates), one DSP.
- Resources: ``--recordings`` (+1 % without an ISRC): resource ``r`` reports
  ``bench_isrc(r)`` (``USB`` + 9 digits), except every hundredth, which
  reports none (unmatched by resource). Line ``j`` of DSR ``n`` reports the
  resource ``(j·7919 + n·1000003) mod R + 1``: once per DSR, each resource in
  about usages / recordings DSRs.
- Recordings: one per resource with an ISRC. Works: twice as many,
  ``bench_iswc(w)`` (``T`` + 9 digits + the check digit). Links: recording
  ``r`` is linked to work ``r`` unless ``r`` is a multiple of 5 (unmatched),
  and those with ``r mod 5 = 1`` to work ``R + r`` too (medleys): one link
  per recording on average.

Everything is a pure function of the sizes: the timing script finds a
linked work's ISWC with ``iswc_of`` (``bench.generate.works``).
"""

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial

import psycopg2

# The ISWC check digit of common.identifiers: 1 + Σ k·d_k + c ≡ 0 (mod 10).
ISWC_WEIGHTED = " + ".join(f"{k} * mod(w / {10 ** (9 - k)}, 10)" for k in range(1, 10))

# (code, name, symbol, territory, territory name, units per EUR)
MARKETS = [
    ("EUR", "Euro", "€", "ES", "ESP", "Spain", "1"),
    ("NOK", "Norwegian Krone", "kr", "NO", "NOR", "Norway", "9.9384227273"),
    ("GBP", "British Pound", "£", "GB", "GBR", "United Kingdom", "0.8945954545"),
    ("CHF", "Swiss Franc", "CHF", "CH", "CHE", "Switzerland", "1.06478"),
]
DSP = "BenchArchive"
SOURCE = "works:bench"

FUNCTIONS_SQL = """
CREATE FUNCTION bench_isrc(r bigint) RETURNS text IMMUTABLE LANGUAGE sql AS $$
    SELECT 'USB' || lpad(mod(r / 10000000, 100)::text, 2, '0')
        || lpad(mod(r, 10000000)::text, 7, '0')
$$;
CREATE FUNCTION bench_iswc(w bigint) RETURNS text IMMUTABLE LANGUAGE sql AS $$
    SELECT 'T' || lpad(w::text, 9, '0') || mod(10 - mod(1 + {digits}, 10), 10)::text
$$;
"""

REFERENCE_SQL = """
INSERT INTO dsrs_currency (code, name, symbol) VALUES (%s, %s, %s)
    ON CONFLICT (code) DO NOTHING;
INSERT INTO dsrs_territory (code_2, code_3, name, local_currency_id)
    SELECT %s, %s, %s, id FROM dsrs_currency WHERE code = %s
    ON CONFLICT (code_2) DO NOTHING;
"""

DSR_SQL = """
INSERT INTO dsrs_dsr (path, dsp, offer, society, period_start, period_end, status,
    error, sha256, rows_read, rows_imported, rows_rejected, warnings, eur_rate,
    eur_rate_source, started_at, finished_at, currency_id, territory_id, size,
    file_exchange_rate, file_transaction_currency)
SELECT 'bench/archive-' || %(n)s, %(dsp)s, 'Premium', '', s.start,
    (s.start + interval '1 month' - interval '1 day')::date, 'ingested', '',
    md5(%(n)s::text) || md5(%(n)s::text), %(lines)s, %(lines)s, 0, '{}', %(rate)s,
    'bench', now(), now(), c.id, t.id, 0, '', ''
FROM (SELECT (date '2010-01-01' + %(month)s * interval '1 month')::date AS start) s,
    dsrs_currency c, dsrs_territory t
WHERE c.code = %(currency)s AND t.code_2 = %(territory)s
RETURNING id
"""

USAGES_SQL = """
INSERT INTO {table} (dsr_id, line, resource_id, usages, revenue, title, artists,
    isrc)
SELECT %(dsr_id)s, j + 1, x.r, 1 + mod(j * 7 + %(n)s, 1000),
    mod(j * 7919 + %(n)s * 104729, 100000000)::numeric / 1000,
    'Song ' || x.r, 'Artist ' || mod(x.r, 100000),
    CASE WHEN mod(x.r, 100) = 0 THEN '' ELSE bench_isrc(x.r) END
FROM generate_series(0::bigint, %(lines)s - 1) j,
    LATERAL (SELECT mod(j * 7919 + %(n)s * 1000003, %(resources)s) + 1 AS r) x
"""

# The expression of dsrs.storage.postgresql.isrcs.usage_isrc_key (migration
# 0014): the partition's index must be the parent's for ATTACH to adopt it.
ISRC_KEY = (
    "(CASE WHEN isrc ~ '[^ -~]' THEN NULL "
    "ELSE upper(replace(replace(isrc, ' ', ''), '-', '')) END)"
)

# Three independent parts (links need their recordings first).
CATALOGUE_SQL = [
    """
INSERT INTO dsrs_resource (id, dsp, dsp_id, title, artists, isrc)
SELECT r, %(dsp)s, 'R' || lpad(r::text, 12, '0'), 'Song ' || r,
    'Artist ' || mod(r, 100000),
    CASE WHEN mod(r, 100) = 0 THEN '' ELSE bench_isrc(r) END
FROM generate_series(1::bigint, %(resources)s) r;
SELECT setval(pg_get_serial_sequence('dsrs_resource', 'id'), %(resources)s);
""",
    """
INSERT INTO recordings_recording (id, isrc, title, title_source, artists,
    artists_source, created_at)
SELECT r, bench_isrc(r), 'Song ' || r, 'bench', 'Artist ' || mod(r, 100000), 'bench',
    now()
FROM generate_series(1::bigint, %(resources)s) r WHERE mod(r, 100) <> 0;
SELECT setval(pg_get_serial_sequence('recordings_recording', 'id'), %(resources)s);
INSERT INTO recordings_recordingwork (recording_id, iswc, source, created_at)
SELECT r.id, bench_iswc(w.work), %(source)s, now()
FROM recordings_recording AS r,
    LATERAL (VALUES (r.id), (CASE WHEN mod(r.id, 5) = 1 THEN %(resources)s + r.id END))
        AS w (work)
WHERE mod(r.id, 5) <> 0 AND w.work IS NOT NULL;
""",
    """
INSERT INTO works_work (id, iswc, title)
SELECT w, bench_iswc(w), 'Work ' || w
FROM generate_series(1::bigint, 2 * %(resources)s) w;
SELECT setval(pg_get_serial_sequence('works_work', 'id'), 2 * %(resources)s);
""",
]


def archive_generate(
    url: str,
    *,
    usages: int,
    lines: int,
    recordings: int,
    jobs: int = 2,
    say: Callable = print,
) -> float:
    """Fill the (migrated, empty) database at ``url``; the seconds it took.

    The catalogue and the DSRs are independent: ``jobs`` connections build
    them side by side (PostgreSQL runs each statement on one core).
    """
    # One resource in a hundred has no ISRC: recordings are the others.
    resources = recordings * 100 // 99
    started = time.perf_counter()
    with autocommit_cursor(url) as cursor:
        cursor.execute(FUNCTIONS_SQL.format(digits=ISWC_WEIGHTED))
        for code, name, symbol, territory, code_3, country, _ in MARKETS:
            cursor.execute(
                REFERENCE_SQL, [code, name, symbol, territory, code_3, country, code]
            )
    tasks = [
        partial(_catalogue_generate, sql=sql, resources=resources)
        for sql in CATALOGUE_SQL
    ] + [
        partial(_dsr_generate, n=n, lines=lines, resources=resources)
        for n in range(max(1, usages // lines))
    ]

    def task_run(task: Callable) -> None:
        with autocommit_cursor(url) as cursor:
            task(cursor)

    with ThreadPoolExecutor(jobs) as pool:
        for done, _ in enumerate(pool.map(task_run, tasks), 1):
            if done % 10 == 0 or done == len(tasks):
                elapsed = time.perf_counter() - started
                say(f"  {done}/{len(tasks)} parts, {elapsed:.0f} s")
    with autocommit_cursor(url) as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


@contextmanager
def autocommit_cursor(url: str) -> Iterator:
    connection = psycopg2.connect(url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def _catalogue_generate(cursor, *, sql: str, resources: int) -> None:
    cursor.execute(sql, {"dsp": DSP, "resources": resources, "source": SOURCE})


def _dsr_generate(cursor, *, n: int, lines: int, resources: int) -> None:
    """DSR ``n`` and its usages, as one partition built and then attached."""
    currency, _, _, territory, _, _, rate = MARKETS[n % len(MARKETS)]
    cursor.execute(
        DSR_SQL,
        {
            "n": n,
            "dsp": DSP,
            "lines": lines,
            "rate": rate,
            "month": n // len(MARKETS),
            "currency": currency,
            "territory": territory,
        },
    )
    dsr_id = cursor.fetchone()[0]
    table = f"dsrs_usage_dsr_{dsr_id}"
    cursor.execute(
        f"CREATE TABLE {table} "
        "(LIKE dsrs_usage INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
    )
    cursor.execute(
        USAGES_SQL.format(table=table),
        {"dsr_id": dsr_id, "n": n, "lines": lines, "resources": resources},
    )
    cursor.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (dsr_id, line)")
    cursor.execute(f"CREATE INDEX ON {table} (resource_id)")
    cursor.execute(f"CREATE INDEX ON {table} ({ISRC_KEY})")
    cursor.execute(f"ALTER TABLE {table} ADD CHECK (dsr_id = {dsr_id})")
    cursor.execute(
        f"ALTER TABLE dsrs_usage ATTACH PARTITION {table} FOR VALUES IN ({dsr_id})"
    )
