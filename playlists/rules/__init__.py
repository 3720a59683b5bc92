"""Pure decisions about crawls, each with its SQL twin beside it; no ORM.

- ``entries``: which record of a crawl's position is stored
  (``entries_first_wins``, and ``ENTRIES_FIRST_WINS_SQL`` over staged rows).
"""
