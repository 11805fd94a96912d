"""Write findings into ``core_temuan``: per document inside its load transaction, and the
cross-document findings of a kecamatan recomputed whenever one of its documents changes."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from etl.model import Dokumen
from etl.review import lintas, review_document
from etl.review.finding import Temuan

LINGKUP_DOKUMEN = "dokumen"
LINGKUP_LINTAS = "lintas"


def _insert(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    arrow = pa.Table.from_pylist(rows)  # noqa: F841 - scanned by name below
    con.execute("INSERT INTO core_temuan BY NAME SELECT * FROM arrow")


def write_document(con: duckdb.DuckDBPyConnection, doc: Dokumen, dokumen_id: str) -> list[Temuan]:
    """Replace the findings of one document (call inside the document's transaction)."""
    found = review_document(doc)
    con.execute("DELETE FROM core_temuan WHERE dokumen_id = ? AND lingkup = ?", [dokumen_id, LINGKUP_DOKUMEN])
    _insert(con, [t.row(dokumen_id, k, LINGKUP_DOKUMEN) for k, t in enumerate(found, start=1)])
    return found


def refresh_wilayah(con: duckdb.DuckDBPyConnection, kabupaten: str | None, kecamatan: str | None) -> list[Temuan]:
    """Recompute the cross-document findings of one kecamatan from what the database now holds."""
    ids = [
        r[0]
        for r in con.execute(
            "SELECT dokumen_id FROM core_dokumen WHERE kabupaten IS NOT DISTINCT FROM ? AND kecamatan IS NOT DISTINCT FROM ?",
            [kabupaten, kecamatan],
        ).fetchall()
    ]
    if ids:
        con.execute("DELETE FROM core_temuan WHERE lingkup = ? AND list_contains(?, dokumen_id)", [LINGKUP_LINTAS, ids])
    found = lintas.review(con, ids)
    _insert(con, [t.row(t.dokumen_id or "", k, LINGKUP_LINTAS) for k, t in enumerate(found, start=1)])
    return found
