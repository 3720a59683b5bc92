"""Catalogue tracks (``cm_track.csv`` rows) and their artists move here from
``playlists``: the tables; 0004 copies the rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recordings", "0002_recordings_from_cm_track"),
    ]

    operations = [
        migrations.CreateModel(
            name="Artist",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("source", models.CharField(default="chartmetric", max_length=20)),
                ("source_id", models.CharField(max_length=100)),
                ("name", models.TextField()),
            ],
            options={
                "ordering": ["source", "source_id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("source", "source_id"),
                        name="recordings_artist_source_id",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Track",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("cm_track", models.BigIntegerField(unique=True)),
                ("title", models.TextField()),
                (
                    "isrc",
                    models.CharField(
                        db_index=True,
                        help_text="Normal form when valid, else as written.",
                        max_length=64,
                        verbose_name="ISRC",
                    ),
                ),
                ("isrc_valid", models.BooleanField(verbose_name="ISRC valid")),
                (
                    "artist",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tracks",
                        to="recordings.artist",
                    ),
                ),
                (
                    "recording",
                    models.ForeignKey(
                        blank=True,
                        help_text="None when the ISRC is invalid.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tracks",
                        to="recordings.recording",
                    ),
                ),
            ],
            options={
                "verbose_name": "catalogue track",
                "ordering": ["cm_track"],
            },
        ),
    ]
