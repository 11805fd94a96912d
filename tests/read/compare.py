"""Facts of a document as the views show them, without provenance: for comparing formats."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb

from etl.extract import extract_file
from etl.load import connect, load_document

# view → columns that legitimately differ between formats of the same document
PROVENANCE = {"dokumen_id", "sumber_baris", "sumber_halaman", "baris_awal", "baris_akhir", "cara_baca", "urutan", "induk_urutan"}
# columns that say how a value relates to *other* tables of the document (the budget stage's
# evidence, whether a line enters the printed total): one table lost elsewhere changes them on every
# row, so they are compared by their own tests (tests/etl/test_budget_stage.py), not per form
CROSS_TABLE = {"sumber_tahap", "masuk_jumlah_pagu", "masuk_jumlah_realisasi"}
VIEWS = ("perjanjian", "target_kinerja", "realisasi_kinerja", "skor", "komponen_skor", "anggaran")


def facts(con: duckdb.DuckDBPyConnection, dokumen_id: str) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for view in VIEWS:
        cols = [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall() if r[0] not in PROVENANCE | CROSS_TABLE]
        rows = con.execute(f"SELECT {', '.join(cols)} FROM {view} WHERE dokumen_id = ?", [dokumen_id]).fetchall()
        out[view] = sorted((tuple(_without_lines(v) for v in r) for r in rows), key=repr)
    return out


_LINE_REF = re.compile(r"\bbaris \d+")


def _without_lines(value: Any) -> Any:
    """Evidence written as text names its line ("… (Tabel 2.5, baris 335)"): another form of the
    document numbers its lines otherwise, so the line number is provenance too."""
    return _LINE_REF.sub("baris #", value) if isinstance(value, str) else value


def load_facts(path: Path, db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = connect(db)
    doc = extract_file(path)
    load_document(con, doc)
    try:
        return facts(con, doc.dokumen_id)
    finally:
        con.close()


def diff_facts(
    expected: Path, form: Path, db_dir: Path
) -> tuple[list[tuple[str, tuple[Any, ...]]], list[tuple[str, tuple[Any, ...]]]]:
    """The fact rows of ``expected`` (the text version) missing from ``form``, and the rows only
    ``form`` has, as (view, row) pairs: what a reader change has to recover."""
    from collections import Counter

    def rows(path: Path, name: str) -> Counter[tuple[str, tuple[Any, ...]]]:
        return Counter((view, row) for view, rs in load_facts(path, db_dir / name).items() for row in rs)

    want, got = rows(expected, "expected.duckdb"), rows(form, "form.duckdb")
    return sorted((want - got).elements(), key=repr), sorted((got - want).elements(), key=repr)


if __name__ == "__main__":  # python -m tests.read.compare <seed> <form>: the facts a form loses
    import sys
    import tempfile

    seed, form_name = sys.argv[1], sys.argv[2]
    root = Path(__file__).resolve().parents[2]
    form_file = next((root / "tests" / "fixtures" / "forms").glob(f"{seed}.{form_name}.*"))
    missing, extra = diff_facts(root / "data" / "raw" / f"{seed}.txt", form_file, Path(tempfile.mkdtemp()))
    for view, row in missing:
        print("HILANG", view, row)
    for view, row in extra:
        print("LEBIH ", view, row)
    print(f"{len(missing)} hilang, {len(extra)} lebih")
