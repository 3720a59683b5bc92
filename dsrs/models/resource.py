"""The resources DSRs report and their usages, line by line."""

from django.db import models

from common.db.fields import ByteOrderCharField, ExactDecimalField
from dsrs.models.dsr import DSR
from dsrs.parsers import DSP_ID_MAX_LENGTH, REVENUE_DECIMAL_PLACES, REVENUE_MAX_DIGITS


class Resource(models.Model):
    """One sound recording as one DSP identifies it.

    Its title, artists and ISRC are those of the latest DSR reporting it
    (``dsrs.services.loading``).
    """

    dsp = models.CharField("DSP", max_length=100)
    dsp_id = ByteOrderCharField("DSP id", max_length=DSP_ID_MAX_LENGTH)
    title = models.TextField(blank=True, default="")
    artists = models.TextField(blank=True, default="", help_text="Pipe-separated.")
    isrc = models.TextField("ISRC", blank=True, default="")

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
