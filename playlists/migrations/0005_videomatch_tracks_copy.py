"""Every video match names the track of the same id as the playlists row it
named (``recordings`` 0004 kept the ids), alternatives and tied candidates
included; nothing is decided again, staff decisions stay as they were.

Going back, the tracks and artists are copied into the playlists catalogue
(same ids) and the matches name those rows again.
"""

from django.core.management.color import no_style
from django.db import migrations
from django.db.models import F

BATCH = 5_000


def matches_to_tracks(apps, schema_editor):
    VideoMatch = apps.get_model("playlists", "VideoMatch")
    VideoMatch.objects.update(track_id=F("recording_id"))
    _through_copy(
        VideoMatch.alternatives.through,
        "recording_id",
        VideoMatch.alternative_tracks.through,
        "track_id",
    )
    _candidates_rename(VideoMatch, "recording_id", "track_id")


def matches_to_playlist_rows(apps, schema_editor):
    OldArtist = apps.get_model("playlists", "Artist")
    OldTrack = apps.get_model("playlists", "Recording")
    Artist = apps.get_model("recordings", "Artist")
    Track = apps.get_model("recordings", "Track")
    VideoMatch = apps.get_model("playlists", "VideoMatch")
    _rows_copy(
        Artist.objects.values_list("pk", "source", "source_id", "name"),
        lambda i, s, k, n: OldArtist(id=i, source=s, source_id=k, name=n),
        OldArtist,
    )
    _rows_copy(
        Track.objects.values_list(
            "pk", "cm_track", "title", "isrc", "isrc_valid", "artist_id"
        ),
        lambda i, c, t, s, v, a: OldTrack(
            id=i, cm_track=c, title=t, isrc=s, isrc_valid=v, artist_id=a
        ),
        OldTrack,
    )
    statements = schema_editor.connection.ops.sequence_reset_sql(
        no_style(), [OldArtist, OldTrack]
    )
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    VideoMatch.objects.update(recording_id=F("track_id"))
    _through_copy(
        VideoMatch.alternative_tracks.through,
        "track_id",
        VideoMatch.alternatives.through,
        "recording_id",
    )
    _candidates_rename(VideoMatch, "track_id", "recording_id")


def _rows_copy(rows, build, model):
    batch = []
    for row in rows.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(build(*row))
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)


def _through_copy(source, source_column, target, target_column):
    rows = source.objects.order_by("pk").values_list("videomatch_id", source_column)
    _rows_copy(
        rows,
        lambda match, other: target(videomatch_id=match, **{target_column: other}),
        target,
    )


def _candidates_rename(VideoMatch, old, new):
    """Tied candidates name their catalogue row under the new key."""
    changed = []
    for match in VideoMatch.objects.filter(ambiguous=True).iterator(chunk_size=BATCH):
        match.candidates = [
            {(new if key == old else key): value for key, value in candidate.items()}
            for candidate in match.candidates
        ]
        changed.append(match)
        if len(changed) == BATCH:
            VideoMatch.objects.bulk_update(changed, ["candidates"])
            changed = []
    VideoMatch.objects.bulk_update(changed, ["candidates"])


class Migration(migrations.Migration):
    dependencies = [
        ("playlists", "0004_videomatch_tracks"),
        ("recordings", "0004_tracks_from_playlists"),
    ]

    operations = [migrations.RunPython(matches_to_tracks, matches_to_playlist_rows)]
