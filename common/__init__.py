"""Helpers every app shares: identifiers, text normal forms, progress lines.

Pure Python, no ORM: each rule here is decided once for dsrs, works, plays and
playlists.
"""
