"""Per-ISRC EUR totals per territory (PostgreSQL; ``isrc_sums``).

The unmatched answer filtered by territory alone reads the territory's
totals in revenue order (``dsrs_isrc_territory_total_ranked``) instead of
adding up the per-DSR parts of every DSR of the territory. They are kept by
the fold of each DSR and by its removal, beside the all-DSR totals; here
they are summed from the parts of the DSRs already folded.
"""

from django.db import migrations

CREATE_SQL = """
CREATE TABLE dsrs_isrc_territory_total (
    territory_id bigint NOT NULL,
    isrc text COLLATE "C" NOT NULL,
    dsp text COLLATE "C" NOT NULL,
    dsp_id text COLLATE "C" NOT NULL,
    reported_isrc text COLLATE "C" NOT NULL,
    usages bigint NOT NULL,
    revenue_eur numeric NOT NULL,
    dsrs integer NOT NULL,
    PRIMARY KEY (territory_id, isrc, dsp, dsp_id, reported_isrc)
);
INSERT INTO dsrs_isrc_territory_total
SELECT d.territory_id, p.isrc, p.dsp, p.dsp_id, p.reported_isrc,
       SUM(p.usages), SUM(p.revenue_eur), count(*)
FROM dsrs_isrc_dsr_total AS p JOIN dsrs_dsr AS d ON d.id = p.dsr_id
GROUP BY 1, 2, 3, 4, 5;
CREATE INDEX dsrs_isrc_territory_total_ranked ON dsrs_isrc_territory_total
    (territory_id, revenue_eur DESC, isrc, dsp, dsp_id, reported_isrc);
"""
DROP_SQL = "DROP TABLE dsrs_isrc_territory_total"


def territory_totals_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_SQL)


def territory_totals_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0018_ranking_heads")]

    operations = [
        migrations.RunPython(
            territory_totals_create, territory_totals_drop, elidable=False
        )
    ]
