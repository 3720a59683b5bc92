"""Reads of the deletion log."""

from django.db.models import QuerySet

from dsrs.models import DSR, DeletedDSR


def dsr_deletion_history(*, dsr: DSR) -> QuerySet[DeletedDSR]:
    """Deleted DSRs with this DSR's identity (DSP, offer, society, territory,
    currency, period): the earlier imports of the same report, newest first."""
    return DeletedDSR.objects.filter(
        dsp=dsr.dsp,
        offer=dsr.offer,
        society=dsr.society,
        territory=dsr.territory.code_2,
        currency=dsr.currency.code,
        period_start=dsr.period_start,
        period_end=dsr.period_end,
    ).order_by("-deleted_at", "-id")
