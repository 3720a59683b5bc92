"""What one job (or one part of it) may use."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EngineLimits:
    """What one job may use: DuckDB's memory ceiling, threads, spill directory."""

    memory_limit: str
    temp_directory: Path
    threads: int | None = None
    # Rows aggregated in one pass: 10M (8.5M groups) fit in 512MB here.
    rows_per_pass: int = 10_000_000
    # The longest line (record) a file may have, checked before DuckDB reads.
    max_line_bytes: int = 1 << 20
