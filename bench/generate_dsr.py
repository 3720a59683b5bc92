"""Write a synthetic DSR in the delivered format, streaming, deterministic by seed.

    python bench/generate_dsr.py --rows 1000000 --out bench/work/ --seed 1
    python bench/generate_dsr.py --rows 100 --territory FR --currency EUR --plain

Rows have random 30-letter dsp_ids, titles, 1-5 artists, ISRCs, usages and
log-normal revenues with many fraction digits; about 2.5 % of the fields are
empty. The
file name follows the DSR grammar. Memory does not grow with ``--rows``.
"""

import argparse
import gzip
import random
import string
import sys
from datetime import date
from pathlib import Path

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
LETTERS = string.ascii_letters
EMPTY_SHARE = 0.025


def rows(count: int, seed: int):
    """Yield ``count`` DSR lines; the same seed gives the same lines."""
    rng = random.Random(seed)
    choice, randint, rand = rng.choice, rng.randint, rng.random
    for _ in range(count):
        dsp_id = "".join(rng.choices(LETTERS, k=30))
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


def file_name(args: argparse.Namespace) -> str:
    suffix = ".tsv" if args.plain else ".tsv.gz"
    return (
        f"{args.dsp}_{args.offer}_{args.territory}_{args.currency}_"
        f"{args.start:%Y%m%d}-{args.end:%Y%m%d}{suffix}"
    )


def generate(args: argparse.Namespace) -> Path:
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / file_name(args)
    with (
        open(path, "w") if args.plain else gzip.open(path, "wt", compresslevel=1)
    ) as stream:
        stream.write(HEADER)
        batch = []
        for line in rows(args.rows, args.seed):
            batch.append(line)
            if len(batch) == 10_000:
                stream.write("".join(batch))
                batch.clear()
        stream.write("".join(batch))
    return path


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("bench/work"))
    parser.add_argument("--dsp", default="Bench")
    parser.add_argument("--offer", default="Premium")
    parser.add_argument("--territory", default="ES")
    parser.add_argument("--currency", default="EUR")
    parser.add_argument("--start", type=date.fromisoformat, default=date(2020, 1, 1))
    parser.add_argument("--end", type=date.fromisoformat, default=date(2020, 1, 31))
    parser.add_argument("--plain", action="store_true", help="write .tsv, not .tsv.gz")
    return parser.parse_args(argv)


if __name__ == "__main__":
    print(generate(parse_args(sys.argv[1:])))
