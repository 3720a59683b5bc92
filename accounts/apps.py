from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """API users: their tokens, and the group that may submit play-count jobs."""

    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.services import submitters_group_ensure

        # After every migrate (and test database flush): the group and its
        # permission exist before anyone is put in it.
        post_migrate.connect(
            lambda **kwargs: submitters_group_ensure(using=kwargs["using"]),
            sender=self,
            dispatch_uid="accounts.submitters_group_ensure",
            weak=False,
        )
