"""Checks across documents of one kecamatan."""

from __future__ import annotations

import duckdb

from etl.review.finding import Temuan


def review(con: duckdb.DuckDBPyConnection, dokumen_ids: list[str]) -> list[Temuan]:
    return []
