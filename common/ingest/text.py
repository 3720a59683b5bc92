"""Values and messages cut to a limit before they are stored or printed. No ORM."""

ELLIPSIS = "…"


def text_cut(*, value: str, limit: int) -> str:
    """``value`` if it fits in ``limit`` characters, else its start and "…"."""
    if len(value) <= limit:
        return value
    return value[: limit - 1] + ELLIPSIS
