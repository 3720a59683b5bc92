"""SQL both backends run unchanged: staging, the usages' select, the orphans."""

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
