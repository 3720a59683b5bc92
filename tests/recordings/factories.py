"""Factories for the catalogue: tracks with valid ISRCs, and their recordings."""

import factory

from recordings.models import Artist, Recording, Track


class ArtistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Artist

    source_id = factory.Sequence(str)
    name = factory.Sequence(lambda n: f"Artist {n}")


class RecordingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recording
        django_get_or_create = ("isrc",)

    isrc = factory.Sequence(lambda n: f"USAB1{n:07d}")
    title = factory.Sequence(lambda n: f"Song {n}")


class TrackFactory(factory.django.DjangoModelFactory):
    """A track of a valid ISRC, attached to that ISRC's recording."""

    class Meta:
        model = Track

    cm_track = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Song {n}")
    isrc = factory.Sequence(lambda n: f"USAB1{n:07d}")
    isrc_valid = True
    artist = factory.SubFactory(ArtistFactory)
    recording = factory.Maybe(
        "isrc_valid",
        yes_declaration=factory.SubFactory(
            RecordingFactory,
            isrc=factory.SelfAttribute("..isrc"),
            title=factory.SelfAttribute("..title"),
        ),
        no_declaration=None,
    )
