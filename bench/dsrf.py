"""Benchmark the DSRF import beside the TSV import of the same usages.

    make bench APP=dsrf                                   # 1M blocks
    make bench APP=dsrf ARGS="--blocks 1000"              # a quick look

For each size, a Basic Audio report of N blocks (``bench.generate.dsrf``:
one release, one sound recording and one to three streaming sale records per
block, one summary record whose revenue is allocated) and the TSV DSR of the
same usages are each imported with ``import_dsrs`` into a fresh PostgreSQL
database: usages/s and the command's peak RSS. The issue's targets: within
2x of the TSV import (a ratio of at least 0.5 to it) and under 200 MB.
"""

import argparse

from bench.generate.dsrf import dsrf_files
from bench.harness import Bench, Figure, fresh_database, manage, size_label


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    with Bench("dsrf", parser) as bench:
        for count in bench.args.blocks:
            size_measure(bench, blocks_count=count)


def size_measure(bench: Bench, *, blocks_count: int) -> None:
    dsrf, tsv = dsrf_files(blocks_count=blocks_count, seed=bench.args.seed)
    label = f"{size_label(blocks_count)} blocks"
    runs = {}
    for kind, path in (("TSV", tsv), ("DSRF", dsrf)):
        with fresh_database("dsrf") as url:
            runs[kind] = manage("import_dsrs", str(path), database=url)
            bench.notes[f"import_dsrs {kind}, {label}"] = runs[kind].output.strip()
    usages = _usages(runs["TSV"].output)
    tsv_rate = Figure.floor(
        f"import_dsrs TSV of the same usages, {label}",
        usages / runs["TSV"].seconds,
        "usages/s",
    )
    bench.add(
        tsv_rate,
        Figure(
            f"import_dsrs DSRF, {label} ({runs['DSRF'].seconds:,.1f} s)",
            usages / runs["DSRF"].seconds,
            "usages/s",
            "≥ 0.5x the TSV import",
            floors=(tsv_rate,),
        ),
        Figure(
            f"import_dsrs DSRF, {label}: peak RSS",
            runs["DSRF"].rss_mb,
            "MB",
            "< 200 MB",
        ),
        Figure(f"import_dsrs TSV, {label}: peak RSS", runs["TSV"].rss_mb, "MB"),
    )


def _usages(summary: str) -> int:
    """The usage lines the TSV import's summary table says it imported."""
    row = summary.strip().splitlines()[-1].split()
    return int(row[2].replace(",", ""))


if __name__ == "__main__":
    main()
