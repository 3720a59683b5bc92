"""Request rates per client, from settings: ``API_THROTTLE_ANON`` by address,
``API_THROTTLE_USER`` by user; a kind whose rate is not set is not throttled.
"""

from rest_framework.exceptions import Throttled
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

THROTTLED = "Request was throttled: {setting} = {rate}."


class RateFromSettings:
    """The rate read when a request comes, not when the class was defined
    (DRF's own throttles keep the rates they were imported with)."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(RateFromSettings, AnonRateThrottle):
    """Anonymous clients, counted by address."""

    setting = "API_THROTTLE_ANON"


class UserThrottle(RateFromSettings, UserRateThrottle):
    """Authenticated clients, counted by user; anonymous ones are ``AnonThrottle``'s."""

    setting = "API_THROTTLE_USER"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


def throttled_naming_limit(*, exc: Throttled, request) -> Throttled:
    """The same 429, its body naming the setting and rate that refused it."""
    authenticated = bool(request.user and request.user.is_authenticated)
    throttle = UserThrottle() if authenticated else AnonThrottle()
    detail = THROTTLED.format(setting=throttle.setting, rate=throttle.get_rate())
    # Throttled adds "Expected available in N seconds." and Retry-After.
    return Throttled(wait=exc.wait, detail=detail)
