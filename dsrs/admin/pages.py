"""Admin pages beyond a model's list: a DSR's usages and the revenue overview."""

from django import forms
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from common.formatting import amount_format, count_format
from dsrs.admin.charts import stacked_bars
from dsrs.admin.formatting import period_format, rate_format
from dsrs.filters import ISO_DATE
from dsrs.models import DSR, Territory
from dsrs.selectors.revenue import (
    TOP_RESOURCES,
    resource_list_top,
    revenue_by_territory_month,
)
from dsrs.selectors.usages import dsr_usage_list
from dsrs.services.summaries import decimal_sum, eur_amount

USAGES_PER_PAGE = 100
UNKNOWN_TERRITORY = "No ingested DSR reports territory %(value)s."


class RevenueFilterForm(forms.Form):
    """The percentile API's filters: territory, and bounds the period lies within."""

    territory = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": UNKNOWN_TERRITORY}
    )
    # Text, not the browser's date picker: it shows the browser's locale
    # (mm/dd/yyyy), where every other date on the site is ISO.
    period_start = forms.DateField(required=False, widget=ISO_DATE)
    period_end = forms.DateField(required=False, widget=ISO_DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_use = Territory.objects.filter(dsrs__status=DSR.Status.INGESTED).distinct()
        self.fields["territory"].choices = [("", "all")] + [
            (t.code_2, f"{t.code_2} {t.name}") for t in in_use.order_by("code_2")
        ]

    def filters(self) -> dict:
        return {name: value or None for name, value in self.cleaned_data.items()}


def _context(request: HttpRequest, model_admin: ModelAdmin, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
    }


def revenue_overview(request: HttpRequest, model_admin: ModelAdmin):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form = RevenueFilterForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    filters = form.filters() if form.is_bound and valid else {}
    rows = revenue_by_territory_month(**filters) if valid else []
    top = resource_list_top(**filters) if valid else []
    return TemplateResponse(
        request,
        "admin/dsrs/dsr/revenue_overview.html",
        {
            **_context(request, model_admin, "Revenue overview (EUR)"),
            "form": form,
            "rows": [
                (row, amount_format(row.revenue_eur, "EUR"), count_format(row.dsrs))
                for row in rows
            ],
            "total": amount_format(decimal_sum(r.revenue_eur for r in rows), "EUR"),
            "chart": stacked_bars(
                amounts={(r.territory, r.month): r.revenue_eur for r in rows},
                label=lambda amount: count_format(int(amount)),
            ),
            "top": [
                (r, count_format(r.usages), amount_format(r.revenue, "EUR"))
                for r in top
            ],
            "top_size": TOP_RESOURCES,
        },
    )


def usage_list(request: HttpRequest, model_admin: ModelAdmin, *, dsr_id: int):
    """One DSR's usage lines in file order, revenue in its currency and in EUR."""
    dsr = get_object_or_404(DSR.objects.select_related("currency"), pk=dsr_id)
    if not model_admin.has_view_permission(request, dsr):
        raise PermissionDenied
    page = Paginator(dsr_usage_list(dsr_id=dsr.pk), USAGES_PER_PAGE).get_page(
        request.GET.get("p")
    )
    currency = dsr.currency.code
    return TemplateResponse(
        request,
        "admin/dsrs/dsr/usage_list.html",
        {
            **_context(request, model_admin, f"Usages of DSR #{dsr.pk}"),
            "dsr": dsr,
            "period": period_format(dsr.period_start, dsr.period_end),
            "rate": rate_format(dsr.eur_rate),
            "page": page,
            "lines": count_format(page.paginator.count),
            "usages": [
                (
                    usage,
                    count_format(usage.usages),
                    amount_format(usage.revenue, currency),
                    amount_format(
                        eur_amount(amount=usage.revenue, rate=dsr.eur_rate), "EUR"
                    ),
                )
                for usage in page
            ],
        },
    )
