"""Reads: works as the API serves them, by ISWC, by id, by search; their count."""

import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from common.db import in_list, list_param
from common.identifiers import iswc_normalise
from works.models import Contributor, ReviewItem, Work, WorkTitle
from works.storage import storage


@dataclass
class WorkView:
    id: int
    iswc: str | None
    title: str
    alternative_titles: list[str]
    contributors: list[str]
    sources: list[str]

    def as_json(self) -> dict:
        """The API's shape of a work (``WorkSerializer`` documents it)."""
        return {
            "iswc": self.iswc,
            "title": self.title,
            "alternative_titles": self.alternative_titles,
            "contributors": self.contributors,
            "sources": self.sources,
        }


@dataclass
class EnrichResult:
    works: list[WorkView]
    not_found: list[str]
    invalid: list[str]


def work_views(*, column: str, values: Sequence) -> list[WorkView]:
    """Works whose ``column`` (``id`` or ``iswc``) is one of ``values``."""
    if not values:
        return []
    with connection.cursor() as cursor:
        sql = storage().work_views_sql(where=in_list(f"w.{column}"))
        cursor.execute(sql, [list_param(values)])
        (document,) = cursor.fetchone()
    rows = json.loads(document) if isinstance(document, str) else document
    return sorted((WorkView(*row) for row in rows), key=lambda view: view.id)


def work_list_enrich(*, iswcs: Sequence[str]) -> EnrichResult:
    """The works with these ISWCs (any accepted spelling), in the order asked.

    A work asked for twice is listed once; ``not_found`` and ``invalid`` give
    the values as asked.
    """
    asked: dict[str, str] = {}
    invalid = []
    for value in iswcs:
        iswc, valid = iswc_normalise(value=value)
        if valid:
            asked.setdefault(iswc, value)
        else:
            invalid.append(value)
    found = {view.iswc: view for view in work_views(column="iswc", values=list(asked))}
    return EnrichResult(
        works=[found[iswc] for iswc in asked if iswc in found],
        not_found=[value for iswc, value in asked.items() if iswc not in found],
        invalid=invalid,
    )


def work_get_by_iswc(*, iswc: str) -> WorkView | None:
    normalised, valid = iswc_normalise(value=iswc)
    if not valid:
        return None
    views = work_views(column="iswc", values=[normalised])
    return views[0] if views else None


def work_list() -> QuerySet[Work]:
    return Work.objects.order_by("id")


def work_search(
    *,
    title: str = "",
    contributor: str = "",
    works: QuerySet[Work] | None = None,
) -> QuerySet[Work]:
    """Works with a title starting with ``title`` and a contributor whose
    name is ``contributor``, both given as normal forms (see docs/works.md);
    ``works`` narrows a queryset already built (the API's FilterSet)."""
    if works is None:
        works = work_list()
    if title:
        works = works.filter(
            id__in=WorkTitle.objects.filter(normal_form__startswith=title).values(
                "work_id"
            )
        )
    if contributor:
        works = works.filter(
            id__in=Contributor.objects.filter(name_key=contributor).values("work_id")
        )
    return works


def work_count() -> int:
    return Work.objects.count()


def review_item_count_open() -> int:
    """The review queue's length: items staff have not merged or dismissed."""
    return ReviewItem.objects.filter(status=ReviewItem.Status.OPEN).count()
