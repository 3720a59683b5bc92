"""/health for container probes, answered before the Host header is checked.

The image's HEALTHCHECK calls http://127.0.0.1:$PORT/health. Behind a proxy
DJANGO_ALLOWED_HOSTS names only the public host, so Django would answer the
probe 400 (DisallowedHost), and the container would never become healthy.
"""

from django.db import connection
from django.http import JsonResponse

HEALTH_PATHS = frozenset({"/health", "/health/"})


class HealthCheckMiddleware:
    """Serve HEALTH_PATHS whatever the Host header and the scheme; first in line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS:
            return health(request)
        return self.get_response(request)


def health(request):
    """200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
