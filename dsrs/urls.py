from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from dsrs import views


class OptionalSlashRouter(SimpleRouter):
    """Routes that answer with and without a trailing slash, no redirect.

    openapi.md spells /dsrs/ with a slash and /dsrs/{id} without.
    """

    def __init__(self):
        super().__init__()
        self.trailing_slash = "/?"


router = OptionalSlashRouter()
router.register("dsrs", views.DSRViewSet, basename="dsr")
router.register(
    "resources/percentile", views.ResourcePercentileViewSet, basename="percentile"
)

urlpatterns = [
    *router.urls,
    path("health", views.health, name="health"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]
