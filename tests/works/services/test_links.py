"""ISRC -> ISWC links handed to the catalogue in bounded chunks."""

import pytest

from recordings.models import RecordingWork
from works.services import links, work_import

pytestmark = pytest.mark.django_db


def _links():
    found = RecordingWork.objects.values_list("recording__isrc", "iswc", "source")
    return sorted(found)


@pytest.mark.parametrize("chunk", [1, links.LINK_CHUNK])
def test_chunks_of_any_size_write_the_links_of_the_whole_file(
    data_dir, monkeypatch, tmp_path, chunk
):
    monkeypatch.setattr(links, "LINK_CHUNK", chunk)
    medley = tmp_path / "medley.csv"
    medley.write_text(
        "title,contributors,iswc,isrcs,source\n"
        "Medley,A Writer,T9204649558,USAB10000001|USAB10000002,p\n"
        "Medley,A Writer,T9204649558,USAB10000002|USAB10000003,q\n"
    )
    work_import(path=medley)
    work_import(path=data_dir / "cwr" / "CW260001SAM_000.V22")
    assert _links() == [
        ("GBAHS1600463", "T9204649558", "cwr:000000199"),
        ("USAB10000001", "T9204649558", "works:p"),
        ("USAB10000002", "T9204649558", "works:p"),
        ("USAB10000002", "T9204649558", "works:q"),
        ("USAB10000003", "T9204649558", "works:q"),
    ]
