"""What CWR files say beyond the work itself: registrations and their
parties, titles and recordings, and societies' acknowledgements.

Imported from ``works.models``; ``docs/cwr.md`` maps each field to its CWR
record and field.
"""

from django.db import models


class Registration(models.Model):
    """One CWR work transaction (``NWR``, ``REV``, ``EXC``) as sent, with the
    work its source row joined."""

    # No database constraints here and on the parties, titles and
    # recordings: the importer writes them in bulk (see ``WorkTitle.work``).
    work = models.ForeignKey(
        "works.Work",
        on_delete=models.PROTECT,
        db_constraint=False,
        related_name="registrations",
    )
    source_row = models.OneToOneField(
        "works.SourceRow",
        on_delete=models.PROTECT,
        db_constraint=False,
        related_name="registration",
    )
    sender_id = models.CharField(max_length=11, help_text="HDR Sender ID, as text.")
    sender_name = models.CharField(max_length=45)
    version = models.CharField(max_length=3, help_text="CWR 2.1 or 2.2.")
    transaction_type = models.CharField(max_length=3)
    submitter_work_id = models.CharField(max_length=14, blank=True)
    language = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["submitter_work_id"], name="works_reg_submitter_id")
        ]

    def __str__(self) -> str:
        return (
            f"{self.transaction_type} {self.submitter_work_id} from {self.sender_name}"
        )


class RegistrationParty(models.Model):
    """A writer (``SWR``/``OWR``), publisher (``SPU``/``OPU``) or performer
    (``PER``) of a registration, with its ownership shares in percent."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="parties",
    )
    record_type = models.CharField(max_length=3)
    interested_party_number = models.CharField(max_length=9, blank=True)
    last_name = models.TextField(help_text="A publisher's or performer's name.")
    first_name = models.TextField(blank=True)
    ipi_name_number = models.CharField("IPI name #", max_length=11, blank=True)
    ipi_base_number = models.CharField("IPI base #", max_length=13, blank=True)
    role = models.CharField(
        max_length=2, blank=True, help_text="Writer designation or publisher type."
    )
    controlled = models.BooleanField(help_text="SWR/SPU rather than OWR/OPU.")
    pr_share = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    mr_share = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    sr_share = models.DecimalField(max_digits=5, decimal_places=2, null=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.record_type} {self.first_name} {self.last_name}".strip()


class RegistrationTitle(models.Model):
    """An ``ALT`` alternative title with its CWR title type (``AT``, ``TE``…)."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="titles",
    )
    title = models.TextField()
    title_type = models.CharField(max_length=2)
    language = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.title_type})"


class RegistrationRecording(models.Model):
    """A ``REC`` recording's ISRC: the ISRC-ISWC link the recordings catalogue
    will take."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="recordings",
    )
    isrc = models.CharField("ISRC", max_length=12)
    isrc_valid = models.BooleanField("ISRC valid")
    title = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.isrc


class Acknowledgement(models.Model):
    """A society's answer about a work (``ACK``) or the ISWC it assigned
    (``ISW``); ``work`` is empty when no work could be found for it."""

    work = models.ForeignKey(
        "works.Work",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acknowledgements",
    )
    work_import = models.ForeignKey(
        "works.WorkImport", on_delete=models.PROTECT, related_name="acks"
    )
    line = models.PositiveIntegerField()
    society_id = models.CharField(max_length=11, help_text="HDR Sender ID.")
    society = models.CharField(max_length=45, help_text="HDR Sender Name.")
    transaction_type = models.CharField(max_length=3)
    status = models.CharField(
        max_length=2, blank=True, help_text="AS accepted, RA, NP, CO, …"
    )
    date = models.CharField(max_length=8, help_text="Processing date, YYYYMMDD.")
    submitter_work_id = models.CharField(max_length=20, blank=True)
    society_work_id = models.CharField(max_length=20, blank=True)
    title = models.TextField(blank=True)
    iswc = models.CharField("ISWC", max_length=11, blank=True)
    error = models.TextField(blank=True, help_text="Why the transaction was unread.")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.society} {self.status} {self.submitter_work_id}"
