from django.contrib import admin
from django.urls import include, path

from dsrs import pages

handler403 = pages.permission_denied

urlpatterns = [
    path("", pages.home, name="home"),
    path("readme", pages.readme, name="readme"),
    path("admin/", admin.site.urls),
    path("", include("dsrs.urls")),
    path("", include("works.urls")),
    path("", include("plays.urls")),
    path("", include("playlists.urls")),
]
