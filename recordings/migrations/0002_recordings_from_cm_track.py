"""Seed the catalogue with the recordings ``import_tracks`` already loaded.

Each valid ISRC of the playlists catalogue (``cm_track.csv`` rows) becomes
one recording, with the title and artist of its lowest ``cm_track`` (the row
catalogued first, as the matcher prefers). Invalid ISRCs are no recordings.
The playlists rows stay where they are: the matcher reads them.
"""

from django.db import migrations

BATCH = 5_000


def recordings_seed(apps, schema_editor):
    Track = apps.get_model("playlists", "Recording")
    Recording = apps.get_model("recordings", "Recording")
    known = set(Recording.objects.values_list("isrc", flat=True))
    batch = []
    rows = (
        Track.objects.filter(isrc_valid=True)
        .order_by("cm_track")
        .values_list("isrc", "title", "artist__name")
    )
    for isrc, title, artist in rows.iterator(chunk_size=BATCH):
        if isrc in known:
            continue
        known.add(isrc)
        batch.append(
            Recording(
                isrc=isrc,
                title=title,
                title_source="cm_track",
                artists=artist,
                artists_source="cm_track",
            )
        )
        if len(batch) == BATCH:
            Recording.objects.bulk_create(batch)
            batch = []
    Recording.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("recordings", "0001_initial"),
        ("playlists", "0003_import_records"),
    ]

    operations = [migrations.RunPython(recordings_seed, migrations.RunPython.noop)]
