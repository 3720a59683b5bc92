from common.routers import OptionalSlashRouter
from plays import views

router = OptionalSlashRouter()
router.register("plays/jobs", views.PlayCountJobViewSet, basename="plays-job")

urlpatterns = router.urls
