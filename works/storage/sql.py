"""SQL both databases run the same way."""

# The lists of one work ``w`` in a view, as (value, order) rows.
TITLES_SQL = (
    "SELECT t.title AS v, t.id AS o FROM works_worktitle AS t "
    "WHERE t.work_id = w.id AND t.title <> w.title"
)
CONTRIBUTORS_SQL = (
    "SELECT c.name AS v, c.id AS o FROM works_contributor AS c WHERE c.work_id = w.id"
)
SOURCES_SQL = (
    "SELECT DISTINCT r.source AS v, r.source AS o "
    "FROM works_sourcerow AS r WHERE r.work_id = w.id"
)
VIEW_LISTS_SQL = (TITLES_SQL, CONTRIBUTORS_SQL, SOURCES_SQL)
