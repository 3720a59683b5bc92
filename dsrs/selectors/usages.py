"""Reads of one DSR's usage lines."""

from django.db.models import QuerySet

from dsrs.models import Usage


def dsr_usage_list(*, dsr_id: int) -> QuerySet[Usage]:
    """A DSR's usages in file order, with their resources."""
    return (
        Usage.objects.filter(dsr_id=dsr_id).select_related("resource").order_by("line")
    )
