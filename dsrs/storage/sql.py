"""SQL both backends run unchanged: staging, the usages' select, the orphans;
and the row both answer unmatched revenue with."""

from decimal import Decimal
from typing import NamedTuple

STAGING = "dsrs_staging"
LATEST = "dsrs_staging_latest"
USAGE_COLUMNS = "dsr_id, line, resource_id, usages, revenue, title, artists, isrc"

# A DSR's new usages: each staged row joined to its resource.
USAGES_SELECT_SQL = f"""
    SELECT %(dsr_id)s, s.line, r.id, s.usages, s.revenue, s.title, s.artists, s.isrc
    FROM {STAGING} AS s
    JOIN dsrs_resource AS r ON r.dsp = %(dsp)s AND r.dsp_id = s.dsp_id
"""

# Metadata restores rewrite only rows whose values would change.
METADATA_CHANGED_SQL = """
      AND (r.title <> b.title OR r.artists <> b.artists OR r.isrc <> b.isrc)
"""

# The orphan rule, for the admin's count and the delete alike: the usages of
# the DSRs ``{ids}`` (an ``sql_id_list``) whose resource no other DSR reports.
# Callers select ``DISTINCT own.resource_id`` from it and may add conditions.
ORPHAN_USAGES_SQL = """
    FROM dsrs_usage AS own
    WHERE own.dsr_id IN ({ids}) AND NOT EXISTS (
        SELECT 1 FROM dsrs_usage AS other
        WHERE other.resource_id = own.resource_id AND other.dsr_id NOT IN ({ids})
    )
"""


class ISRCRevenue(NamedTuple):
    """Usages and EUR revenue of one ISRC (normal form), or of one resource's
    lines without a valid ISRC (``isrc`` '', the resource's ``dsp`` and
    ``dsp_id``, and what the lines said); '' in the fields that do not apply."""

    isrc: str
    dsp: str
    dsp_id: str
    reported_isrc: str
    usages: int
    revenue_eur: Decimal
