"""Factories for play-count jobs: the upload is a real file from tests/data/plays."""

import hashlib
from pathlib import Path

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from plays.models import PlayCountJob
from tests.accounts.factories import SubmitterFactory

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "plays"


def upload_of(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA_DIR / name).read_bytes(), "text/csv")


class PlayCountJobFactory(factory.django.DjangoModelFactory):
    """A queued job for ``source`` (a file name in tests/data/plays)."""

    class Meta:
        model = PlayCountJob
        exclude = ["source", "content"]

    owner = factory.SubFactory(SubmitterFactory)
    source = "initial_test.csv"
    content = factory.LazyAttribute(lambda o: (DATA_DIR / o.source).read_bytes())
    upload = factory.LazyAttribute(
        lambda o: SimpleUploadedFile(o.source, o.content, "text/csv")
    )
    file_name = factory.SelfAttribute("source")
    size = factory.LazyAttribute(lambda o: len(o.content))
    # Unique per job, so two jobs of one sample do not collide.
    sha256 = factory.Sequence(lambda n: hashlib.sha256(str(n).encode()).hexdigest())
