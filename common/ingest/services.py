"""Writes every import shares."""

from collections.abc import Callable

from common.ingest.batches import Reject
from common.ingest.models import SetAsideRow


def set_aside_keeper(
    *, model: type[SetAsideRow], **owner: object
) -> Callable[[list[Reject]], None]:
    """What ``batches_ingest`` keeps rejects with: rows of ``model`` that
    belong to ``owner`` (e.g. ``dsr_id=7``)."""

    def keep(rejects: list[Reject]) -> None:
        model.objects.bulk_create(
            [model.from_reject(reject, **owner) for reject in rejects]
        )

    return keep
