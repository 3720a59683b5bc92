"""Set-based loading of parsed DSR rows, one recipe for both databases.

1. Stage the parsed rows in a temporary table (the backend's ``Staging``),
   outside any shared lock: imports of different DSRs parse and stage in
   parallel.
2. Take the writers' lock; count the resources whose metadata differs from
   what is stored; update and insert resources.
3. On a replace: collect the resources only the old contents report, give
   resources whose metadata came from them the next-latest metadata, and take
   the old contents out of the sums (``services.resources``).
4. Build the new usages where readers do not see them.
5. Delete the orphans; save the DSR row with its counts; add the DSR's
   sums, which the backend took per dsp_id in the same sort that found each
   dsp_id's latest metadata (``Staging.latest_sums``).
6. Publish the new usages: the last statements before commit.
"""

from dataclasses import dataclass

from django.utils import timezone

from dsrs.models import DSR
from dsrs.parsers import ParsedRow
from dsrs.services.isrc_sums import isrc_sums_fold_schedule
from dsrs.services.resources import (
    Orphans,
    resource_metadata_restore,
    resources_orphaned_collect,
    resources_reported_later_sql,
)
from dsrs.storage import storage
from dsrs.storage.sql import LATEST, STAGING

WARN_METADATA_CONFLICTS = "resources with metadata differing from stored"

# The metadata of the last line of each dsp_id in the file and, in the same
# sort, the sums the backend keeps per resource (``Staging.latest_sums``).
_LATEST_CREATE_SQL = f"""
    CREATE TEMPORARY TABLE {LATEST} AS
    SELECT dsp_id, title, artists, isrc{{sums}} FROM (
        SELECT dsp_id, title, artists, isrc{{sums_over}},
               ROW_NUMBER() OVER (PARTITION BY dsp_id ORDER BY line DESC) AS latest
        FROM {STAGING}
    ) AS ranked
    WHERE latest = 1
"""
# Every line of the dsp_id, in the order that finds the latest one.
_WHOLE_DSP_ID = (
    "PARTITION BY dsp_id ORDER BY line DESC "
    "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
)

_DIFFERS = "(r.title <> s.title OR r.artists <> s.artists OR r.isrc <> s.isrc)"

_CONFLICTS_SQL = f"""
    SELECT COUNT(*) FROM {LATEST} AS s
    JOIN dsrs_resource AS r ON r.dsp = %(dsp)s AND r.dsp_id = s.dsp_id
    WHERE {_DIFFERS}
"""

# A resource keeps the metadata of the DSR with the latest period end: the
# new file's wins unless a DSR with a later period end reports the resource
# (``{later}``, empty when no such DSR exists). Only rows whose text changes
# are written: a month that reports what is stored writes nothing.
_RESOURCES_UPDATE_SQL = f"""
    UPDATE dsrs_resource AS r
    SET title = s.title, artists = s.artists, isrc = s.isrc
    FROM {LATEST} AS s
    WHERE r.dsp = %(dsp)s AND r.dsp_id = s.dsp_id AND {_DIFFERS} {{later}}
"""

# A plain insert of the new ones, in index order: several times cheaper than
# INSERT ... ON CONFLICT, which speculates on every row.
_RESOURCES_INSERT_SQL = f"""
    INSERT INTO dsrs_resource (dsp, dsp_id, title, artists, isrc)
    SELECT %(dsp)s, s.dsp_id, s.title, s.artists, s.isrc
    FROM {LATEST} AS s
    WHERE NOT EXISTS (
        SELECT 1 FROM dsrs_resource AS r WHERE r.dsp = %(dsp)s AND r.dsp_id = s.dsp_id
    )
    ORDER BY s.dsp_id {{order}}
"""


@dataclass
class LoadResult:
    rows_imported: int  # usages stored
    metadata_conflicts: int
    orphan_resources: int


class Loader:
    """Stage rows in batches, then load them into resources and usages.

    ``dsr`` is the DSR being imported, saved or not: a new DSR gets its id in
    ``begin`` (row errors refer to it); ``finish`` saves the row.
    """

    def __init__(self, dsr: DSR):
        self.dsr = dsr
        self.replacing = dsr.pk is not None
        self.backend = storage()
        self.staging = self.backend.Staging(dsr)

    def begin(self) -> None:
        self.staging.begin()

    def stage(self, rows: list[ParsedRow]) -> None:
        self.staging.stage(rows)

    def finish(self, *, fields: dict[str, object]) -> LoadResult:
        """Load the staged rows and save the DSR with ``fields`` set."""
        backend, staging = self.backend, self.staging
        execute = staging.cursor.execute
        params = {"dsp": self.dsr.dsp}
        staging.staged()
        self.latest_create()
        backend.analyze(table=LATEST)
        backend.writers_lock()
        if self.replacing:
            DSR.objects.select_for_update().filter(pk=self.dsr.pk).first()
        conflicts = self.resources_update(params)
        execute(_RESOURCES_INSERT_SQL.format(order=staging.resource_order), params)
        orphans = self.previous_contents_retire()
        loaded = staging.usages_build()
        orphan_count = orphans.delete() if orphans else 0
        for name, value in fields.items():
            setattr(self.dsr, name, value)
        self.dsr.rows_imported, self.dsr.finished_at = loaded, timezone.now()
        if conflicts:
            self.dsr.warnings[WARN_METADATA_CONFLICTS] = conflicts
        self.dsr.save(force_insert=not staging.saved)
        staging.sums_add(latest_table=LATEST)
        for table in (STAGING, LATEST):
            execute(f"DROP TABLE {table}")
        staging.usages_publish()
        isrc_sums_fold_schedule()
        return LoadResult(
            rows_imported=loaded,
            metadata_conflicts=conflicts,
            orphan_resources=orphan_count,
        )

    def latest_create(self) -> None:
        """One row per dsp_id of the file: its latest metadata and sums."""
        sums = self.staging.latest_sums
        self.staging.cursor.execute(
            _LATEST_CREATE_SQL.format(
                sums="".join(f", {name}" for name, _ in sums),
                sums_over="".join(
                    f", {total} OVER ({_WHOLE_DSP_ID}) AS {name}"
                    for name, total in sums
                ),
            ),
            {"eur_rate": self.dsr.eur_rate} if sums else None,
        )

    def resources_update(self, params: dict[str, object]) -> int:
        """Give known resources the new file's metadata where it wins; return
        how many resources it reports with other metadata than stored."""
        cursor = self.staging.cursor
        later = resources_reported_later_sql(
            dsps=[self.dsr.dsp], period_end=self.dsr.period_end, resource="r.id"
        )
        if later:
            cursor.execute(_CONFLICTS_SQL, params)
            conflicts = cursor.fetchone()[0]
        cursor.execute(_RESOURCES_UPDATE_SQL.format(later=later), params)
        # With no later DSR, the update rewrites exactly the differing ones.
        return conflicts if later else cursor.rowcount

    def previous_contents_retire(self) -> Orphans | None:
        """On a replace: collect the orphans, restore metadata, fix the sums.

        Runs while the old usages are in place and the DSR row still has the
        old rate, which the sums are taken out with.
        """
        if not self.replacing:
            return None
        dsr_ids = [self.dsr.pk]
        orphans = resources_orphaned_collect(
            dsr_ids=dsr_ids, kept_dsp=self.dsr.dsp, kept_dsp_ids_table=LATEST
        )
        resource_metadata_restore(
            dsr_ids=dsr_ids, orphans=orphans, kept_dsp_ids_table=LATEST
        )
        self.backend.sums_remove(dsr_ids=dsr_ids, orphans_table=orphans.table)
        return orphans
