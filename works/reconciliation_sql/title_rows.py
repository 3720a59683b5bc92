"""The SQL twin of rule 4 for rows without ISWC that meet no other row. No ORM.

Runs once the rows with a valid ISWC are stored, over the usable rows
without (valid) ISWC left in the importer's ordered staging table
``{ordered}``. A row without ISWC never adds a title; it creates a work (one
title, its contributors) or joins one and adds contributors. So another such
row S can change what row R finds, or the reverse, only if they share a
contributor and R's title is one of the titles of the work S lands in:
S's own title, or another title of a stored work with several. The rows
decided here are those for which neither can happen, whatever the order:

- no other row of the file has the same (title, contributor) pair;
- a contributor shared with another row is allowed only when no stored
  work has the row's title beside another title;
- the stored works whose title matches and whose contributors overlap are
  at most one, and that work is no other row's candidate (so its
  contributors grow in the same order as under the rules).

Such a row creates a work (no candidate) or joins its candidate
(``title_match``), adding the contributors the work lacks in the row's
order; a row with an invalid ISWC is also queued for review (the importer
words the item). Rows with several candidates (an ambiguous match,
reviewed with the candidates named) are left to ``works.reconciliation``.
"""

CONTRIBUTORS = "works_title_contributors"
SHARED = "works_title_shared"
CANDIDATES = "works_title_candidates"
ROWS = "works_title_rows"
DECIDED = "works_title_decided"
TEMPORARY_TABLES = (CONTRIBUTORS, SHARED, CANDIDATES, ROWS, DECIDED)

# The staged rows rule 4 applies to.
USABLE_WITHOUT_ISWC = "iswc = '' AND reason = ''"

# ``{split}``: the side's contributor split of those rows (``works.storage``).
CONTRIBUTORS_SQL = f"""
    CREATE TEMPORARY TABLE {CONTRIBUTORS} AS
    SELECT c.seq, c.position, c.name, c.name_key, o.title_normal
    FROM ({{split}}) AS c JOIN {{ordered}} AS o ON o.seq = c.seq
"""

# Rows that meet another: a shared (title, contributor) pair, or a shared
# contributor and a title some stored work has beside another.
SHARED_SQL = f"""
    CREATE TEMPORARY TABLE {SHARED} AS
    SELECT c.seq FROM {CONTRIBUTORS} AS c JOIN (
        SELECT title_normal, name_key FROM {CONTRIBUTORS}
        GROUP BY title_normal, name_key HAVING COUNT(*) > 1
    ) AS p ON p.title_normal = c.title_normal AND p.name_key = c.name_key
    UNION
    SELECT c.seq FROM {CONTRIBUTORS} AS c JOIN (
        SELECT name_key FROM {CONTRIBUTORS} GROUP BY name_key HAVING COUNT(*) > 1
    ) AS k ON k.name_key = c.name_key
    WHERE EXISTS (
        SELECT 1 FROM works_worktitle AS t JOIN works_worktitle AS other
            ON other.work_id = t.work_id AND other.normal_form <> t.normal_form
        WHERE t.normal_form = c.title_normal
    )
"""

# Each row's stored works whose title matches and contributors overlap.
CANDIDATES_SQL = f"""
    CREATE TEMPORARY TABLE {CANDIDATES} AS
    SELECT DISTINCT c.seq, k.work_id FROM {CONTRIBUTORS} AS c
    JOIN works_contributor AS k ON k.name_key = c.name_key
    JOIN works_worktitle AS t
        ON t.work_id = k.work_id AND t.normal_form = c.title_normal
"""

# The rows decided here, with the one work they join (NULL: they create
# one): no other row's candidate.
ROWS_SQL = f"""
    CREATE TEMPORARY TABLE {ROWS} AS
    SELECT o.seq, m.work_id AS stored_id
    FROM {{ordered}} AS o LEFT JOIN (
        SELECT seq, MIN(work_id) AS work_id, COUNT(*) AS works,
               MAX(work_rows) AS work_rows
        FROM (
            SELECT seq, work_id,
                   COUNT(*) OVER (PARTITION BY work_id) AS work_rows
            FROM {CANDIDATES}
        ) AS x
        GROUP BY seq
    ) AS m ON m.seq = o.seq
    WHERE o.iswc = '' AND o.reason = ''
        AND NOT EXISTS (SELECT 1 FROM {SHARED} AS s WHERE s.seq = o.seq)
        AND (m.works IS NULL OR m.works = 1 AND m.work_rows = 1)
"""

ROWS_COUNT_SQL = f"""
    SELECT COUNT(*), SUM(CASE WHEN stored_id IS NULL THEN 1 ELSE 0 END)
    FROM {ROWS}
"""

# Source rows numbered from the first id of their block (%s), new works from
# theirs (%s), both in the canonical order.
DECIDED_SQL = f"""
    CREATE TEMPORARY TABLE {DECIDED} AS
    SELECT seq, %s + ROW_NUMBER() OVER (ORDER BY seq) - 1 AS id,
           COALESCE(stored_id, %s + ROW_NUMBER() OVER (
               ORDER BY CASE WHEN stored_id IS NULL THEN 0 ELSE 1 END, seq
           ) - 1) AS work_id,
           CASE WHEN stored_id IS NULL THEN 1 ELSE 0 END AS creates
    FROM {ROWS}
"""

WORKS_INSERT_SQL = f"""
    INSERT INTO works_work (id, iswc, title)
    SELECT d.work_id, NULL, o.title
    FROM {DECIDED} AS d JOIN {{ordered}} AS o ON o.seq = d.seq
    WHERE d.creates = 1 ORDER BY d.work_id
"""

WORK_TITLES_INSERT_SQL = f"""
    INSERT INTO works_worktitle (work_id, title, normal_form)
    SELECT d.work_id, o.title, o.title_normal
    FROM {DECIDED} AS d JOIN {{ordered}} AS o ON o.seq = d.seq
    WHERE d.creates = 1 ORDER BY d.work_id
"""

# A new work's contributors, and those the work joined lacks.
CONTRIBUTORS_INSERT_SQL = f"""
    INSERT INTO works_contributor (work_id, name, name_key)
    SELECT d.work_id, c.name, c.name_key
    FROM {DECIDED} AS d JOIN {CONTRIBUTORS} AS c ON c.seq = d.seq
    LEFT JOIN works_contributor AS k
        ON d.creates = 0 AND k.work_id = d.work_id AND k.name_key = c.name_key
    WHERE k.id IS NULL
    ORDER BY d.seq, c.position
"""

SOURCE_ROWS_INSERT_SQL = f"""
    INSERT INTO works_sourcerow (
        id, work_import_id, line, source, provider_id, raw_title,
        raw_contributors, raw_iswc, work_id, outcome, reason, field, value,
        fingerprint
    )
    SELECT d.id, %s, o.line, o.source, o.provider_id, o.raw_title,
           o.raw_contributors, o.raw_iswc, d.work_id,
           CASE WHEN d.creates = 1 THEN 'created' ELSE 'title_match' END,
           '', '', '', o.fingerprint
    FROM {DECIDED} AS d JOIN {{ordered}} AS o ON o.seq = d.seq
    ORDER BY d.id
"""

# The rows decided with an invalid ISWC after ``%s`` (a seq), a page at a
# time: (seq, source row id, work id, raw ISWC).
INVALID_PAGE_SQL = f"""
    SELECT d.seq, d.id, d.work_id, o.raw_iswc
    FROM {DECIDED} AS d JOIN {{ordered}} AS o ON o.seq = d.seq
    WHERE o.iswc_invalid = 1 AND d.seq > %s
    ORDER BY d.seq LIMIT %s
"""

DECIDED_DELETE_SQL = f"DELETE FROM {{ordered}} WHERE seq IN (SELECT seq FROM {DECIDED})"
