"""Synthetic playlist crawls and the catalogue their videos are matched to.

    .venv/bin/python -m bench.generate.playlists --records 1000000

``N`` playlists x ``M`` videos x ``D`` days of crawls, as a JSON array like
the delivered one, streamed out; a catalogue CSV where about 60 % of the
videos' songs are, plus remixes and duplicate rows. A third of the videos
carry artist and track fields, a third a clean title, a third a typo.
"""

import argparse
import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.harness import WORK

START = datetime(2022, 5, 1, 12, tzinfo=UTC)
SYLLABLES = ("ka", "lo", "mi", "ra", "ne", "su", "ti", "va", "do", "be", "zu", "ri")


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
    # 1,000 playlists from 100,000 records on; fewer below, for quick looks.
    per_crawl = 100
    playlists = min(1000, max(1, size // per_crawl))
    days = max(1, size // (playlists * per_crawl))
    return playlists, per_crawl, days, max(size // 10, per_crawl * 10)


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


def crawls_write(path: Path, size: int) -> None:
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


def catalogue_write(path: Path, size: int) -> None:
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


def records_in(size: int) -> int:
    """Records of the crawls written for ``size``: whole crawls, at least one."""
    playlists, per_crawl, days, _ = shape(size)
    return playlists * per_crawl * days


def playlists_files(*, records: int) -> tuple[Path, Path]:
    """The crawls (about ``records`` records) and the catalogue, written once."""
    crawls = WORK / "playlists" / f"crawls-{records}.json"
    tracks = crawls.with_name(f"tracks-{records}.csv")
    crawls.parent.mkdir(parents=True, exist_ok=True)
    for path, write in ((crawls, crawls_write), (tracks, catalogue_write)):
        if not path.exists():
            print(f"generating {path.name}", flush=True)
            partial = path.with_suffix(".partial")
            write(partial, records)
            partial.rename(path)
    return crawls, tracks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    for path in playlists_files(records=parser.parse_args().records):
        print(path)


if __name__ == "__main__":
    main()
