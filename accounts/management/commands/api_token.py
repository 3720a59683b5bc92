"""``manage.py api_token NAME [--create]``: print the user's API token, only it."""

from django.core.management.base import BaseCommand, CommandError

from accounts.services import ApiTokenError, api_token_issue


class Command(BaseCommand):
    help = (
        "Print the API token of user NAME (made if they have none) on stdout, "
        "and nothing else. --create makes the user first: not staff, in the "
        "group 'submitters', which may submit play-count jobs."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="the user name")
        parser.add_argument(
            "--create", action="store_true", help="make the user if there is none"
        )

    def handle(self, *args, name: str, create: bool, **options):
        try:
            key = api_token_issue(name=name, create=create)
        except ApiTokenError as error:
            raise CommandError(error.message, returncode=2) from None
        self.stdout.write(key)
