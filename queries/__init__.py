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
    return con.execute(sql, used).pl()  # type: ignore[attr-defined]


def connect_read_only(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db_path(path)), read_only=True)
