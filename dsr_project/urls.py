from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("dsrs.urls")),
    path("", include("works.urls")),
    path("", include("plays.urls")),
    path("", include("playlists.urls")),
]
