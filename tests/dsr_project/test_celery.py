"""Celery follows its Django recipe: settings from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from common.db import is_postgresql
from dsrs.services import dsr_import

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "from dsr_project import celery_app as a; c = a.conf; "
    "print(c.task_always_eager, c.task_acks_late, c.broker_url)"
)


def celery_conf(**env: str) -> list[str]:
    """The eager flag, acks_late and broker URL a fresh process configures."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=ROOT,
        env={**clean, "DJANGO_DEBUG": "1", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()


def test_eager_without_a_broker():
    assert celery_conf() == ["True", "True"]  # no broker URL at all


def test_a_broker_url_sends_jobs_to_it():
    url = "amqp://guest:guest@127.0.0.1:5672//"
    assert celery_conf(CELERY_BROKER_URL=url) == ["False", "True", url]


def test_the_beat_prunes_daily(settings, monkeypatch):
    """The schedule names a registered task, which runs what the command runs."""
    from celery import current_app

    from plays import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["prune-play-jobs"]
    assert entry["schedule"] == 24 * 60 * 60
    assert current_app.tasks[entry["task"]].name == tasks.play_count_job_prune.name
    calls = []
    monkeypatch.setattr(
        tasks.services, "play_count_storage_prune", lambda: calls.append(1)
    )
    tasks.play_count_job_prune.delay()
    assert calls == [1]


@pytest.mark.django_db
def test_the_beat_folds_the_per_isrc_sums(settings):
    """Every ten minutes, a registered task folds the DSRs not folded yet
    (PostgreSQL; SQLite keeps no per-ISRC sums)."""
    from celery import current_app

    from dsrs import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["fold-isrc-sums"]
    assert entry["schedule"] == 10 * 60
    assert current_app.tasks[entry["task"]].name == tasks.isrc_sums_fold_pending.name
    for path in sorted((ROOT / "data").glob("*.tsv.gz"))[:2]:
        assert dsr_import(path=path).status == "ingested"
    folded = 2 if is_postgresql() else 0
    assert tasks.isrc_sums_fold_pending.delay().get() == folded
    assert tasks.isrc_sums_fold_pending.delay().get() == 0
