"""A progress line for management commands: rows read and rows per second."""

import time


class ProgressLine:
    """Rows read and rows per second, redrawn on one terminal line.

    Call it with the rows read so far; ``done`` clears the line. Commands
    create one only when their stream is a terminal.
    """

    def __init__(self, *, name: str, stream, unit: str = "rows"):
        self.name, self.stream, self.unit = name, stream, unit
        self.started = time.monotonic()

    def __call__(self, count: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self.stream.write(
            f"\r{self.name}: {count:,} {self.unit}, "
            f"{count / elapsed:,.0f} {self.unit}/s",
            ending="",
        )
        self.stream.flush()

    def done(self) -> None:
        self.stream.write("\r\033[K", ending="")
        self.stream.flush()
