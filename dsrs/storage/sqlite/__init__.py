"""SQLite: one table of usages, sums made exactly in Python when asked."""

from dsrs.storage.sqlite.isrcs import usage_isrc_key
from dsrs.storage.sqlite.loading import Staging
from dsrs.storage.sqlite.metadata import (
    METADATA_ROWS,
    REPORTED_BY_SQL,
    metadata_restore,
)
from dsrs.storage.sqlite.ranking import answer_open
from dsrs.storage.sqlite.session import (
    analyze,
    identity_lock,
    session_tune,
    snapshot_begin,
    writers_lock,
)
from dsrs.storage.sqlite.sums import sums_refresh, sums_remove
from dsrs.storage.sqlite.usages import dsr_revenue_sums, usages_remove

# No raw-line casting: the Python parser reads every line.
RawLines = None
# No DSRF report read into SQL: each DSR of a report is its own parser pass.
ReportSales = None
# No rendering in SQL: answers are rendered from ``answer_open``'s rows.
answer_json_open = None
# No per-ISRC sums kept: unmatched revenue is summed from usages when asked.
isrc_revenue_walk = None
isrc_sums_fold = None
# Query plans are PostgreSQL's.
answer_plan_query = None

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
