"""What every app's REST API shares: the 404 body of openapi.md and its schema."""

from django.http import Http404
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler

NOT_FOUND_RESPONSE = inline_serializer(
    "NotFound", fields={"detail": serializers.CharField(default="Not found.")}
)


def exception_handler(exc, context):
    """DRF's handler, with the 404 body openapi.md specifies."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)
