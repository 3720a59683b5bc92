"""Log lines: one JSON object per line, each line once."""

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


def test_django_lines_go_only_to_the_root_handler():
    """Not also to Django's plain console handler (runserver printed each
    line twice)."""
    django_logger = logging.getLogger("django")
    assert django_logger.handlers == []
    assert django_logger.propagate
    formatters = [type(h.formatter).__name__ for h in logging.getLogger().handlers]
    assert "JsonLineFormatter" in formatters
