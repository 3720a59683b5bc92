from common.routers import OptionalSlashRouter
from works import views

router = OptionalSlashRouter()
router.register("works", views.WorkViewSet, basename="work")

urlpatterns = router.urls
