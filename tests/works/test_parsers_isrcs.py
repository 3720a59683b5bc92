"""The optional ``isrcs`` column of a works file."""

import pytest

from recordings.models import RecordingWork
from works.parsers import WorksReader, isrcs_parse
from works.services import work_import


def test_isrcs_are_pipe_separated_in_any_spelling():
    assert isrcs_parse(value="USAB10000001| us-ab1-00-00002 ||BAD|USAB10000001") == (
        ("USAB10000001", "USAB10000002"),
        ("BAD",),
    )


def test_the_column_does_not_change_fingerprints_when_empty(data_dir, sample):
    row, *_ = WorksReader(path=data_dir / "isrcs.csv", source="s")
    assert row.raw_isrcs == "USAB10000001|us-ab1-00-00002| |BAD"
    (plain, *_) = WorksReader(path=sample, source="works_metadata")
    assert plain.raw_isrcs == ""


@pytest.mark.django_db
def test_only_usable_rows_with_a_valid_iswc_make_links(data_dir):
    work_import(path=data_dir / "isrcs.csv")
    assert sorted(
        RecordingWork.objects.values_list("recording__isrc", "iswc", "source")
    ) == [
        ("USAB10000001", "T9204649558", "works:isrcs"),
        ("USAB10000002", "T9204649558", "works:isrcs"),
    ]
