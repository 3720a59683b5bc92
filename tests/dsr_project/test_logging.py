"""Each log line once: as the root's JSON line, not also in Django's plain text."""

import logging


def test_django_lines_go_only_to_the_root_handler():
    django_logger = logging.getLogger("django")
    assert django_logger.handlers == []
    assert django_logger.propagate
    formatters = [type(h.formatter).__name__ for h in logging.getLogger().handlers]
    assert "JsonLineFormatter" in formatters
