"""The router every app's API uses."""

from rest_framework.routers import SimpleRouter


class OptionalSlashRouter(SimpleRouter):
    """Routes that answer with and without a trailing slash, no redirect.

    openapi.md spells /dsrs/ with a slash and /dsrs/{id} without.
    """

    def __init__(self):
        super().__init__()
        self.trailing_slash = "/?"
