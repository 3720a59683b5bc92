"""Per-DSR totals (usages, revenue, revenue in EUR), computed once at import.

DSRs imported before this migration get theirs here, with the importer's rule.
"""

from django.db import migrations, models

import dsrs.fields


def dsr_totals_fill(apps, schema_editor):
    from dsrs.services.summaries import dsr_revenue_sums, eur_amount

    DSR = apps.get_model("dsrs", "DSR")
    for dsr in DSR.objects.filter(status="ingested").only("pk", "eur_rate"):
        usages, revenue = dsr_revenue_sums(dsr_id=dsr.pk)
        DSR.objects.filter(pk=dsr.pk).update(
            total_usages=usages,
            total_revenue=revenue,
            total_revenue_eur=eur_amount(amount=revenue, rate=dsr.eur_rate),
        )


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0003_resource_totals")]

    operations = [
        migrations.AddField(
            model_name="dsr",
            name="total_usages",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="dsr",
            name="total_revenue",
            field=dsrs.fields.ExactDecimalField(
                blank=True,
                decimal_places=31,
                help_text="In the DSR's currency.",
                max_digits=59,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="dsr",
            name="total_revenue_eur",
            field=dsrs.fields.ExactDecimalField(
                blank=True,
                decimal_places=31,
                help_text="Total revenue / EUR rate.",
                max_digits=59,
                null=True,
                verbose_name="total revenue in EUR",
            ),
        ),
        migrations.RunPython(dsr_totals_fill, migrations.RunPython.noop, elidable=True),
    ]
