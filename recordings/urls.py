from django.urls import re_path

from recordings import views

urlpatterns = [
    re_path(
        r"^works/(?P<iswc>[^/]+)/revenue/?$",
        views.WorkRevenueView.as_view(),
        name="work-revenue",
    ),
    re_path(
        r"^recordings/(?P<isrc>[^/]+)/?$",
        views.RecordingView.as_view(),
        name="recording-detail",
    ),
    re_path(
        r"^revenue/unmatched/?$",
        views.UnmatchedView.as_view(),
        name="revenue-unmatched",
    ),
]
