"""import of crawl files: counts, dead letters, the crawl rule, idempotency."""

import datetime
import shutil

import pytest

from playlists.models import (
    DeadLetter,
    Playlist,
    PlaylistEntry,
    PlaylistSnapshot,
    Video,
    VideoMetadata,
)
from playlists.parsers import DeadLetterRecord, crawl_records_read
from playlists.parsers.records import NOT_AN_ARRAY
from playlists.services import crawl_file_import

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


class TestSample:
    def test_counts(self, imported_crawls):
        assert imported_crawls.rows_read == 5354
        assert imported_crawls.rows_imported == 5354
        assert imported_crawls.rows_rejected == 0
        assert Playlist.objects.count() == 10
        # 10 playlists crawled once a day for 4 days.
        assert PlaylistSnapshot.objects.count() == 40
        assert PlaylistEntry.objects.count() == 5354
        assert Video.objects.count() == 1046
        assert VideoMetadata.objects.count() == 1046

    def test_the_first_record_of_a_crawl_gives_the_snapshot(self, imported_crawls):
        snapshot = PlaylistSnapshot.objects.get(
            playlist__source_id="PLx0sYbCqOb8Q_CLZC2BdBSKEEB59BOPUM",
            taken_at__date=datetime.date(2022, 5, 20),
        )
        assert snapshot.name == "UK Top 40 Songs This Week 2022 (Top Charts Music)"
        assert snapshot.views == 615521031
        assert snapshot.num_videos == 40
        assert snapshot.channel.source_id == "UClYiXQ2e1DUEPcWbcQtq1NA"
        assert snapshot.entries.count() == 40
        entry = snapshot.entries.get(video__source_id="XXYlFuWEuKI")
        assert entry.position == 36  # 0-based, as crawled

    def test_nulls_in_optional_fields_are_kept_as_null(self, imported_crawls):
        assert VideoMetadata.objects.filter(artist_name=None).count() > 0
        assert VideoMetadata.objects.filter(track_title=None).count() > 0
        assert VideoMetadata.objects.filter(artist_name="").count() == 0

    def test_the_same_file_again_is_skipped(self, imported_crawls, crawl_sample):
        again = crawl_file_import(path=crawl_sample)
        assert again.status == "skipped"
        assert again.import_id == imported_crawls.import_id
        assert PlaylistEntry.objects.count() == 5354

    def test_the_same_records_in_another_file_add_nothing(
        self, imported_crawls, crawl_sample, tmp_path
    ):
        copy = tmp_path / "copy.json"
        copy.write_bytes(crawl_sample.read_bytes() + b"\n")  # other bytes, same records
        again = crawl_file_import(path=copy)
        assert again.status == "ingested"
        assert (again.rows_imported, again.details["records_duplicate"]) == (0, 5354)
        assert PlaylistSnapshot.objects.count() == 40
        assert PlaylistEntry.objects.count() == 5354
        assert VideoMetadata.objects.count() == 1046


class TestDeadLetters:
    @pytest.mark.parametrize(
        "name",
        [
            "dead_not_an_object.json",
            "dead_missing_position.json",
            "dead_mistyped_position.json",
            "dead_null_video_id.json",
            "dead_bad_timestamp.json",
            "dead_mistyped_playlist_id.json",
            "dead_nul_character.json",
            "dead_position_too_large.json",
            "dead_views_too_large.json",
            "dead_num_videos_too_large.json",
            "dead_video_id_too_long.json",
            "dead_year_9999_offset.json",
            "dead_lone_surrogate.json",
            "dead_nested_too_deep.json",
        ],
    )
    def test_the_bad_record_is_set_aside_and_the_rest_imports(self, data_dir, name):
        """Stored as the parser read it (tests/playlists/parsers: the reasons)."""
        result = crawl_file_import(path=data_dir / name)
        assert result.status == "ingested"
        assert result.rows_rejected == 1
        assert result.rows_imported == result.rows_read - 1
        letter = DeadLetter.objects.get()
        with open(data_dir / name, "rb") as stream:
            [parsed] = [
                item
                for item in crawl_records_read(stream=stream)
                if isinstance(item, DeadLetterRecord)
            ]
        assert (letter.index, letter.record, letter.reason) == (
            parsed.index,
            parsed.record,
            parsed.reason,
        )
        assert letter.file_id == result.import_id
        assert PlaylistEntry.objects.count() == result.rows_imported

    @pytest.mark.parametrize("name", ["truncated.json", "not_an_array.json"])
    def test_a_broken_file_imports_nothing(self, data_dir, name):
        result = crawl_file_import(path=data_dir / name)
        assert result.status == "failed"
        assert name in result.message
        assert PlaylistEntry.objects.count() == 0
        assert Playlist.objects.count() == 0

    def test_not_an_array_says_so(self, data_dir):
        result = crawl_file_import(path=data_dir / "not_an_array.json")
        assert NOT_AN_ARRAY in result.message

    def test_null_optional_fields_are_not_errors(self, data_dir):
        result = crawl_file_import(path=data_dir / "null_optional_fields.json")
        assert (result.rows_imported, result.rows_rejected) == (1, 0)
        snapshot = PlaylistSnapshot.objects.get()
        assert (snapshot.channel, snapshot.views) == (None, None)


class TestCrawlRule:
    def test_records_less_than_the_gap_apart_chain_into_one_crawl(self, data_dir):
        crawl_file_import(path=data_dir / "crawl_gap_chain.json")
        snapshot = PlaylistSnapshot.objects.get()  # 12:00, 12:59, 13:58
        assert snapshot.taken_at == datetime.datetime(2022, 5, 19, 12, tzinfo=UTC)
        assert snapshot.last_record_at == datetime.datetime(
            2022, 5, 19, 13, 58, tzinfo=UTC
        )
        assert snapshot.entries.count() == 3

    def test_records_the_gap_apart_are_two_crawls(self, data_dir):
        crawl_file_import(path=data_dir / "crawl_gap_split.json")
        assert list(PlaylistSnapshot.objects.values_list("views", flat=True)) == [
            1000,
            2000,
        ]

    def test_the_gap_is_configurable(self, data_dir):
        crawl_file_import(
            path=data_dir / "crawl_gap_chain.json",
            crawl_gap=datetime.timedelta(minutes=30),
        )
        assert PlaylistSnapshot.objects.count() == 3

    def test_a_timestamp_with_an_offset_is_converted_to_utc(self, data_dir):
        crawl_file_import(path=data_dir / "crawl_timezone_offset.json")
        assert PlaylistSnapshot.objects.get().taken_at == datetime.datetime(
            2022, 5, 19, 12, tzinfo=UTC
        )

    def test_file_order_does_not_matter(self, data_dir):
        crawl_file_import(path=data_dir / "unordered_records.json")
        snapshots = PlaylistSnapshot.objects.all()
        assert [s.entries.count() for s in snapshots] == [2, 2]

    def test_records_of_a_stored_crawl_join_it(self, data_dir, tmp_path):
        crawl_file_import(path=data_dir / "crawl_gap_chain.json")
        crawl_file_import(path=data_dir / "sample_day_again.json")
        assert PlaylistSnapshot.objects.count() == 1
        assert PlaylistEntry.objects.count() == 3

    def test_the_first_record_at_a_position_wins(self, data_dir):
        result = crawl_file_import(path=data_dir / "position_taken_twice.json")
        assert (result.rows_imported, result.details["records_duplicate"]) == (1, 1)
        assert PlaylistEntry.objects.get().video.source_id == "vid00000001"


class TestMetadataHistory:
    def test_each_version_is_kept_with_when_it_was_seen(self, data_dir):
        crawl_file_import(path=data_dir / "metadata_changed.json")
        versions = VideoMetadata.objects.order_by("first_seen")
        assert [(v.title, v.first_seen.day, v.last_seen.day) for v in versions] == [
            ("Artist - Song (Official Video)", 19, 21),
            ("Artist - Song (Official Music Video)", 20, 20),
        ]

    def test_a_later_file_widens_when_a_version_was_seen(self, data_dir, tmp_path):
        crawl_file_import(path=data_dir / "sample_day_again.json")
        later = tmp_path / "later.json"
        shutil.copy(data_dir / "metadata_changed.json", later)
        crawl_file_import(path=later)
        first = VideoMetadata.objects.get(title="Artist - Song (Official Video)")
        assert (first.first_seen.day, first.last_seen.day) == (19, 21)
