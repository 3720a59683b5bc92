"""Writes: importing and deleting DSRs."""

from dsrs.services.deleting import DSRDeleteResult, dsr_delete
from dsrs.services.importing import dsr_import

__all__ = [
    "DSRDeleteResult",
    "dsr_delete",
    "dsr_import",
]
