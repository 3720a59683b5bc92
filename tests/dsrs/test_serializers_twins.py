"""The percentile answer's JSON: the serializer and its two fast twins agree.

The rule is what ``ResourceSerializer`` and DRF's ``JSONRenderer`` write.
Its twins: ``RESOURCE_JSON`` (``common.json_stream``: rows rendered a
column at a time) on both databases, and on PostgreSQL the JSON written in
SQL (``dsrs.storage.postgresql.answer_json``, which also makes the cut).
Each test runs on random inputs (Hypothesis, derandomized) and on every
file in ``tests/data/dsrs/`` and the samples, and counts them in
``twin_inputs``.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rest_framework.renderers import JSONRenderer

from common.json_stream import json_array_chunks
from dsrs.models import Resource, Usage
from dsrs.parsers import DSRFormatError, DSRReader, ParsedRow
from dsrs.selectors import ResourceRevenue, resource_list_top_percentile
from dsrs.serializers import RESOURCE_JSON, ResourceSerializer
from dsrs.services import dsr_import
from dsrs.storage import storage
from tests.dsrs.conftest import DATA_DIR, SAMPLES_DIR, json_of_sql
from tests.dsrs.factories import (
    AWKWARD_REVENUES,
    AWKWARD_TEXTS,
    EDGE_REVENUES,
    ResourceFactory,
    dsrs_create,
)

DSR_FILES = sorted(p for p in DATA_DIR.iterdir() if p.is_file()) + sorted(
    SAMPLES_DIR.glob("*.tsv.gz")
)


def serializer_bytes(resources: list[ResourceRevenue]) -> bytes:
    return JSONRenderer().render(ResourceSerializer(resources, many=True).data)


def streamed_bytes(resources: list[ResourceRevenue], chunk_items: int = 1000) -> bytes:
    pieces = json_array_chunks(
        items=resources, chunk_items=chunk_items, render=RESOURCE_JSON.render
    )
    return b"".join(pieces)


def file_resources(path: Path) -> list[ResourceRevenue]:
    """A DSR file's rows as answer items (none when the file does not read)."""
    try:
        rows = [row for row in DSRReader(path) if isinstance(row, ParsedRow)]
    except DSRFormatError:
        return []
    return [
        ResourceRevenue(
            row.dsp_id,
            row.title,
            row.artists,
            row.isrc,
            row.usages,
            Decimal(row.revenue),
            [row.line],
        )
        for row in rows
    ]


TEXTS = st.one_of(
    st.sampled_from(AWKWARD_TEXTS),
    st.text(st.characters(codec="utf-8"), max_size=12),
)
REVENUES = st.one_of(
    st.sampled_from(AWKWARD_REVENUES),
    st.builds(
        lambda digits, places: Decimal(f"{digits}E-{places}"),  # exact: no context
        st.integers(0, 10**40),
        st.integers(0, 45),
    ),
)
RESOURCES = st.builds(
    ResourceRevenue,
    dsp_id=TEXTS,
    title=TEXTS,
    artists=TEXTS,
    isrc=TEXTS,
    usages=st.one_of(st.sampled_from([0, 1, 2**63 - 1, 10**30]), st.integers(0)),
    revenue=REVENUES,
    dsrs=st.lists(st.integers(1, 10**7), max_size=40).map(sorted),
)


def awkward_examples(test):
    """Each awkward text in every string, each awkward revenue, each file."""
    for text in AWKWARD_TEXTS:
        item = ResourceRevenue(text, text, text, text, 1, Decimal(1), [1])
        test = example(resources=[item], chunk_items=1)(test)
    for revenue in AWKWARD_REVENUES:
        item = ResourceRevenue("R1", "T", "A", "I", 1, revenue, [])
        test = example(resources=[item], chunk_items=1)(test)
    for path in DSR_FILES:
        test = example(resources=file_resources(path), chunk_items=1000)(test)
    return test


@settings(max_examples=200)
@awkward_examples
@given(
    resources=st.lists(RESOURCES, max_size=30),
    chunk_items=st.sampled_from([1, 7, 1000]),
)
def test_rows_render_as_the_serializer_renders(twin_inputs, resources, chunk_items):
    assert streamed_bytes(resources, chunk_items) == serializer_bytes(resources)
    twin_inputs["dsrs percentile JSON: RESOURCE_JSON == ResourceSerializer"] += 1


# The answers compared on each database state: filters and numbers.
QUERIES = [
    {},
    {"territory": "ES"},
    {"territory": "NO"},
    {"period_end": date(2020, 1, 31)},
]
NUMBERS = [1, 2, 10, 33, 50, 90, 99, 100]
# Awkward texts as PostgreSQL stores them: without NUL.
DB_TEXTS = TEXTS.map(lambda text: text.replace("\x00", ""))
DB_REVENUES = st.one_of(
    st.sampled_from(EDGE_REVENUES),
    st.builds(
        lambda digits, places: Decimal(f"{digits}E-{places}"),  # exact: no context
        st.integers(0, 10**47 - 1),
        st.just(31),
    ),
)
# Per resource: its texts, and (usages, revenue) in each of three DSRs.
DB_RESOURCES = st.lists(
    st.tuples(
        DB_TEXTS,
        DB_TEXTS,
        DB_TEXTS,
        DB_TEXTS,
        st.lists(
            st.one_of(st.none(), st.tuples(st.integers(0, 10**6), DB_REVENUES)),
            min_size=3,
            max_size=3,
        ),
    ),
    min_size=1,
    max_size=40,
)


def resources_store(resources: list[tuple]) -> None:
    """The drawn resources, reported by three DSRs in two territories."""
    dsrs = dsrs_create()
    stored = Resource.objects.bulk_create(
        ResourceFactory.build(
            dsp_id=f"{dsp_id[:40]}#{i}", title=title, artists=artists, isrc=isrc
        )
        for i, (dsp_id, title, artists, isrc, _) in enumerate(resources)
    )
    usages, line = [], 2
    for resource, (*_, reported) in zip(stored, resources, strict=True):
        for dsr, usage in zip(dsrs, reported, strict=True):
            if usage is not None:
                usages.append(
                    Usage(
                        dsr=dsr,
                        line=line,
                        resource=resource,
                        usages=usage[0],
                        revenue=usage[1],
                    )
                )
                line += 1
    Usage.objects.bulk_create(usages)
    storage().sums_refresh(resource_ids=[r.pk for r in stored])


def files_import(paths: list[Path]) -> None:
    for path in paths:
        dsr_import(path=path)


def answers_agree(queries: list[dict], numbers: list[int]) -> None:
    for query in queries:
        for number in numbers:
            resources = resource_list_top_percentile(number=number, **query)
            python = serializer_bytes(resources)
            assert streamed_bytes(resources) == python, (number, query)
            assert json_of_sql(number=number, **query) == python, (number, query)


def data_files(test):
    """Each DSR file imported alone, then the samples together."""
    for path in DSR_FILES:
        test = example(resources=None, paths=[path])(test)
    return example(resources=None, paths=sorted(SAMPLES_DIR.glob("*.tsv.gz")))(test)


@pytest.mark.django_db
@pytest.mark.postgresql  # the JSON written in SQL is PostgreSQL's
@settings(max_examples=30)
@data_files
@given(resources=DB_RESOURCES, paths=st.just([]))
def test_the_json_written_in_sql_is_the_serializers(twin_inputs, resources, paths):
    """Awkward texts and revenues, every file: the same bytes three ways."""
    with transaction.atomic():
        if resources is not None:
            resources_store(resources)
            answers_agree(QUERIES, NUMBERS)
        elif len(paths) > 1:  # the samples, whose territories differ
            files_import(paths)
            answers_agree([{}, {"territory": "NO"}, {"territory": "es"}], NUMBERS)
        else:
            files_import(paths)
            answers_agree([{}], [1, 50, 100])
        transaction.set_rollback(True)
    twin_inputs["dsrs percentile JSON: answer_json SQL == ResourceSerializer"] += 1
