"""The model states the byte order of ``Resource.dsp_id`` (``ByteOrderCharField``).

The column has had it on PostgreSQL since 0002 (``COLLATE "C"``), and SQLite
compares text bytewise by default, so only Django's state changes.
"""

from django.db import migrations

import dsrs.fields


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0010_resource_fillfactor")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="resource",
                    name="dsp_id",
                    field=dsrs.fields.ByteOrderCharField(
                        max_length=128, verbose_name="DSP id"
                    ),
                ),
            ],
        ),
    ]
