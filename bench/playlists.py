"""Benchmark the playlist crawl import and video matching, beside their floor.

    make bench APP=playlists                               # 1M and 3M records
    make bench APP=playlists ARGS="--records 5000"         # a quick look

For each size, ``N`` playlists x ``M`` videos x ``D`` days of crawls and a
catalogue (``bench.generate.playlists``) are imported into a fresh PostgreSQL
database: ``import_tracks``, then ``import_playlists`` (records/s and peak
RSS, beside the floor measured in the same run: ijson parsing the same file
in a process of its own) and ``match_videos`` (videos/s, peak RSS and what
it decided).
"""

import argparse

from bench.generate.playlists import playlists_files, records_in
from bench.harness import (
    PYTHON,
    Bench,
    Figure,
    fresh_database,
    manage,
    run,
    size_label,
)

# The floor: ijson over the same file, every record built, nothing stored.
PARSE_ONLY = """import sys, time, ijson
started = time.perf_counter()
with open(sys.argv[1], "rb") as stream:
    count = sum(1 for _ in ijson.items(stream, "item", use_float=True))
print(count, time.perf_counter() - started)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--records", type=int, nargs="+", default=[1_000_000, 3_000_000]
    )
    with Bench("playlists", parser) as bench:
        for size in bench.args.records:
            size_measure(bench, size)


def size_measure(bench: Bench, size: int) -> None:
    crawls, tracks = playlists_files(records=size)
    records = records_in(size)
    label = f"{size_label(records)} records"
    done = run([PYTHON, "-c", PARSE_ONLY, crawls])
    parsed, seconds = done.output.split()
    assert int(parsed) == records, (parsed, records)
    parse = Figure.floor(
        f"parse only (ijson), {label}", records / float(seconds), "records/s"
    )
    with fresh_database("playlists") as url:
        manage("import_tracks", str(tracks), database=url)
        imported = manage("import_playlists", str(crawls), database=url)
        matched = manage("match_videos", database=url)
    videos = int(matched.output.split()[0].replace(",", ""))
    bench.notes[f"match_videos, {label}"] = matched.output.strip()
    print(f"  match_videos: {matched.output.strip()}")
    bench.add(
        parse,
        Figure(
            f"import_playlists, {label}",
            records / imported.seconds,
            "records/s",
            "≥ 50,000 records/s",
            floors=(parse,),
        ),
        Figure(
            f"import_playlists, {label}: peak RSS", imported.rss_mb, "MB", "< 300 MB"
        ),
        Figure(
            f"match_videos, {videos:,} videos ({label})",
            videos / matched.seconds,
            "videos/s",
            "≥ 10,000 videos/s",
        ),
        Figure(f"match_videos, {label}: peak RSS", matched.rss_mb, "MB", "< 300 MB"),
    )


if __name__ == "__main__":
    main()
