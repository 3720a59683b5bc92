"""Per-resource EUR sums PostgreSQL keeps (``dsrs.storage.postgresql.sums``)."""

from django.contrib.postgres.fields import ArrayField
from django.db import models

from common.db.fields import ByteOrderCharField
from dsrs.models.dsr import DSR
from dsrs.models.resource import Resource
from dsrs.parsers import DSP_ID_MAX_LENGTH


class ResourceTotal(models.Model):
    """A resource's sums over all ingested DSRs; PostgreSQL only.

    Kept by ``dsrs.storage.postgresql.sums`` in the transaction of each
    import and delete, read by the unfiltered percentile. The table is created by SQL
    (migrations 0003 and 0008), not by Django: it has no foreign keys, and
    SQLite has none.
    """

    resource = models.OneToOneField(
        Resource,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    dsp_id = ByteOrderCharField("DSP id", max_length=DSP_ID_MAX_LENGTH)
    usages = models.BigIntegerField()
    # numeric without a scale in the table, so sums are exact; these bounds
    # only satisfy DecimalField.
    revenue_eur = models.DecimalField(
        "EUR revenue", max_digits=1000, decimal_places=500
    )
    dsrs = ArrayField(
        models.IntegerField(), help_text="Ids of the DSRs reporting it, ascending."
    )

    class Meta:
        managed = False
        db_table = "dsrs_resource_total"

    def __str__(self) -> str:
        return f"{self.dsp_id}: {self.revenue_eur} EUR"


class ResourceDSRTotal(models.Model):
    """A resource's sums in one ingested DSR; PostgreSQL only.

    The rollup filtered percentiles read (migration 0009), kept like
    ``ResourceTotal``.
    """

    pk = models.CompositePrimaryKey("dsr", "resource")
    dsr = models.ForeignKey(
        DSR, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    resource = models.ForeignKey(
        Resource, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    dsp_id = ByteOrderCharField("DSP id", max_length=DSP_ID_MAX_LENGTH)
    usages = models.BigIntegerField()
    # numeric without a scale in the table, as in ResourceTotal.
    revenue_eur = models.DecimalField(
        "EUR revenue", max_digits=1000, decimal_places=500
    )

    class Meta:
        managed = False
        db_table = "dsrs_resource_dsr_total"

    def __str__(self) -> str:
        return f"{self.dsr_id}:{self.dsp_id}: {self.revenue_eur} EUR"
