"""`python -m etl load`: idempotent, atomic per document, one bad file never stops the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl import load as load_module
from etl.__main__ import main
from etl.extract import extract_file
from etl.load import connect, load_document
from tests.conftest import SEEDS

TABLES = ("core_dokumen", "core_target", "core_realisasi", "core_skor", "core_komponen", "core_anggaran", "core_baris")


def counts(db: Path) -> dict[str, object]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, object] = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
        out["dimuat_pada"] = con.execute("select list(dimuat_pada order by dokumen_id) from core_dokumen").fetchone()[0]  # type: ignore[index]
        return out
    finally:
        con.close()


def test_loading_the_same_files_again_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(SEEDS["somagede"].parent)]) == 0
    first = counts(db)
    assert main(["load", "--db", str(db), str(SEEDS["somagede"].parent)]) == 0
    assert counts(db) == first
    out = capsys.readouterr().out
    assert out.count("SAMA") == 4 and out.count("DIMUAT") == 4


def test_bad_file_is_reported_and_the_others_still_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS["ajibarang"], folder / "a.txt")
    (folder / "b.txt").write_text("Notulen rapat\n\nRapat dibuka pukul 09.00.\n", encoding="utf-8")
    (folder / "c.md").write_bytes(b"\x00\x01binary")
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(folder), str(tmp_path / "missing.pdf")]) == 1
    err = capsys.readouterr().err
    assert "b.txt:1: bukan Perjanjian Kinerja atau Laporan Kinerja" in err
    assert "c.md: berkas biner" in err
    assert "missing.pdf: berkas atau folder tidak ditemukan" in err
    assert "Traceback" not in err
    assert counts(db)["core_dokumen"] == 1


def test_a_new_version_of_a_file_replaces_the_old_one(tmp_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    f = tmp_path / "pk.txt"
    text = SEEDS["somagede"].read_text(encoding="utf-8")
    f.write_text(text, encoding="utf-8")
    assert main(["load", "--db", str(db), str(f)]) == 0
    f.write_text(text.replace("Rp 5.305.000", "Rp 5.400.000"), encoding="utf-8")
    assert main(["load", "--db", str(db), str(f)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from dokumen").fetchone()[0] == 1  # type: ignore[index]
    assert 5_400_000 in [r[0] for r in con.execute("select pagu from anggaran").fetchall()]
    assert 5_305_000 not in [r[0] for r in con.execute("select pagu from anggaran").fetchall()]


def test_a_document_that_fails_while_loading_leaves_no_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "k.duckdb"
    con = connect(db)
    load_document(con, extract_file(SEEDS["ajibarang"]))
    before = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
    real_insert = load_module._insert

    def failing_insert(c: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, object]]) -> None:
        if table == "core_anggaran":
            raise RuntimeError("disk full")
        real_insert(c, table, rows)

    monkeypatch.setattr(load_module, "_insert", failing_insert)
    with pytest.raises(RuntimeError):
        load_document(con, extract_file(SEEDS["kertanegara"]))
    after = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
    assert after == before


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.duckdb"
    (tmp_path / "k.duckdb").write_text("not a database", encoding="utf-8")
    assert main(["load", "--db", str(db), str(SEEDS["ajibarang"])]) == 2
    assert "tidak dapat dibuka" in capsys.readouterr().err


def test_a_newer_parser_rereads_a_file_it_already_has(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "k.duckdb"
    con = connect(db)
    first = load_document(con, extract_file(SEEDS["ajibarang"]))
    assert load_document(con, extract_file(SEEDS["ajibarang"])).status == "tidak_berubah"
    monkeypatch.setattr(load_module, "PARSER_VERSION", "test-next")
    again = load_document(con, extract_file(SEEDS["ajibarang"]))
    assert (again.status, again.replaced) == ("diganti", [first.dokumen_id])
    rows = con.execute("select versi_parser, count(*) over () from core_dokumen").fetchall()
    assert rows == [("test-next", 1)]
    con.close()


def test_template_to_a_folder_that_does_not_exist_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "tidak-ada" / "isian.xlsx"
    assert main(["template", "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"GAGAL  templat tidak dapat ditulis ke {target}" in err and "Traceback" not in err
    assert main(["template", "--out", str(tmp_path / "isian.xlsx")]) == 0
    assert (tmp_path / "isian.xlsx").read_bytes()[:2] == b"PK"  # a zip: an XLSX workbook
