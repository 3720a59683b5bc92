"""``api_token NAME [--create]``: the token on stdout, and only it."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from accounts.services import SUBMITTERS
from accounts.services.tokens import BAD_NAME, NO_SUCH_USER
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def api_token(*args: str) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue()


def test_create_makes_a_submitter_and_prints_only_the_token():
    out = api_token("alice", "--create")
    user = get_user_model().objects.get(username="alice")
    assert out == f"{Token.objects.get(user=user).key}\n"
    assert not user.is_staff
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [SUBMITTERS]
    assert user.has_perm("plays.add_playcountjob")


def test_the_same_token_each_time():
    assert api_token("alice", "--create") == api_token("alice")


def test_an_existing_user_gets_a_token():
    user = UserFactory(username="bob")
    assert api_token("bob").strip() == Token.objects.get(user=user).key
    assert not user.groups.exists()


def test_an_unknown_user_without_create_is_an_error():
    with pytest.raises(CommandError) as caught:
        api_token("nobody")
    assert str(caught.value) == NO_SUCH_USER.format(name="nobody")
    assert caught.value.returncode == 2
    assert not get_user_model().objects.exists()


def test_an_invalid_name_is_an_error():
    with pytest.raises(CommandError) as caught:
        api_token("no spaces/here", "--create")
    assert str(caught.value).startswith(
        BAD_NAME.format(name="no spaces/here", reason="")[:-1]
    )
    assert not get_user_model().objects.exists()
