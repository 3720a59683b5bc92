"""Counts the home page shows: playlists, however many crawls each has."""

import datetime

import pytest

from playlists.selectors.playlists import playlist_count
from tests.playlists.factories import MAY_19, PlaylistFactory, PlaylistSnapshotFactory

pytestmark = pytest.mark.django_db


def test_playlist_count():
    playlist = PlaylistFactory()
    for day in (0, 1):
        taken_at = MAY_19 + datetime.timedelta(days=day)
        PlaylistSnapshotFactory(playlist=playlist, taken_at=taken_at)
    PlaylistFactory()
    assert playlist_count() == 2
