"""Migration 0002 on a database holding playlists catalogue rows."""

import pytest

from tests.recordings.migrations.steps import migrate, migrate_to_latest

SEED = [("recordings", "0002_recordings_from_cm_track")]
BEFORE = [("recordings", "0001_initial"), ("playlists", "0003_import_records")]


@pytest.mark.django_db(transaction=True)
def test_every_valid_isrc_of_the_catalogue_becomes_one_recording():
    apps = migrate(BEFORE)
    Artist = apps.get_model("playlists", "Artist")
    Track = apps.get_model("playlists", "Recording")
    first, second = (Artist.objects.create(source_id=n, name=n) for n in "AB")
    Track.objects.create(
        cm_track=20, title="Later", isrc="USAB12200001", isrc_valid=True, artist=second
    )
    Track.objects.create(
        cm_track=10, title="First", isrc="USAB12200001", isrc_valid=True, artist=first
    )
    Track.objects.create(
        cm_track=30, title="Bad", isrc="NOTANISRC", isrc_valid=False, artist=first
    )

    apps = migrate(SEED)
    Recording = apps.get_model("recordings", "Recording")
    (seeded,) = Recording.objects.all()
    assert (seeded.isrc, seeded.title, seeded.artists) == ("USAB12200001", "First", "A")
    assert seeded.title_source == seeded.artists_source == "cm_track"
    assert apps.get_model("playlists", "Recording").objects.count() == 3
    migrate_to_latest()
