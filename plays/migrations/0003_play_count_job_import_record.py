"""PlayCountJob becomes the common import record.

``file_name`` and ``rows_in`` are renamed ``path`` and ``rows_read`` (their
data kept). The SHA-256 stays unique over every job, as a constraint.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plays", "0002_upload_directory_per_upload"),
    ]

    operations = [
        migrations.RenameField(
            model_name="playcountjob", old_name="file_name", new_name="path"
        ),
        migrations.AlterField(
            model_name="playcountjob",
            name="path",
            field=models.CharField(
                help_text="As uploaded.", max_length=1024, verbose_name="file name"
            ),
        ),
        migrations.RenameField(
            model_name="playcountjob", old_name="rows_in", new_name="rows_read"
        ),
        migrations.AlterField(
            model_name="playcountjob",
            name="rows_read",
            field=models.PositiveBigIntegerField(
                blank=True,
                help_text="Rows in the file, once valid.",
                null=True,
                verbose_name="rows in",
            ),
        ),
        migrations.AddField(
            model_name="playcountjob",
            name="rows_rejected",
            field=models.PositiveBigIntegerField(
                default=0, help_text="Set aside, each with its reason."
            ),
        ),
        migrations.AlterField(
            model_name="playcountjob",
            name="sha256",
            field=models.CharField(
                help_text="Of the file's bytes.", max_length=64, verbose_name="SHA-256"
            ),
        ),
        migrations.AddConstraint(
            model_name="playcountjob",
            constraint=models.UniqueConstraint(
                fields=("sha256",), name="plays_job_sha256_once"
            ),
        ),
    ]
