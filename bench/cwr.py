"""Benchmark the CWR import: a generated file of N NWR transactions.

    make bench APP=cwr                                   # 1M transactions
    make bench APP=cwr ARGS="--transactions 1000"        # a quick look

For each size, a CWR 2.1 file (``bench.generate.cwr``) is imported with
``import_works`` into a fresh PostgreSQL database: transactions/s and the
command's peak RSS (target < 300 MB for 1M), beside the parser alone over the
same file (CPU time, in a process of its own).
"""

import argparse

from bench.generate.cwr import cwr_file
from bench.harness import (
    PYTHON,
    Bench,
    Figure,
    fresh_database,
    manage,
    production_env,
    run,
    size_label,
)

# The parser alone (records, transactions, rows): the Python floor.
PARSE_ONLY = """import sys, time
from pathlib import Path
from works.parsers.cwr import CwrReader
started = time.process_time()
items = sum(1 for _ in CwrReader(path=Path(sys.argv[1]), source=None))
print(items, time.process_time() - started)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transactions", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    with Bench("cwr", parser) as bench:
        for transactions in bench.args.transactions:
            size_measure(bench, transactions=transactions)


def size_measure(bench: Bench, *, transactions: int) -> None:
    path = cwr_file(transactions=transactions, seed=bench.args.seed)
    label = f"{size_label(transactions)} transactions"
    done = run([PYTHON, "-c", PARSE_ONLY, str(path)], env=production_env(""))
    _, cpu_seconds = done.output.split()
    parse = Figure.floor(
        f"parse only, {label} (CPU time)", transactions / float(cpu_seconds), "tx/s"
    )
    with fresh_database("cwr") as url:
        imported = manage("import_works", str(path), database=url)
    bench.add(
        parse,
        Figure(
            f"import_works {label} ({imported.seconds:,.1f} s)",
            transactions / imported.seconds,
            "tx/s",
            "",
            floors=(parse,),
        ),
        Figure(f"import_works {label}: peak RSS", imported.rss_mb, "MB", "< 300 MB"),
    )
    bench.notes[f"import_works {label} output"] = imported.output.strip()


if __name__ == "__main__":
    main()
