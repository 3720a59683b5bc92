"""The admin shows a DSRF file's own exchange rate beside the ECB rate."""

import pytest
from django.urls import reverse

from dsrs.models import DSR
from dsrs.services import dsr_import
from tests.dsrs.parsers.dsrf.helpers import SAMPLE

pytestmark = pytest.mark.django_db


def test_dsr_page_shows_both_rates(admin_client):
    assert dsr_import(path=SAMPLE).ok
    gb = DSR.objects.get(territory__code_2="GB")
    page = admin_client.get(reverse("admin:dsrs_dsr_change", args=[gb.pk]))
    text = page.content.decode()
    assert "0.8987813636 GBP per EUR" in text
    assert "0.8 (USD to GBP, as the file states it; not used)" in text
