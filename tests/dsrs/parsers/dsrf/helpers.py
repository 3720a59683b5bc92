"""The DSRF sample and small variants of it, written where a test asks."""

from pathlib import Path

DSRF_DIR = Path(__file__).resolve().parents[4] / "tests" / "data" / "dsrs" / "dsrf"
# Hand-made, Basic Audio 1.3 (see the README beside it).
SAMPLE = DSRF_DIR / (
    "DSR_PADPIDA2020000001A_PADPIDA2020000002B_MusicUnlimitedPremium"
    "_2020-06_GB_1of1_20200703T075930.tsv"
)
# ddexnet/dsrf's public test file (Apache-2.0), a UGC-profile report.
PUBLIC_UGC = DSRF_DIR / (
    "DSR_TEST_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv"
)


FOOT_HEADER = "\t".join(
    (
        "#FOOT",
        "NumberOfLinesInFile",
        "NumberOfLinesInReport",
        "NumberOfSummaryRecords",
        "NumberOfBlocksInFile",
        "NumberOfBlocksInReport",
    )
)


def sample_lines() -> list[str]:
    return SAMPLE.read_text().splitlines()


def variant_write(directory: Path, lines: list[str], name: str = SAMPLE.name) -> Path:
    """``lines`` as a DSRF file named ``name`` in ``directory``."""
    path = directory / name
    path.write_text("\n".join(lines) + "\n")
    return path


def foot_fixed(lines: list[str], *, blocks: int = 3) -> list[str]:
    """``lines`` with a FOOT that counts them right."""
    body = [line for line in lines if not line.startswith(("FOOT\t", "#FOOT\t"))]
    count = len(body) + 2
    return [*body, FOOT_HEADER, f"FOOT\t{count}\t{count}\t2\t{blocks}\t{blocks}"]
