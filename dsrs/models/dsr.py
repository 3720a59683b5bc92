"""Digital sales reports: the file, its row errors and its deletion log."""

from django.db import models

from common.db.fields import ExactDecimalField
from common.ingest.models import ImportRecord, SetAsideRow, field_alias, status_field
from common.ingest.status import ImportStatus
from dsrs.currency import EUR_RATE_DECIMAL_PLACES, EUR_RATE_MAX_DIGITS
from dsrs.models.amounts import REVENUE_TOTAL_MAX_DIGITS
from dsrs.models.reference import Currency, Territory
from dsrs.parsers import REVENUE_DECIMAL_PLACES


class DSR(ImportRecord):
    """One digital sales report file: a DSP's offer in a territory for a period.

    Its identity (DSP, offer, society, territory, currency, period) is unique:
    one record per DSR, so its SHA-256 is one per identity too.
    """

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
    status = status_field(ImportStatus.INGESTED, ImportStatus.FAILED)
    rows_imported = models.PositiveBigIntegerField(default=0)
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
    # A DDEX DSRF file states its own rate from the currency of transaction to
    # the currency of reporting; it is kept as written, beside the ECB rate
    # the API converts with.
    file_exchange_rate = models.CharField(
        "file's exchange rate",
        max_length=64,
        blank=True,
        help_text="ExchangeRate of the DSRF summary records, as written.",
    )
    file_transaction_currency = models.CharField(
        "file's currency of transaction",
        max_length=3,
        blank=True,
        help_text="CurrencyOfTransaction of the DSRF summary records.",
    )
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

    checksum = field_alias("sha256")
    imported_at = field_alias("started_at")


class DSRRowError(SetAsideRow):
    """A data line of a DSR that was set aside, and why."""

    dsr = models.ForeignKey(DSR, on_delete=models.CASCADE, related_name="row_errors")

    class Meta:
        ordering = ["dsr", "line"]
        verbose_name = "DSR row error"


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
