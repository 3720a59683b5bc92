"""docker/lock_requirements.py: Pipfile.lock as pinned, hashed pip requirements."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docker" / "lock_requirements.py"


def requirements(lock: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, SCRIPT, lock], capture_output=True, text=True
    )


def test_every_default_package_is_pinned_with_its_hashes():
    lock = json.loads((ROOT / "Pipfile.lock").read_text())
    lines = requirements(ROOT / "Pipfile.lock").stdout.splitlines()
    assert len(lines) == len(lock["default"])
    django = next(line for line in lines if line.startswith("django=="))
    entry = lock["default"]["django"]
    assert django.startswith(f"django{entry['version']}; {entry['markers']} ")
    assert django.count("--hash=sha256:") == len(entry["hashes"])


def test_development_packages_stay_out():
    names = {
        line.partition("==")[0]
        for line in requirements(ROOT / "Pipfile.lock").stdout.splitlines()
    }
    assert not names & {"pytest", "ruff", "schemathesis"}


def test_an_unpinned_package_is_named(tmp_path):
    lock = tmp_path / "Pipfile.lock"
    lock.write_text(json.dumps({"default": {"django": {"version": "*"}}}))
    result = requirements(lock)
    assert result.returncode != 0
    assert f"{lock}: package 'django' has no pinned version" in result.stderr
