"""``RESOURCE_JSON`` renders resources as ResourceSerializer and JSONRenderer do."""

import random
from decimal import Decimal

import pytest
from rest_framework.renderers import JSONRenderer

from common.json_stream import json_array_chunks
from dsrs.selectors import ResourceRevenue
from dsrs.serializers import RESOURCE_JSON, ResourceSerializer
from tests.dsrs.factories import AWKWARD_TEXTS, random_text

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


def random_revenue(rng: random.Random) -> Decimal:
    if rng.random() < 0.3:
        return rng.choice(AWKWARD_REVENUES)
    digits = rng.randint(1, 40)
    return Decimal(rng.randint(0, 10**digits)).scaleb(-rng.randint(0, 45))


def random_resource(rng: random.Random) -> ResourceRevenue:
    return ResourceRevenue(
        dsp_id=random_text(rng),
        title=random_text(rng),
        artists=random_text(rng),
        isrc=random_text(rng),
        usages=rng.choice([0, 1, rng.randint(0, 10**6), 2**63 - 1, 10**30]),
        revenue=random_revenue(rng),
        dsrs=sorted(rng.sample(range(1, 10**7), rng.choice([0, 1, 1, 2, 5, 40]))),
    )


def serializer_bytes(resources: list[ResourceRevenue]) -> bytes:
    return JSONRenderer().render(ResourceSerializer(resources, many=True).data)


@pytest.mark.parametrize("seed", range(20))
def test_random_resources_render_as_the_serializer_does(seed):
    rng = random.Random(seed)
    resources = [random_resource(rng) for _ in range(rng.randint(1, 300))]
    chunk_items = rng.choice([1, 7, 1000])
    streamed = json_array_chunks(
        items=resources, chunk_items=chunk_items, render=RESOURCE_JSON.render
    )
    assert b"".join(streamed) == serializer_bytes(resources)


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
def test_each_awkward_text(text):
    resource = ResourceRevenue(text, text, text, text, 1, Decimal(1), [1])
    assert b"[" + RESOURCE_JSON.render([resource]) + b"]" == serializer_bytes(
        [resource]
    )


@pytest.mark.parametrize("revenue", AWKWARD_REVENUES)
def test_each_awkward_revenue(revenue):
    resource = ResourceRevenue("R1", "T", "A", "I", 1, revenue, [])
    assert b"[" + RESOURCE_JSON.render([resource]) + b"]" == serializer_bytes(
        [resource]
    )


@pytest.mark.parametrize("revenue", [Decimal("1E+400"), Decimal("NaN")])
def test_a_revenue_out_of_float_range_fails_as_with_the_serializer(revenue):
    resources = [ResourceRevenue("R1", "T", "A", "I", 1, revenue, [1])]
    with pytest.raises(ValueError):
        serializer_bytes(resources)
    with pytest.raises(ValueError, match="not JSON compliant"):
        RESOURCE_JSON.render(resources)
