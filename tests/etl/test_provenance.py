"""Invariant: every number in the database traces back to its document and line.

For every loaded value that keeps its printed text, the printed text stands on the source line
(whitespace folded), and the line exists in the stored lines of its document.
"""

from __future__ import annotations

import duckdb

CHECKS = [
    ("core_target", "target_teks"),
    ("core_realisasi", "realisasi_teks"),
    ("core_realisasi", "capaian_teks"),
    ("core_skor", "nilai_teks"),
    ("core_komponen", "nilai_teks"),
    ("core_anggaran", "pagu_teks"),
    ("core_anggaran", "realisasi_teks"),
    ("core_anggaran", "persen_teks"),
]


def test_printed_values_stand_on_their_source_lines(seed_con: duckdb.DuckDBPyConnection) -> None:
    missing = []
    for table, col in CHECKS:
        rows = seed_con.execute(
            f"""select t.dokumen_id, t.sumber_baris, t.{col}, b.teks
                from {table} t left join core_baris b on b.dokumen_id = t.dokumen_id and b.baris = t.sumber_baris
                where t.{col} is not null"""
        ).fetchall()
        assert rows, f"{table}.{col} has no values"
        for did, line, printed, text in rows:
            if text is None or " ".join(printed.split()) not in " ".join(text.split()):
                # a row mended from several lines: its other cells stand on the lines around the value
                nxt = seed_con.execute(
                    "select string_agg(teks, ' ') from core_baris where dokumen_id = ? and baris between ? and ?",
                    [did, line - 3, line + 3],
                ).fetchone()[0]  # type: ignore[index]
                if " ".join(printed.split()) not in " ".join((nxt or "").split()):
                    missing.append((table, col, line, printed))
    assert missing == []


def test_every_row_has_a_source_line(seed_con: duckdb.DuckDBPyConnection) -> None:
    for view in ("target_kinerja", "realisasi_kinerja", "skor", "komponen_skor", "anggaran"):
        assert seed_con.execute(f"select count(*) from {view} where sumber_baris is null").fetchone()[0] == 0  # type: ignore[index]
        assert seed_con.execute(f"select count(*) from {view} where cara_baca is null").fetchone()[0] == 0, view  # type: ignore[index]


def test_scores_view_has_one_row_per_kecamatan_year_kind(seed_con: duckdb.DuckDBPyConnection) -> None:
    dup = seed_con.execute("select kecamatan, tahun, jenis, count(*) from skor group by all having count(*) > 1").fetchall()
    assert dup == []
    got = seed_con.execute(
        "select jenis, tahun, nilai from skor where kecamatan = 'Kertanegara' order by jenis, tahun"
    ).fetchall()
    assert [r for r in got if r[0] == "SAKIP"] == [("SAKIP", 2022, 55.51), ("SAKIP", 2023, 61.06), ("SAKIP", 2024, 63.16)]
    assert [r[2] for r in got if r[0] == "KEMATANGAN"] == [29.0, 33.0]
    assert [r[2] for r in got if r[0] == "IKM"] == [85.49, 86.62, 87.86, 93.69]
