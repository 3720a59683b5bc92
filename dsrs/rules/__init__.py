"""Pure decisions about DSRs, each with its SQL twin beside it; no ORM.

- ``percentile``: the cut of the top-percentile rule (``percentile_cut``) and
  the same cut on one ranked row in SQL (``PERCENTILE_CUT_SQL``);
- ``selection``: which DSRs an answer counts (``DSRSelection``), as an SQL
  condition.

Selectors and both storage sides apply them; storage never reaches into
selectors for them.
"""
