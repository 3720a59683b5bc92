"""Synthetic DSRs in the delivered format, streaming, deterministic by seed.

    .venv/bin/python -m bench.generate.dsr --rows 1000000 --seed 1
    .venv/bin/python -m bench.generate.dsr --rows 100 --territory FR --plain

Rows have random 30-letter dsp_ids, titles, 1-5 artists, ISRCs, usages and
log-normal revenues with many fraction digits; about 2.5 % of the fields are
empty. The file name follows the DSR grammar.
"""

import argparse
import gzip
import random
import string
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from bench.harness import WORK

HEADER = "dsp_id\ttitle\tartists\tisrc\tusages\trevenue\n"
WORDS = [
    "love",
    "night",
    "heart",
    "dance",
    "fire",
    "rain",
    "road",
    "home",
    "light",
    "dream",
    "time",
    "world",
    "city",
    "summer",
    "blue",
    "gold",
    "river",
    "song",
    "wild",
    "young",
    "free",
    "moon",
    "star",
    "ocean",
    "shadow",
]
NAMES = [
    "Ana",
    "Bea",
    "Carl",
    "Dora",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivan",
    "Jo",
    "Kai",
    "Lia",
    "Max",
    "Nora",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sam",
    "Tea",
    "Uma",
    "Vic",
    "Wen",
    "Xavi",
    "Yara",
    "Zoe",
]
EMPTY_SHARE = 0.025
JANUARY = (date(2020, 1, 1), date(2020, 1, 31))


def dsr_rows(count: int, seed: int) -> Iterator[str]:
    """Yield ``count`` DSR lines; the same seed gives the same lines."""
    rng = random.Random(seed)
    choice, randint, rand = rng.choice, rng.randint, rng.random
    for _ in range(count):
        dsp_id = "".join(rng.choices(string.ascii_letters, k=30))
        title = " ".join(rng.choices(WORDS, k=randint(1, 4)))
        artists = "|".join(
            f"{choice(NAMES)} {choice(NAMES)}son" for _ in range(randint(1, 5))
        )
        isrc = f"{choice(['ES', 'GB', 'US', 'FR'])}{randint(0, 46655):03X}"[:5] + (
            f"{randint(0, 9_999_999):07d}"
        )
        usages = str(int(rng.paretovariate(1.2) * 10))
        # Log-normal revenues: the top 10 % of revenue comes from about 0.5 % of
        # the resources. Up to 14 fraction digits, like the samples.
        revenue = f"{rng.lognormvariate(0, 1.3) * 10:.{randint(2, 14)}f}"
        fields = [dsp_id, title, artists, isrc, usages, revenue]
        for index in range(1, 6):
            if rand() < EMPTY_SHARE / 2:
                fields[index] = ""
        yield "\t".join(fields) + "\n"


def dsr_file(
    *,
    rows: int,
    seed: int,
    territory: str = "ES",
    currency: str = "EUR",
    period: tuple[date, date] = JANUARY,
    plain: bool = False,
    out: Path | None = None,
) -> Path:
    """The DSR of these rows, written unless a run already wrote it."""
    start, end = period
    out = out or WORK / "dsrs" / f"{rows}-{seed}-{start:%Y%m}"
    suffix = ".tsv" if plain else ".tsv.gz"
    path = out / f"Bench_Premium_{territory}_{currency}_{start:%Y%m%d}-{end:%Y%m%d}"
    path = path.with_name(path.name + suffix)
    if path.exists():
        return path
    print(f"generating {rows:,} DSR rows (seed {seed})", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with (
        open(partial, "w") if plain else gzip.open(partial, "wt", compresslevel=1)
    ) as stream:
        stream.write(HEADER)
        batch = []
        for line in dsr_rows(rows, seed):
            batch.append(line)
            if len(batch) == 10_000:
                stream.write("".join(batch))
                batch.clear()
        stream.write("".join(batch))
    partial.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="folder (default: under bench/work)")
    parser.add_argument("--territory", default="ES")
    parser.add_argument("--currency", default="EUR")
    parser.add_argument("--start", type=date.fromisoformat, default=JANUARY[0])
    parser.add_argument("--end", type=date.fromisoformat, default=JANUARY[1])
    parser.add_argument("--plain", action="store_true", help="write .tsv, not .tsv.gz")
    args = parser.parse_args()
    path = dsr_file(
        rows=args.rows,
        seed=args.seed,
        territory=args.territory,
        currency=args.currency,
        period=(args.start, args.end),
        plain=args.plain,
        out=args.out,
    )
    print(path)


if __name__ == "__main__":
    main()
