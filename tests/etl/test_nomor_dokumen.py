"""core_dokumen.nomor: each document's place in load order, carried by its lines in core_baris, so
the view sumber_baris (joined on it) reads one document's lines from its own row groups (issue 16).
Whatever the history of a database, every line stays visible through the view."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.extract import extract_file
from etl.load import connect, load_document
from etl.model import Dokumen
from tests.conftest import SEEDS


def _every_line_visible(con: duckdb.DuckDBPyConnection) -> None:
    core = con.execute("SELECT dokumen_id, count(*) FROM core_baris GROUP BY ALL ORDER BY 1").fetchall()
    view = con.execute("SELECT dokumen_id, count(*) FROM sumber_baris GROUP BY ALL ORDER BY 1").fetchall()
    assert core and view == core
    lines = con.execute(
        "SELECT count(*) FROM core_baris b JOIN core_dokumen d USING (dokumen_id) WHERE b.nomor_dokumen IS DISTINCT FROM d.nomor"
    ).fetchone()
    assert lines == (0,)


def _numbers(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    return con.execute("SELECT dokumen_id, nomor FROM core_dokumen ORDER BY nomor").fetchall()


def test_documents_are_numbered_in_load_order_and_every_line_is_visible(tmp_path: Path, seed_docs: dict[str, Dokumen]) -> None:
    con = connect(tmp_path / "k.duckdb")
    order = list(seed_docs.values())
    for doc in order:
        load_document(con, doc)
    assert _numbers(con) == [(doc.dokumen_id, n) for n, doc in enumerate(order, start=1)]
    _every_line_visible(con)
    con.close()


def test_a_replaced_document_gets_the_next_number_and_its_old_lines_go(tmp_path: Path, seed_docs: dict[str, Dokumen]) -> None:
    con = connect(tmp_path / "k.duckdb")
    docs = [doc for name, doc in seed_docs.items() if name != "somagede"]
    for doc in docs:
        load_document(con, doc)
    f = tmp_path / "pk.txt"
    text = SEEDS["somagede"].read_text(encoding="utf-8")
    f.write_text(text, encoding="utf-8")
    first = extract_file(f)
    load_document(con, first)
    f.write_text(text.replace("Rp 5.305.000", "Rp 5.400.000"), encoding="utf-8")  # a new version of the file
    second = extract_file(f)
    load_document(con, second)
    numbers = dict(_numbers(con))
    assert first.dokumen_id not in numbers
    assert numbers[second.dokumen_id] == len(docs) + 2
    gone = con.execute("SELECT count(*) FROM core_baris WHERE dokumen_id = ?", [first.dokumen_id]).fetchone()
    assert gone == (0,)
    _every_line_visible(con)
    con.close()


def test_a_database_made_before_the_numbers_gets_them_on_connect(tmp_path: Path, seed_docs: dict[str, Dokumen]) -> None:
    db = tmp_path / "k.duckdb"
    con = connect(db)
    docs = list(seed_docs.values())
    for doc in docs:
        load_document(con, doc)
    # as an older version left it: no number on any document nor line
    con.execute("UPDATE core_dokumen SET nomor = NULL")
    con.execute("UPDATE core_baris SET nomor_dokumen = NULL")
    before = con.execute("SELECT count(*) FROM sumber_baris").fetchone()
    assert before == (0,)  # what the view would show without them: why connect must number them
    con.close()
    con = connect(db)
    # numbered in the order their lines were appended, which is the load order here
    assert _numbers(con) == [(doc.dokumen_id, n) for n, doc in enumerate(docs, start=1)]
    _every_line_visible(con)
    con.close()
