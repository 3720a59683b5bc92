from django.urls import path
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

from common.routers import OptionalSlashRouter
from dsrs import views
from dsrs.docs import SchemaView

router = OptionalSlashRouter()
router.register("dsrs", views.DSRViewSet, basename="dsr")
router.register(
    "resources/percentile", views.ResourcePercentileViewSet, basename="percentile"
)

urlpatterns = [
    *router.urls,
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(
            url_name="schema", template_name="dsrs/redoc.html"
        ),
        name="redoc",
    ),
]
