"""Index usage lines by the ISRC they report, on PostgreSQL.

The expression is ``dsrs.storage.postgresql.isrcs.usage_isrc_key`` as it
stood when this migration was written: the revenue of a work reads the lines
of its recordings through it instead of every line of every DSR. Creating it
on the partitioned table builds it on every partition; the importer builds
it on each new partition before attaching it.
"""

from django.db import migrations

KEY = (
    "(CASE WHEN isrc ~ '[^ -~]' THEN NULL "
    "ELSE upper(replace(replace(isrc, ' ', ''), '-', '')) END)"
)


def usage_isrc_key_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX dsrs_usage_isrc_key ON dsrs_usage ({KEY})")


def usage_isrc_key_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX dsrs_usage_isrc_key")


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0013_dsr_file_exchange_rate")]

    operations = [
        migrations.RunPython(usage_isrc_key_index, usage_isrc_key_drop, elidable=False)
    ]
