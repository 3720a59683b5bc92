"""Log lines: one JSON object per line."""

import json
import logging

from dsr_project.logging import JsonLineFormatter


def test_log_lines_are_json():
    record = logging.LogRecord(
        "dsrs", logging.WARNING, __file__, 1, "rows %s", (3,), None
    )
    line = JsonLineFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert (entry["level"], entry["logger"], entry["message"]) == (
        "WARNING",
        "dsrs",
        "rows 3",
    )
