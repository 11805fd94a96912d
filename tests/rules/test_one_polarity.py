"""Polarity is decided in one place (docs/domain.md §1.3): etl.rules.polaritas / polarity_hint and
formula_polaritas. No other module turns a 'negatif' into a formula itself, and no SQL computes a
polarity (the views store target_kinerja.polaritas and realisasi_kinerja.rumus_capaian)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p for d in ("etl", "dashboard", "queries") for p in (ROOT / d).rglob("*") if p.suffix in {".py", ".sql"})
RESTATED = re.compile(r"FORMULA_NEG_2T\s+if\b|==\s*[\"']negatif[\"']|[\"']negatif[\"']\s+if\b|\bneg_2t\b.*\bnegatif\b")


@pytest.mark.parametrize("path", [p for p in FILES if p.name != "rules.py"], ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_restates_the_polarity_rule(path: Path) -> None:
    hits = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if RESTATED.search(line)]
    assert not hits, f"{path.relative_to(ROOT)} restates the polarity rule: {hits}; use etl.rules.polaritas/formula_polaritas"


def test_the_rule_would_be_caught() -> None:
    assert RESTATED.search('formula = rules.FORMULA_NEG_2T if polar == "negatif" else rules.FORMULA_POSITIVE')
    assert RESTATED.search('polar = "negatif" if tipe and "negatif" in tipe.lower() else hint')
