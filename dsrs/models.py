"""Digital sales reports, the resources they report and their usages."""

from django.contrib.postgres.fields import ArrayField
from django.db import models

from dsrs.currency import EUR_RATE_DECIMAL_PLACES, EUR_RATE_MAX_DIGITS
from dsrs.fields import ExactDecimalField
from dsrs.parsers import DSP_ID_MAX_LENGTH, REVENUE_DECIMAL_PLACES, REVENUE_MAX_DIGITS

# A sum of revenues: room for 10**12 lines of the largest revenue.
REVENUE_TOTAL_MAX_DIGITS = REVENUE_MAX_DIGITS + 12


class Currency(models.Model):
    """An ISO 4217 currency."""

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    symbol = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "currencies"

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"


class Territory(models.Model):
    """An ISO 3166-1 country or territory."""

    code_2 = models.CharField(max_length=2, unique=True)
    code_3 = models.CharField(max_length=3)
    name = models.CharField(max_length=100)
    local_currency = models.ForeignKey(
        Currency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["code_2"]
        verbose_name_plural = "territories"

    def __str__(self) -> str:
        return f"{self.code_2} ({self.name})"


class DSR(models.Model):
    """One digital sales report file: a DSP's offer in a territory for a period."""

    class Status(models.TextChoices):
        FAILED = "failed"
        INGESTED = "ingested"

    path = models.CharField(max_length=1024)
    dsp = models.CharField("DSP", max_length=100)
    offer = models.CharField(
        max_length=100, help_text="Commercial model, e.g. SpotifyFree."
    )
    society = models.CharField(max_length=100, blank=True, default="")
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="dsrs"
    )
    currency = models.ForeignKey(
        Currency, on_delete=models.PROTECT, related_name="dsrs"
    )
    period_start = models.DateField()
    period_end = models.DateField(help_text="Inclusive.")
    status = models.CharField(max_length=10, choices=Status.choices)
    error = models.TextField(blank=True, default="")
    checksum = models.CharField(
        max_length=64, db_index=True, help_text="SHA-256 of the file."
    )
    rows_read = models.PositiveBigIntegerField(default=0)
    rows_imported = models.PositiveBigIntegerField(default=0)
    rows_rejected = models.PositiveBigIntegerField(default=0)
    warnings = models.JSONField(default=dict, blank=True, help_text="Count per kind.")
    eur_rate = ExactDecimalField(
        "EUR rate",
        max_digits=EUR_RATE_MAX_DIGITS,
        decimal_places=EUR_RATE_DECIMAL_PLACES,
        null=True,
        blank=True,
        help_text="Units of the DSR's currency per 1 EUR.",
    )
    eur_rate_source = models.CharField("EUR rate source", max_length=255, blank=True)
    imported_at = models.DateTimeField()
    # Computed once at import (services.summaries); empty for a failed DSR.
    total_usages = models.PositiveBigIntegerField(null=True, blank=True)
    total_revenue = ExactDecimalField(
        max_digits=REVENUE_TOTAL_MAX_DIGITS,
        decimal_places=REVENUE_DECIMAL_PLACES,
        null=True,
        blank=True,
        help_text="In the DSR's currency.",
    )
    total_revenue_eur = ExactDecimalField(
        "total revenue in EUR",
        max_digits=REVENUE_TOTAL_MAX_DIGITS,
        decimal_places=REVENUE_DECIMAL_PLACES,
        null=True,
        blank=True,
        help_text="Total revenue / EUR rate.",
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "DSR"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "dsp",
                    "offer",
                    "society",
                    "territory",
                    "currency",
                    "period_start",
                    "period_end",
                ],
                name="dsrs_dsr_identity",
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="dsrs_dsr_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.path.rsplit("/", 1)[-1]


class Resource(models.Model):
    """One sound recording as one DSP identifies it."""

    dsp = models.CharField("DSP", max_length=100)
    dsp_id = models.CharField("DSP id", max_length=DSP_ID_MAX_LENGTH)
    title = models.TextField(blank=True, default="")
    artists = models.TextField(blank=True, default="", help_text="Pipe-separated.")
    isrc = models.TextField("ISRC", blank=True, default="")
    metadata_period_end = models.DateField(
        help_text="Period end of the DSR the title, artists and ISRC come from."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dsp", "dsp_id"], name="dsrs_resource_dsp_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dsp}:{self.dsp_id}"


class Usage(models.Model):
    """One data line of a DSR: a resource's usages and revenue in that DSR.

    On PostgreSQL the table is partitioned by DSR (see migration 0002), so a
    DSR's usages are loaded, indexed and dropped as one table.
    """

    pk = models.CompositePrimaryKey("dsr", "line")
    # The primary key (dsr, line) already indexes dsr first. No database
    # constraint: on PostgreSQL, attaching a partition with one locks every
    # reader of DSRs out; the importer writes usages only with their DSR, and
    # dsr_delete removes them with it.
    dsr = models.ForeignKey(
        DSR,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="usages",
    )
    line = models.PositiveIntegerField(help_text="Line number in the DSR file.")
    # No database constraint: the importer only inserts usages joined to their
    # resource, and dsr_delete only removes resources no usage references. A
    # constraint would cost a lookup per loaded row and per deleted resource.
    resource = models.ForeignKey(
        Resource, on_delete=models.PROTECT, db_constraint=False, related_name="usages"
    )
    usages = models.BigIntegerField()
    revenue = ExactDecimalField(
        max_digits=REVENUE_MAX_DIGITS,
        decimal_places=REVENUE_DECIMAL_PLACES,
        help_text="In the DSR's currency.",
    )
    # The metadata as this line reports it: a resource whose metadata came
    # from a DSR that is deleted or replaced takes it again from these.
    title = models.TextField(blank=True, default="")
    artists = models.TextField(blank=True, default="")
    isrc = models.TextField("ISRC", blank=True, default="")

    def __str__(self) -> str:
        return f"{self.dsr_id}:{self.line}"


class DSRRowError(models.Model):
    """A data line of a DSR that was set aside, and why."""

    dsr = models.ForeignKey(DSR, on_delete=models.CASCADE, related_name="row_errors")
    line = models.PositiveIntegerField()
    field = models.CharField(max_length=50, blank=True)
    value = models.TextField(blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["dsr", "line"]
        verbose_name = "DSR row error"

    def __str__(self) -> str:
        return f"line {self.line}: {self.field} {self.reason}"


class DeletedDSR(models.Model):
    """A DSR that ``dsr_delete`` removed: what it was and what went with it."""

    dsr_id = models.PositiveBigIntegerField("DSR id", db_index=True)
    path = models.CharField(max_length=1024)
    dsp = models.CharField("DSP", max_length=100)
    offer = models.CharField(max_length=100)
    society = models.CharField(max_length=100, blank=True, default="")
    territory = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2.")
    currency = models.CharField(max_length=3, help_text="ISO 4217.")
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10)
    usages = models.PositiveBigIntegerField(help_text="Usage lines deleted.")
    row_errors = models.PositiveBigIntegerField(help_text="Row errors deleted.")
    orphan_resources = models.PositiveBigIntegerField(
        help_text="Resources no other DSR reported, deleted in the same operation."
    )
    total_revenue = ExactDecimalField(
        max_digits=REVENUE_TOTAL_MAX_DIGITS,
        decimal_places=REVENUE_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    total_revenue_eur = ExactDecimalField(
        "total revenue in EUR",
        max_digits=REVENUE_TOTAL_MAX_DIGITS,
        decimal_places=REVENUE_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    deleted_at = models.DateTimeField()
    deleted_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-deleted_at", "-id"]
        verbose_name = "deletion log entry"
        verbose_name_plural = "deletion log"

    def __str__(self) -> str:
        return self.path.rsplit("/", 1)[-1]


class ResourceTotal(models.Model):
    """A resource's sums over all ingested DSRs; PostgreSQL only.

    Kept by ``dsrs.services.totals`` in the transaction of each import and
    delete, read by the unfiltered percentile. The table is created by SQL
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
    dsp_id = models.CharField("DSP id", max_length=DSP_ID_MAX_LENGTH)
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
    dsp_id = models.CharField("DSP id", max_length=DSP_ID_MAX_LENGTH)
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
