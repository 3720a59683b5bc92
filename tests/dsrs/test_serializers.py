"""``RESOURCE_JSON`` fails where ResourceSerializer fails (that it writes the same
bytes otherwise: test_serializers_twins)."""

from decimal import Decimal

import pytest
from rest_framework.renderers import JSONRenderer

from dsrs.selectors import ResourceRevenue
from dsrs.serializers import RESOURCE_JSON, ResourceSerializer


def serializer_bytes(resources: list[ResourceRevenue]) -> bytes:
    return JSONRenderer().render(ResourceSerializer(resources, many=True).data)


@pytest.mark.parametrize("revenue", [Decimal("1E+400"), Decimal("NaN")])
def test_a_revenue_out_of_float_range_fails_as_with_the_serializer(revenue):
    resources = [ResourceRevenue("R1", "T", "A", "I", 1, revenue, [1])]
    with pytest.raises(ValueError):
        serializer_bytes(resources)
    with pytest.raises(ValueError, match="not JSON compliant"):
        RESOURCE_JSON.render(resources)
