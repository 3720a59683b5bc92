"""PostgreSQL: usages partitioned by DSR, per-resource sums kept at write time."""

from dsrs.storage.postgresql.answer_json import answer_json_open
from dsrs.storage.postgresql.casting import RawLines
from dsrs.storage.postgresql.dsrf import ReportSales
from dsrs.storage.postgresql.isrc_ranking import isrc_revenue_walk
from dsrs.storage.postgresql.isrc_sums import isrc_sums_fold
from dsrs.storage.postgresql.isrcs import usage_isrc_key
from dsrs.storage.postgresql.loading import Staging
from dsrs.storage.postgresql.locking import identity_lock, writers_lock
from dsrs.storage.postgresql.metadata import (
    METADATA_ROWS,
    REPORTED_BY_SQL,
    metadata_restore,
)
from dsrs.storage.postgresql.ranking import answer_open, answer_plan_query
from dsrs.storage.postgresql.session import analyze, session_tune, snapshot_begin
from dsrs.storage.postgresql.sums import sums_refresh, sums_remove
from dsrs.storage.postgresql.usages import dsr_revenue_sums, usages_remove

__all__ = [
    "METADATA_ROWS",
    "REPORTED_BY_SQL",
    "RawLines",
    "ReportSales",
    "Staging",
    "analyze",
    "answer_json_open",
    "answer_open",
    "answer_plan_query",
    "dsr_revenue_sums",
    "identity_lock",
    "isrc_revenue_walk",
    "isrc_sums_fold",
    "metadata_restore",
    "session_tune",
    "snapshot_begin",
    "sums_refresh",
    "sums_remove",
    "usage_isrc_key",
    "usages_remove",
    "writers_lock",
]
