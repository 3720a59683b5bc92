"""Per-(DSR, resource) EUR sums, the rollup filtered percentiles read (PostgreSQL).

A filtered percentile summed every selected usage, dividing each revenue by
its DSR's rate and joining every resource for its dsp_id. This narrow table
holds each DSR's per-resource usages and EUR revenue (``revenue / eur_rate``
summed in ``numeric``, exact) with the dsp_id, keyed by DSR first: a filter
reads the selected DSRs' rows as index ranges. Kept with the per-resource
totals (``dsrs.services.totals``) in the transactions of imports and deletes.
"""

import django.db.models.deletion
from django.db import migrations, models

ROLLUP_SQL = """
CREATE TABLE dsrs_resource_dsr_total (
    dsr_id bigint NOT NULL,
    resource_id bigint NOT NULL,
    dsp_id varchar(128) COLLATE "C" NOT NULL,
    usages bigint NOT NULL,
    revenue_eur numeric NOT NULL,
    PRIMARY KEY (dsr_id, resource_id)
);
INSERT INTO dsrs_resource_dsr_total
SELECT u.dsr_id, u.resource_id, r.dsp_id, SUM(u.usages), SUM(u.revenue / d.eur_rate)
FROM dsrs_usage AS u
JOIN dsrs_dsr AS d ON d.id = u.dsr_id AND d.status = 'ingested'
JOIN dsrs_resource AS r ON r.id = u.resource_id
GROUP BY u.dsr_id, u.resource_id, r.dsp_id
ORDER BY u.dsr_id, u.resource_id;
"""


def resource_dsr_total_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ROLLUP_SQL)


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0008_resource_total_dsrs")]

    operations = [
        migrations.RunPython(resource_dsr_total_create, elidable=False),
        migrations.CreateModel(
            name="ResourceDSRTotal",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "dsr",
                        "resource",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "dsr",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="dsrs.dsr",
                    ),
                ),
                (
                    "resource",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
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
            ],
            options={"db_table": "dsrs_resource_dsr_total", "managed": False},
        ),
    ]
