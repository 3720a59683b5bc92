"""One benchmark run: the load check, its figures beside their floors, the file.

A run refuses to start when the 1-minute load average is above ``MAX_LOAD``
(other work would slow every figure down) unless ``--force``, and then says
so in its output and its file. The load at the end is printed too; it
includes the benchmark's own processes. Results go to
``bench/results/<app>-<UTC timestamp>-<host>.json``, a new file every run;
git ignores them, so only a run that is reported gets committed
(``git add -f``).
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from bench.harness.database import POSTGRES, postgres_version
from bench.harness.processes import ROOT, WORK

RESULTS = ROOT / "bench" / "results"
MAX_LOAD = 1.5
LOADED = (
    "!!! The 1-minute load average is {load:.2f}, above {limit}: other work "
    "slows every figure down. !!!"
)
# Settings a run may be switched by, recorded beside its figures.
SETTING_PREFIXES = ("DSRS_", "WORKS_", "PLAYS_", "PLAYLISTS_", "CELERY_")


@dataclass
class Figure:
    """A measured value, with the target it has and the floors it is held to.

    A floor is a figure of the same unit measured in the same run (a raw
    ``COPY`` of the same rows, a parse-only rate): the ratio to it says how
    far the figure is from what the machine can do at all.
    """

    name: str
    value: float
    unit: str
    target: str = ""
    floors: tuple["Figure", ...] = ()

    @classmethod
    def floor(cls, name: str, value: float, unit: str) -> "Figure":
        return cls(name, value, unit, target="(floor)")

    def ratio(self, floor: "Figure") -> float:
        """How near the floor: 1 at it, 0.1 ten times slower (rate or duration)."""
        if self.unit.endswith("/s"):
            return self.value / floor.value
        return floor.value / self.value

    def shown(self) -> str:
        if self.unit == "s" and self.value < 100:
            return f"{self.value:.3f} s"
        return f"{self.value:,.0f} {self.unit}"

    def beside_floors(self) -> str:
        return "; ".join(
            f"{self.ratio(floor):.2g}x {floor.name} ({floor.shown()})"
            for floor in self.floors
        )

    def as_json(self) -> dict:
        data = asdict(self)
        data["floors"] = [
            {**asdict(floor), "ratio": self.ratio(floor)} for floor in self.floors
        ]
        return data


@dataclass
class Bench:
    """``with Bench(app, parser) as bench:`` measure, ``bench.add`` each figure."""

    app: str
    parser: argparse.ArgumentParser
    figures: list[Figure] = field(default_factory=list)
    # Long texts that go with the figures (query plans), kept in the file.
    notes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.parser.add_argument(
            "--force",
            action="store_true",
            help=f"run even when the 1-minute load average is above {MAX_LOAD}",
        )
        self.args = self.parser.parse_args()

    def __enter__(self) -> "Bench":
        self.started = datetime.now(UTC)
        self.load = {"start": os.getloadavg()[0]}
        print(f"{self.app} benchmark; load average (1 min) {self.load['start']:.2f}")
        if self.load["start"] > MAX_LOAD:
            warning = LOADED.format(load=self.load["start"], limit=MAX_LOAD)
            if not self.args.force:
                sys.exit(f"{warning}\nNot run: wait for a quiet machine, or --force.")
            print(f"{warning}\nRun anyway (--force).", flush=True)
        WORK.mkdir(parents=True, exist_ok=True)
        return self

    def add(self, *figures: Figure) -> None:
        for figure in figures:
            self.figures.append(figure)
            print(f"  {figure.name}: {figure.shown()} {figure.beside_floors()}")

    def __exit__(self, kind, error, traceback) -> None:
        self.load["end"] = os.getloadavg()[0]
        print("\n" + self.table())
        if kind is not None:
            print("\nThe run failed: no result file written.")
            return
        path = self.write()
        print(f"\nwritten to {path.relative_to(ROOT)}")

    def table(self) -> str:
        start, end = self.load["start"], self.load["end"]
        lines = [
            f"# {self.app} benchmark, {self.started:%Y-%m-%d %H:%M} UTC",
            "",
            f"{_host()}, {os.cpu_count()} cores; commit {_commit()}; "
            f"PostgreSQL {postgres_version()}; {' '.join(sys.argv[1:]) or 'defaults'}",
            f"Load average (1 min): {start:.2f} at start, {end:.2f} at end "
            "(the end includes this run's own processes).",
        ]
        if start > MAX_LOAD:
            lines.append(LOADED.format(load=start, limit=MAX_LOAD))
        lines += [
            "",
            "| figure | value | beside the floor, same run | target |",
            "|---|---:|---|---|",
            *(
                f"| {f.name} | {f.shown()} | {f.beside_floors()} | {f.target} |"
                for f in self.figures
            ),
        ]
        return "\n".join(lines)

    def write(self):
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = f"{self.started:%Y%m%dT%H%M%SZ}"
        path = RESULTS / f"{self.app}-{stamp}-{_host()}.json"
        settings = {
            name: value
            for name, value in os.environ.items()
            if name.startswith(SETTING_PREFIXES) and "URL" not in name
        }
        result = {
            "app": self.app,
            "started": self.started.isoformat(),
            "finished": datetime.now(UTC).isoformat(),
            "host": _host(),
            "cores": os.cpu_count(),
            "commit": _commit(),
            "postgresql": f"{postgres_version()} at {POSTGRES}",
            "arguments": vars(self.args),
            "settings": settings,
            "load_average_1min": self.load,
            "quiet": self.load["start"] <= MAX_LOAD,
            "figures": [figure.as_json() for figure in self.figures],
            "notes": self.notes,
        }
        with path.open("x") as stream:  # never overwrite a result
            json.dump(result, stream, indent=1, ensure_ascii=False, default=str)
            stream.write("\n")
        return path


def size_label(count: int) -> str:
    """1M, 2.5M, 10k, 800: a size as the figures name it."""
    for scale, suffix in ((1e6, "M"), (1e3, "k")):
        if count >= scale:
            return f"{count / scale:g}{suffix}"
    return str(count)


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.-]", "-", socket.gethostname())


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no")
    return f"{commit} with local changes" if changed else commit
