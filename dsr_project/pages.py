"""The site's own pages: the home page, the README, and the 403 page.

The home page reads each app's counts through its selectors and links its
pages by URL name; it knows no app's models.
"""

from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from dsrs.admin.formatting import amount_format
from dsrs.selectors.revenue import dsr_figures
from playlists.selectors.playlists import playlist_count, playlist_list_latest
from playlists.selectors.review import video_review_count
from plays.selectors import play_count_job_count
from works.selectors import review_item_count_open, work_count

# Playlists whose chart the home page links; the admin lists every playlist.
CHART_LINKS = 5


def home(request: HttpRequest) -> HttpResponse:
    """Each app: what it is for, its admin pages, charts, review queue, API."""
    dsrs = dsr_figures()
    return render(
        request,
        "dsr_project/home.html",
        {
            "dsrs": dsrs,
            "revenue_eur": amount_format(dsrs.revenue_eur, "EUR"),
            "works": work_count(),
            "review_items": review_item_count_open(),
            "jobs": play_count_job_count(),
            "jobs_failed": play_count_job_count(failed=True),
            "playlists": playlist_count(),
            "videos_to_review": video_review_count(),
            "charts": playlist_list_latest()[:CHART_LINKS],
        },
    )


def readme(request: HttpRequest) -> HttpResponse:
    """The project's README as text: what it is, how to run it, where docs are."""
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
        "dsr_project/403.html",
        {**admin.site.each_context(request), "title": "Permission denied"},
        status=403,
    )
