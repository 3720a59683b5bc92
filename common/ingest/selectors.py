"""Reads every import shares."""

from common.ingest.models import ImportRecord
from common.ingest.status import ImportStatus


def import_record_ingested(
    *, model: type[ImportRecord], sha256: str, **identity: object
) -> ImportRecord | None:
    """The record that ingested these bytes (for this identity), or None."""
    return model.objects.filter(
        **identity, sha256=sha256, status=ImportStatus.INGESTED
    ).first()
