"""No page ever shows a traceback (issue 12): a missing, foreign or half-written database is a short
Indonesian message with what to do, on every page; the details go to the server log."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "streamlit_app.py"
PAGES = ("ringkasan", "tren", "anggaran", "peringkat", "profil", "data_sumber", "reviu_data")


@pytest.fixture(scope="module")
def broken_dbs(tmp_path_factory: pytest.TempPathFactory, seed_db_path: Path) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rusak")
    whole = seed_db_path.read_bytes()
    (folder / "bukan.duckdb").write_bytes(b"bukan basis data\n" * 100)
    (folder / "separuh.duckdb").write_bytes(whole[: len(whole) // 2])  # a copy cut half-way
    (folder / "kepala.duckdb").write_bytes(whole[:8192])  # only the header blocks
    return {p.stem: p for p in folder.iterdir()} | {"tidak_ada": folder / "tidak_ada.duckdb"}


@pytest.mark.parametrize("kind", ["bukan", "separuh", "kepala", "tidak_ada"])
def test_every_page_says_what_to_do(
    kind: str, broken_dbs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("KINERJA_DB", str(broken_dbs[kind]))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py")
        with caplog.at_level(logging.WARNING):
            at.run()
        assert not at.exception, (kind, page, [e.value for e in at.exception])
        notes = [el.value for el in (*at.info, *at.warning)]
        expected = "Basis data belum ada" if kind == "tidak_ada" else "Basis data tidak dapat dibaca"
        assert any(expected in n and "python -m etl load" in n for n in notes), (kind, page, notes)
        assert not any("Traceback" in n or 'File "' in n for n in notes)
        assert not any(re.search(r"[A-Za-z]+(Exception|Error)\b", n) for n in notes), notes  # no English class name
    if kind != "tidak_ada":
        assert any(r.name.startswith("dashboard") for r in caplog.records)  # the details are in the log


def test_an_unexpected_database_error_is_named_in_indonesian(
    seed_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A DuckDB error no reader expects (here a binder error from a query) still gets the short
    Indonesian message; its English class name and text go to the log only."""
    import duckdb

    import queries

    def broken(*args: object, **kwargs: object) -> None:
        raise duckdb.BinderException("Binder Error: Referenced column not found")

    db = tmp_path / "salinan.duckdb"  # a path of its own: no query result cached by earlier tests
    db.write_bytes(seed_db_path.read_bytes())
    monkeypatch.setenv("KINERJA_DB", str(db))
    monkeypatch.setattr(queries, "run", broken)
    at = AppTest.from_file(str(APP), default_timeout=60)
    with caplog.at_level(logging.WARNING):
        at.run()
    assert not at.exception
    notes = [el.value for el in (*at.info, *at.warning)]
    assert any("Basis data tidak dapat dibaca" in n for n in notes), notes
    assert not any("Binder" in n or "Exception" in n for n in notes), notes
    assert any("Binder" in str(r.exc_info) for r in caplog.records if r.exc_info)
