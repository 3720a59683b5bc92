"""API tokens (DRF's ``Authorization: Token <key>``) and who may submit jobs."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from rest_framework.authtoken.models import Token

SUBMITTERS = "submitters"
# What a submitter may do: upload play logs (POST /plays/jobs).
SUBMITTER_PERMISSIONS = (("plays", "add_playcountjob"),)

NO_SUCH_USER = "no user {name!r}; --create makes one"
BAD_NAME = "{name!r} is not a valid user name: {reason}"


class ApiTokenError(Exception):
    """A token asked for a user that does not exist or cannot be made."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def submitters_group_ensure(*, using: str = DEFAULT_DB_ALIAS) -> Group:
    """The group ``submitters`` with exactly the permissions it needs, made once."""
    group, _ = Group.objects.using(using).get_or_create(name=SUBMITTERS)
    for app_label, codename in SUBMITTER_PERMISSIONS:
        permission = (
            Permission.objects.using(using)
            .filter(content_type__app_label=app_label, codename=codename)
            .first()
        )
        # Missing only while the plays app itself is not migrated yet.
        if permission is not None:
            group.permissions.add(permission)
    return group


def api_token_issue(*, name: str, create: bool = False) -> str:
    """The user's token key, made if they have none.

    ``create`` makes a missing user first: not staff, no password (the token
    is their only way in), in the group ``submitters``.
    """
    users = get_user_model()
    with transaction.atomic():
        user = users.objects.filter(username=name).first()
        if user is None:
            if not create:
                raise ApiTokenError(NO_SUCH_USER.format(name=name))
            user = _submitter_create(name=name)
        token, _ = Token.objects.get_or_create(user=user)
    return token.key


def _submitter_create(*, name: str):
    users = get_user_model()
    user = users(username=name, is_staff=False)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        reason = "; ".join(error.message_dict.get("username", error.messages))
        raise ApiTokenError(BAD_NAME.format(name=name, reason=reason)) from None
    user.set_unusable_password()
    user.save()
    user.groups.add(submitters_group_ensure())
    return user
