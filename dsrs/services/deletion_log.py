"""The deletion log: one ``DeletedDSR`` per DSR that ``dsr_delete`` removed."""

from collections.abc import Sequence

from django.utils import timezone

from dsrs.models import DSR, Currency, DeletedDSR, Territory
from dsrs.selectors import DSRContents


def deletion_log_write(
    *, dsrs: Sequence[DSR], contents: DSRContents, orphan_resources: int
) -> None:
    """Log deleted DSRs with the counts the deletion returned.

    Called in the deleting transaction, so a rolled back deletion logs nothing.
    """
    territories = dict(
        Territory.objects.filter(pk__in={d.territory_id for d in dsrs}).values_list(
            "pk", "code_2"
        )
    )
    currencies = dict(
        Currency.objects.filter(pk__in={d.currency_id for d in dsrs}).values_list(
            "pk", "code"
        )
    )
    deleted_at = timezone.now()
    DeletedDSR.objects.bulk_create(
        DeletedDSR(
            dsr_id=dsr.pk,
            path=dsr.path,
            dsp=dsr.dsp,
            offer=dsr.offer,
            society=dsr.society,
            territory=territories[dsr.territory_id],
            currency=currencies[dsr.currency_id],
            period_start=dsr.period_start,
            period_end=dsr.period_end,
            status=dsr.status,
            usages=contents.usages[dsr.pk],
            row_errors=contents.row_errors[dsr.pk],
            orphan_resources=orphan_resources,
            total_revenue=dsr.total_revenue,
            total_revenue_eur=dsr.total_revenue_eur,
            deleted_at=deleted_at,
        )
        for dsr in dsrs
    )


def deletion_log_attribute(*, dsr_ids: Sequence[int], username: str) -> None:
    """Name who deleted these DSRs (DSR ids are never reused)."""
    DeletedDSR.objects.filter(dsr_id__in=dsr_ids, deleted_by="").update(
        deleted_by=username
    )
