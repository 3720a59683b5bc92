"""Writes: the submitters group, API users and their tokens."""

from accounts.services.tokens import (
    SUBMITTERS,
    ApiTokenError,
    api_token_issue,
    submitters_group_ensure,
)

__all__ = [
    "SUBMITTERS",
    "ApiTokenError",
    "api_token_issue",
    "submitters_group_ensure",
]
