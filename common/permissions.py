"""Who may call the API: reads are public by default, writes need a permission."""

from django.conf import settings
from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    DjangoModelPermissions,
)


def read_action(view) -> bool:
    """An action that changes nothing, whatever its method (``read_actions``).

    ``POST /works/enrich`` takes its input as a body but stores nothing.
    """
    return getattr(view, "action", None) in getattr(view, "read_actions", ())


class ReadPublicWriteModel(BasePermission):
    """Reads for anyone (``API_ANONYMOUS_READ``, on by default) or any user;
    writes for an authenticated user with the model's permission
    (``POST`` needs ``<app>.add_<model>`` of the view's queryset).
    """

    def has_permission(self, request, view) -> bool:
        if getattr(view, request.method.lower(), None) is None:
            # No such method here: DRF answers 405, whoever asks.
            return True
        authenticated = bool(request.user and request.user.is_authenticated)
        if request.method in SAFE_METHODS or read_action(view):
            return authenticated or settings.API_ANONYMOUS_READ
        return authenticated and DjangoModelPermissions().has_permission(request, view)
