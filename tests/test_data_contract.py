"""The public views and docs/data-contract.md describe the same columns, in the same order."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from etl import rules
from etl.load import schema_sql

DOC = Path(__file__).resolve().parent.parent / "docs" / "data-contract.md"

REQUIRED = {  # the columns the ETL issue fixed; more may follow them
    "pejabat": [  # issue 13: officials as facts the review and the Profil page read
        "dokumen_id",
        "kabupaten",
        "kecamatan",
        "tahun",
        "urutan",
        "perjanjian_urutan",
        "unit_kerja",
        "jenis_pk",
        "peran",
        "nama",
        "nama_baku",
        "nip",
        "nip_baku",
        "jabatan",
        "baris_nama",
        "sumber_baris",
    ],
    "sebaran_survei": [  # issue 13: survey distributions
        "dokumen_id",
        "kabupaten",
        "kecamatan",
        "tahun",
        "urutan",
        "kelompok",
        "tabel",
        "unsur",
        "kategori",
        "jumlah",
        "jumlah_teks",
        "persen",
        "persen_teks",
        "total",
        "total_teks",
        "baris_jumlah",
        "baris_persen",
        "baris_total",
    ],
    "pernyataan": [  # issue 13: what sentences state
        "dokumen_id",
        "kabupaten",
        "kecamatan",
        "tahun",
        "urutan",
        "jenis",
        "subjek",
        "kunci",
        "ukuran",
        "arah",
        "nilai",
        "nilai_teks",
        "pembanding",
        "pembanding_teks",
        "tanggal",
        "tanggal_teks",
        "perjanjian_urutan",
        "teks",
        "sumber_baris",
    ],
    "realisasi_triwulan": [  # issue 11
        "dokumen_id",
        "kabupaten",
        "kecamatan",
        "tahun",
        "triwulan",
        "tingkat",
        "nama",
        "indikator",
        "kinerja",
        "kinerja_teks",
        "realisasi_rp",
        "realisasi_rp_teks",
        "sumber_halaman",
        "sumber_baris",
    ],
    "dokumen": [
        "dokumen_id",
        "nama_file",
        "sha256",
        "jenis",
        "provinsi",
        "kabupaten",
        "kecamatan",
        "tahun",
        "tanggal",
        "dimuat_pada",
    ],
    "target_kinerja": [
        "dokumen_id",
        "kabupaten",
        "kecamatan",
        "tahun",
        "unit_kerja",
        "tingkat",
        "sasaran",
        "indikator",
        "kunci",
        "satuan",
        "target",
        "target_teks",
        "tipe_perhitungan",
        "sumber_baris",
    ],
    "realisasi_kinerja": [
        "dokumen_id",
        "kabupaten",
        "kecamatan",
        "tahun",
        "indikator",
        "kunci",
        "satuan",
        "target",
        "realisasi",
        "capaian_dilaporkan",
        "capaian",
        "sumber_baris",
    ],
    "skor": ["kabupaten", "kecamatan", "tahun", "jenis", "nilai", "kategori", "dokumen_id", "sumber_baris"],
    "komponen_skor": ["kabupaten", "kecamatan", "tahun", "jenis", "urutan", "komponen", "bobot", "nilai"],
    "anggaran": [
        "dokumen_id",
        "kabupaten",
        "kecamatan",
        "tahun",
        "tahap",
        "tingkat",
        "nama",
        "pagu",
        "realisasi",
        "sumber_dana",
        "sumber_baris",
    ],
}

# issue 13: computed columns stored in the views, each with its evidence (anywhere in the view)
REQUIRED_ISSUE_13 = {
    "realisasi_kinerja": [
        ("rumus_capaian", "VARCHAR"),
        ("sumber_rumus", "VARCHAR"),
        ("predikat", "VARCHAR"),
        ("predikat_hitung", "VARCHAR"),
        ("sumber_predikat", "VARCHAR"),
    ],
    "skor": [("predikat", "VARCHAR"), ("sumber_predikat", "VARCHAR"), ("nilai_skala", "DOUBLE")],
    "skor_observasi": [("predikat", "VARCHAR"), ("sumber_predikat", "VARCHAR")],
    "anggaran": [
        ("tahap", "VARCHAR"),
        ("sumber_tahap", "VARCHAR"),
        ("serapan", "DOUBLE"),
        ("masuk_jumlah_pagu", "BOOLEAN"),
        ("masuk_jumlah_realisasi", "BOOLEAN"),
    ],
    "anggaran_sasaran": [("serapan", "DOUBLE"), ("capaian", "DOUBLE"), ("rumus_capaian", "VARCHAR"), ("sumber_rumus", "VARCHAR")],
    "temuan": [("baris_slip", "VARCHAR")],  # every place of one slip, for pages to mark
    "anggaran_jumlah": [
        ("jumlah_tertulis", "DOUBLE"),
        ("jumlah_rinci", "DOUBLE"),
        ("jumlah_dipakai", "DOUBLE"),
        ("cocok", "BOOLEAN"),
        ("keterangan", "VARCHAR"),
    ],
}


def documented() -> dict[str, list[tuple[str, str]]]:
    views: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^### (\w+)\s*$", line):
            current = m.group(1)
            views[current] = []
        elif current and (m := re.match(r"^\| (\w+) \| (\w+) \|", line)) and m.group(1) != "column":
            views[current].append((m.group(1), m.group(2)))
    return views


def actual() -> dict[str, list[tuple[str, str]]]:
    con = duckdb.connect()
    con.execute(schema_sql())
    names = [r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()]
    return {v: [(r[0], r[1]) for r in con.execute(f"describe {v}").fetchall()] for v in names}


def test_every_view_is_documented_with_its_columns_in_order() -> None:
    assert documented() == actual()


def test_contract_columns_lead_each_view() -> None:
    views = actual()
    for view, cols in REQUIRED.items():
        assert [c for c, _ in views[view]][: len(cols)] == cols, view


def test_issue_13_columns_exist_with_their_types() -> None:
    views = actual()
    for view, cols in REQUIRED_ISSUE_13.items():
        assert set(cols) <= set(views[view]), view


def test_serapan_sql_form_matches_the_rule() -> None:
    con = duckdb.connect()
    con.execute(schema_sql())
    cases = [(200.0, 50.0), (0.0, 10.0), (None, 1.0), (100.0, None), (100.0, 0.0)]
    got = [con.execute("select serapan_persen(?::double, ?::double)", list(c)).fetchone()[0] for c in cases]  # type: ignore[index]
    assert got == [rules.serapan(p, r) for p, r in cases] == [25.0, None, None, None, 0.0]


def test_capaian_sql_form_matches_the_rule() -> None:
    con = duckdb.connect()
    con.execute(schema_sql())
    cases = [(t, r, f) for t in (0.0, 10.0, None) for r in (0.0, 8.0, 12.0, None) for f in rules.FORMULAS]
    for t, r, f in cases:
        got = con.execute("select capaian_persen(?::double, ?::double, ?)", [t, r, f]).fetchone()[0]  # type: ignore[index]
        want = rules.capaian(t, r, f)
        assert (got is None and want is None) or abs(got - want) < 1e-9, (t, r, f, got, want)


def test_numbers_are_numeric_columns() -> None:
    views = actual()
    for view, col in [("target_kinerja", "target"), ("realisasi_kinerja", "capaian"), ("skor", "nilai"), ("anggaran", "pagu")]:
        assert dict(views[view])[col] == "DOUBLE"


REGION_CODES = ["kode_provinsi", "kode_kabupaten", "kode_kecamatan", "kabupaten_label"]


def test_every_view_with_a_kabupaten_carries_the_region_codes() -> None:
    """Issue 16: Kabupaten Bogor and Kota Bogor share the name 'Bogor'; the codes tell them apart."""
    views = actual()
    with_kabupaten = {v for v, cols in views.items() if "kabupaten" in dict(cols)}
    assert len(with_kabupaten) >= 15
    for view in with_kabupaten:
        cols = dict(views[view])
        assert all(cols.get(c) == "VARCHAR" for c in REGION_CODES), (view, [c for c in REGION_CODES if c not in cols])


def test_label_sql_form_matches_the_reference_rule() -> None:
    from etl.reference import SQL_LABEL_KABUPATEN, label_kabupaten, wilayah

    body = rules.sql(SQL_LABEL_KABUPATEN, kode="kode", nama="nama")
    assert "CREATE OR REPLACE MACRO label_kabupaten(kode, nama) AS\n    " + body + ";" in schema_sql()
    con = duckdb.connect()
    con.execute(schema_sql())
    places = sorted({(k.kode_kabupaten, k.kabupaten, k.label_kabupaten) for k in wilayah().kecamatan})
    assert len(places) == 514
    sql = "select label_kabupaten(k, n) from (select unnest(?) as k, unnest(?) as n)"
    got = con.execute(sql, [[k for k, _, _ in places], [n for _, n, _ in places]]).fetchall()
    assert [g[0] for g in got] == [label_kabupaten(k, n) for k, n, _ in places] == [lab for _, _, lab in places]
    assert ("32.01", "Bogor", "Kab. Bogor") in places and ("32.71", "Bogor", "Kota Bogor") in places
    assert con.execute("select label_kabupaten(null, 'x'), label_kabupaten('33.02', null)").fetchone() == ("x", None)
