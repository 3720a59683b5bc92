"""Factories for API users: a submitter may upload play-count jobs."""

import factory
from django.contrib.auth import get_user_model

from accounts.services import submitters_group_ensure


class UserFactory(factory.django.DjangoModelFactory):
    """A user with no permission at all."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")


class SubmitterFactory(UserFactory):
    """A user in the group ``submitters``."""

    @factory.post_generation
    def submitters(user, create, extracted, **kwargs):
        if create:
            user.groups.add(submitters_group_ensure())


class StaffFactory(UserFactory):
    is_staff = True
