"""Named SQL: one ``.sql`` file per question the dashboard asks, run with bound parameters.

    run(con, "skor_tren", kecamatan=["Wonosari"]) -> polars.DataFrame

Parameters are bound (``$name`` in the SQL), never formatted into the text.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from etl.paths import db_path

SQL_DIR = Path(__file__).resolve().parent


@cache
def load_sql(name: str) -> str:
    return resources.files("queries").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in SQL_DIR.glob("*.sql"))


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
    sql = load_sql(name)
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    table = con.sql(sql, params=used).to_arrow_table()  # DuckDB 2.0: results have no .pl()
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame


def connect_read_only(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the snapshot that is the database file now (``KINERJA_DB`` or
    data/kinerja.duckdb by default). ``duckdb.connect(FILE)`` would reuse a database instance that
    another connection of this process still holds — the snapshot before the loader's last
    publication — so the file is attached, read-only, to a fresh in-memory database instead."""
    con = duckdb.connect(":memory:")
    try:
        quoted = str(db_path(path)).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS kinerja (READ_ONLY)")
        con.execute("USE kinerja")
    except BaseException:
        con.close()
        raise
    return con


def exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether a view or table `name` exists: lets a page use a view that is added later."""
    return bool(run(con, "objek_ada", nama=name)["ada"][0])


def run_if_exists(con: duckdb.DuckDBPyConnection, view: str, name: str, **params: Any) -> pl.DataFrame | None:
    """Run query `name` only when `view` exists; None otherwise (the caller shows no marks)."""
    return run(con, name, **params) if exists(con, view) else None
