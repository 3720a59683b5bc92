"""Resolving review items: merging two works, or dismissing the item.

Both write an admin log entry, so every manual change to the single view can
be traced to the staff member who made it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from works.models import (
    Acknowledgement,
    Contributor,
    Registration,
    ReviewItem,
    SourceRow,
    Work,
    WorkTitle,
)
from works.storage import storage

MERGE_SAME_WORK = "a work cannot be merged into itself"
MERGE_TWO_ISWCS = "works with two different ISWCs ({keep} and {merge}) never merge"
MERGE_NO_WORK = "no work #{work_id}"
MERGED_MESSAGE = (
    "Merged work #{merge_id} ({merge}) into this one: {rows} source rows, "
    "{contributors} new contributors, {titles} new titles"
)
MERGED_AWAY_MESSAGE = "Merged into work #{keep_id} ({keep})"
DISMISSED_MESSAGE = "Dismissed: {detail}"


class WorkMergeError(ValueError):
    """The two works cannot be merged; nothing was changed."""


@dataclass
class WorkMergeResult:
    keep_id: int
    merge_id: int
    rows: int
    contributors: int
    titles: int


def work_merge(
    *, keep_id: int, merge_id: int, user_id: int, review_id: int | None = None
) -> WorkMergeResult:
    """Move work ``merge_id``'s rows, contributors, titles, ISWC, review
    items, CWR registrations and acknowledgements to work ``keep_id`` and
    delete it; resolve review item ``review_id``.
    """
    if keep_id == merge_id:
        raise WorkMergeError(MERGE_SAME_WORK)
    with transaction.atomic():
        _writers_lock()
        works = Work.objects.select_for_update().in_bulk([keep_id, merge_id])
        for work_id in (keep_id, merge_id):
            if work_id not in works:
                raise WorkMergeError(MERGE_NO_WORK.format(work_id=work_id))
        keep, merge = works[keep_id], works[merge_id]
        if keep.iswc and merge.iswc and keep.iswc != merge.iswc:
            raise WorkMergeError(
                MERGE_TWO_ISWCS.format(keep=keep.iswc, merge=merge.iswc)
            )
        result = WorkMergeResult(
            keep_id=keep_id,
            merge_id=merge_id,
            rows=SourceRow.objects.filter(work=merge).update(work=keep),
            contributors=_children_move(Contributor, "name_key", keep, merge),
            titles=_children_move(WorkTitle, "normal_form", keep, merge),
        )
        ReviewItem.objects.filter(work=merge).update(work=keep)
        # What CWR files said about the work stays with it.
        Registration.objects.filter(work=merge).update(work=keep)
        Acknowledgement.objects.filter(work=merge).update(work=keep)
        iswc, merged_repr = merge.iswc, str(merge)
        merge.delete()
        if iswc and not keep.iswc:
            keep.iswc = iswc
            keep.save(update_fields=["iswc"])
        if review_id is not None:
            _resolve(review_id, ReviewItem.Status.MERGED, user_id)
        message = MERGED_MESSAGE.format(
            merge_id=merge_id,
            merge=merged_repr,
            rows=result.rows,
            contributors=result.contributors,
            titles=result.titles,
        )
        _log(user_id, keep, CHANGE, message)
        _log(
            user_id,
            merge,
            DELETION,
            MERGED_AWAY_MESSAGE.format(keep_id=keep_id, keep=keep),
            object_id=merge_id,
            object_repr=merged_repr,
        )
    return result


def _children_move(model, key: str, keep: Work, merge: Work) -> int:
    """Move the children ``keep`` lacks (by ``key``); the rest go with ``merge``."""
    kept = model.objects.filter(work=keep).values_list(key, flat=True)
    return (
        model.objects.filter(work=merge)
        .exclude(**{f"{key}__in": kept})
        .update(work=keep)
    )


def review_dismiss(*, review_ids: Sequence[int], user_id: int) -> int:
    """Dismiss the open review items among ``review_ids``; return how many."""
    with transaction.atomic():
        _writers_lock()
        items = list(
            ReviewItem.objects.select_for_update()
            .filter(pk__in=review_ids, status=ReviewItem.Status.OPEN)
            .order_by("pk")
        )
        for item in items:
            _resolve(item.pk, ReviewItem.Status.DISMISSED, user_id)
            _log(user_id, item, CHANGE, DISMISSED_MESSAGE.format(detail=item.detail))
    return len(items)


def _writers_lock() -> None:
    """Wait for a running import first: the order every works writer keeps."""
    with connection.cursor() as cursor:
        storage().writers_lock(cursor)


def _resolve(review_id: int, status: str, user_id: int) -> None:
    ReviewItem.objects.filter(pk=review_id).update(
        status=status, resolved_at=timezone.now(), resolved_by_id=user_id
    )


def _log(
    user_id, obj, action_flag, message, *, object_id=None, object_repr=None
) -> None:
    LogEntry.objects.create(
        user_id=user_id,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(object_id or obj.pk),
        object_repr=(object_repr or str(obj))[:200],
        action_flag=action_flag,
        change_message=message,
    )
