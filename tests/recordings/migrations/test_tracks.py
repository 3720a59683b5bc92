"""The playlists catalogue moving into recordings (recordings 0003-0004,
playlists 0004-0006): every row, id and match kept, forwards and back."""

import pytest

from tests.recordings.migrations.steps import migrate, migrate_to_latest

BEFORE = [
    ("playlists", "0003_import_records"),
    ("recordings", "0002_recordings_from_cm_track"),
]
AFTER = [
    ("playlists", "0006_remove_catalogue"),
    ("recordings", "0004_tracks_from_playlists"),
]
ISRC, NEW_ISRC = "USAB12200001", "USAB12200002"


def catalogue_build(apps) -> dict:
    """Tracks sharing an ISRC, one without a recording yet, an invalid one,
    and matches of every kind to them."""
    Artist = apps.get_model("playlists", "Artist")
    Track = apps.get_model("playlists", "Recording")
    Recording = apps.get_model("recordings", "Recording")
    Video = apps.get_model("playlists", "Video")
    VideoMatch = apps.get_model("playlists", "VideoMatch")
    singer, band = (Artist.objects.create(source_id=n, name=n) for n in ("7", "8"))
    Recording.objects.create(isrc=ISRC, title="Song", title_source="cm_track")
    single = Track.objects.create(
        cm_track=10, title="Song", isrc=ISRC, isrc_valid=True, artist=singer
    )
    album = Track.objects.create(
        cm_track=20, title="Song", isrc=ISRC, isrc_valid=True, artist=singer
    )
    fresh = Track.objects.create(
        cm_track=5, title="New", isrc=NEW_ISRC, isrc_valid=True, artist=band
    )
    invalid = Track.objects.create(
        cm_track=30, title="Odd", isrc="NOTANISRC", isrc_valid=False, artist=band
    )
    videos = [Video.objects.create(source="youtube", source_id=f"v{n}") for n in "abc"]
    exact = VideoMatch.objects.create(
        video=videos[0], recording=single, method="exact", score=100.0
    )
    exact.alternatives.add(album)
    VideoMatch.objects.create(video=videos[1], recording=invalid, method="manual")
    candidates = [
        {"recording_id": t.pk, "isrc": ISRC, "title": "Song", "artist": "7"}
        for t in (single, fresh)
    ]
    VideoMatch.objects.create(
        video=videos[2], method="none", ambiguous=True, candidates=candidates
    )
    return {
        "tracks": sorted(
            Track.objects.values_list(
                "pk", "cm_track", "title", "isrc", "isrc_valid", "artist_id"
            )
        ),
        "artists": sorted(Artist.objects.values_list("pk", "source_id", "name")),
        "matches": matches_of(VideoMatch, "recording"),
        "single": single.pk,
        "album": album.pk,
    }


def matches_of(VideoMatch, field: str) -> list:
    return [
        (
            match.video_id,
            getattr(match, f"{field}_id"),
            match.method,
            sorted(t.pk for t in match.alternatives.all()),
            [c.get("recording_id", c.get("track_id")) for c in match.candidates],
        )
        for match in VideoMatch.objects.order_by("video_id")
    ]


@pytest.mark.django_db(transaction=True)
def test_the_catalogue_moves_with_every_row_and_match_and_back():
    before = catalogue_build(migrate(BEFORE))

    apps = migrate(AFTER)
    Track = apps.get_model("recordings", "Track")
    Recording = apps.get_model("recordings", "Recording")
    VideoMatch = apps.get_model("playlists", "VideoMatch")
    tracks = Track.objects.values_list(
        "pk", "cm_track", "title", "isrc", "isrc_valid", "artist_id"
    )
    assert sorted(tracks) == before["tracks"]
    artists = sorted(
        apps.get_model("recordings", "Artist").objects.values_list(
            "pk", "source_id", "name"
        )
    )
    assert artists == before["artists"]
    attached = dict(Track.objects.values_list("cm_track", "recording__isrc"))
    assert attached == {10: ISRC, 20: ISRC, 5: NEW_ISRC, 30: None}
    made = Recording.objects.get(isrc=NEW_ISRC)  # the ISRC had no recording yet
    assert (made.title, made.artists, made.title_source) == ("New", "8", "cm_track")
    assert matches_of(VideoMatch, "track") == before["matches"]
    ambiguous = VideoMatch.objects.get(ambiguous=True)
    assert all(
        "track_id" in c and "recording_id" not in c for c in ambiguous.candidates
    )
    assert Track.objects.create(  # ids go on after the copied ones
        cm_track=99, title="Next", isrc="X", isrc_valid=False, artist_id=artists[0][0]
    ).pk > max(pk for pk, *_ in before["tracks"])

    apps = migrate(BEFORE)
    Track = apps.get_model("playlists", "Recording")
    tracks = Track.objects.exclude(cm_track=99).values_list(
        "pk", "cm_track", "title", "isrc", "isrc_valid", "artist_id"
    )
    assert sorted(tracks) == before["tracks"]
    assert (
        matches_of(apps.get_model("playlists", "VideoMatch"), "recording")
        == (before["matches"])
    )
    migrate_to_latest()
