"""The tops of the rankings kept apart from their totals (``heads``).

The indexes on the totals' revenue (0016's ``dsrs_isrc_total_ranked``,
0017's ``dsrs_resource_total_ranking``) made every update of a total write
new entries in every index of its table. They go; a head table per ranking
holds a copy of the totals at or above its floor, indexed in the answer's
order, and the floors live in ``dsrs_head_floor``. The per-ISRC totals'
pages keep room for updates in place, as the per-resource totals' do
(0010). The heads are filled here with the first 2 % of the totals (at
least 20,000), as ``dsrs.storage.postgresql.heads`` sizes them.
"""

from django.db import migrations

CREATE_SQL = """
DROP INDEX dsrs_resource_total_ranking;
DROP INDEX dsrs_isrc_total_ranked;
ALTER TABLE dsrs_isrc_total SET (fillfactor = 50);
CREATE TABLE dsrs_head_floor (head text PRIMARY KEY, floor numeric NOT NULL);
CREATE TABLE dsrs_resource_head (LIKE dsrs_resource_total INCLUDING ALL);
CREATE INDEX dsrs_resource_head_ranking
    ON dsrs_resource_head (revenue_eur DESC, dsp_id);
CREATE TABLE dsrs_isrc_head (LIKE dsrs_isrc_total INCLUDING ALL);
CREATE INDEX dsrs_isrc_head_ranking
    ON dsrs_isrc_head (revenue_eur DESC, isrc, dsp, dsp_id, reported_isrc);
"""
FILL_SQL = """
INSERT INTO dsrs_head_floor (head, floor) SELECT %(head)s, COALESCE((
    SELECT revenue_eur FROM {totals} WHERE revenue_eur > 0
    ORDER BY revenue_eur DESC
    OFFSET (SELECT greatest(20000, (count(*) * 0.02)::bigint) - 1 FROM {totals})
    LIMIT 1), 0);
INSERT INTO {head} SELECT * FROM {totals}
WHERE revenue_eur > 0
    AND revenue_eur >= (SELECT floor FROM dsrs_head_floor WHERE head = %(head)s);
"""
HEADS = (
    ("resource", "dsrs_resource_head", "dsrs_resource_total"),
    ("isrc", "dsrs_isrc_head", "dsrs_isrc_total"),
)
DROP_SQL = """
DROP TABLE dsrs_isrc_head, dsrs_resource_head, dsrs_head_floor;
ALTER TABLE dsrs_isrc_total RESET (fillfactor);
CREATE INDEX dsrs_resource_total_ranking
    ON dsrs_resource_total (revenue_eur DESC, dsp_id);
CREATE INDEX dsrs_isrc_total_ranked ON dsrs_isrc_total
    (revenue_eur DESC, isrc, dsp, dsp_id, reported_isrc);
"""


def heads_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_SQL)
    for head, table, totals in HEADS:
        schema_editor.execute(
            FILL_SQL.format(head=table, totals=totals), params={"head": head}
        )


def heads_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0017_ranked_reads")]

    operations = [migrations.RunPython(heads_create, heads_drop, elidable=False)]
