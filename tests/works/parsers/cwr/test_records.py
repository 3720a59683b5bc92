"""One record by its layout, both ways; no database."""

from decimal import Decimal

import pytest

from works.parsers.cwr.layouts import CWR_21, CWR_22, RECORD_TYPES
from works.parsers.cwr.records import (
    FIELD_MISSING,
    CwrFieldError,
    record_format,
    record_parse,
)

SWR = (
    "SWR0000000000000004W000001  KOLARIC                                      "
    "MATIJA                         AR0000000000000000019901002500   00000   00000"
    " N  I-123456789-3             "
)


def test_fields_are_read_at_their_positions():
    values = record_parse(line=SWR, layout=CWR_21["SWR"])
    assert values["Writer Last Name"] == "KOLARIC"
    assert values["Writer First Name"] == "MATIJA"
    assert values["Writer Designation Code"] == "AR"
    assert values["Writer IPI Name #"] == "00000000199"
    assert values["PR Ownership Share"] == Decimal("25.00")
    assert values["Writer IPI Base Number"] == "I-123456789-3"


def test_a_short_record_reads_its_missing_optional_fields_empty():
    values = record_parse(line=SWR[:110], layout=CWR_22["SWR"])
    assert values["Writer Last Name"] == "KOLARIC"
    assert values["Writer IPI Name #"] == ""
    assert values["PR Ownership Share"] is None
    assert values["USA License Ind"] == ""


def test_a_missing_required_field_is_an_error_naming_it():
    with pytest.raises(CwrFieldError) as error:
        record_parse(line="ALT0000000000000011", layout=CWR_21["ALT"])
    assert (error.value.field, error.value.reason) == ("Alternate Title", FIELD_MISSING)


def test_a_letter_in_a_numeric_field_is_an_error_naming_it():
    line = SWR[:129] + "25O00" + SWR[134:]
    with pytest.raises(CwrFieldError) as error:
        record_parse(line=line, layout=CWR_21["SWR"])
    assert error.value.field == "PR Ownership Share"
    assert error.value.reason == "'25O00' is not numeric"


def test_format_writes_what_parse_reads():
    values = record_parse(line=SWR, layout=CWR_21["SWR"])
    line = record_format(values=values, layout=CWR_21["SWR"])
    assert line == SWR[: len(line)]
    assert record_parse(line=line, layout=CWR_21["SWR"]) == values


def test_every_layout_is_contiguous_from_column_one():
    for layouts in (CWR_21, CWR_22):
        for record_type, layout in layouts.items():
            assert record_type in RECORD_TYPES
            ends = [1] + [f.start + f.length for f in layout]
            assert [f.start for f in layout] == ends[:-1], record_type
