"""Fixtures for the reader tests: the generated DOCX/PDF of each seed (tests/fixtures/documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
SEEDS = Path(__file__).resolve().parents[2] / "data" / "raw"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def documents() -> Path:
    return DOCUMENTS
