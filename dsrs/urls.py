from common.routers import OptionalSlashRouter
from dsrs import views

router = OptionalSlashRouter()
router.register("dsrs", views.DSRViewSet, basename="dsr")
router.register(
    "resources/percentile", views.ResourcePercentileViewSet, basename="percentile"
)

urlpatterns = router.urls
