"""Per-ISRC EUR sums for unmatched revenue (PostgreSQL; ``isrc_sums``).

Per DSR and key (the ISRC's normal form, or the resource and what its lines
said for lines without a valid ISRC), over all DSRs with an index on EUR
descending, and per DSR in all. Text columns are ``COLLATE "C"`` so that
their order is Python's. The DSRs already ingested are summed here, with the
importer's own function.
"""

from django.db import migrations

TABLES_SQL = """
CREATE TABLE dsrs_isrc_dsr_total (
    dsr_id bigint NOT NULL,
    isrc text COLLATE "C" NOT NULL,
    dsp text COLLATE "C" NOT NULL,
    dsp_id text COLLATE "C" NOT NULL,
    reported_isrc text COLLATE "C" NOT NULL,
    usages bigint NOT NULL,
    revenue numeric NOT NULL,
    revenue_eur numeric NOT NULL
);
CREATE INDEX dsrs_isrc_dsr_total_dsr ON dsrs_isrc_dsr_total (dsr_id);
CREATE TABLE dsrs_isrc_total (
    isrc text COLLATE "C" NOT NULL,
    dsp text COLLATE "C" NOT NULL,
    dsp_id text COLLATE "C" NOT NULL,
    reported_isrc text COLLATE "C" NOT NULL,
    usages bigint NOT NULL,
    revenue_eur numeric NOT NULL,
    dsrs integer NOT NULL,
    PRIMARY KEY (isrc, dsp, dsp_id, reported_isrc)
);
CREATE INDEX dsrs_isrc_total_ranked ON dsrs_isrc_total
    (revenue_eur DESC, isrc, dsp, dsp_id, reported_isrc);
CREATE TABLE dsrs_isrc_dsr_sum (
    dsr_id bigint PRIMARY KEY,
    usages bigint NOT NULL,
    revenue_eur numeric NOT NULL
);
"""


def isrc_sums_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from dsrs.storage.postgresql.isrc_sums import isrc_sums_add

    schema_editor.execute(TABLES_SQL)
    DSR = apps.get_model("dsrs", "DSR")
    with schema_editor.connection.cursor() as cursor:
        ingested = DSR.objects.filter(status="ingested")
        for dsr_id in ingested.values_list("pk", flat=True):
            isrc_sums_add(dsr_id=dsr_id, usages_table="dsrs_usage", cursor=cursor)


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0015_resource_metadata_period_end_drop")]

    operations = [migrations.RunPython(isrc_sums_create, elidable=False)]
