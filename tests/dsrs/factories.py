"""Factories for the DSR models: real ISO codes, exact decimal revenues."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from dsrs.models import DSR, Currency, Resource, Territory, Usage
from dsrs.services.summaries import dsr_summary_refresh
from dsrs.storage import storage


class CurrencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Currency
        django_get_or_create = ("code",)

    code = "EUR"
    name = "Euro"
    symbol = "€"


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("code_2",)

    code_2 = "ES"
    code_3 = "ESP"
    name = "Spain"
    local_currency = factory.SubFactory(CurrencyFactory)


class DSRFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DSR

    dsp = "Spotify"
    offer = factory.Sequence(lambda n: f"Offer{n}")
    territory = factory.SubFactory(TerritoryFactory)
    currency = factory.SubFactory(CurrencyFactory)
    period_start = datetime.date(2020, 1, 1)
    period_end = datetime.date(2020, 1, 31)
    path = factory.LazyAttribute(
        lambda o: (
            f"data/{o.dsp}_{o.offer}_{o.territory.code_2}_{o.currency.code}_"
            f"{o.period_start:%Y%m%d}-{o.period_end:%Y%m%d}.tsv"
        )
    )
    status = DSR.Status.INGESTED
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    eur_rate = Decimal(1)
    eur_rate_source = "EUR is the reference currency"
    started_at = factory.LazyFunction(timezone.now)
    total_usages = 0
    total_revenue = Decimal(0)
    total_revenue_eur = Decimal(0)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    dsp = "Spotify"
    dsp_id = factory.Sequence(lambda n: f"RES{n:027d}")
    title = factory.Sequence(lambda n: f"Song {n}")
    artists = "Artist A|Artist B"
    isrc = factory.Sequence(lambda n: f"ESAB1{n:07d}")
    metadata_period_end = datetime.date(2020, 1, 31)


class UsageFactory(factory.django.DjangoModelFactory):
    """A usage written through the ORM, with the per-resource and DSR totals kept."""

    class Meta:
        model = Usage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        usage = super()._create(model_class, *args, **kwargs)
        storage().sums_refresh(resource_ids=[usage.resource_id])
        dsr_summary_refresh(dsr_id=usage.dsr_id)
        return usage

    dsr = factory.SubFactory(DSRFactory)
    line = factory.Sequence(lambda n: n + 2)
    resource = factory.SubFactory(ResourceFactory)
    usages = 1
    revenue = Decimal("1")
