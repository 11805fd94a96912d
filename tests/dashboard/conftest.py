"""Fixtures for the dashboard tests: an AppTest of the whole app against the seed database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "streamlit_app.py"


@pytest.fixture()
def seed_env(seed_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KINERJA_DB", str(seed_db_path))
    return seed_db_path


def run_app(page: str | None = None, **params: str | list[str]) -> AppTest:
    """An AppTest of the whole app (against $KINERJA_DB) that has run once, on `page` if given."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture()
def app(seed_env: Path) -> Callable[..., AppTest]:
    """Factory: app(page=None, **query_params) -> an AppTest that has run once."""
    return run_app
