"""The storage seam: database checks only in common.db and the apps' storage.

Storage imports rules, parsers and models, never selectors or services.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE_THE_CODE = {".git", ".venv", ".tools", "bench", "tests", "migrations"}
VENDOR_CHECK = re.compile(r"connection\.vendor|is_postgresql")


def code_files() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not OUTSIDE_THE_CODE & set(path.relative_to(ROOT).parts)
        and path.name != "conftest.py"
    )


def in_storage(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return parts[:2] == ("common", "db") or "storage" in parts[1:-1]


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_the_code_is_found():
    names = {path.relative_to(ROOT).as_posix() for path in code_files()}
    assert {"dsrs/storage/__init__.py", "works/storage/__init__.py"} <= names


def test_only_storage_asks_which_database_it_runs_on():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in code_files()
        if not in_storage(path)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if VENDOR_CHECK.search(line)
    ]
    assert found == []


def test_storage_imports_no_selectors_or_services():
    found = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in code_files()
        if in_storage(path)
        for module in imported_modules(path)
        if {"selectors", "services"} & set(module.split("."))
    ]
    assert found == []
