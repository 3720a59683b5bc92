"""Helpers every app shares: identifiers, text normal forms, and the ingest
core (``common.ingest``) every import runs on.

Each rule here is decided once for dsrs, works, plays and playlists. The
modules at this level are pure Python, no ORM; ``common.db`` holds the
database primitives that every app's ``storage`` shares.
"""
