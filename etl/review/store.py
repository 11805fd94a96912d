"""Write findings into ``core_temuan``: per document inside its load transaction, and the
cross-document findings of a kecamatan recomputed whenever one of its documents changes."""

from __future__ import annotations

from collections.abc import Sequence
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
    delete_findings(con, [dokumen_id], LINGKUP_DOKUMEN)
    _insert(con, [t.row(dokumen_id, k, LINGKUP_DOKUMEN) for k, t in enumerate(found, start=1)])
    return found


def documents_of(
    con: duckdb.DuckDBPyConnection, lookup: str, value: str | None, *, also: Sequence[str] = (), **equal: Any
) -> list[dict[str, Any]]:
    """The loaded documents (dokumen_id, nama_file, dimuat_pada and the columns named in ``equal``)
    whose ``lookup`` column is ``value`` and whose other columns equal ``equal`` (``None`` matches
    NULL, as ``IS NOT DISTINCT FROM``), in load order. ``lookup`` is one of the indexed columns of
    ``core_dokumen`` (etl.load.LOOKUP_INDEXES) and is the only filter DuckDB sees — an index serves
    a scan with one filter only — the rest is matched here: the cost follows the unit's own
    documents, not the number loaded."""
    columns = ["dokumen_id", "nama_file", "dimuat_pada", *equal, *also]  # `also`: columns returned, not matched
    if value is None:
        where, params = f"{lookup} IS NULL", []
    else:
        where, params = f"{lookup} = ?", [value]
    cur = con.execute(f"SELECT {', '.join(columns)} FROM core_dokumen WHERE {where}", params)
    rows = [dict(zip(columns, r, strict=True)) for r in cur.fetchall()]
    return sorted(
        (r for r in rows if all(r[c] == v for c, v in equal.items())), key=lambda r: (r["dimuat_pada"], r["dokumen_id"])
    )


def delete_findings(con: duckdb.DuckDBPyConnection, dokumen_ids: list[str], lingkup: str) -> None:
    """Delete the findings of ``lingkup`` of these documents in two steps, each with one filter: the
    rows found through the dokumen_id index, then deleted by row id (a DELETE filtering on both
    columns would scan the whole table)."""
    if not dokumen_ids:
        return
    rows = con.execute("SELECT rowid, lingkup FROM core_temuan WHERE list_contains(?, dokumen_id)", [dokumen_ids]).fetchall()
    doomed = [r[0] for r in rows if r[1] == lingkup]
    if doomed:
        con.execute("DELETE FROM core_temuan WHERE list_contains(?, rowid)", [doomed])


def refresh_wilayah(con: duckdb.DuckDBPyConnection, kabupaten: str | None, kecamatan: str | None) -> list[Temuan]:
    """Recompute the cross-document findings of one kecamatan from what the database now holds.
    Reads only the rows of that kecamatan's documents (found through the index on
    ``core_dokumen.kabupaten`` and the ``dokumen_id`` indexes of etl.load), whatever else is loaded."""
    if kecamatan is not None:
        rows = documents_of(con, "kecamatan", kecamatan, also=["kode_kabupaten"], kabupaten=kabupaten)
    else:
        rows = documents_of(con, "kabupaten", kabupaten, also=["kode_kabupaten"], kecamatan=None)
    delete_findings(con, [r["dokumen_id"] for r in rows], LINGKUP_LINTAS)
    found = [t for group in _per_kode(rows) for t in lintas.review(con, group)]
    _insert(con, [t.row(t.dokumen_id or "", k, LINGKUP_LINTAS) for k, t in enumerate(found, start=1)])
    return found


def _per_kode(rows: list[dict[str, Any]]) -> list[list[str]]:
    """The documents of one name (`rows` of documents_of, in load order) per place: Kecamatan Sorong
    of Kabupaten Sorong (96.01) and of Kota Sorong (96.71) share their names without prefix, and
    their documents are never compared with each other. A document without a kabupaten code (a
    region the reference does not know) goes with the rest when its name has one code only."""
    if len({r["kode_kabupaten"] for r in rows} - {None}) <= 1:
        return [[r["dokumen_id"] for r in rows]] if rows else []
    groups: dict[str | None, list[str]] = {}
    for r in rows:
        groups.setdefault(r["kode_kabupaten"], []).append(r["dokumen_id"])
    return list(groups.values())
