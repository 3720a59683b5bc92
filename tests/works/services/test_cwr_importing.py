"""work_import on CWR files, on both databases: values read by hand from the
public samples (django-music-publisher, CWR-DataApi) and the small files
written by the layouts."""

import zipfile

import pytest

from common.ingest.status import ImportStatus
from recordings.selectors import recording_links
from works.models import (
    Acknowledgement,
    Registration,
    RegistrationParty,
    RegistrationRecording,
    RegistrationTitle,
    ReviewItem,
    SourceRow,
    Work,
    WorkImport,
)
from works.reconciliation import Outcome, ReviewKind
from works.services import work_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def cwr_dir(data_dir):
    return data_dir / "cwr"


def test_cwr_21_sample(cwr_dir):
    result = work_import(path=cwr_dir / "CW210001DMP_000.V21")
    assert result.status == ImportStatus.INGESTED
    assert (result.rows_read, result.details["works_created"]) == (1, 1)
    work = Work.objects.get()
    assert (work.title, work.iswc) == ("MUSIC PUB CARTOONS", "T1234567894")
    assert sorted(work.contributors.values_list("name", flat=True)) == [
        "ANN OTHER",
        "MATIJA KOLARIC",
    ]
    registration = work.registrations.get()
    assert (registration.sender_id, registration.sender_name) == (
        "000000020",
        "TEST PUBLISHER",
    )
    assert registration.submitter_work_id == "DMP000001"
    writers = registration.parties.filter(record_type="SWR").order_by("id")
    assert [
        (w.last_name, w.first_name, w.ipi_name_number, w.role) for w in writers
    ] == [
        ("KOLARIC", "MATIJA", "00000000199", "AR"),
        ("OTHER", "ANN", "00000000297", "AD"),
    ]
    assert all(w.controlled for w in writers)
    publisher = registration.parties.get(record_type="SPU")
    assert (publisher.last_name, str(publisher.pr_share)) == ("TEST PUBLISHER", "37.50")
    assert list(registration.titles.values_list("title", "title_type"))[:2] == [
        ("MPC ACADEMY", "AT"),
        ("MUSIC PUB CARTOONS SUFFIX", "AT"),
    ]
    # Alternative titles are titles of the work: later rows match them.
    assert work.titles.filter(title="MPC ACADEMY").exists()


def test_cwr_22_sample_isrcs_performers_and_shares_review(cwr_dir):
    result = work_import(path=cwr_dir / "CW260001SAM_000.V22")
    assert result.details["works_created"] == 2
    assert dict(
        RegistrationRecording.objects.values_list("isrc", "registration__work__title")
    ) == {"FRZ039500212": "JE NE SAIS PAS", "GBAHS1600463": "SHAPE OF YOU"}
    assert RegistrationParty.objects.get(record_type="PER").last_name == "CELINE DION"
    assert RegistrationTitle.objects.get().title == "I DON'T KNOW"
    review = ReviewItem.objects.get(kind=ReviewKind.SHARES)
    assert review.work.iswc == "T9204649558"
    assert "150.00 %" in review.detail


def test_public_cwr_22_sample(cwr_dir):
    """CWR-DataApi's 2.2 demo file: one ISWC on two titles, REV transactions,
    an ACK with its REV, XRF and MSG records, counts that do not match."""
    result = work_import(path=cwr_dir / "demo_cwr_cleaned.v22")
    assert result.status == ImportStatus.INGESTED
    assert (result.rows_read, result.details["works_created"]) == (8, 6)
    assert "GRT line 92: transaction count says 39, the file has 9" in result.message
    registration = Registration.objects.get(submitter_work_id="KEY002")
    assert (registration.version, registration.sender_id) == ("2.2", "000000DP1")
    assert registration.sender_name == "TOTALLY MADE UP PUBLISHING"
    writers = registration.parties.filter(record_type="SWR").order_by("id")
    assert [
        (w.last_name, w.first_name, w.ipi_name_number, w.role, str(w.pr_share))
        for w in writers
    ] == [
        ("SMITH", "JOHN", "00856545879", "CA", "25.00"),
        ("JOHNSON", "SARAH", "00856545876", "CA", "25.00"),
    ]
    # KEY001 and KEY002 give T-012.345.678-9 two titles: one work, a conflict.
    work = Work.objects.get(iswc="T0123456789")
    assert work.title == "ECHOES OF TOMORROW"
    assert work.titles.filter(title="MIDNIGHT SERENADE").exists()
    assert ReviewItem.objects.filter(work=work, kind=ReviewKind.CONFLICT).exists()
    # KEY003 (a REV without ISWC) joins it by title and John Smith; its
    # OPU and OWR shares make 125 % of the mechanical right.
    assert SourceRow.objects.get(provider_id="KEY003").work == work
    shares = ReviewItem.objects.filter(work=work, kind=ReviewKind.SHARES)
    assert "MR ownership shares add up to 125.00 %" in shares.first().detail
    ack = Acknowledgement.objects.get()
    assert (ack.status, ack.submitter_work_id, ack.society_work_id, ack.title) == (
        "AS",
        "KEY005B",
        "795145CV",
        "CRIMSON TIDE",
    )
    assert ack.work is None  # the REV it answers is not registered again


def test_a_cwr_and_a_csv_row_of_one_work_meet_in_one_work(cwr_dir, sample):
    work_import(path=sample)
    result = work_import(path=cwr_dir / "CW260001SAM_000.V22")
    # Shape of You by ISWC; Je ne sais pas by title and contributors.
    assert (result.details["works_created"], result.details["rows_merged"]) == (0, 2)
    assert Work.objects.count() == 4
    work = Work.objects.get(iswc="T0046951705")
    assert work.rows.count() == 3
    assert work.registrations.get().submitter_work_id == "SAM0001"
    assert work.contributors.count() == 2  # same names, any order and case


def test_a_broken_transaction_is_set_aside_with_its_line(cwr_dir):
    result = work_import(path=cwr_dir / "broken_transaction.V21")
    assert result.status == ImportStatus.INGESTED
    assert (result.rows_read, result.rows_rejected) == (3, 1)
    assert sorted(Work.objects.values_list("title", flat=True)) == [
        "FIRST SONG",
        "THIRD SONG",
    ]
    rejected = SourceRow.objects.get(outcome=Outcome.REJECTED)
    assert (rejected.line, rejected.provider_id) == (5, "BRK0002")
    assert rejected.reason == "line 6: SWR PR Ownership Share: '5O000' is not numeric"
    assert rejected.work is None
    assert Registration.objects.count() == 2  # the set-aside one has none


def test_untidy_file_imports_with_a_count_warning(cwr_dir):
    result = work_import(path=cwr_dir / "untidy.V21")
    assert result.status == ImportStatus.INGESTED
    assert "GRT line 12: transaction count says 3, the file has 2" in result.message
    # A REV for a work not yet known creates it.
    assert Work.objects.get(iswc="T0101974597").title == "REVISED SONG"
    untidy = Work.objects.get(title="UNTIDY SONG")
    assert list(untidy.contributors.values_list("name", flat=True)) == ["ANNA TIDY"]


def test_strict_fails_the_file_on_a_count_mismatch(cwr_dir):
    result = work_import(path=cwr_dir / "untidy.V21", strict=True)
    assert result.status == ImportStatus.FAILED
    assert "transaction count says 3, the file has 2" in result.message
    assert not Work.objects.exists()


def test_zipped_cwr_file(cwr_dir, tmp_path):
    archive = tmp_path / "CW260001SAM_000.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(cwr_dir / "CW260001SAM_000.V22", "CW260001SAM_000.V22")
    assert work_import(path=archive).details["works_created"] == 2


def test_ack_file_statuses_society_ids_and_iswcs(cwr_dir):
    work_import(path=cwr_dir / "CW260001SAM_000.V22")
    result = work_import(path=cwr_dir / "CW260001SAM_SAC.ACK")
    assert result.details["acknowledgements"] == 3
    acks = {a.submitter_work_id: a for a in Acknowledgement.objects.all()}
    assert {k: (a.status, a.society_work_id) for k, a in acks.items()} == {
        "SAM0001": ("AS", "SAC-77"),
        "SAM0002": ("AS", "SAC-78"),
        "SAM0099": ("RA", ""),
    }
    assert acks["SAM0001"].society == "SACEM" and acks["SAM0001"].date == "20260105"
    assert acks["SAM0099"].work is None
    # The ISWC a society assigned is taken by a work without one ...
    assert acks["SAM0001"].work.iswc == "T0046951705"
    # ... and one that differs from the work's goes to review.
    review = ReviewItem.objects.get(kind=ReviewKind.ACK_ISWC)
    assert review.work == acks["SAM0002"].work
    assert "T0101974597" in review.detail and "T9204649558" in review.detail
    assert acks["SAM0002"].work.iswc == "T9204649558"


def test_public_ack_samples(cwr_dir):
    work_import(path=cwr_dir / "CW210001DMP_000.V21")
    work_import(path=cwr_dir / "CW220001052_DMP.V21")
    result = work_import(path=cwr_dir / "ackexample_short.V21")
    assert result.details["acknowledgements"] == 2
    statuses = list(
        Acknowledgement.objects.order_by("id").values_list("status", flat=True)
    )
    assert statuses == ["AS", "RA", "RA", "NP", "NP", "", "", "", "AS", "AS"]
    prs = Acknowledgement.objects.get(society_work_id="250310HN")
    assert (prs.society, prs.iswc, prs.title) == (
        "PRS FOR MUSIC",
        "T9110536293",
        "ALIVE AND LIVING NOW",
    )
    # The ISW of a known ISWC names its work; the unknown MK000001 no work.
    isw = Acknowledgement.objects.filter(transaction_type="ISW")
    assert [a.work_id is not None for a in isw.order_by("id")] == [False, False, True]


def test_importing_the_same_cwr_file_again_changes_nothing(cwr_dir, tmp_path):
    work_import(path=cwr_dir / "CW260001SAM_000.V22")
    copy = tmp_path / "copy.V22"
    copy.write_bytes((cwr_dir / "CW260001SAM_000.V22").read_bytes() + b"\n")
    result = work_import(path=copy)
    assert result.details["rows_known"] == 2
    assert Work.objects.count() == 2
    assert RegistrationRecording.objects.count() == 2


def test_the_import_record_names_the_sender_as_source(cwr_dir):
    work_import(path=cwr_dir / "CW210001DMP_000.V21")
    assert WorkImport.objects.get().source == "TEST PUBLISHER"
    assert set(SourceRow.objects.values_list("source", flat=True)) == {"TEST PUBLISHER"}


def test_a_transaction_sent_twice_in_one_file_is_one_registration(cwr_dir, tmp_path):
    lines = (cwr_dir / "CW260001SAM_000.V22").read_text().splitlines()
    # The first transaction again, renumbered, before the group trailer.
    again = [line[:3] + "00000002" + line[11:] for line in lines[2:8]]
    path = tmp_path / "twice.V22"
    path.write_text("\n".join(lines[:-2] + again + lines[-2:]) + "\n")
    result = work_import(path=path)
    assert result.status == ImportStatus.INGESTED
    assert (result.rows_read, result.details["rows_known"]) == (3, 1)
    assert Registration.objects.count() == 2


def test_rec_isrcs_of_works_with_an_iswc_become_catalogue_links(cwr_dir):
    """REC records feed the recordings catalogue, the sender as source."""
    work_import(path=cwr_dir / "CW260001SAM_000.V22")
    assert list(recording_links(isrc="GBAHS1600463").values_list("iswc", "source")) == [
        ("T9204649558", "cwr:000000199")
    ]
    # JE NE SAIS PAS has no ISWC: its recording links to nothing.
    assert not recording_links(isrc="FRZ039500212").exists()
