"""DSRs: the list an analyst reads, a DSR's page, and deleting with contents."""

from django.contrib import admin
from django.db.models import F
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from common.admin import NoWriteAdmin
from common.formatting import amount_format, count_format
from dsrs.admin import pages
from dsrs.admin.deleting import DELETE_ACTION, DSRDeleteMixin
from dsrs.admin.formatting import period_format, rate_format
from dsrs.models import DSR, DSRRowError
from dsrs.selectors.deletions import dsr_deletion_history

ROW_ERRORS_SHOWN = 100
ERROR_SHOWN_CHARS = 60


@admin.register(DSR)
class DSRAdmin(DSRDeleteMixin, NoWriteAdmin):
    list_display = [
        "label",
        "territory_code",
        "period",
        "status_and_reason",
        "usage_sum",
        "revenue_sum",
        "revenue_eur_sum",
        "rejected",
    ]
    list_display_links = ["label"]
    # The DSRs that bring the most first; failed ones (no revenue) last.
    ordering = [F("total_revenue_eur").desc(nulls_last=True)]
    # Only values some DSR has: a filter never offers an empty choice.
    list_filter = [
        ("status", admin.AllValuesFieldListFilter),
        ("territory", admin.RelatedOnlyFieldListFilter),
        ("currency", admin.RelatedOnlyFieldListFilter),
        "dsp",
    ]
    list_select_related = ["territory", "currency"]
    search_fields = ["path"]
    actions = [DELETE_ACTION]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "path",
                    ("dsp", "offer", "society"),
                    ("territory", "currency"),
                    ("period_start", "period_end"),
                    ("status", "started_at", "finished_at"),
                    "error",
                    ("sha256", "size"),
                ]
            },
        ),
        (
            "Contents",
            {
                "fields": [
                    ("rows_read_count", "rows_imported_count", "rejected"),
                    "contents_links",
                    "usage_sum",
                    ("revenue_sum", "revenue_eur_total"),
                    ("eur_rate_display", "eur_rate_source"),
                    "file_exchange_rate_display",
                    "warnings_list",
                ]
            },
        ),
        ("Row errors", {"fields": ["row_errors_preview"]}),
        ("Deletion history", {"fields": ["deletion_history"]}),
    ]
    readonly_fields = [
        field
        for _, options in fieldsets
        for group in options["fields"]
        for field in (group if isinstance(group, tuple) else (group,))
    ]

    class Media:
        css = {"all": ["dsrs/admin.css"]}

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "revenue/",
                view(lambda r: pages.revenue_overview(r, self)),
                name="dsrs_dsr_revenue",
            ),
            path(
                "<int:dsr_id>/usages/",
                view(lambda r, dsr_id: pages.usage_list(r, self, dsr_id=dsr_id)),
                name="dsrs_dsr_usages",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="DSR", ordering="pk")
    def label(self, dsr: DSR) -> str:
        name = " ".join(filter(None, [dsr.dsp, dsr.offer, dsr.society]))
        return format_html('<span title="{}">#{} {}</span>', dsr.path, dsr.pk, name)

    @admin.display(description="territory", ordering="territory__code_2")
    def territory_code(self, dsr: DSR) -> str:
        return format_html(
            '<span title="{}">{}</span>', dsr.territory.name, dsr.territory.code_2
        )

    @admin.display(description="period", ordering="period_start")
    def period(self, dsr: DSR) -> str:
        return period_format(dsr.period_start, dsr.period_end)

    @admin.display(description="status", ordering="status")
    def status_and_reason(self, dsr: DSR) -> str:
        if dsr.status != DSR.Status.FAILED:
            return dsr.status
        return format_html(
            '<span class="dsr-failed">failed</span>'
            '<div class="dsr-error" title="{}">{}</div>',
            dsr.error,
            Truncator(dsr.error).chars(ERROR_SHOWN_CHARS),
        )

    @admin.display(description="usages", ordering="total_usages")
    def usage_sum(self, dsr: DSR) -> str:
        return count_format(dsr.total_usages)

    @admin.display(description="revenue", ordering="total_revenue")
    def revenue_sum(self, dsr: DSR) -> str:
        return amount_format(dsr.total_revenue, dsr.currency.code)

    @admin.display(description="EUR", ordering="total_revenue_eur")
    def revenue_eur_sum(self, dsr: DSR) -> str:
        return format_html(
            '<span title="{} {} per EUR">{}</span>',
            rate_format(dsr.eur_rate),
            dsr.currency.code,
            amount_format(dsr.total_revenue_eur),
        )

    @admin.display(description="rejected", ordering="rows_rejected")
    def rejected(self, dsr: DSR) -> str:
        return count_format(dsr.rows_rejected)

    @admin.display(description="revenue in EUR")
    def revenue_eur_total(self, dsr: DSR) -> str:
        return amount_format(dsr.total_revenue_eur, "EUR")

    @admin.display(description="rows read")
    def rows_read_count(self, dsr: DSR) -> str:
        return count_format(dsr.rows_read)

    @admin.display(description="rows imported")
    def rows_imported_count(self, dsr: DSR) -> str:
        return count_format(dsr.rows_imported)

    @admin.display(description="EUR rate")
    def eur_rate_display(self, dsr: DSR) -> str:
        return f"{rate_format(dsr.eur_rate)} {dsr.currency.code} per EUR"

    @admin.display(description="file's exchange rate")
    def file_exchange_rate_display(self, dsr: DSR) -> str:
        """A DSRF file's own ExchangeRate, beside the ECB rate used above."""
        if not dsr.file_exchange_rate:
            return "—"
        return (
            f"{dsr.file_exchange_rate} ({dsr.file_transaction_currency or '?'} "
            f"to {dsr.currency.code}, as the file states it; not used)"
        )

    @admin.display(description="reported")
    def contents_links(self, dsr: DSR) -> str:
        return format_html(
            '<a href="{}">{} usage lines</a> · <a href="{}?dsr={}">its resources</a>',
            reverse("admin:dsrs_dsr_usages", args=[dsr.pk]),
            count_format(dsr.rows_imported),
            reverse("admin:dsrs_resource_changelist"),
            dsr.pk,
        )

    @admin.display(description="warnings")
    def warnings_list(self, dsr: DSR) -> str:
        if not dsr.warnings:
            return "none"
        return format_html(
            '<ul class="dsr-warnings">{}</ul>',
            format_html_join(
                "",
                "<li>{}: {}</li>",
                (
                    (kind, count_format(n) if isinstance(n, int) else n)
                    for kind, n in sorted(dsr.warnings.items())
                ),
            ),
        )

    @admin.display(description=f"first {ROW_ERRORS_SHOWN}")
    def row_errors_preview(self, dsr: DSR) -> str:
        errors = DSRRowError.objects.filter(dsr=dsr).order_by("line")[:ROW_ERRORS_SHOWN]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((e.line, e.field, e.value, e.reason) for e in errors),
        )
        if not rows:
            return "none"
        return format_html(
            "<table><thead><tr><th>line</th><th>field</th><th>value</th>"
            "<th>reason</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    @admin.display(description="earlier DSRs like this one, deleted")
    def deletion_history(self, dsr: DSR) -> str:
        deleted = dsr_deletion_history(dsr=dsr)
        if not deleted:
            return "none"
        return format_html_join(
            "",
            '<div><a href="{}">#{} deleted {} by {}</a>: {} usage lines</div>',
            (
                (
                    reverse("admin:dsrs_deleteddsr_change", args=[entry.pk]),
                    entry.dsr_id,
                    entry.deleted_at.strftime("%Y-%m-%d %H:%M UTC"),
                    entry.deleted_by or "a service",
                    count_format(entry.usages),
                )
                for entry in deleted
            ),
        )
