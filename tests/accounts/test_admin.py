"""Staff issue and revoke tokens in the admin (DRF's token pages); the group
made by migrate."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKENS = "/admin/authtoken/tokenproxy/"


def test_staff_issue_a_token(admin_client):
    user = UserFactory()
    response = admin_client.post(f"{TOKENS}add/", {"user": user.pk})
    assert response.status_code == 302
    assert Token.objects.filter(user=user).exists()


def test_staff_revoke_a_token(admin_client):
    token = Token.objects.create(user=UserFactory())
    response = admin_client.post(
        f"{TOKENS}{token.user_id}/delete/", {"post": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert not Token.objects.exists()


def test_the_submitters_group_can_submit_jobs():
    group = Group.objects.get(name="submitters")
    assert [p.codename for p in group.permissions.all()] == ["add_playcountjob"]
