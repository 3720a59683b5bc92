"""The site's own pages: the landing page, the README, and the 403 page."""

from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from dsrs.admin.formatting import amount_format, count_format
from dsrs.selectors.revenue import dsr_figures


def home(request: HttpRequest) -> HttpResponse:
    """Where the API docs, the admin and the main figures are."""
    numbers = dsr_figures()
    return render(
        request,
        "dsrs/home.html",
        {
            "figures": [
                ("DSRs ingested", count_format(numbers.dsrs_ingested)),
                ("DSRs failed", count_format(numbers.dsrs_failed)),
                ("usage lines", count_format(numbers.usage_lines)),
                ("usages", count_format(numbers.usages)),
                ("resources", count_format(numbers.resources)),
                ("revenue in EUR", amount_format(numbers.revenue_eur, "EUR")),
            ]
        },
    )


def readme(request: HttpRequest) -> HttpResponse:
    """The project's README as text: the rules and the benchmark figures."""
    path = settings.BASE_DIR / "README.md"
    if not path.is_file():
        raise Http404("README.md is not shipped with this installation")
    return HttpResponse(
        path.read_text(encoding="utf-8"), content_type="text/plain; charset=utf-8"
    )


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 403, in the admin's look (``handler403``)."""
    return render(
        request,
        "dsrs/403.html",
        {**admin.site.each_context(request), "title": "Permission denied"},
        status=403,
    )
