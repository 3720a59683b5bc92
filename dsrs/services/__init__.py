"""Writes: importing and deleting DSRs."""

from dsrs.services.deleting import DSRDeleteResult, dsr_delete
from dsrs.services.importing import DSRImportResult, ImportStatus, dsr_import

__all__ = [
    "DSRDeleteResult",
    "DSRImportResult",
    "ImportStatus",
    "dsr_delete",
    "dsr_import",
]
