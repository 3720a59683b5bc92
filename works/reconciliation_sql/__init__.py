"""The SQL twins of the reconciliation rules (``works.reconciliation``).

Each module decides, over a whole staged file at once, the rows whose
outcome the rules would give without looking at any other row of the file:

- ``iswc_groups``: rows a valid ISWC settles alone (rule 3);
- ``title_rows``: rows without ISWC whose title and contributors meet no
  other row of the file and at most one stored work (rule 4).

``tests/works/test_reconciliation_sql_twins.py`` holds the import (twins
first, the rules for the rest) equal to the rules alone on random files.
"""
