from django.apps import AppConfig
from django.db.backends.signals import connection_created


class DsrsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dsrs"
    verbose_name = "Digital sales reports"

    def ready(self) -> None:
        from dsrs.storage.sqlite.ranking import functions_register

        connection_created.connect(functions_register, dispatch_uid="dsrs_sqlite")
