"""The deletion log: what each DSR deletion removed."""

from django.db import migrations, models

import dsrs.fields


class Migration(migrations.Migration):
    dependencies = [("dsrs", "0004_dsr_revenue_totals")]

    operations = [
        migrations.CreateModel(
            name="DeletedDSR",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "dsr_id",
                    models.PositiveBigIntegerField(
                        db_index=True, verbose_name="DSR id"
                    ),
                ),
                ("path", models.CharField(max_length=1024)),
                ("dsp", models.CharField(max_length=100, verbose_name="DSP")),
                ("offer", models.CharField(max_length=100)),
                ("society", models.CharField(blank=True, default="", max_length=100)),
                (
                    "territory",
                    models.CharField(help_text="ISO 3166-1 alpha-2.", max_length=2),
                ),
                ("currency", models.CharField(help_text="ISO 4217.", max_length=3)),
                ("period_start", models.DateField()),
                ("period_end", models.DateField()),
                ("status", models.CharField(max_length=10)),
                (
                    "usages",
                    models.PositiveBigIntegerField(help_text="Usage lines deleted."),
                ),
                (
                    "row_errors",
                    models.PositiveBigIntegerField(help_text="Row errors deleted."),
                ),
                (
                    "orphan_resources",
                    models.PositiveBigIntegerField(
                        help_text=(
                            "Resources no other DSR reported, deleted in the "
                            "same operation."
                        )
                    ),
                ),
                (
                    "total_revenue",
                    dsrs.fields.ExactDecimalField(
                        blank=True, decimal_places=31, max_digits=59, null=True
                    ),
                ),
                (
                    "total_revenue_eur",
                    dsrs.fields.ExactDecimalField(
                        blank=True,
                        decimal_places=31,
                        max_digits=59,
                        null=True,
                        verbose_name="total revenue in EUR",
                    ),
                ),
                ("deleted_at", models.DateTimeField()),
                ("deleted_by", models.CharField(blank=True, max_length=150)),
            ],
            options={
                "verbose_name": "deletion log entry",
                "verbose_name_plural": "deletion log",
                "ordering": ["-deleted_at", "-id"],
            },
        ),
    ]
