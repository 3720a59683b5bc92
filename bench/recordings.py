"""Benchmark revenue per work and unmatched revenue, beside their targets.

    make bench APP=recordings                          # 1M usage lines
    make bench APP=recordings ARGS="--rows 10000"      # a quick look

For each size, synthetic DSRs (``bench.generate.dsr``: two months of N
lines each) are imported with ``import_dsrs`` into a fresh PostgreSQL
database, twice: without links, then after a works file whose ``isrcs``
column links ``--linked`` of the DSRs' ISRCs to works (every tenth work a
medley of two recordings) was imported, so the import's cost beside links
shows (target: no more than 10 % slower). Then, through gunicorn with the
production settings (median of ``--requests`` requests after one warm-up):
``GET /works/{iswc}/revenue`` of random linked works (target 100 ms at 100M
usages), ``GET /revenue/unmatched`` first page (target 1 s) and
``GET /recordings/{isrc}``.
"""

import argparse
import csv
import random
from datetime import date

import psycopg2

from bench.generate.dsr import dsr_file
from bench.generate.works import iswc_of
from bench.harness import (
    WORK,
    Bench,
    Figure,
    Server,
    fresh_database,
    manage,
    size_label,
)

MONTHS = [
    ((2020, 1, 1), (2020, 1, 31)),
    ((2020, 2, 1), (2020, 2, 29)),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--linked", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=20)
    with Bench("recordings", parser) as bench:
        for rows in bench.args.rows:
            size_measure(bench, rows=rows)


def size_measure(bench: Bench, *, rows: int) -> None:
    args = bench.args
    label = f"{size_label(rows)} rows"
    paths = [
        dsr_file(rows=rows, seed=args.seed + n, period=(date(*s), date(*e)))
        for n, (s, e) in enumerate(MONTHS)
    ]
    with fresh_database("recordings") as url:
        before = manage("import_dsrs", str(paths[0]), database=url)
        bench.add(Figure(f"import_dsrs {label}, no links", before.seconds, "s"))
        links = works_with_isrcs(url, linked=args.linked, seed=args.seed)
        manage("import_works", str(links), database=url)
        after = manage("import_dsrs", str(paths[1]), database=url)
        bench.add(
            Figure(
                f"import_dsrs {label}, {args.linked:,} links",
                after.seconds,
                "s",
                "≤ 1.1x the import without links",
            )
        )
        works = args.linked * 9 // 10
        rng = random.Random(args.seed)
        with Server(url) as server:
            seconds, _ = server.timed(
                lambda: server.url(f"/works/{iswc_of(rng.randint(1, works))}/revenue"),
                runs=args.requests,
            )
            bench.add(
                Figure(
                    f"GET /works/{{iswc}}/revenue, {label}",
                    seconds * 1000,
                    "ms",
                    "≤ 100 ms",
                )
            )
            seconds, _ = server.timed(
                "/revenue/unmatched?limit=100", runs=args.requests
            )
            bench.add(
                Figure(
                    f"GET /revenue/unmatched first page, {label}",
                    seconds * 1000,
                    "ms",
                    "≤ 1,000 ms",
                )
            )
            isrc = sample_isrcs(url, count=1, seed=args.seed)[0]
            seconds, _ = server.timed(f"/recordings/{isrc}", runs=args.requests)
            bench.add(
                Figure(f"GET /recordings/{{isrc}}, {label}", seconds * 1000, "ms")
            )


def sample_isrcs(url: str, *, count: int, seed: int) -> list[str]:
    """``count`` distinct ISRCs the imported usage lines report."""
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT isrc FROM dsrs_usage WHERE isrc <> '' ORDER BY isrc"
            " LIMIT %s",
            [count * 4],
        )
        isrcs = [row[0] for row in cursor.fetchall()]
    connection.close()
    return random.Random(seed).sample(isrcs, min(count, len(isrcs)))


def works_with_isrcs(url: str, *, linked: int, seed: int):
    """A works CSV linking ``linked`` ISRCs: one per work, every tenth work
    a medley of two."""
    isrcs = sample_isrcs(url, count=linked, seed=seed)
    path = WORK / "recordings" / f"links-{linked}-{seed}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(["title", "contributors", "iswc", "isrcs"])
        index, work = 0, 1
        while index < len(isrcs):
            size = 2 if work % 10 == 0 else 1
            part = isrcs[index : index + size]
            out.writerow(
                [f"Work {work}", f"Writer {work}", iswc_of(work), "|".join(part)]
            )
            index, work = index + size, work + 1
    return path


if __name__ == "__main__":
    main()
