"""Factories for the DSR models: real ISO codes, exact decimal revenues."""

import datetime
import random
from decimal import Decimal

import factory
from django.utils import timezone

from dsrs.models import DSR, Currency, Resource, Territory, Usage
from dsrs.parsers import REVENUE_DECIMAL_PLACES, REVENUE_MAX_DIGITS
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


AWKWARD_TEXTS = [
    "",
    'say "hi"',
    "back\\slash \\u0000 \\\\",
    "".join(map(chr, range(32))) + "\x7f",
    "\u2028 line \u2029 paragraph",
    "emoji 🎵🇪🇸 and 𝄞",
    "Canción ñ Ørsted Ⅻ ﬁ e\u0301",
    "%s %d %% %(x)s {} {0}",
    "\ufeffbom \ufffe \uffff \ud7ff",
    " spaces \t tabs \n lines \r\n ",
    "a|b|c",
]


def random_text(rng: random.Random) -> str:
    pieces = rng.choices(AWKWARD_TEXTS, k=rng.randint(0, 3))
    pieces.append(
        "".join(chr(rng.randint(1, 0xD7FF)) for _ in range(rng.randint(0, 8)))
    )
    pieces.append("".join(chr(rng.randint(0xE000, 0x10FFFF)) for _ in range(2)))
    rng.shuffle(pieces)
    return "".join(pieces)


# Revenues whose floats PostgreSQL and Python write differently, or nearly.
# (PostgreSQL also writes 3.4150434573835592e+16 where Python writes the
# equally near 3.415043457383559e+16: the random answers meet such floats.)
EDGE_REVENUES = [
    Decimal("1"),
    Decimal("100"),
    Decimal("0.5"),
    Decimal("1E+14"),
    Decimal("999999999999999.9"),
    Decimal("999999999999999.99999"),
    Decimal("1E+15"),
    Decimal("1234567890123456.7"),
    Decimal("5500000000000000"),
    Decimal("9999999999999998"),
    Decimal("9999999999999999.5"),
    Decimal("1234567890123456"),
    Decimal("3415043457383559.19"),
    Decimal("1.5E-5"),
    Decimal("0.0001"),
    Decimal("1E-31"),
    Decimal("2.220446049250313080847263336181640625E-16"),
]


def stored_revenue(rng: random.Random) -> Decimal:
    if rng.random() < 0.3:
        return rng.choice(EDGE_REVENUES)
    digits = rng.randint(1, REVENUE_MAX_DIGITS)
    integer_digits = REVENUE_MAX_DIGITS - REVENUE_DECIMAL_PLACES
    places = rng.randint(max(0, digits - integer_digits), REVENUE_DECIMAL_PLACES)
    return Decimal(rng.randint(0, 10**digits)).scaleb(-places)


def resources_create(rng: random.Random, dsrs: list[DSR], count: int) -> None:
    """``count`` resources with awkward texts, reported by some of ``dsrs``."""
    resources = Resource.objects.bulk_create(
        ResourceFactory.build(
            dsp_id=f"{random_text(rng)[:40]}#{i}".replace("\x00", ""),
            title=random_text(rng).replace("\x00", ""),
            artists=random_text(rng).replace("\x00", ""),
            isrc=rng.choice(["", *AWKWARD_TEXTS]).replace("\x00", ""),
        )
        for i in range(count)
    )
    usages, line = [], 2
    for resource in resources:
        for dsr in rng.sample(dsrs, rng.randint(1, len(dsrs))):
            usages.append(
                Usage(
                    dsr=dsr,
                    line=line,
                    resource=resource,
                    usages=rng.randint(0, 10**6),
                    revenue=stored_revenue(rng),
                )
            )
            line += 1
    Usage.objects.bulk_create(usages)
    storage().sums_refresh(resource_ids=[r.pk for r in resources])


def dsrs_create() -> list[DSR]:
    norway = TerritoryFactory(code_2="NO", code_3="NOR", name="Norway")
    return [
        DSRFactory(),
        DSRFactory(eur_rate=Decimal("11.1234567891")),
        DSRFactory(
            territory=norway,
            eur_rate=Decimal("0.3"),
            period_start=datetime.date(2020, 2, 1),
            period_end=datetime.date(2020, 2, 29),
        ),
    ]


AWKWARD_REVENUES = [
    Decimal("0"),
    Decimal("0E-31"),
    Decimal("-0"),
    Decimal("1"),
    Decimal("1.10"),
    Decimal("1E+2"),
    Decimal("1E+15"),
    Decimal("1E+16"),
    Decimal("123456789012345678901234567890.1234567890"),
    Decimal("0.1000000000000000000000000000000"),
    Decimal("2.220446049250313080847263336181640625E-16"),
    Decimal("1E-320"),
    Decimal("1E-400"),
    Decimal("9.999999999999999E+307"),
    Decimal("0.0000001"),
]
