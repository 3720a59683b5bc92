"""Benchmark playlist crawl import and video matching; print and save a table.

    .venv/bin/python bench/playlists.py                     # 1M and 3M records
    .venv/bin/python bench/playlists.py --sizes 1000000     # 1M only

For each size, ``N`` playlists x ``M`` videos x ``D`` days of crawls are
generated into ``bench/work/`` (a JSON array like the delivered one, streamed
out, so any size takes no memory) with a catalogue where about 60 % of the
videos' songs are, plus remixes and duplicate rows. Measured in one run, each
step in its own process (peak RSS is that process's): the parse-only floor
(ijson over the same file, the baseline the import is a ratio of),
``import_playlists``, and ``match_videos``. Results go to
``bench/results/<date>-playlists.md``.

The database is ``BENCH_DATABASE_URL`` (default: the local PostgreSQL
``wt_playlists``); its playlists tables are emptied before each size.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wt_playlists"
)
START = datetime(2022, 5, 1, 12, tzinfo=UTC)
SYLLABLES = ("ka", "lo", "mi", "ra", "ne", "su", "ti", "va", "do", "be", "zu", "ri")
CHILD = """
import os, resource, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dsr_project.settings")
django.setup()
from django.core.management import call_command
started = time.monotonic()
call_command(*sys.argv[1:])
print(f"BENCH {time.monotonic() - started:.3f} "
      f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}")
"""
PARSE_ONLY = """
import resource, sys, time, ijson
started = time.monotonic()
with open(sys.argv[1], "rb") as stream:
    count = sum(1 for _ in ijson.items(stream, "item", use_float=True))
print(f"BENCH {time.monotonic() - started:.3f} "
      f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} {count}")
"""


def word(number: int, parts: int = 3) -> str:
    """A pronounceable name for a number: distinct numbers, distinct words."""
    letters = []
    for _ in range(parts):
        number, digit = divmod(number, len(SYLLABLES))
        letters.append(SYLLABLES[digit])
    return "".join(letters).capitalize()


def registrant(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "".join(digits[number // 36**i % 36] for i in (2, 1, 0))


def artist_of(video: int, artists: int) -> str:
    return f"{word(video % artists)} {word(video % artists + 7, 2)}"


def song_of(video: int) -> str:
    return f"{word(video, 4)} {word(video // 3 + 11, 2)}"


def shape(size: int) -> tuple[int, int, int, int]:
    """Playlists, videos per crawl, days, distinct videos for a record count."""
    playlists, per_crawl = 1000, 100
    days = max(1, size // (playlists * per_crawl))
    return playlists, per_crawl, days, max(size // 10, per_crawl * 10)


def crawls_write(path: Path, size: int) -> int:
    playlists, per_crawl, days, videos = shape(size)
    artists = max(videos // 20, 1)
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("[\n")
        for day in range(days):
            for playlist in range(playlists):
                taken = START + timedelta(days=day, seconds=playlist * 3)
                for slot in range(per_crawl):
                    # A slot's video changes every 10 days, at its own phase.
                    video = hash((playlist, slot, (day + slot) // 10)) % videos
                    record = video_record(video, artists, playlist, slot, taken)
                    out.write(("," if written else "") + json.dumps(record) + "\n")
                    written += 1
        out.write("]\n")
    return written


def video_record(video, artists, playlist, slot, taken) -> dict:
    artist, song = artist_of(video, artists), song_of(video)
    kind = video % 3  # metadata fields / a clean title / a typo in the title
    title = f"{artist} - {song} (Official Video)"
    if kind == 2:
        title = f"{artist} - {song[:3]}{song[4:]} (Official Video)"
    return {
        "playlist_id": f"PLbench{playlist:08d}",
        "playlist_name": f"Bench playlist {playlist}",
        "artwork_url": f"https://i.ytimg.com/vi/{playlist}/default.jpg",
        "channel_id": f"UCbench{playlist % 50:06d}",
        "views": 1_000_000 + playlist,
        "num_videos": 100,
        "timestp": (taken + timedelta(milliseconds=50 * slot)).isoformat(),
        "video_id": f"v{video:010d}",
        "title": title,
        "artist_name": artist if kind == 0 else None,
        "image_url": f"https://i.ytimg.com/vi/v{video:010d}/default.jpg",
        "track_title": song if kind == 0 else None,
        "position": slot,
    }


def catalogue_write(path: Path, size: int) -> int:
    *_, videos = shape(size)
    artists = max(videos // 20, 1)
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["cm_track", "track", "isrc", "cm_artist", "artist"])
        for video in range(videos):
            if video % 5 >= 3:
                continue  # 60 % of the songs are catalogued
            titles = [song_of(video)]
            if video % 10 == 0:
                titles.append(f"{song_of(video)} - Club Remix")
            if video % 25 == 0:
                titles.append(song_of(video))  # single and album rows
            for title in titles:
                rows += 1
                isrc = f"QZ{registrant(rows // 100_000)}22{rows % 100_000:05d}"
                writer.writerow(
                    [rows, title, isrc, video % artists, artist_of(video, artists)]
                )
    return rows


def _count_or(path: Path, write) -> int:
    """Records (lines but the brackets, or rows but the header) of an existing
    file, else write it and return what was written."""
    if not path.exists():
        return write()
    with open(path, "rb") as stream:
        lines = sum(1 for _ in stream)
    return lines - 2 if path.suffix == ".json" else lines - 1


def child(*command: str, env: dict) -> tuple[float, int, str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH"))
    _, seconds, rss = line.split()
    return float(seconds), int(rss), done.stdout


def tables_empty(env: dict) -> None:
    subprocess.run(
        [sys.executable, "-c", CHILD, "flush", "--no-input"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def size_measure(size: int, env: dict) -> list[tuple]:
    crawls, tracks = WORK / f"crawls-{size}.json", WORK / f"tracks-{size}.csv"
    started = time.monotonic()
    # Deterministic, so files left by an earlier run are the same files.
    records = _count_or(crawls, lambda: crawls_write(crawls, size))
    recordings = _count_or(tracks, lambda: catalogue_write(tracks, size))
    generated = time.monotonic() - started
    print(
        f"{size:,}: generated {records:,} records, {recordings:,} recordings "
        f"in {generated:.0f} s ({crawls.stat().st_size / 1e6:,.0f} MB)",
        flush=True,
    )
    parse = subprocess.run(
        [sys.executable, "-c", PARSE_ONLY, str(crawls)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    parse_rate = records / float(parse[1])
    tables_empty(env)
    child("import_tracks", str(tracks), env=env)
    seconds, rss, _ = child("import_playlists", str(crawls), env=env)
    import_rate = records / seconds
    match_seconds, match_rss, out = child("match_videos", env=env)
    videos = int(out.split()[0].replace(",", ""))
    summary = out.strip().splitlines()[0]
    label = f"{records / 1e6:g}M records"
    return [
        (f"parse only (ijson), {label}", parse_rate, "records/s", "baseline", ""),
        (
            f"import_playlists, {label}",
            import_rate,
            "records/s",
            "≥ 50,000",
            f"{import_rate / parse_rate:.0%} of parse",
        ),
        (f"import_playlists peak RSS, {label}", rss, "MB", "< 300", ""),
        (
            f"match_videos, {videos:,} videos ({label})",
            videos / match_seconds,
            "videos/s",
            "≥ 10,000",
            "",
        ),
        (f"match_videos peak RSS, {label}", match_rss, "MB", "< 300", ""),
        (f"match_videos outcome, {label}", 0, summary, "", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 3_000_000])
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    # Production settings: with DEBUG on, Django keeps every query's SQL.
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    figures = []
    for size in args.sizes:
        figures.extend(size_measure(size, env))
    table = results_table(figures)
    print(table)
    target = RESULTS / f"{date.today():%Y-%m-%d}-playlists.md"
    target.write_text(table)
    print(f"written to {target}")


def results_table(figures: list[tuple]) -> str:
    lines = [
        f"# Playlists benchmark {date.today():%Y-%m-%d}",
        "",
        f"Machine: 2 cores shared with other work (figures are noisy); "
        f"database {DATABASE.rsplit('@', 1)[-1]}; one run per size.",
        "",
        "| figure | value | unit | target | ratio |",
        "|---|---:|---|---|---:|",
    ]
    for name, value, unit, target, ratio in figures:
        shown = f"{value:,.0f}" if value else ""
        lines.append(f"| {name} | {shown} | {unit} | {target} | {ratio} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
