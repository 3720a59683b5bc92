"""Cutting a play file into byte ranges at record ends (no database)."""

import csv
import io
import itertools
import random

import pytest

from plays.engine.ranges import byte_ranges_cut, lines_before

HEADER = b"Song,Date,Number of Plays"


def cut(tmp_path, content: bytes, parts: int, piece_bytes: int = 1 << 20):
    path = tmp_path / "plays.csv"
    path.write_bytes(content)
    ranges = byte_ranges_cut(source=path, parts=parts, piece_bytes=piece_bytes)
    return ranges, [content[r.start : r.end] for r in ranges]


def assert_cut_at_record_ends(content: bytes, ranges, pieces) -> None:
    """Cover the file exactly, none empty, each cut after a '\\n' outside quotes."""
    assert ranges[0].start == 0 and ranges[-1].end == len(content)
    assert all(a.end == b.start for a, b in itertools.pairwise(ranges))
    assert all(pieces)
    for piece in pieces[:-1]:
        assert piece.endswith(b"\n")
    for cut_at in [r.start for r in ranges[1:]]:
        assert content[:cut_at].count(b'"') % 2 == 0
    # The first range holds the header and at least one record.
    if len(ranges) > 1:
        assert pieces[0].count(b"\n") >= 2


def records(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def lines(*rows: str, end: str = "\n") -> bytes:
    return end.join([HEADER.decode(), *rows]).encode() + end.encode()


def test_ranges_are_about_equal(tmp_path):
    content = lines(*(f"Song {i},2020-01-01,{i}" for i in range(1000)))
    ranges, pieces = cut(tmp_path, content, 4)
    assert len(ranges) == 4
    assert_cut_at_record_ends(content, ranges, pieces)
    sizes = [r.end - r.start for r in ranges]
    assert max(sizes) - min(sizes) < 60


def test_header_only_is_one_range(tmp_path):
    content = lines()
    assert cut(tmp_path, content, 3)[0] == cut(tmp_path, content, 1)[0]
    assert len(cut(tmp_path, content, 3)[0]) == 1


def test_a_file_of_one_line_without_line_end_is_one_range(tmp_path):
    _ranges, pieces = cut(tmp_path, HEADER, 5)
    assert pieces == [HEADER]


def test_more_parts_than_lines_gives_one_range_per_record_at_most(tmp_path):
    content = lines("A,2020-01-01,1", "B,2020-01-01,2", "C,2020-01-01,3")
    ranges, pieces = cut(tmp_path, content, 50)
    assert_cut_at_record_ends(content, ranges, pieces)
    assert pieces == [
        lines("A,2020-01-01,1"),
        b"B,2020-01-01,2\n",
        b"C,2020-01-01,3\n",
    ]


def test_crlf_stays_whole(tmp_path):
    content = lines(*(f"S{i},2020-01-01,{i}" for i in range(30)), end="\r\n")
    ranges, pieces = cut(tmp_path, content, 7)
    assert_cut_at_record_ends(content, ranges, pieces)
    assert all(piece.endswith(b"\r\n") for piece in pieces)


def test_without_trailing_newline_the_last_range_ends_at_the_end(tmp_path):
    content = lines(*(f"S{i},2020-01-01,{i}" for i in range(30)))[:-1]
    ranges, pieces = cut(tmp_path, content, 4)
    assert_cut_at_record_ends(content, ranges, pieces)
    assert pieces[-1].endswith(b",29")


def test_never_inside_a_quoted_line_break(tmp_path):
    long_song = '"' + "\n".join(["a verse"] * 200) + '"'
    content = lines(f"{long_song},2020-01-01,1", "B,2020-01-01,2", end="\n")
    ranges, pieces = cut(tmp_path, content, 10, piece_bytes=16)
    assert_cut_at_record_ends(content, ranges, pieces)
    assert pieces[0].startswith(HEADER) and b"B,2020" not in pieces[0]


@pytest.mark.parametrize("seed", range(20))
def test_random_files_read_the_same_in_ranges(tmp_path, seed):
    """Any part count, any piece size: the ranges' records are the file's."""
    rng = random.Random(seed)
    songs = ["Plain", '"Comma, inside"', '"Say ""Hi"""', '"Two\nLines"', '"\r\n"']
    rows = [
        f"{rng.choice(songs)},2020-01-{rng.randint(1, 28):02d},{rng.randint(0, 99)}"
        for _ in range(rng.randint(0, 60))
    ]
    content = lines(*rows, end=rng.choice(["\n", "\r\n"]))
    if rng.random() < 0.3:
        content = content.rstrip(b"\r\n")
    if rng.random() < 0.3:
        content = b"\xef\xbb\xbf" + content
    ranges, pieces = cut(
        tmp_path, content, rng.randint(1, 80), piece_bytes=rng.randint(1, 64)
    )
    assert_cut_at_record_ends(content, ranges, pieces)
    assert [r for piece in pieces for r in records(piece)] == records(content)


def test_lines_before_counts_physical_lines_and_records(tmp_path):
    content = lines('"Two\nLines",2020-01-01,1', "B,2020-01-01,2", "C,2020-01-01,3")
    path = tmp_path / "plays.csv"
    path.write_bytes(content)
    offset = content.index(b"C,")
    for piece_bytes in (1, 3, 1 << 20):
        counted = lines_before(source=path, offset=offset, piece_bytes=piece_bytes)
        assert (counted.physical, counted.records) == (4, 3)
