"""The DSR admin: read-only browsing with money on screen, a revenue overview,
deleting DSRs with their contents, and the deletion log."""

from dsrs.admin import deletions, dsrs, reference, resources

__all__ = ["deletions", "dsrs", "reference", "resources"]
