"""Print Pipfile.lock's default packages as pip requirements, pinned and hashed.

    python docker/lock_requirements.py Pipfile.lock > requirements.txt

The image installs from this (no pipenv in the image), and the host downloads
the wheelhouse for an offline build from the same lines, so both install what
is locked, hashes checked.
"""

import json
import sys
from pathlib import Path

NOT_PINNED = "{path}: package {name!r} has no pinned version"


def lock_requirements(*, path: Path) -> list[str]:
    """One requirement line per default (non-dev) package of the lock file."""
    lines = []
    for name, entry in sorted(json.loads(path.read_text())["default"].items()):
        if not entry.get("version", "").startswith("=="):
            raise SystemExit(NOT_PINNED.format(path=path, name=name))
        markers = f"; {entry['markers']}" if entry.get("markers") else ""
        hashes = "".join(f" --hash={digest}" for digest in entry["hashes"])
        lines.append(f"{name}{entry['version']}{markers}{hashes}")
    return lines


if __name__ == "__main__":
    print("\n".join(lock_requirements(path=Path(sys.argv[1]))))
