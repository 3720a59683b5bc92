"""Production settings: fail fast without a secret, log one JSON object per line."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from dsr_project.logging import JsonLineFormatter

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py with only the given DJANGO_* variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_secret_key_is_required_when_debug_is_off():
    result = manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off" in result.stderr


def test_debug_is_off_by_default():
    result = manage("check", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    code = "from django.conf import settings; print(settings.DEBUG)"
    shell = manage("shell", "-c", code, DJANGO_SECRET_KEY="x" * 50)
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.strip().splitlines()[-1] == "False"


def test_bad_boolean_is_named():
    result = manage("check", DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG='maybe': expected true/false" in result.stderr


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
