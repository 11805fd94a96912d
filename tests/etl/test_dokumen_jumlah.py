"""Data & Sumber's count of documents whose numbers are not read yet (queries/dokumen_jumlah.sql)
agrees with the per-document status of its list (dokumen_halaman.sql), with a document that has no
number at all among the seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

import queries
from etl import materialise
from etl.load import connect, schema_sql


def test_documents_without_numbers_are_counted_as_the_list_marks_them(tmp_path: Path, seed_db_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    shutil.copy(seed_db_path, db)
    con = connect(db)
    did = con.execute("SELECT dokumen_id FROM core_dokumen ORDER BY dokumen_id LIMIT 1").fetchall()[0][0]
    # as a document recognised (unit, year, kind) whose tables gave nothing: its facts gone
    for table in ("core_target", "core_realisasi", "core_skor", "core_komponen", "core_anggaran", "core_anggaran_sasaran"):
        con.execute(f"DELETE FROM {table} WHERE dokumen_id = ?", [did])
    materialise.rebuild_all(con, schema_sql())
    con.close()
    ro = duckdb.connect(str(db), read_only=True)
    keys = [r[0] for r in ro.execute("SELECT DISTINCT kode_kecamatan FROM dokumen WHERE kode_kecamatan IS NOT NULL").fetchall()]
    scope = {"wilayah": keys, "lain": True, "kode_kabupaten": None, "provinsi": None, "tahun": [], "terverifikasi": False}
    counts = queries.run(ro, "dokumen_jumlah", **scope).row(0, named=True)
    listed = queries.run(ro, "dokumen_halaman", **scope, batas=None, mulai=0)
    ro.close()
    assert counts["belum_ada_angka"] == 1
    assert listed.filter(listed["status_angka"] == "belum ada angka")["dokumen_id"].to_list() == [did]
    assert counts["jumlah"] == listed.height == counts["semua"]
