"""Copy the playlists catalogue rows into the tracks, keeping every row and id.

Each ``playlists.Recording`` (one per ``cm_track``) becomes the ``Track`` of
the same id, each ``playlists.Artist`` the ``Artist`` of the same id, so the
video matches that name them keep their meaning (``playlists`` 0005 copies
them). A track with a valid ISRC is attached to the recording of that ISRC,
made here if missing, with the title and artist of its lowest ``cm_track``
(migration 0002's rule); a track with an invalid ISRC to none. Going back,
``playlists`` 0005 copies the rows back before these tables are dropped.
"""

from django.core.management.color import no_style
from django.db import migrations

BATCH = 5_000


def tracks_copy(apps, schema_editor):
    OldArtist = apps.get_model("playlists", "Artist")
    OldTrack = apps.get_model("playlists", "Recording")
    Artist = apps.get_model("recordings", "Artist")
    Track = apps.get_model("recordings", "Track")
    Recording = apps.get_model("recordings", "Recording")
    artists = OldArtist.objects.order_by("pk").values_list(
        "pk", "source", "source_id", "name"
    )
    _batched_create(
        Artist,
        (Artist(id=i, source=s, source_id=k, name=n) for i, s, k, n in artists),
    )
    rows = OldTrack.objects.order_by("cm_track").values_list(
        "pk", "cm_track", "title", "isrc", "isrc_valid", "artist_id", "artist__name"
    )
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            _tracks_create(Track, Recording, batch)
            batch = []
    _tracks_create(Track, Recording, batch)
    sequences_reset(schema_editor, [Artist, Track])


def _tracks_create(Track, Recording, rows):
    isrcs = {row[3] for row in rows if row[4]}
    known = dict(Recording.objects.filter(isrc__in=isrcs).values_list("isrc", "pk"))
    missing = {}
    for _, _, title, isrc, valid, _, artist in rows:  # by cm_track: lowest first
        if valid and isrc not in known:
            missing.setdefault(isrc, (title, artist))
    Recording.objects.bulk_create(
        Recording(
            isrc=isrc,
            title=title,
            title_source="cm_track",
            artists=artist,
            artists_source="cm_track",
        )
        for isrc, (title, artist) in missing.items()
    )
    known.update(
        Recording.objects.filter(isrc__in=list(missing)).values_list("isrc", "pk")
    )
    Track.objects.bulk_create(
        Track(
            id=pk,
            cm_track=cm_track,
            title=title,
            isrc=isrc,
            isrc_valid=valid,
            artist_id=artist_id,
            recording_id=known[isrc] if valid else None,
        )
        for pk, cm_track, title, isrc, valid, artist_id, _ in rows
    )


def _batched_create(model, objects):
    batch = []
    for obj in objects:
        batch.append(obj)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)


def sequences_reset(schema_editor, models):
    """Rows were written with their ids: the next id comes after them."""
    statements = schema_editor.connection.ops.sequence_reset_sql(no_style(), models)
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("recordings", "0003_tracks"),
        ("playlists", "0003_import_records"),
    ]

    operations = [migrations.RunPython(tracks_copy, migrations.RunPython.noop)]
