"""Writes: recordings and their links to works, and the review they may need.

Every link write re-decides the recording's works (``rules.links``): a
conflict between sources opens a ``LinkReview``, agreement closes it. Links
staff add or remove are written to Django's admin log (``LogEntry``).
"""

from collections.abc import Iterable
from decimal import Decimal

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from common.identifiers import isrc_normalise, iswc_normalise
from recordings.models import LinkReview, Recording, RecordingWork
from recordings.rules.links import Claim, claims_by_source, links_decide

INVALID_ISRC = "{value!r} is not a valid ISRC."
INVALID_ISWC = "{value!r} is not a valid ISWC."
SOURCE_EMPTY = "A link needs a source."
LINKED_BY_STAFF = "Linked {isrc} to {iswc}."
LINK_BATCH = 1_000
UNLINKED_BY_STAFF = "Removed the link of {isrc} to {iswc} ({source})."


class LinkError(ValueError):
    """A link that cannot be made, in the words of the message constants."""


def isrc_clean(*, value: str) -> str:
    """The ISRC's normal form; ``LinkError`` when it is not valid."""
    isrc, valid = isrc_normalise(value=value)
    if not valid:
        raise LinkError(INVALID_ISRC.format(value=value))
    return isrc


def iswc_clean(*, value: str) -> str:
    """The ISWC's normal form; ``LinkError`` when it is not valid."""
    iswc, valid = iswc_normalise(value=value)
    if not valid:
        raise LinkError(INVALID_ISWC.format(value=value))
    return iswc


def recording_get_or_create(*, isrc: str) -> Recording:
    """The recording of an ISRC (any spelling), created when new."""
    recording, _ = Recording.objects.get_or_create(isrc=isrc_clean(value=isrc))
    return recording


def recording_facts_fill(*, facts: Iterable[tuple[str, str, str]], source: str) -> int:
    """Create the recordings of valid ISRCs in ``(isrc, title, artists)`` and
    give a title or artists to those without one, naming ``source``.

    A fact already known keeps the source it came from. Invalid ISRCs are
    skipped. Returns how many recordings were created.
    """
    latest: dict[str, tuple[str, str]] = {}
    for value, title, artists in facts:
        isrc, valid = isrc_normalise(value=value)
        if valid:
            latest[isrc] = (title, artists)
    known = {
        recording.isrc: recording
        for recording in Recording.objects.filter(isrc__in=list(latest))
    }
    Recording.objects.bulk_create(
        [
            Recording(
                isrc=isrc,
                title=title,
                title_source=source if title else "",
                artists=artists,
                artists_source=source if artists else "",
            )
            for isrc, (title, artists) in latest.items()
            if isrc not in known
        ],
        ignore_conflicts=True,
    )
    filled = []
    for isrc, recording in known.items():
        title, artists = latest[isrc]
        changed = False
        if title and not recording.title:
            recording.title, recording.title_source, changed = title, source, True
        if artists and not recording.artists:
            recording.artists, recording.artists_source, changed = artists, source, True
        if changed:
            filled.append(recording)
    Recording.objects.bulk_update(
        filled, ["title", "title_source", "artists", "artists_source"], batch_size=1000
    )
    return len(latest) - len(known)


@transaction.atomic
def recording_work_link(
    *,
    isrc: str,
    iswc: str,
    source: str,
    share: Decimal | None = None,
    user_id: int | None = None,
) -> RecordingWork:
    """Record that ``source`` links the recording ``isrc`` to the work ``iswc``.

    For other importers (works CSV, CWR ``REC``, DDEX ``AS02``/``MW01``) and
    staff (``user_id``, ``source="admin"``: written to the admin log). The
    same claim again changes nothing but a share it now gives.
    """
    if not source:
        raise LinkError(SOURCE_EMPTY)
    recording = recording_get_or_create(isrc=isrc)
    link, created = RecordingWork.objects.get_or_create(
        recording=recording,
        iswc=iswc_clean(value=iswc),
        source=source,
        defaults={"share": share, "created_by_id": user_id},
    )
    if not created and share is not None and link.share != share:
        link.share = share
        link.save(update_fields=["share"])
    if created and user_id is not None:
        _log(
            user_id,
            link,
            ADDITION,
            LINKED_BY_STAFF.format(isrc=recording.isrc, iswc=link.iswc),
        )
    recording_review_refresh(recording_id=recording.pk)
    return link


@transaction.atomic
def recording_work_link_many(*, links: Iterable[tuple[str, str]], source: str) -> int:
    """Link many ``(isrc, iswc)`` pairs (normal forms) for one source, as a
    file import does, in batches. Returns the recordings created.

    Only recordings that other sources link too, or that are in review, are
    re-decided: a recording with one source cannot be a conflict.
    """
    pairs = sorted(set(links))
    created = 0
    for start in range(0, len(pairs), LINK_BATCH):
        batch = pairs[start : start + LINK_BATCH]
        created += _links_write(batch, source)
    return created


def _links_write(pairs: list[tuple[str, str]], source: str) -> int:
    created = recording_facts_fill(
        facts=[(isrc, "", "") for isrc, _ in pairs], source=source
    )
    ids = dict(
        Recording.objects.filter(isrc__in={isrc for isrc, _ in pairs}).values_list(
            "isrc", "pk"
        )
    )
    RecordingWork.objects.bulk_create(
        [
            RecordingWork(recording_id=ids[isrc], iswc=iswc, source=source)
            for isrc, iswc in pairs
        ],
        ignore_conflicts=True,
    )
    touched = list(set(ids.values()))
    shared = (
        RecordingWork.objects.filter(recording_id__in=touched)
        .values("recording_id")
        .annotate(sources=Count("source", distinct=True))
        .filter(sources__gt=1)
        .values_list("recording_id", flat=True)
    )
    reviewed = LinkReview.objects.filter(recording_id__in=touched).values_list(
        "recording_id", flat=True
    )
    for recording_id in sorted({*shared, *reviewed}):
        recording_review_refresh(recording_id=recording_id)
    return created


@transaction.atomic
def recording_work_unlink(*, link_id: int, user_id: int | None = None) -> None:
    """Remove one link (staff: written to the admin log) and re-decide."""
    link = RecordingWork.objects.select_related("recording").get(pk=link_id)
    if user_id is not None:
        _log(
            user_id,
            link,
            DELETION,
            UNLINKED_BY_STAFF.format(
                isrc=link.recording.isrc, iswc=link.iswc, source=link.source
            ),
        )
    link.delete()
    recording_review_refresh(recording_id=link.recording_id)


def recording_review_refresh(*, recording_id: int) -> None:
    """Open the recording's review when its sources disagree, close it when not."""
    claims = [
        Claim(iswc, source, share)
        for iswc, source, share in RecordingWork.objects.filter(
            recording_id=recording_id
        ).values_list("iswc", "source", "share")
    ]
    if links_decide(claims=claims).conflict:
        LinkReview.objects.update_or_create(
            recording_id=recording_id,
            defaults={
                "status": LinkReview.Status.OPEN,
                "claims": claims_by_source(claims=claims),
                "resolved_at": None,
            },
        )
    else:
        LinkReview.objects.filter(
            recording_id=recording_id, status=LinkReview.Status.OPEN
        ).update(status=LinkReview.Status.RESOLVED, resolved_at=timezone.now())


def _log(user_id: int, obj: RecordingWork, action_flag: int, message: str) -> None:
    LogEntry.objects.create(
        user_id=user_id,
        content_type=ContentType.objects.get_for_model(RecordingWork),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=action_flag,
        change_message=message,
    )
