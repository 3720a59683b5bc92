"""The CWR pages of the admin: a work shows its registrations and
acknowledgements; a registration its writers with shares."""

import pytest
from django.urls import reverse

from works.models import Registration, Work
from works.services import work_import

pytestmark = pytest.mark.django_db


def test_work_and_registration_pages(admin_client, data_dir):
    cwr = data_dir / "cwr"
    work_import(path=cwr / "CW260001SAM_000.V22")
    work_import(path=cwr / "CW260001SAM_SAC.ACK")
    work = Work.objects.get(iswc="T0046951705")
    page = admin_client.get(reverse("admin:works_work_change", args=[work.pk]))
    assert page.status_code == 200
    assert b"SAM0001" in page.content and b"SAC-77" in page.content
    registration = Registration.objects.get(work=work)
    page = admin_client.get(
        reverse("admin:works_registration_change", args=[registration.pk])
    )
    assert b"00014107338" in page.content and b"FRZ039500212" in page.content
    listing = admin_client.get(reverse("admin:works_acknowledgement_changelist"))
    assert listing.status_code == 200 and b"SACEM" in listing.content
