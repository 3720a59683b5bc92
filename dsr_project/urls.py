"""The site: its own pages (home, README, API docs, 403), the admin, each app's API."""

from django.contrib import admin
from django.urls import include, path

from dsr_project import docs, pages

handler403 = pages.permission_denied

urlpatterns = [
    path("", pages.home, name="home"),
    path("readme", pages.readme, name="readme"),
    path("api/schema/", docs.schema, name="schema"),
    path("api/docs/", docs.swagger, name="docs"),
    path("api/redoc/", docs.redoc, name="redoc"),
    path("api/redoc/redoc.standalone.js", docs.redoc_bundle, name="redoc-bundle"),
    path("admin/", admin.site.urls),
    path("", include("dsrs.urls")),
    path("", include("works.urls")),
    path("", include("plays.urls")),
    path("", include("playlists.urls")),
    path("", include("recordings.urls")),
]
