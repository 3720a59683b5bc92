"""The deletion log: every DSR dsr_delete removed, with the counts it returned."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin
from common.formatting import amount_format, count_format
from dsrs.admin.formatting import period_format
from dsrs.models import DeletedDSR


@admin.register(DeletedDSR)
class DeletedDSRAdmin(ReadOnlyAdmin):
    list_display = [
        "deleted_at",
        "deleted_by",
        "dsr",
        "territory",
        "period",
        "usage_lines",
        "row_error_count",
        "orphans",
        "eur",
    ]
    list_filter = [
        ("territory", admin.AllValuesFieldListFilter),
        ("deleted_by", admin.AllValuesFieldListFilter),
    ]
    search_fields = ["path"]
    date_hierarchy = "deleted_at"
    fields = [
        "dsr_id",
        "path",
        ("dsp", "offer", "society"),
        ("territory", "currency"),
        ("period_start", "period_end"),
        "status",
        ("usage_lines", "row_error_count", "orphans_deleted"),
        ("revenue", "revenue_eur"),
        ("deleted_at", "deleted_by"),
    ]
    readonly_fields = [
        field
        for group in fields
        for field in (group if isinstance(group, tuple) else (group,))
    ]

    class Media:
        css = {"all": ["dsrs/admin.css"]}

    @admin.display(description="DSR", ordering="dsr_id")
    def dsr(self, entry: DeletedDSR) -> str:
        return f"#{entry.dsr_id} {entry.dsp} {entry.offer}"

    @admin.display(description="period", ordering="period_start")
    def period(self, entry: DeletedDSR) -> str:
        return period_format(entry.period_start, entry.period_end)

    @admin.display(description="usage lines", ordering="usages")
    def usage_lines(self, entry: DeletedDSR) -> str:
        return count_format(entry.usages)

    @admin.display(description="row errors", ordering="row_errors")
    def row_error_count(self, entry: DeletedDSR) -> str:
        return count_format(entry.row_errors)

    @admin.display(description="orphans")
    def orphans(self, entry: DeletedDSR) -> str:
        return count_format(entry.orphan_resources)

    @admin.display(description="resources no other DSR reported, deleted with it")
    def orphans_deleted(self, entry: DeletedDSR) -> str:
        return count_format(entry.orphan_resources)

    @admin.display(description="revenue")
    def revenue(self, entry: DeletedDSR) -> str:
        return amount_format(entry.total_revenue, entry.currency)

    @admin.display(description="revenue in EUR")
    def revenue_eur(self, entry: DeletedDSR) -> str:
        return amount_format(entry.total_revenue_eur, "EUR")

    @admin.display(description="EUR")
    def eur(self, entry: DeletedDSR) -> str:
        return amount_format(entry.total_revenue_eur)
