from django.urls import path

from common.routers import OptionalSlashRouter
from playlists import views

router = OptionalSlashRouter()
router.register("playlists", views.PlaylistViewSet, basename="playlist")

urlpatterns = [
    path("playlists/<int:pk>/chart", views.chart, name="playlist-chart"),
    path(
        "recordings/<str:isrc>/playlists",
        views.RecordingPlaylistsView.as_view(),
        name="recording-playlists",
    ),
    *router.urls,
]
