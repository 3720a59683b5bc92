"""Resources: searchable by ISRC in any spelling, with their usages and revenue."""

import re

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from common.admin import ReadOnlyAdmin
from common.formatting import amount_format, count_format
from common.identifiers import isrc_normalise
from dsrs.models import DSR, Resource, Usage
from dsrs.selectors.revenue import (
    ResourceTotals,
    resource_list_sortable,
    resource_revenue_totals,
)

_ISRC_SEPARATORS = re.compile(r"[\s.\-_/]")


class ReportedInDSRFilter(admin.SimpleListFilter):
    """Resources one DSR reports (``?dsr=<id>``), reached from the DSR's page.

    Offers only the chosen DSR: listing every DSR would not fit the sidebar.
    """

    title = "reported in DSR"
    parameter_name = "dsr"

    def lookups(self, request, model_admin):
        chosen = self.value()
        if not chosen or not chosen.isdigit():
            return []
        return [(dsr.pk, f"#{dsr.pk} {dsr}") for dsr in DSR.objects.filter(pk=chosen)]

    def queryset(self, request, queryset):
        if not self.value() or not self.value().isdigit():
            return queryset
        reported = Usage.objects.filter(dsr_id=self.value()).values("resource_id")
        return queryset.filter(pk__in=reported)


class TotalsChangeList(ChangeList):
    """Attaches each listed resource's usages and EUR revenue, for the page only."""

    def get_results(self, request):
        super().get_results(request)
        totals = resource_revenue_totals(
            resource_ids=[resource.pk for resource in self.result_list]
        )
        for resource in self.result_list:
            resource.totals = totals[resource.pk]


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ["dsp_id", "title", "artists", "isrc", "usage_sum", "revenue_eur"]
    list_filter = [ReportedInDSRFilter, "dsp"]
    search_fields = ["=dsp_id", "title", "=isrc"]
    fields = [
        "dsp",
        "dsp_id",
        "title",
        "artists",
        "isrc",
        "usage_sum",
        "revenue_eur",
        "reported_in",
    ]
    readonly_fields = fields

    class Media:
        css = {"all": ["dsrs/admin.css"]}

    def get_ordering(self, request) -> list[str]:
        # An analyst looks for the resources that earn the most. (A method:
        # the admin's checks know no annotation in ``ordering``.)
        return ["-eur_rank", "dsp_id"]

    def get_queryset(self, request):
        resources = resource_list_sortable(resources=Resource.objects.all())
        return resources.order_by(*self.get_ordering(request))

    def get_changelist(self, request, **kwargs):
        return TotalsChangeList

    def get_search_results(self, request, queryset, search_term):
        """Also find an ISRC typed with hyphens, spaces or in lower case."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        isrc, valid = isrc_normalise(value=search_term)
        if not valid:
            # The importer keeps an invalid ISRC upper-cased without hyphens.
            isrc = _ISRC_SEPARATORS.sub("", search_term).upper()
        if isrc:
            found |= queryset.filter(isrc=isrc)
        return found, duplicates

    def _totals(self, resource: Resource) -> ResourceTotals:
        if not hasattr(resource, "totals"):
            resource.totals = resource_revenue_totals(resource_ids=[resource.pk])[
                resource.pk
            ]
        return resource.totals

    @admin.display(description="usages", ordering="usage_rank")
    def usage_sum(self, resource: Resource) -> str:
        return count_format(self._totals(resource).usages)

    @admin.display(description="revenue in EUR", ordering="eur_rank")
    def revenue_eur(self, resource: Resource) -> str:
        return amount_format(self._totals(resource).revenue_eur, "EUR")

    @admin.display(description="reported in DSRs")
    def reported_in(self, resource: Resource) -> str:
        per_dsr = self._totals(resource).per_dsr
        if not per_dsr:
            return "none"
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">#{}</a></td><td class="number">{}</td>'
            '<td class="number">{}</td><td class="number">{}</td></tr>',
            (
                (
                    reverse("admin:dsrs_dsr_change", args=[entry.dsr_id]),
                    entry.dsr_id,
                    count_format(entry.usages),
                    amount_format(entry.revenue, entry.currency),
                    amount_format(entry.revenue_eur, "EUR"),
                )
                for entry in per_dsr
            ),
        )
        return format_html(
            "<table><thead><tr><th>DSR</th><th>usages</th><th>revenue</th>"
            "<th>revenue in EUR</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )
