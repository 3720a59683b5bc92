"""Settings from the environment: one reader per type of value.

Every variable read here is listed in .env.example. Unset or empty (as
.env.example leaves most of them) means the default; a value that cannot be
read stops the start with ``ImproperlyConfigured`` naming the variable.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})
BAD_BOOL = "{name}={value!r}: expected true/false, 1/0, yes/no"
BAD_INT = "{name}={value!r}: expected a whole number"


def env_str(name: str, default: str) -> str:
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name, "")
    if not value:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise ImproperlyConfigured(BAD_BOOL.format(name=name, value=value))


def env_int(name: str, default: int) -> int:
    value = env_str(name, "")
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(BAD_INT.format(name=name, value=value)) from None


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated list; blanks around and between items are dropped."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    return Path(env_str(name, "") or default)
