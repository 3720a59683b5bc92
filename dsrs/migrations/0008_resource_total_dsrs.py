"""The DSRs of each per-resource total, and the totals' model (PostgreSQL).

The unfiltered percentile then answers from the totals alone: its DSR lists
no longer cost one query over every usage partition per 500 resources. The
model is unmanaged: the table stays the SQL of migration 0003.
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

DSRS_SQL = """
ALTER TABLE dsrs_resource_total ADD COLUMN dsrs integer[] NOT NULL DEFAULT '{}';
UPDATE dsrs_resource_total AS t SET dsrs = x.dsrs
FROM (
    SELECT u.resource_id, array_agg(DISTINCT u.dsr_id ORDER BY u.dsr_id) AS dsrs
    FROM dsrs_usage AS u
    JOIN dsrs_dsr AS d ON d.id = u.dsr_id AND d.status = 'ingested'
    GROUP BY u.resource_id
) AS x
WHERE t.resource_id = x.resource_id;
ALTER TABLE dsrs_resource_total ALTER COLUMN dsrs DROP DEFAULT;
"""


def resource_total_dsrs(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DSRS_SQL)


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0007_usage_dsr_no_constraint")]

    operations = [
        migrations.RunPython(resource_total_dsrs, elidable=False),
        migrations.CreateModel(
            name="ResourceTotal",
            fields=[
                (
                    "resource",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="dsrs.resource",
                    ),
                ),
                ("dsp_id", models.CharField(max_length=128, verbose_name="DSP id")),
                ("usages", models.BigIntegerField()),
                (
                    "revenue_eur",
                    models.DecimalField(
                        decimal_places=500, max_digits=1000, verbose_name="EUR revenue"
                    ),
                ),
                (
                    "dsrs",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(),
                        help_text="Ids of the DSRs reporting it, ascending.",
                        size=None,
                    ),
                ),
            ],
            options={"db_table": "dsrs_resource_total", "managed": False},
        ),
    ]
