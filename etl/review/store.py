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


def write_document(
    con: duckdb.DuckDBPyConnection, doc: Dokumen, dokumen_id: str, found: list[Temuan] | None = None
) -> list[Temuan]:
    """Replace the findings of one document (call inside the document's transaction). ``found``:
    ``review_document(doc)`` when it was already computed (by a parse worker, etl.parallel)."""
    if found is None:
        found = review_document(doc)
    con.execute("DELETE FROM core_temuan WHERE dokumen_id = ? AND lingkup = ?", [dokumen_id, LINGKUP_DOKUMEN])
    _insert(con, [t.row(dokumen_id, k, LINGKUP_DOKUMEN) for k, t in enumerate(found, start=1)])
    return found


def refresh_wilayah(con: duckdb.DuckDBPyConnection, kabupaten: str | None, kecamatan: str | None) -> list[Temuan]:
    """Recompute the cross-document findings of one kecamatan from what the database now holds.
    Reads only the rows of that kecamatan's documents (found through the index on
    ``core_dokumen.kabupaten`` and the ``dokumen_id`` indexes of etl.load), whatever else is loaded."""
    where = " AND ".join(
        f"{column} = ?" if value is not None else f"{column} IS NULL"
        for column, value in (("kabupaten", kabupaten), ("kecamatan", kecamatan))
    )
    params = [v for v in (kabupaten, kecamatan) if v is not None]
    ids = [r[0] for r in con.execute(f"SELECT dokumen_id FROM core_dokumen WHERE {where}", params).fetchall()]
    if ids:
        con.execute("DELETE FROM core_temuan WHERE lingkup = ? AND list_contains(?, dokumen_id)", [LINGKUP_LINTAS, ids])
    found = lintas.review(con, ids)
    _insert(con, [t.row(t.dokumen_id or "", k, LINGKUP_LINTAS) for k, t in enumerate(found, start=1)])
    return found
