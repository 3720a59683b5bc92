"""Writes: importing works files, resolving review items."""

from works.services.importing import ImportStatus, WorkImportResult, work_import

__all__ = ["ImportStatus", "WorkImportResult", "work_import"]
