"""Factories for works: a work with its title row and contributors."""

import factory
from django.utils import timezone

from common.text import text_normal_form
from works.models import (
    Contributor,
    ReviewItem,
    SourceRow,
    Work,
    WorkImport,
    WorkTitle,
)
from works.parsers import contributor_key


class WorkImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkImport

    path = factory.Sequence(lambda n: f"data/works/file{n}.csv")
    source = "provider"
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    status = WorkImport.Status.INGESTED
    started_at = factory.LazyFunction(timezone.now)


class WorkFactory(factory.django.DjangoModelFactory):
    """A work whose title is also its first ``WorkTitle``, as the importer
    stores it; ``contributors`` names its contributors."""

    class Meta:
        model = Work
        skip_postgeneration_save = True

    iswc = None
    title = factory.Sequence(lambda n: f"Song {n}")

    @factory.post_generation
    def title_row(work, create, extracted, **kwargs):
        WorkTitle.objects.create(
            work=work, title=work.title, normal_form=text_normal_form(value=work.title)
        )

    @factory.post_generation
    def contributors(work, create, extracted, **kwargs):
        for name in extracted or ["Writer One"]:
            Contributor.objects.create(
                work=work, name=name, name_key=contributor_key(name=name)
            )


class SourceRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceRow

    work_import = factory.SubFactory(WorkImportFactory)
    line = factory.Sequence(lambda n: n + 2)
    source = "provider"
    work = factory.SubFactory(WorkFactory)
    raw_title = factory.LazyAttribute(lambda o: o.work.title if o.work else "")
    raw_contributors = "Writer One"
    outcome = "created"
    fingerprint = factory.Sequence(lambda n: f"{n:032x}")


class ReviewItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewItem

    kind = "ambiguous"
    work = factory.SubFactory(WorkFactory)
    source_row = factory.SubFactory(
        SourceRowFactory, work=factory.SelfAttribute("..work")
    )
    detail = "title and contributors match 2 works"
    created_at = factory.LazyFunction(timezone.now)


class WorkTitleFactory(factory.django.DjangoModelFactory):
    """An alternative title of a work."""

    class Meta:
        model = WorkTitle

    work = factory.SubFactory(WorkFactory)
    title = factory.Sequence(lambda n: f"Other title {n}")
    normal_form = factory.LazyAttribute(lambda o: text_normal_form(value=o.title))
