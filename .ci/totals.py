"""Add up the closing lines of every test run CI made into one line.

    python .ci/totals.py LOG [LOG ...]

pytest closes with "N passed, N failed, ..." and schemathesis with
"N generated, N passed" (its failures as "N failed"). The last line printed is
"N passed, N failed"; a log with no closing line counts as one failure.
"""

import re
import sys
from pathlib import Path

COUNT = re.compile(r"(\d+) (passed|failed|errors?)\b")


def closing_counts(text: str) -> tuple[int, int] | None:
    for line in reversed(text.splitlines()):
        found = COUNT.findall(line)
        if found:
            passed = sum(int(n) for n, kind in found if kind == "passed")
            failed = sum(int(n) for n, kind in found if kind != "passed")
            return passed, failed
    return None


def main(paths: list[str]) -> None:
    passed = failed = 0
    for path in paths:
        log = Path(path)
        counts = (
            closing_counts(log.read_text(errors="replace")) if log.exists() else None
        )
        if counts is None:
            print(f"{path}: no closing line of test totals, counted as 1 failed")
            counts = (0, 1)
        passed, failed = passed + counts[0], failed + counts[1]
    print(f"{passed} passed, {failed} failed")


if __name__ == "__main__":
    main(sys.argv[1:])
