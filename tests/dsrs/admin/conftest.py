"""Fixtures of the admin tests."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission, User

from dsrs.models import DSRRowError
from tests.dsrs.factories import (
    CurrencyFactory,
    DSRFactory,
    ResourceFactory,
    TerritoryFactory,
    UsageFactory,
)


@pytest.fixture
def nok_dsr():
    """A DSR in NOK at 10 per EUR: two usages, rejected rows and a warning."""
    nok = CurrencyFactory(code="NOK", name="Norwegian Krone", symbol="kr")
    norway = TerritoryFactory(
        code_2="NO", code_3="NOR", name="Norway", local_currency=nok
    )
    dsr = DSRFactory(
        territory=norway,
        currency=nok,
        eur_rate=Decimal("10.0000000000"),
        rows_imported=2,
        rows_rejected=1234,
        warnings={"empty revenue read as 0": 1500},
    )
    UsageFactory(dsr=dsr, line=2, usages=1200, revenue=Decimal("12345.675"))
    UsageFactory(
        dsr=dsr,
        line=3,
        usages=34,
        revenue=Decimal("0.005"),
        resource=ResourceFactory(isrc="USRC17607839"),
    )
    return dsr


@pytest.fixture
def two_dsrs():
    """Two DSRs sharing one resource; each also has one resource of its own."""
    shared = ResourceFactory(dsp_id="SHARED")
    first, second = DSRFactory(), DSRFactory()
    UsageFactory(dsr=first, resource=shared, revenue=Decimal(1))
    UsageFactory(
        dsr=first, resource=ResourceFactory(dsp_id="ONLY_FIRST"), revenue=Decimal(5)
    )
    UsageFactory(dsr=second, resource=shared, revenue=Decimal(2))
    UsageFactory(dsr=second, resource=ResourceFactory(dsp_id="ONLY_SECOND"))
    DSRRowError.objects.create(
        dsr=first, line=9, field="usages", value="x", reason="bad"
    )
    return first, second


@pytest.fixture
def viewer(client):
    """A staff user who may view DSRs but not delete them."""
    user = User.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_dsr"))
    client.force_login(user)
    return client
