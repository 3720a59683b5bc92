"""What every app's REST API shares: the 404 body of openapi.md and its schema."""

from django.http import Http404, QueryDict
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler

from common.throttling import throttled_naming_limit

REPEATED_PARAMETER = "given {count} times; give it once."

NOT_FOUND_RESPONSE = inline_serializer(
    "NotFound", fields={"detail": serializers.CharField(default="Not found.")}
)


def exception_handler(exc, context):
    """DRF's handler, with the 404 body openapi.md specifies and a 429 that
    names its limit."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, exceptions.Throttled) and context.get("request"):
        exc = throttled_naming_limit(exc=exc, request=context["request"])
    return drf_exception_handler(exc, context)


def query_params_single(*, query_params: QueryDict) -> dict[str, str]:
    """The query parameters, each given once; a repeated one is a 400.

    ``territory=ES&territory=FR`` would otherwise answer for FR alone.
    """
    repeated = {
        name: [REPEATED_PARAMETER.format(count=len(values))]
        for name, values in query_params.lists()
        if len(values) > 1
    }
    if repeated:
        raise serializers.ValidationError(repeated)
    return query_params.dict()
