"""A synthetic DDEX DSRF report (Basic Audio 1.x) and the TSV DSR of the same usages.

    .venv/bin/python -m bench.generate.dsrf --blocks 1000000 --seed 1

Each block is one RE01.02 release, one AS02.03 sound recording and one to
three SU02.02 streaming records; one SY01.02 summary record (GB, GBP) holds
the revenue, allocated to the usages on import. The TSV DSR beside it has one
line per SU02.02 record, with the same dsp_id, title, artists, ISRC and
usages (its revenue is the sale's usages / 100), so the two imports store the
same usages. Both streamed, deterministic by seed, written once.
"""

import argparse
import gzip
import random
import string
from collections.abc import Iterator
from pathlib import Path

from bench.generate.dsr import HEADER, NAMES, WORDS
from bench.harness import WORK

SY = "SummaryRecordId\tCommercialModel\tTerritory\tServiceDescription\tTotalUsages\tCurrencyOfReporting\tNetRevenue\tCurrencyOfTransaction\tExchangeRate"  # noqa: E501
RE = "BlockId\tReleaseReference\tDspReleaseId\tICPN\tDisplayArtistName\tTitle"
AS = "BlockId\tResourceReference\tDspResourceId\tISRC\tTitle\tDisplayArtistName\tISWC"
SU = "BlockId\tSummaryRecordId\tSalesTransactionId\tTransactedResource\tNumberOfStreams\tUseType"  # noqa: E501
HEAD = (
    "HEAD\tdsrf/1.1/1.4.1/1.3\tBasicAudioProfile\t1.3\tBENCH\t2020-07-01T00:00:00Z"
    "\t1\t1\t2020-06-01\t2020-06-30\tPADPIDABENCH0001\tBench Music\tBenchPremium"
    "\tPADPIDABENCH0002\tBench Society"
)
HEAD_COLUMNS = (
    "#HEAD\tMessageVersion\tProfile\tProfileVersion\tMessageId"
    "\tMessageCreatedDateTime\tFileNumber\tNumberOfFiles\tUsageStartDate"
    "\tUsageEndDate\tSenderPartyId\tSenderName\tServiceDescription"
    "\tRecipientPartyId\tRecipientName"
)
NAME = (
    "DSR_PADPIDABENCH0001_PADPIDABENCH0002_BenchPremium_2020-06_GB_1of1_20200701T000000"
)
TSV_NAME = "Bench_DSRFSame_GB_GBP_20200601-20200630"


def blocks(count: int, seed: int) -> Iterator[tuple[str, str, str, str, list[int]]]:
    """(dsp_id, title, artists, isrc, usages of each sale) per block."""
    rng = random.Random(seed)
    choice, randint = rng.choice, rng.randint
    for _ in range(count):
        dsp_id = "".join(rng.choices(string.ascii_letters, k=30))
        title = " ".join(rng.choices(WORDS, k=randint(1, 4)))
        artists = f"{choice(NAMES)} {choice(NAMES)}son"
        isrc = f"GB{randint(0, 46655):03X}"[:5] + f"{randint(0, 9_999_999):07d}"
        sales = [int(rng.paretovariate(1.2) * 10) for _ in range(randint(1, 3))]
        yield dsp_id, title, artists, isrc, sales


def dsrf_files(*, blocks_count: int, seed: int, out: Path | None = None):
    """The DSRF report and the TSV DSR of the same usages, written once."""
    out = out or WORK / "dsrf" / f"{blocks_count}-{seed}"
    dsrf = out / f"{NAME}.tsv.gz"
    tsv = out / f"{TSV_NAME}.tsv.gz"
    if dsrf.exists() and tsv.exists():
        return dsrf, tsv
    print(f"generating a DSRF report of {blocks_count:,} blocks (seed {seed})")
    out.mkdir(parents=True, exist_ok=True)
    total = sum(sum(b[4]) for b in blocks(blocks_count, seed))
    partial = [path.with_name(path.name + ".partial") for path in (dsrf, tsv)]
    with (
        gzip.open(partial[0], "wt", compresslevel=1) as report,
        gzip.open(partial[1], "wt", compresslevel=1) as flat,
    ):
        lines = _report_lines(blocks_count, seed, total, flat)
        report.writelines(lines)
    for source, target in zip(partial, (dsrf, tsv), strict=True):
        source.rename(target)
    return dsrf, tsv


def _report_lines(count: int, seed: int, total: int, flat) -> Iterator[str]:
    flat.write(HEADER)
    yield f"{HEAD}\n{HEAD_COLUMNS}\n#SY01.02\t{SY}\n"
    yield f"SY01.02\tS1\tSubscriptionModel\tGB\tBench\t{total}\tGBP\t{total / 100:.2f}\tGBP\t1\n"  # noqa: E501
    yield f"#RE01.02\t{RE}\n#AS02.03\t{AS}\n#SU02.02\t{SU}\n"
    lines = 7
    for number, (dsp_id, title, artists, isrc, sales) in enumerate(
        blocks(count, seed), start=1
    ):
        block = [
            f"RE01.02\t{number}\tR{number}\tREL{number}\t\t{artists}\t{title}\n",
            f"AS02.03\t{number}\tA{number}\t{dsp_id}\t{isrc}\t{title}\t{artists}\t\n",
        ]
        for sale, usages in enumerate(sales):
            block.append(
                f"SU02.02\t{number}\tS1\tT{number}-{sale}\tA{number}\t{usages}"
                "\tOnDemandStream\n"
            )
            flat.write(
                f"{dsp_id}\t{title}\t{artists}\t{isrc}\t{usages}\t{usages / 100}\n"
            )
        lines += len(block)
        yield "".join(block)
    yield "#FOOT\tNumberOfLinesInFile\tNumberOfBlocksInFile\n"
    yield f"FOOT\t{lines + 2}\t{count}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="folder (default: under bench/work)")
    args = parser.parse_args()
    for path in dsrf_files(blocks_count=args.blocks, seed=args.seed, out=args.out):
        print(path)


if __name__ == "__main__":
    main()
