"""Every "domain.md §x" cited in etl/, dashboard/ and queries/ names a section of docs/domain.md
(issue 13: the rules resolve inside the project). A bare "§x" in that code (etl/rules.py, a
docstring continuing "domain.md §1 … (§2.1, §6.7)") refers to docs/domain.md too: the code has no
other kind of section sign."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "docs" / "domain.md"
BARE = re.compile(r"§\d+(?:\.\d+)?(?:\s*[–-]\s*\d+(?:\.\d+)?)?")
HEADING = re.compile(r"^#{2,3}\s+(\d+(?:\.\d+)?)\.?\s", re.MULTILINE)


def sections() -> set[str]:
    return set(HEADING.findall(DOMAIN.read_text(encoding="utf-8")))


def _expand(ref: str) -> list[str]:
    """'§2.2–2.4' → 2.2, 2.3, 2.4; '§6.3-6.5' likewise; '§3' → 3."""
    m = re.fullmatch(r"§(\d+)(?:\.(\d+))?(?:\s*[–-]\s*(\d+)(?:\.(\d+))?)?", ref.strip())
    assert m, ref
    major, minor, end_major, end_minor = m.groups()
    if end_major is None:
        return [f"{major}.{minor}" if minor else major]
    if minor and end_minor and end_major == major:
        return [f"{major}.{n}" for n in range(int(minor), int(end_minor) + 1)]
    return [f"{major}.{minor}" if minor else major, f"{end_major}.{end_minor}" if end_minor else end_major]


def references() -> list[tuple[str, int, str]]:
    found = []
    files = [p for d in ("etl", "dashboard", "queries") for p in (ROOT / d).rglob("*") if p.suffix in {".py", ".sql"}]
    for path in sorted(files):
        text = path.read_text(encoding="utf-8")
        for m in BARE.finditer(text):
            pos, ref = m.start(), m.group(0)
            line = text.count("\n", 0, pos) + 1
            found.extend((str(path.relative_to(ROOT)), line, number) for number in _expand(ref))
    return sorted(set(found))


def test_the_code_cites_domain_md() -> None:
    refs = references()
    assert len(refs) > 20  # the rules, the review and the dashboard all cite it
    assert {"1.2", "2.3", "3"} <= {n for _, _, n in refs}


@pytest.mark.parametrize(("path", "line", "number"), references(), ids=lambda v: str(v))
def test_each_reference_resolves(path: str, line: int, number: str) -> None:
    assert number in sections(), f"{path}:{line} cites domain.md §{number}, which docs/domain.md lacks"


def test_range_expansion() -> None:
    assert _expand("§2.2–2.4") == ["2.2", "2.3", "2.4"]
    assert _expand("§6.3-6.5") == ["6.3", "6.4", "6.5"]
    assert _expand("§3") == ["3"]
