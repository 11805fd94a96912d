"""The query cache hands every page the same polars frame (dashboard/data.py: st.cache_resource,
since cache_data's copy on every hit cost ~40 % of a warm rerun at national size). That is only
safe while no page changes a frame it was given: this runs every reading page, with the seeds
(tables per kecamatan) and with the CI-size database (a selection summed up per kabupaten/kota),
and checks that every frame a query returned still equals the copy taken when it was returned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

import queries
from dashboard import data

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "streamlit_app.py"
PAGES = ["ringkasan", "tren", "anggaran", "peringkat", "triwulan", "profil", "data_sumber", "reviu_data"]


@pytest.mark.parametrize("which", ["seed", "ci"])
def test_no_page_changes_a_cached_frame(which: str, seed_db_path: Path, ci_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    given: list[tuple[str, pl.DataFrame, pl.DataFrame]] = []
    real_run, real_if = queries.run, queries.run_if_exists

    def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
        df = real_run(con, name, **params)
        given.append((name, df, df.clone()))
        return df

    def run_if_exists(con: duckdb.DuckDBPyConnection, view: str, name: str, **params: Any) -> pl.DataFrame | None:
        df = real_if(con, view, name, **params)
        if df is not None:
            given.append((name, df, df.clone()))
        return df

    monkeypatch.setattr(queries, "run", run)
    monkeypatch.setattr(queries, "run_if_exists", run_if_exists)
    monkeypatch.setenv("KINERJA_DB", str(seed_db_path if which == "seed" else ci_path))
    data._run.clear()
    try:
        at = AppTest.from_file(str(APP), default_timeout=180)
        at.run()
        for page in PAGES:
            at.switch_page(f"app_pages/{page}.py")
            at.run()
            at.run()  # a rerun takes the frames from the cache
            assert not at.exception, (page, [str(e.value)[:300] for e in at.exception])
    finally:
        data._run.clear()
    assert len(given) > 10
    changed = [name for name, df, copy in given if not df.equals(copy, null_equal=True)]
    assert changed == []
