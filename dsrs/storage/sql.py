"""SQL both backends run unchanged: the staging tables and the usages' select."""

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
      AND (r.title <> b.title OR r.artists <> b.artists OR r.isrc <> b.isrc
           OR r.metadata_period_end <> b.period_end)
"""
