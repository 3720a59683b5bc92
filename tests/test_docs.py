"""README stays short and links every page of docs/; no link between them is broken."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PAGES = sorted((ROOT / "docs").glob("*.md"))
README_MAX_LINES = 200

LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} (.+)$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {anchor(heading) for heading in HEADING.findall(text)}


def links(path: Path) -> list[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return [target for target in LINK.findall(text) if "://" not in target]


def test_readme_is_at_most_200_lines():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= README_MAX_LINES


def test_readme_links_every_docs_page():
    linked = {
        (README.parent / target.split("#")[0]).resolve() for target in links(README)
    }
    assert PAGES and set(PAGES) <= linked


@pytest.mark.parametrize("path", [README, *PAGES], ids=lambda path: path.name)
def test_relative_links_reach_a_file_and_a_heading(path):
    for target in links(path):
        name, _, fragment = target.partition("#")
        page = (path.parent / name).resolve() if name else path
        assert page.is_file(), f"{path.name}: {target} names no file"
        if fragment and page.suffix == ".md":
            assert fragment in anchors(page), f"{path.name}: {target} names no heading"


def test_the_tours_curl_lines_show_the_token_step():
    text = README.read_text(encoding="utf-8")
    assert "manage.py api_token" in text
    curls = [line for line in text.splitlines() if "curl " in line]
    assert curls
    assert all('-H "$AUTH"' in line for line in curls)
