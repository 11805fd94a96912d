"""Facts of a document as the views show them, without provenance: for comparing formats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from etl.extract import extract_file
from etl.load import connect, load_document

# view → columns that legitimately differ between formats of the same document
PROVENANCE = {"dokumen_id", "sumber_baris", "sumber_halaman", "baris_awal", "baris_akhir", "cara_baca", "urutan", "induk_urutan"}
VIEWS = ("perjanjian", "target_kinerja", "realisasi_kinerja", "skor", "komponen_skor", "anggaran")


def facts(con: duckdb.DuckDBPyConnection, dokumen_id: str) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for view in VIEWS:
        cols = [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall() if r[0] not in PROVENANCE]
        rows = con.execute(f"SELECT {', '.join(cols)} FROM {view} WHERE dokumen_id = ?", [dokumen_id]).fetchall()
        out[view] = sorted(rows, key=repr)
    return out


def load_facts(path: Path, db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = connect(db)
    doc = extract_file(path)
    load_document(con, doc)
    try:
        return facts(con, doc.dokumen_id)
    finally:
        con.close()
