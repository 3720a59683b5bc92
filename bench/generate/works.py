"""Synthetic works CSV files with the defects real files have.

    .venv/bin/python -m bench.generate.works --rows 100000

Works with 2 rows each on average from ``sources`` providers: missing ISWCs
(30 % of rows), ISWCs with a typo (2 %, the check digit then fails), title
variants (10 %: case and punctuation, or a suffix that makes a conflicting
title), partial contributor lists (40 %).
"""

import argparse
import csv
import random
from pathlib import Path

from bench.harness import WORK
from common.identifiers import iswc_check_digit

ROWS_PER_WORK = 2
STRIDE = 1_000_003  # a prime: row r describes work (r * STRIDE) mod works
WORDS = [
    "love",
    "night",
    "heart",
    "fire",
    "rain",
    "dream",
    "light",
    "baby",
    "home",
    "road",
    "summer",
    "blue",
    "dance",
    "time",
    "river",
    "gold",
    "wild",
    "young",
    "world",
    "star",
    "shadow",
    "sky",
    "ocean",
    "city",
    "tonight",
    "forever",
    "alone",
    "together",
    "moon",
    "sun",
    "stone",
    "wind",
    "song",
    "girl",
    "boy",
]
FIRST = [
    "John",
    "Paul",
    "Mary",
    "Anna",
    "Pedro",
    "Lucia",
    "Ahmed",
    "Mei",
    "Olga",
    "Sven",
    "Ines",
    "Tom",
    "Kofi",
    "Aiko",
    "Marta",
    "Ivan",
    "Sara",
    "Luca",
    "Nina",
    "Omar",
]
LAST = [
    "Smith",
    "Garcia",
    "Muller",
    "Rossi",
    "Dubois",
    "Silva",
    "Kowalski",
    "Nielsen",
    "Tanaka",
    "Okafor",
    "Brien",
    "Novak",
    "Jensen",
    "Costa",
    "Moreau",
    "Weber",
    "Lopez",
    "Ricci",
    "Haddad",
    "Berg",
]


def iswc_of(index: int) -> str:
    digits = f"{index:09d}"
    return f"T{digits}{iswc_check_digit(digits=digits)}"


def work_of(index: int, seed: int) -> tuple[str, list[str], str]:
    """The true title, contributors and ISWC of work ``index``."""
    rng = random.Random(seed * 1_000_000_007 + index)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
    names = [
        f"{rng.choice(LAST)} {rng.choice(FIRST)} {rng.randint(1, 50_000)}"
        for _ in range(rng.randint(1, 4))
    ]
    return title.capitalize(), names, iswc_of(index + 1)


def row_of(row: int, works: int, sources: int, seed: int) -> list[str]:
    index = row * STRIDE % works
    title, names, iswc = work_of(index, seed)
    rng = random.Random(seed * 7_000_000_001 + row)
    source = f"provider{rng.randrange(sources)}"
    draw = rng.random()
    if draw < 0.30:
        iswc = ""
    elif draw < 0.32:
        iswc = iswc[:-1] + str((int(iswc[-1]) + 1) % 10)
    variant = rng.random()
    if variant < 0.05:
        title = title.upper() + "!"
    elif variant < 0.10:
        title = f"{title} (Live)"
    if len(names) > 1 and rng.random() < 0.40:
        names = rng.sample(names, rng.randint(1, len(names) - 1))
    provider_id = f"{source}-{index}" if rng.random() < 0.7 else ""
    return [title, "|".join(names), iswc, source, provider_id]


def works_file(*, rows: int, sources: int = 5, seed: int = 1) -> Path:
    """``bench/work/works/works-<rows>-<sources>-<seed>.csv``, written once."""
    path = WORK / "works" / f"works-{rows}-{sources}-{seed}.csv"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    works = max(rows // ROWS_PER_WORK, 1)
    print(f"generating {rows:,} rows about {works:,} works", flush=True)
    partial = path.with_suffix(".partial")
    with open(partial, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["title", "contributors", "iswc", "source", "id"])
        for row in range(rows):
            writer.writerow(row_of(row, works, sources, seed))
    partial.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(works_file(rows=args.rows, sources=args.sources, seed=args.seed))


if __name__ == "__main__":
    main()
