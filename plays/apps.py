from django.apps import AppConfig


class PlaysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plays"
    verbose_name = "Play counts"
