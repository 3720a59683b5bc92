"""The SQL twin of rule 3 for rows whose ISWC settles them alone. No ORM.

``works.reconciliation`` decides every row; these statements decide, over a
whole staged file at once, the rows whose outcome depends on nothing but
their ISWC group: the usable rows with a valid ISWC whose ISWC is already a
stored work's, or whose group's first row (canonical order) shares no title
and contributor with any stored work without ISWC. Such a group never
touches a work another group could reach while rows with an ISWC are
reconciled (the works without ISWC only lose members then, and never change
otherwise), so deciding them first and the rest after, in Python, gives what
the rules give in the canonical order. ``tests/works/test_reconciliation_sql_twins.py``
holds the two equal on random files.

For each such group: the first row creates the work (id drawn by the
importer) unless the ISWC is stored; the first row of each title normal form
the work lacks adds the title, and is a conflict unless it created the work;
the first spelling of each contributor key the work lacks (by row, then by
its place in the row) is added. The rest join by ISWC.

The statements read the importer's ordered staging table ``{ordered}`` and
write temporary tables named here; ``{contributors}`` is the side's
contributor split (``works.storage``).
"""

GROUPS = "works_iswc_groups"
CONTRIBUTORS = "works_iswc_contributors"
ROWS = "works_iswc_rows"
TITLES = "works_iswc_titles"
TEMPORARY_TABLES = (GROUPS, CONTRIBUTORS, ROWS, TITLES)

# The staged rows rule 3 applies to.
USABLE_WITH_ISWC = "iswc <> '' AND reason = ''"

GROUPS_SQL = f"""
    CREATE TEMPORARY TABLE {GROUPS} AS
    SELECT o.iswc, MIN(o.seq) AS first_seq, MIN(w.id) AS stored_id
    FROM {{ordered}} AS o LEFT JOIN works_work AS w ON w.iswc = o.iswc
    WHERE o.iswc <> '' AND o.reason = ''
    GROUP BY o.iswc
"""

# A new ISWC whose first row has candidates among the stored works without
# ISWC: left to the rules (rule 3's title join, or an ambiguous match).
GROUPS_WITH_CANDIDATES_DELETE_SQL = f"""
    DELETE FROM {GROUPS} WHERE stored_id IS NULL AND EXISTS (
        SELECT 1 FROM {CONTRIBUTORS} AS c
        JOIN {{ordered}} AS o ON o.seq = c.seq
        JOIN works_contributor AS k ON k.name_key = c.name_key
        JOIN works_worktitle AS t
            ON t.work_id = k.work_id AND t.normal_form = o.title_normal
        JOIN works_work AS w ON w.id = k.work_id
        WHERE c.seq = {GROUPS}.first_seq AND w.iswc IS NULL
    )
"""

NEW_GROUPS_COUNT_SQL = f"SELECT COUNT(*) FROM {GROUPS} WHERE stored_id IS NULL"

ROWS_COUNT_SQL = f"""
    SELECT COUNT(*) FROM {{ordered}} AS o JOIN {GROUPS} AS g ON g.iswc = o.iswc
    WHERE o.reason = ''
"""

# New works numbered from the first id of their block (%s), by first row.
ROWS_SQL = f"""
    CREATE TEMPORARY TABLE {ROWS} AS
    SELECT o.seq, %s + ROW_NUMBER() OVER (ORDER BY o.seq) - 1 AS id,
           COALESCE(g.stored_id, %s + g.created_rank - 1) AS work_id,
           CASE WHEN g.stored_id IS NULL AND o.seq = g.first_seq
               THEN 1 ELSE 0 END AS creates
    FROM {{ordered}} AS o JOIN (
        SELECT iswc, first_seq, stored_id, ROW_NUMBER() OVER (
            ORDER BY CASE WHEN stored_id IS NULL THEN 0 ELSE 1 END, first_seq
        ) AS created_rank
        FROM {GROUPS}
    ) AS g ON g.iswc = o.iswc
    WHERE o.reason = ''
"""

# The first row of each title normal form the work does not have yet.
TITLES_SQL = f"""
    CREATE TEMPORARY TABLE {TITLES} AS
    SELECT r.work_id, o.title_normal, MIN(r.seq) AS seq
    FROM {ROWS} AS r JOIN {{ordered}} AS o ON o.seq = r.seq
    GROUP BY r.work_id, o.title_normal
"""
TITLES_STORED_DELETE_SQL = f"""
    DELETE FROM {TITLES} WHERE EXISTS (
        SELECT 1 FROM works_worktitle AS t
        WHERE t.work_id = {TITLES}.work_id AND t.normal_form = {TITLES}.title_normal
    )
"""

WORKS_INSERT_SQL = f"""
    INSERT INTO works_work (id, iswc, title)
    SELECT r.work_id, o.iswc, o.title
    FROM {ROWS} AS r JOIN {{ordered}} AS o ON o.seq = r.seq
    WHERE r.creates = 1 ORDER BY r.work_id
"""

WORK_TITLES_INSERT_SQL = f"""
    INSERT INTO works_worktitle (work_id, title, normal_form)
    SELECT x.work_id, o.title, o.title_normal
    FROM {TITLES} AS x JOIN {{ordered}} AS o ON o.seq = x.seq
    ORDER BY x.seq
"""

CONTRIBUTORS_INSERT_SQL = f"""
    INSERT INTO works_contributor (work_id, name, name_key)
    SELECT work_id, name, name_key FROM (
        SELECT r.work_id, c.name, c.name_key, c.seq, c.position,
               ROW_NUMBER() OVER (
                   PARTITION BY r.work_id, c.name_key ORDER BY c.seq, c.position
               ) AS n
        FROM {ROWS} AS r JOIN {CONTRIBUTORS} AS c ON c.seq = r.seq
    ) AS f
    WHERE n = 1 AND NOT EXISTS (
        SELECT 1 FROM works_contributor AS k
        WHERE k.work_id = f.work_id AND k.name_key = f.name_key
    )
    ORDER BY seq, position
"""

# A row that adds a title it did not create the work with is a conflict.
OUTCOME_SQL = """
    CASE WHEN r.creates = 1 THEN 'created'
        WHEN x.seq IS NOT NULL THEN 'conflict'
        ELSE 'iswc_match' END
"""

SOURCE_ROWS_INSERT_SQL = f"""
    INSERT INTO works_sourcerow (
        id, work_import_id, line, source, provider_id, raw_title,
        raw_contributors, raw_iswc, work_id, outcome, reason, field, value,
        fingerprint
    )
    SELECT r.id, %s, o.line, o.source, o.provider_id, o.raw_title,
           o.raw_contributors, o.raw_iswc, r.work_id, {OUTCOME_SQL}, '', '', '',
           o.fingerprint
    FROM {ROWS} AS r JOIN {{ordered}} AS o ON o.seq = r.seq
    LEFT JOIN {TITLES} AS x ON x.seq = r.seq
    ORDER BY r.id
"""

OUTCOMES_COUNT_SQL = f"""
    SELECT SUM(r.creates), SUM(CASE WHEN r.creates = 0 AND x.seq IS NOT NULL
        THEN 1 ELSE 0 END)
    FROM {ROWS} AS r LEFT JOIN {TITLES} AS x ON x.seq = r.seq
"""

# The conflicts after ``%s`` (a seq), a page at a time: (seq, source row id,
# work id, ISWC, title, the work's title).
CONFLICTS_PAGE_SQL = f"""
    SELECT x.seq, r.id, r.work_id, o.iswc, o.title, w.title
    FROM {TITLES} AS x JOIN {ROWS} AS r ON r.seq = x.seq
    JOIN {{ordered}} AS o ON o.seq = x.seq
    JOIN works_work AS w ON w.id = r.work_id
    WHERE r.creates = 0 AND x.seq > %s
    ORDER BY x.seq LIMIT %s
"""

DECIDED_DELETE_SQL = f"DELETE FROM {{ordered}} WHERE seq IN (SELECT seq FROM {ROWS})"
