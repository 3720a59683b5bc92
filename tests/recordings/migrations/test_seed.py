"""Migration 0002 on a database holding the delivered catalogue sample."""

from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from playlists.models import Recording as Track
from playlists.services import track_file_import
from recordings.models import Recording

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "playlists" / "cm_track.csv"
SEED = [("recordings", "0002_recordings_from_cm_track")]
BEFORE = [("recordings", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_every_valid_isrc_of_the_catalogue_becomes_one_recording():
    track_file_import(path=SAMPLE)
    valid = set(Track.objects.filter(isrc_valid=True).values_list("isrc", flat=True))
    assert Recording.objects.count() == len(valid)  # fed by import_tracks
    Recording.objects.all().delete()

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    executor.migrate(SEED)

    assert set(Recording.objects.values_list("isrc", flat=True)) == valid
    first = Track.objects.filter(isrc_valid=True).order_by("cm_track").first()
    seeded = Recording.objects.get(isrc=first.isrc)
    assert (seeded.title, seeded.artists) == (first.title, first.artist.name)
    assert seeded.title_source == seeded.artists_source == "cm_track"
    assert Track.objects.count() == 4538  # the playlists rows stay
