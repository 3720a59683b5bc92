"""Factories for the playlist models: YouTube-shaped ids (catalogue tracks:
``tests.recordings.factories``)."""

import datetime

import factory

from playlists.models import (
    Channel,
    Playlist,
    PlaylistEntry,
    PlaylistSnapshot,
    Video,
    VideoMatch,
    VideoMetadata,
)
from tests.recordings.factories import TrackFactory

MAY_19 = datetime.datetime(2022, 5, 19, 12, tzinfo=datetime.UTC)


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel
        django_get_or_create = ("source", "source_id")

    source = "youtube"
    source_id = factory.Sequence(lambda n: f"UC{n:022d}")


class PlaylistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Playlist

    source = "youtube"
    source_id = factory.Sequence(lambda n: f"PL{n:032d}")


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    source = "youtube"
    source_id = factory.Sequence(lambda n: f"v{n:010d}")


class VideoMetadataFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VideoMetadata

    video = factory.SubFactory(VideoFactory)
    title = factory.Sequence(lambda n: f"Artist - Song {n} (Official Video)")
    digest = factory.Sequence(lambda n: f"{n:040x}")
    first_seen = MAY_19
    last_seen = MAY_19


class PlaylistSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaylistSnapshot

    playlist = factory.SubFactory(PlaylistFactory)
    taken_at = MAY_19
    last_record_at = factory.LazyAttribute(
        lambda o: o.taken_at + datetime.timedelta(seconds=1)
    )
    name = "Top Hits"
    artwork_url = "https://i.ytimg.com/vi/x/default.jpg"
    channel = factory.SubFactory(ChannelFactory)
    views = 1000
    num_videos = 2


class PlaylistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaylistEntry

    snapshot = factory.SubFactory(PlaylistSnapshotFactory)
    position = factory.Sequence(lambda n: n)
    video = factory.SubFactory(VideoFactory)


class VideoMatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VideoMatch

    video = factory.SubFactory(VideoFactory)
    track = factory.SubFactory(TrackFactory)
    method = VideoMatch.Method.EXACT
    score = 100.0
