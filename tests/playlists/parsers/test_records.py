"""Crawl records read in bounded memory, under a real memory cap."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MEMORY_CAP = 300 * 2**20

# 100,000 levels in 200 KB: ijson.items grew to 23.6 GB on it (issue 25, 1).
CAPPED_READ = textwrap.dedent(
    f"""
    import io, resource
    resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))
    from playlists.parsers import crawl_records_read
    data = b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]"
    (letter,) = crawl_records_read(stream=io.BufferedReader(io.BytesIO(data)))
    print(letter.index, letter.reason)
    """
)


def test_a_record_nested_100000_deep_is_set_aside_within_300_mb():
    done = subprocess.run(
        [sys.executable, "-c", CAPPED_READ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == (
        "0 nested more than 32 levels deep (PLAYLISTS_MAX_RECORD_DEPTH); not kept\n"
    )
