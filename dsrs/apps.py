from django.apps import AppConfig


class DsrsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dsrs"
    verbose_name = "Digital sales reports"
