"""/health for container probes, answered before the Host header is checked.

The image's HEALTHCHECK calls http://127.0.0.1:$PORT/health. Behind a proxy
DJANGO_ALLOWED_HOSTS names only the public host, so Django would answer the
probe 400 (DisallowedHost), and the container would never become healthy.
"""

from dsrs.views import health

HEALTH_PATHS = frozenset({"/health", "/health/"})


class HealthCheckMiddleware:
    """Serve HEALTH_PATHS whatever the Host header and the scheme; first in line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS:
            return health(request)
        return self.get_response(request)
