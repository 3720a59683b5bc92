"""A video match names a catalogue track of ``recordings`` (``track``,
``alternative_tracks``) beside the playlists rows it names now; 0005 copies
the decisions, 0006 drops the old fields and the playlists catalogue."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("playlists", "0003_import_records"),
        ("recordings", "0003_tracks"),
    ]

    operations = [
        migrations.AddField(
            model_name="videomatch",
            name="track",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="video_matches",
                to="recordings.track",
            ),
        ),
        migrations.AddField(
            model_name="videomatch",
            name="alternative_tracks",
            field=models.ManyToManyField(
                blank=True,
                help_text="Other catalogue tracks of the same recording (other ISRCs).",
                related_name="alternative_matches",
                to="recordings.track",
            ),
        ),
    ]
