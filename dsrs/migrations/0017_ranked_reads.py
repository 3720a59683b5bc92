"""The totals readable in revenue order, and each DSR's rollup total (PostgreSQL).

The unfiltered percentile sorted every resource's total (or counted them into
revenue bands) to answer with its top few: reading everything for a prefix.
An index in the answer's order (revenue descending, dsp_id in byte order)
lets it walk the totals from the top and stop at the cut; the cut needs the
total revenue first, which ``dsrs_dsr_rollup_total`` keeps per DSR: the sum
of the DSR's rollup rows (exact ``numeric``), kept with them
(``dsrs.storage.postgresql.rollup_totals``).
"""

from django.db import migrations

CREATE_SQL = """
CREATE TABLE dsrs_dsr_rollup_total (
    dsr_id bigint PRIMARY KEY,
    revenue_eur numeric NOT NULL
);
INSERT INTO dsrs_dsr_rollup_total (dsr_id, revenue_eur)
SELECT dsr_id, SUM(revenue_eur) FROM dsrs_resource_dsr_total GROUP BY dsr_id;
CREATE INDEX dsrs_resource_total_ranking
    ON dsrs_resource_total (revenue_eur DESC, dsp_id);
"""
DROP_SQL = """
DROP INDEX dsrs_resource_total_ranking;
DROP TABLE dsrs_dsr_rollup_total;
"""


def ranked_reads_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_SQL)


def ranked_reads_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0016_isrc_sums")]

    operations = [
        migrations.RunPython(ranked_reads_create, ranked_reads_drop, elidable=False),
    ]
