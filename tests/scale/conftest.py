"""The CI-size benchmark database (bench/national.py --ukuran ci: Banten and D.I. Yogyakarta, 233
kecamatan in 13 kabupaten/kota), built once per test session for the page tests at scale."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "bench") not in sys.path:
    sys.path.insert(0, str(ROOT / "bench"))

import national  # noqa: E402


@pytest.fixture(scope="session")
def ci_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale_pages") / "ci.duckdb"
    national.build(path, "ci", seed=42, quiet=True)
    return path
