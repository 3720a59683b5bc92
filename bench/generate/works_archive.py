"""A works database of millions of works, written straight into PostgreSQL.

``POST /works/enrich`` must stay fast at 10M works (issue 30): far more than
the importer makes in a bench run. This recipe makes them with
``generate_series``, in the proportions a 1M-row import of
``bench.generate.works`` leaves (per work: 1.04 titles, 2.3 contributors,
1.8 source rows):

- work ``w`` has ISWC ``iswc_of(w)`` (``bench.generate.works``; in SQL
  ``bench_iswc``, ``bench.generate.archive``) and a title of one to four
  words;
- every 25th work has a second title;
- work ``w`` has ``2 + (w mod 3 = 0)`` contributors (2.33 a work);
- work ``w`` has two source rows of one import, from two providers, the
  first ``created`` it, the second ``iswc_match`` (plus a fourth of the
  works a third, ``title_match``: 2.25 a work, a little more than the
  import's, so that the answer is not lighter than real).

Everything is a pure function of the size.
"""

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from bench.generate.archive import FUNCTIONS_SQL, ISWC_WEIGHTED, autocommit_cursor
from bench.generate.works import FIRST, LAST, WORDS

# A word picked by a hash of ``seed`` (a bigint expression).
_WORD = "(ARRAY[{words}])[1 + mod(hashint8({seed}) & 2147483647, {count})]"


def _word(seed: str, words: list[str]) -> str:
    quoted = ", ".join("'" + word.replace("'", "''") + "'" for word in words)
    return _WORD.format(words=quoted, seed=seed, count=len(words))


def _title(w: str) -> str:
    """One to four words of ``WORDS`` picked by ``w``, capitalised."""
    words = [_word(f"({w} * 4 + {i})", WORDS) for i in range(3)]
    return (
        f"initcap({words[0]} || CASE WHEN mod({w}, 4) >= 1 THEN ' ' || {words[1]} "
        f"ELSE '' END || CASE WHEN mod({w}, 4) >= 2 THEN ' ' || {words[2]} "
        "ELSE '' END)"
    )


def _name(w: str, k: str) -> str:
    last = _word(f"(-{w} * 8 - {k})", LAST)
    first = _word(f"(-{w} * 8 - 4 - {k})", FIRST)
    return f"({last} || ' ' || {first} || ' ' || (1 + mod({w} * 13 + {k}, 50000)))"


# The works and the import first; then the rest, side by side.
BEFORE = [
    (
        "import",
        "INSERT INTO works_workimport (path, source, sha256, status, error, "
        "rows_read, works_created, rows_merged, conflicts, rows_rejected, "
        "rows_known, reviews, acknowledgements) VALUES ('bench-archive.csv', "
        "'bench', repeat('0', 64), 'ingested', '', 0, 0, 0, 0, 0, 0, 0, 0)",
    ),
    (
        "works",
        "INSERT INTO works_work (id, iswc, title) "
        f"SELECT w, bench_iswc(w), {_title('w')} "
        "FROM generate_series(1, %(works)s::bigint) AS w",
    ),
]
THEN = [
    (
        "titles",
        "INSERT INTO works_worktitle (work_id, title, normal_form) "
        "SELECT id, title, lower(title) FROM works_work "
        "UNION ALL SELECT id, title || ' (live)', lower(title) || ' live' "
        "FROM works_work WHERE mod(id, 25) = 0",
    ),
    (
        "contributors",
        "INSERT INTO works_contributor (work_id, name, name_key) "
        "SELECT w.id, n.name, lower(n.name) FROM works_work AS w, "
        "generate_series(1, 2 + (mod(w.id, 3) = 0)::int) AS k, "
        f"LATERAL (SELECT {_name('w.id', 'k')} AS name) AS n",
    ),
    (
        "source rows",
        "INSERT INTO works_sourcerow (line, source, provider_id, raw_title, "
        "raw_contributors, raw_iswc, outcome, reason, fingerprint, work_id, "
        "work_import_id, field, value) "
        "SELECT w.id * 3 + k, 'provider-' || k, 'P' || w.id || '-' || k, "
        "w.title, 'Contributors of ' || w.id, w.iswc, "
        "(ARRAY['created', 'iswc_match', 'title_match'])[k], '', "
        "md5(w.id || '-' || k), w.id, i.id, '', '' "
        "FROM works_work AS w, works_workimport AS i, "
        "generate_series(1, 2 + (mod(w.id, 4) = 0)::int) AS k",
    ),
]


def works_archive_generate(
    url: str, *, works: int, jobs: int = 2, say: Callable = print
) -> float:
    """Fill the (migrated, empty) database at ``url``; the seconds it took.

    ``jobs`` connections write the titles, contributors and source rows side
    by side (PostgreSQL runs each statement on one core).
    """
    started = time.perf_counter()

    def step(name: str, sql: str) -> None:
        with autocommit_cursor(url) as cursor:
            cursor.execute(sql, {"works": works})
        say(f"  {name}: {time.perf_counter() - started:.0f} s")

    with autocommit_cursor(url) as cursor:
        cursor.execute(FUNCTIONS_SQL.format(digits=ISWC_WEIGHTED))
    for name, sql in BEFORE:
        step(name, sql)
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(lambda named: step(*named), THEN))
    with autocommit_cursor(url) as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('works_work', 'id'), %s)", [works]
        )
        cursor.execute("ANALYZE")
    return time.perf_counter() - started
