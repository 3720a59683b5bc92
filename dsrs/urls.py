from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from common.routers import OptionalSlashRouter
from dsrs import views

router = OptionalSlashRouter()
router.register("dsrs", views.DSRViewSet, basename="dsr")
router.register(
    "resources/percentile", views.ResourcePercentileViewSet, basename="percentile"
)

urlpatterns = [
    *router.urls,
    re_path(r"^health/?$", views.health, name="health"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]
