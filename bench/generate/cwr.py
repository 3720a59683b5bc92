"""Synthetic CWR 2.1 files, written by the same layouts as ``export_cwr``.

    .venv/bin/python -m bench.generate.cwr --transactions 100000

Each NWR transaction is one work: a title of three words, an ISWC for 70 % of
them (valid check digit), two writers (SWR, one with IPI and shares) and a
publisher (SPU), an ALT title and a REC with an ISRC.
"""

import argparse
import random
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from bench.generate.works import WORDS
from bench.harness import WORK
from common.identifiers import iswc_check_digit
from works.parsers.cwr.writer import ExportParty, ExportWork, cwr_lines

HALF = Decimal(50)


def cwr_work(number: int, rng: random.Random) -> ExportWork:
    """Work ``number`` of a generated file."""
    digits = f"{number:09d}"
    iswc = f"T{digits}{iswc_check_digit(digits=digits)}" if rng.random() < 0.7 else ""
    title = " ".join(rng.choice(WORDS) for _ in range(3)).upper()
    return ExportWork(
        title=f"{title} {number}",
        iswc=iswc,
        submitter_work_id=f"B{number:09d}",
        titles=[(f"{title} {number} (ALT)", "AT")],
        writers=[
            ExportParty(
                last_name=f"WRITER{number % 50_000}",
                first_name=rng.choice(WORDS).upper(),
                ipi_name_number=f"{number % 10**11:011d}",
                role="CA",
                controlled=True,
                interested_party_number=f"W{number % 10**8}",
                shares=(HALF / 2, HALF, HALF),
            ),
            ExportParty(last_name=f"OTHER{number % 70_000}", role="A"),
        ],
        publishers=[
            ExportParty(
                last_name="BENCH PUBLISHING",
                role="E",
                controlled=True,
                interested_party_number="P1",
                shares=(HALF, HALF, HALF),
            )
        ],
        isrcs=[f"XXA00{number % 10**7:07d}"],
    )


def cwr_file(*, transactions: int, seed: int = 1) -> Path:
    """``bench/work/cwr/CW<transactions>-<seed>.V21``, written once."""
    path = WORK / "cwr" / f"CW{transactions}-{seed}.V21"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    works = (cwr_work(number, rng) for number in range(1, transactions + 1))
    partial = path.with_suffix(".part")
    with open(partial, "w", encoding="ascii", newline="") as out:
        for line in cwr_lines(
            sender_id="000000199",
            sender_name="BENCH PUBLISHING",
            works=works,
            now=datetime(2026, 1, 1),
        ):
            out.write(line + "\r\n")
    partial.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(cwr_file(transactions=args.transactions, seed=args.seed))


if __name__ == "__main__":
    main()
