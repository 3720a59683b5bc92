"""Crawl files and their dead letters become the common import record and
set-aside row; the catalogue gets an import record and keeps its rejects.

Renamed fields keep their data; every crawl file recorded so far was
ingested (a failed one leaves no record). Its SHA-256 stays unique among
ingested files, which all of them are.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("playlists", "0002_entry_without_constraints"),
    ]

    operations = [
        migrations.RenameField(
            model_name="playlistimport", old_name="records_read", new_name="rows_read"
        ),
        migrations.RenameField(
            model_name="playlistimport",
            old_name="records_imported",
            new_name="rows_imported",
        ),
        migrations.RenameField(
            model_name="playlistimport",
            old_name="dead_letters_count",
            new_name="rows_rejected",
        ),
        migrations.RenameField(
            model_name="playlistimport", old_name="imported_at", new_name="started_at"
        ),
        migrations.AddField(
            model_name="playlistimport",
            name="status",
            field=models.CharField(
                choices=[("ingested", "Ingested")], default="ingested", max_length=10
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="playlistimport",
            name="sha256",
            field=models.CharField(
                help_text="Of the file's bytes.", max_length=64, verbose_name="SHA-256"
            ),
        ),
        migrations.AddConstraint(
            model_name="playlistimport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "ingested")),
                fields=("sha256",),
                name="playlists_import_sha256_once",
            ),
        ),
        migrations.AlterField(
            model_name="playlistimport",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="playlistimport",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="playlistimport",
            name="size",
            field=models.PositiveBigIntegerField(
                blank=True,
                help_text="Bytes; empty for files recorded before.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="playlistimport",
            name="error",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AlterField(
            model_name="playlistimport",
            name="path",
            field=models.CharField(
                help_text="The file as it was given.", max_length=1024
            ),
        ),
        migrations.AlterField(
            model_name="playlistimport",
            name="rows_imported",
            field=models.PositiveBigIntegerField(
                default=0, help_text="Records stored as new playlist entries."
            ),
        ),
        migrations.AlterField(
            model_name="playlistimport",
            name="rows_rejected",
            field=models.PositiveBigIntegerField(
                default=0, help_text="Set aside, each with its reason."
            ),
        ),
        migrations.RenameField(
            model_name="deadletter", old_name="index", new_name="line"
        ),
        migrations.RenameField(
            model_name="deadletter", old_name="record", new_name="value"
        ),
        migrations.AlterModelOptions(
            name="deadletter", options={"ordering": ["file", "line"]}
        ),
        migrations.AlterField(
            model_name="deadletter",
            name="line",
            field=models.PositiveIntegerField(
                help_text="0-based index in the array.", verbose_name="index"
            ),
        ),
        migrations.AlterField(
            model_name="deadletter",
            name="value",
            field=models.TextField(
                help_text="The record as received (JSON).", verbose_name="record"
            ),
        ),
        migrations.AddField(
            model_name="deadletter",
            name="field",
            field=models.CharField(
                blank=True,
                default="",
                help_text="The field at fault; empty: the row.",
                max_length=50,
            ),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="TrackImport",
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
                (
                    "path",
                    models.CharField(
                        help_text="The file as it was given.", max_length=1024
                    ),
                ),
                (
                    "size",
                    models.PositiveBigIntegerField(
                        blank=True,
                        help_text="Bytes; empty for files recorded before.",
                        null=True,
                    ),
                ),
                (
                    "sha256",
                    models.CharField(
                        help_text="Of the file's bytes.",
                        max_length=64,
                        verbose_name="SHA-256",
                    ),
                ),
                ("error", models.TextField(blank=True, default="")),
                ("rows_read", models.PositiveBigIntegerField(default=0)),
                (
                    "rows_rejected",
                    models.PositiveBigIntegerField(
                        default=0, help_text="Set aside, each with its reason."
                    ),
                ),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("ingested", "Ingested"), ("failed", "Failed")],
                        max_length=10,
                    ),
                ),
                (
                    "rows_imported",
                    models.PositiveBigIntegerField(
                        default=0, help_text="Recordings stored, one per cm_track."
                    ),
                ),
                (
                    "invalid_isrcs",
                    models.PositiveBigIntegerField(
                        default=0,
                        help_text="Kept as written.",
                        verbose_name="invalid ISRCs",
                    ),
                ),
            ],
            options={"verbose_name": "catalogue import", "ordering": ["id"]},
        ),
        migrations.CreateModel(
            name="TrackReject",
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
                (
                    "line",
                    models.PositiveIntegerField(
                        help_text="Line in the file, or number of the record."
                    ),
                ),
                (
                    "field",
                    models.CharField(
                        blank=True,
                        help_text="The field at fault; empty: the row.",
                        max_length=50,
                    ),
                ),
                (
                    "value",
                    models.TextField(
                        blank=True, help_text="The value at fault, as read."
                    ),
                ),
                ("reason", models.TextField()),
                (
                    "file",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rejects",
                        to="playlists.trackimport",
                    ),
                ),
            ],
            options={"ordering": ["file", "line"]},
        ),
    ]
