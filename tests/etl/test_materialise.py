"""The mat_* tables (etl/materialise.py) give the views exactly what the views computed before them.

Reference: the definitions of the views before materialisation (issue 16), kept below verbatim as
temporary views ``lama_<view>`` over the core tables. After every kind of write — the seeds
loaded, the same documents loaded in another order, a document replaced by a new version, the
same bytes read again by a newer parser, documents of one kecamatan that change each other's
winners (PK and PK Perubahan of one year, a report's history table) — every view holds the same
rows as its reference, and ``rebuild_all`` gives the same mat tables as the incremental path."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

import queries
from etl import materialise
from etl.extract import extract_file
from etl.load import DeferredRefresh, connect, load_document, schema_sql
from etl.model import Dokumen
from tests.conftest import SEEDS
from tests.etl.test_anggaran_pilihan import LAMA_PROGRAM

# The public views as etl/schema.sql defined them before the mat tables (commit f67b142).
LAMA = r"""
CREATE OR REPLACE TEMP VIEW lama_target_kinerja AS
SELECT t.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, t.unit_kerja, t.tingkat, t.sasaran,
       t.indikator, t.kunci, t.satuan, t.target, t.target_teks, t.tipe_perhitungan,
       t.sumber_baris, t.jenis_pk, t.bagian, t.predikat_target, t.formulasi, t.sumber_data,
       t.polaritas, t.urutan, b.cara_baca, b.halaman AS sumber_halaman, d.perangkat_daerah,
       kunci_indikator(t.kunci, t.indikator) AS kunci_indikator,
       CASE WHEN t.jenis_pk IN ('PK', 'PK_PERUBAHAN') THEN
           t.jenis_pk = 'PK_PERUBAHAN' OR NOT bool_or(t.jenis_pk = 'PK_PERUBAHAN') OVER (
               PARTITION BY d.kode_kabupaten, d.kabupaten, d.kecamatan, d.perangkat_daerah, d.tahun, t.unit_kerja,
                            kunci_indikator(t.kunci, t.indikator)
           )
       END AS berlaku,
       k.koreksi_target AS target_koreksi, k.alasan_koreksi, k.dikoreksi_oleh, k.dikoreksi_pada,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_target t JOIN core_dokumen d USING (dokumen_id)
LEFT JOIN core_baris b ON b.dokumen_id = t.dokumen_id AND b.baris = t.sumber_baris
LEFT JOIN koreksi_terakhir('target_kinerja') k ON k.k_dokumen_id = t.dokumen_id AND k.k_urutan = t.urutan
WHERE t.bagian <> 'penjelasan';

CREATE OR REPLACE TEMP VIEW lama_realisasi_kinerja AS
SELECT r.dokumen_id, d.kabupaten, d.kecamatan, r.tahun, r.indikator, r.kunci, r.satuan,
       r.target, r.realisasi, r.capaian_dilaporkan, r.capaian, r.sumber_baris, r.unit_kerja,
       r.sasaran, r.target_teks, r.realisasi_teks, r.capaian_teks, r.rumus_capaian,
       r.rumus_terdeteksi, r.predikat, r.kategori_dilaporkan, r.target_akhir, r.riwayat,
       r.bagian, r.urutan, b.cara_baca, b.halaman AS sumber_halaman, d.perangkat_daerah,
       r.sumber_rumus, r.predikat_hitung, r.sumber_predikat,
       kunci_indikator(r.kunci, r.indikator) AS kunci_indikator,
       k.koreksi_realisasi AS realisasi_koreksi,
       CASE WHEN k.koreksi_realisasi IS NOT NULL THEN capaian_persen(r.target, k.koreksi_realisasi, r.rumus_capaian) END
           AS capaian_koreksi,
       k.alasan_koreksi, k.dikoreksi_oleh, k.dikoreksi_pada,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_realisasi r JOIN core_dokumen d USING (dokumen_id)
LEFT JOIN core_baris b ON b.dokumen_id = r.dokumen_id AND b.baris = r.sumber_baris
LEFT JOIN koreksi_terakhir('realisasi_kinerja') k ON k.k_dokumen_id = r.dokumen_id AND k.k_urutan = r.urutan;

CREATE OR REPLACE TEMP VIEW lama_skor_observasi AS
SELECT d.kabupaten, d.kecamatan, s.tahun, s.jenis, s.nilai, s.kategori, s.dokumen_id,
       s.sumber_baris, s.nilai_teks, s.kategori_dilaporkan, s.sumber,
       d.tahun AS tahun_dokumen, d.jenis AS jenis_dokumen, d.dimuat_pada, b.cara_baca,
       b.halaman AS sumber_halaman, d.perangkat_daerah, s.predikat, s.sumber_predikat,
       nilai_skala(s.jenis, s.nilai) AS nilai_skala,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_skor s JOIN core_dokumen d USING (dokumen_id)
LEFT JOIN core_baris b ON b.dokumen_id = s.dokumen_id AND b.baris = s.sumber_baris;

CREATE OR REPLACE TEMP VIEW lama_skor AS
SELECT p.kabupaten, p.kecamatan, p.tahun, p.jenis, p.nilai, p.kategori, p.dokumen_id, p.sumber_baris,
       p.nilai_teks, p.kategori_dilaporkan, p.sumber, p.jumlah_observasi, p.cara_baca, p.sumber_halaman,
       p.perangkat_daerah, p.predikat, p.sumber_predikat, p.nilai_skala,
       k.koreksi_nilai AS nilai_koreksi, k.alasan_koreksi, k.dikoreksi_oleh, k.dikoreksi_pada,
       p.kode_provinsi, p.kode_kabupaten, p.kode_kecamatan, p.kabupaten_label
FROM (
    SELECT o.*,
           count(*) OVER w_all AS jumlah_observasi,
           row_number() OVER (
               PARTITION BY kode_kabupaten, kabupaten, kecamatan, perangkat_daerah, tahun, jenis
               ORDER BY (tahun_dokumen = tahun) DESC,
                        CASE sumber WHEN 'realisasi' THEN 0 WHEN 'komponen' THEN 1 ELSE 2 END,
                        tahun_dokumen DESC, dimuat_pada DESC, sumber_baris
           ) AS pilihan
    FROM lama_skor_observasi o
    WINDOW w_all AS (PARTITION BY kode_kabupaten, kabupaten, kecamatan, perangkat_daerah, tahun, jenis)
) p
LEFT JOIN koreksi_terakhir('skor') k ON k.k_dokumen_id = p.dokumen_id AND k.k_tahun = p.tahun AND k.k_jenis = p.jenis
WHERE p.pilihan = 1;

CREATE OR REPLACE TEMP VIEW lama_komponen_skor AS
SELECT kabupaten, kecamatan, tahun, jenis, urutan, komponen, bobot, nilai, induk, peran,
       komponen_dokumen, nilai_teks, mutu_dilaporkan, dokumen_id, sumber_baris, cara_baca,
       sumber_halaman, perangkat_daerah, kode_provinsi, kode_kabupaten, kode_kecamatan, kabupaten_label
FROM (
    SELECT d.kabupaten, d.kecamatan, d.perangkat_daerah, k.*, b.cara_baca, b.halaman AS sumber_halaman,
           d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan, label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label,
           dense_rank() OVER (
               PARTITION BY d.kode_kabupaten, d.kabupaten, d.kecamatan, d.perangkat_daerah, k.tahun, k.jenis
               ORDER BY (d.tahun = k.tahun) DESC, d.tahun DESC, d.dimuat_pada DESC, k.dokumen_id
           ) AS pilihan
    FROM core_komponen k JOIN core_dokumen d USING (dokumen_id)
    LEFT JOIN core_baris b ON b.dokumen_id = k.dokumen_id AND b.baris = k.sumber_baris
    WHERE k.peran IN ('komponen', 'sub')
)
WHERE pilihan = 1;

-- anggaran as before, plus tabel_dipakai (the choice queries/anggaran_*.sql each made with their own
-- window): here the first table of each kecamatan, year and unit kerja over windows of the lines
CREATE OR REPLACE TEMP VIEW lama_anggaran AS
SELECT * EXCLUDE (tabel, dimuat_pada, t_realisasi, t_perubahan, t_pkp),
       struct_pack(dokumen_id, tabel) = first(struct_pack(dokumen_id, tabel)) OVER (
           PARTITION BY kode_kecamatan, tahun, unit_kerja,
                        CASE WHEN kode_kecamatan IS NULL THEN [kode_kabupaten, kabupaten, kecamatan, perangkat_daerah] END
           ORDER BY t_realisasi DESC, t_perubahan DESC, t_pkp DESC, dimuat_pada DESC, tabel, dokumen_id
           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
       ) AS tabel_dipakai
FROM (
    SELECT *,
           bool_or(realisasi IS NOT NULL) OVER t AS t_realisasi,
           bool_or(tahap = 'perubahan') OVER t AS t_perubahan,
           bool_or(coalesce(jenis_pk, '') = 'PK_PERUBAHAN') OVER t AS t_pkp
    FROM (
    SELECT a.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, a.tahap, a.tingkat, a.nama, a.pagu,
           a.realisasi, a.sumber_dana, a.sumber_baris, a.unit_kerja, a.jenis_pk, a.bagian,
           a.pagu_teks, a.realisasi_teks, a.persen_dilaporkan, a.persen_teks, a.urutan,
           a.induk_urutan, b.cara_baca, b.halaman AS sumber_halaman, d.perangkat_daerah,
           serapan_persen(a.pagu, a.realisasi) AS serapan, a.sumber_tahap, a.masuk_jumlah_pagu,
           a.masuk_jumlah_realisasi,
           k.koreksi_pagu AS pagu_koreksi, k.koreksi_realisasi AS realisasi_koreksi,
           CASE WHEN k.koreksi_pagu IS NOT NULL OR k.koreksi_realisasi IS NOT NULL THEN
               serapan_persen(coalesce(k.koreksi_pagu, a.pagu), coalesce(k.koreksi_realisasi, a.realisasi))
           END AS serapan_koreksi,
           k.alasan_koreksi, k.dikoreksi_oleh, k.dikoreksi_pada,
           d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
           label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label,
           coalesce(a.bagian, '') || '/' || a.tahap || '/' || coalesce(a.jenis_pk, '') AS tabel, d.dimuat_pada
    FROM core_anggaran a JOIN core_dokumen d USING (dokumen_id)
    LEFT JOIN core_baris b ON b.dokumen_id = a.dokumen_id AND b.baris = a.sumber_baris
    LEFT JOIN koreksi_terakhir('anggaran') k ON k.k_dokumen_id = a.dokumen_id AND k.k_urutan = a.urutan
    WHERE a.peran = 'baris'
    )
    WINDOW t AS (PARTITION BY dokumen_id, unit_kerja, tabel)
);

CREATE OR REPLACE TEMP VIEW lama_anggaran_sasaran AS
SELECT a.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, a.sasaran, a.indikator, a.kunci,
       a.target, a.realisasi_kinerja, a.capaian_dilaporkan, a.pagu, a.realisasi,
       a.serapan_dilaporkan, a.efisiensi_dilaporkan, a.keterangan, a.bagian, a.sumber_baris,
       a.urutan, b.cara_baca, b.halaman AS sumber_halaman, d.perangkat_daerah,
       serapan_persen(a.pagu, a.realisasi) AS serapan,
       capaian_persen(a.target, a.realisasi_kinerja, a.rumus_capaian) AS capaian, a.rumus_capaian,
       a.sumber_rumus,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_anggaran_sasaran a JOIN core_dokumen d USING (dokumen_id)
LEFT JOIN core_baris b ON b.dokumen_id = a.dokumen_id AND b.baris = a.sumber_baris;

CREATE OR REPLACE TEMP VIEW lama_anggaran_jumlah AS
SELECT j.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, j.bagian, j.unit_kerja, j.jenis_pk, j.tahap,
       j.ukuran, j.jumlah_tertulis, j.jumlah_tertulis_teks, j.asal_jumlah, j.jumlah_rinci,
       j.jumlah_dipakai, j.cocok, j.jumlah_beda, j.baris_beda, j.keterangan, j.baris_awal,
       j.sumber_baris, j.urutan, b.halaman AS sumber_halaman, d.perangkat_daerah, j.baris_salah,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_anggaran_jumlah j JOIN core_dokumen d USING (dokumen_id)
LEFT JOIN core_baris b ON b.dokumen_id = j.dokumen_id AND b.baris = j.sumber_baris;

CREATE OR REPLACE TEMP VIEW lama_realisasi_triwulan AS
SELECT r.dokumen_id, d.kabupaten, d.kecamatan, r.tahun, r.triwulan, r.tingkat, r.nama, r.indikator,
       r.kinerja, r.kinerja_teks, r.realisasi_rp, r.realisasi_rp_teks, b.halaman AS sumber_halaman,
       r.sumber_baris, r.tingkat_pasti, r.urutan, r.induk_urutan, b.cara_baca, d.provinsi,
       d.perangkat_daerah,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_realisasi_triwulan r JOIN core_dokumen d USING (dokumen_id)
LEFT JOIN core_baris b ON b.dokumen_id = r.dokumen_id AND b.baris = r.sumber_baris;

CREATE OR REPLACE TEMP VIEW lama_catatan_muat AS
SELECT c.dokumen_id, d.nama_file, d.kecamatan, d.tahun, c.baris, c.tingkat, c.pesan,
       d.perangkat_daerah, d.kabupaten, b.halaman,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_catatan c JOIN core_dokumen d USING (dokumen_id)
LEFT JOIN core_baris b ON b.dokumen_id = c.dokumen_id AND b.baris = c.baris;

CREATE OR REPLACE TEMP VIEW lama_temuan AS
SELECT f.*, s.status AS status_reviu, s.catatan AS catatan_reviu, s.oleh AS status_oleh, s.pada AS status_pada
FROM (
    SELECT t.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, t.kode, t.tingkat, t.pesan,
           t.nilai_tertulis, t.nilai_hitung, t.sumber_baris, t.kategori, t.kunci, t.angka_tertulis,
           t.angka_hitung, t.rumus, t.baris_terkait, t.dokumen_pembanding, t.baris_pembanding,
           t.lingkup, t.urutan, d.nama_file, d.jenis AS jenis_dokumen, b.halaman AS sumber_halaman,
           d.perangkat_daerah, coalesce(t.baris_slip, CAST(t.sumber_baris AS VARCHAR)) AS baris_slip,
           substr(md5(t.dokumen_id || '|' || t.lingkup || '|' || t.kode || '|' || coalesce(t.kunci, '') || '|'
                      || coalesce(CAST(t.sumber_baris AS VARCHAR), '') || '|' || coalesce(t.dokumen_pembanding, '')
                      || '|' || coalesce(t.nilai_tertulis, '')), 1, 16) AS temuan_id,
           d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
           label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
    FROM core_temuan t JOIN core_dokumen d USING (dokumen_id)
    LEFT JOIN core_baris b ON b.dokumen_id = t.dokumen_id AND b.baris = t.sumber_baris
) f
LEFT JOIN (
    SELECT temuan_id, arg_max(status, id) AS status, arg_max(catatan, id) AS catatan,
           arg_max(username, id) AS oleh, arg_max(waktu, id) AS pada
    FROM alur_status_temuan GROUP BY temuan_id
) s USING (temuan_id);
"""
# queries/wilayah.sql before it read mat_wilayah (the sidebar's regions, from the core tables)
LAMA_WILAYAH = """
-- Every kecamatan and year with any data: the options of the shared filters. Every page runs it,
-- so it reads the core tables of documents and scores and the two columns of realisasi it needs,
-- never the public views (issue 16: 11 s on the views at national scale). A year counts where a
-- document is of it or states a score or realisasi of it (an earlier year's history table): the
-- years the views skor, target_kinerja, realisasi_kinerja and anggaran hold for the kecamatan.
-- Regions by Kemendagri code: Kab. Bogor and Kota Bogor are two kabupaten_label of one name.
with docs as (
    select
        dokumen_id, provinsi,
        coalesce(left(kode_kecamatan, 5), kode_kabupaten) as kode_kabupaten,  -- a kecamatan code holds its own
        kabupaten, kode_kecamatan, kecamatan, tahun
    from core_dokumen
    where kecamatan is not null  -- the filters list kecamatan; other perangkat daerah are benchmarks
),

years as (
    select dokumen_id, tahun from docs
    union select dokumen_id, tahun from core_skor
    union select dokumen_id, tahun from core_realisasi
),

final as (
    select distinct
        d.provinsi, d.kode_kabupaten, d.kabupaten, label_kabupaten(d.kode_kabupaten, d.kabupaten) as kabupaten_label,
        d.kabupaten as nama_kabupaten,  -- the bare name (the dashboard shows `kabupaten` as the label)
        d.kode_kecamatan, d.kecamatan, y.tahun
    from years as y
    join docs as d using (dokumen_id)
)

select * from final order by provinsi, nama_kabupaten, kabupaten_label, kecamatan, tahun
"""
# sums of DOUBLE amounts differ in their last bits with the order the rows are added in (a parallel
# aggregate's too): compared to the sen (and serapan to 1e-9 %), the same facts
SEN = (
    "SELECT * REPLACE (round(pagu, 2) AS pagu, round(realisasi, 2) AS realisasi, round(pagu_rinci, 2) AS pagu_rinci,"
    " round(realisasi_rinci, 2) AS realisasi_rinci, round(serapan, 9) AS serapan) FROM ({q})"
)
# tables read through a query of their own rather than a view of the same name: (reference, its
# parameters, the form both are compared in)
BY_QUERY = {
    "wilayah": (LAMA_WILAYAH, {}, "{q}"),
    "anggaran_program": (LAMA_PROGRAM, {"tahun": []}, SEN),  # its rows before mat_anggaran_program
}
VIEWS = [v for v, _ in materialise.MAT if v not in BY_QUERY]


def differences(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, int]]:
    """Per view that differs from its reference: (rows in the view, rows only in the view, rows only
    in the reference). Rows compared as multisets (EXCEPT ALL treats NULLs as equal)."""
    con.execute(LAMA)
    out = {}
    for v in VIEWS:
        n = con.execute(f"SELECT count(*) FROM {v}").fetchone()
        extra = con.execute(f"SELECT count(*) FROM (SELECT * FROM {v} EXCEPT ALL SELECT * FROM lama_{v})").fetchone()
        missing = con.execute(f"SELECT count(*) FROM (SELECT * FROM lama_{v} EXCEPT ALL SELECT * FROM {v})").fetchone()
        assert n is not None and extra is not None and missing is not None
        if extra[0] or missing[0]:
            out[v] = (n[0], extra[0], missing[0])
    every = [
        r[0] for r in con.execute("SELECT DISTINCT kode_kecamatan FROM core_dokumen WHERE kode_kecamatan IS NOT NULL").fetchall()
    ]
    for name, (reference, params, form) in BY_QUERY.items():
        new, old = form.format(q=queries.load_sql(name)), form.format(q=reference)
        bound = {**params, "wilayah": every} if "$wilayah" in new else params
        n = con.execute(f"SELECT count(*) FROM ({new})", bound).fetchone()
        extra = con.execute(f"SELECT count(*) FROM (SELECT * FROM ({new}) EXCEPT ALL SELECT * FROM ({old}))", bound).fetchone()
        missing = con.execute(f"SELECT count(*) FROM (SELECT * FROM ({old}) EXCEPT ALL SELECT * FROM ({new}))", bound).fetchone()
        assert n is not None and extra is not None and missing is not None
        if extra[0] or missing[0] or not n[0]:
            out[name] = (n[0], extra[0], missing[0])
    return out


def mat_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in materialise.TABLES}


def relabelled(doc: Dokumen, like: Dokumen, salt: str, tahun: int | None = None) -> Dokumen:
    """``doc`` as if it were a document of ``like``'s kecamatan (another file, new bytes)."""
    d = copy.deepcopy(doc)
    d.kecamatan, d.kabupaten, d.provinsi, d.kode_kecamatan = like.kecamatan, like.kabupaten, like.provinsi, like.kode_kecamatan
    d.kode_kabupaten, d.kode_provinsi, d.perangkat_daerah = like.kode_kabupaten, like.kode_provinsi, like.perangkat_daerah
    if tahun is not None:
        d.tahun = tahun
    d.sha256 = hashlib.sha256(salt.encode()).hexdigest()
    d.nama_file = f"{salt}.txt"
    return d


@pytest.fixture(scope="module")
def seeds() -> dict[str, Dokumen]:
    return {name: extract_file(path) for name, path in SEEDS.items()}


@pytest.fixture(scope="module")
def mixed(seeds: dict[str, Dokumen]) -> list[Dokumen]:
    """The seeds plus documents of one kecamatan that decide each other's winners: Somagede's PK
    2024, a PK Perubahan 2024 (the Mangkutana layout) and an LKjIP 2024 (Kertanegara's, with its
    history table of earlier years' scores) of Somagede, and the LKjIP again for 2025."""
    s = seeds["somagede"]
    return [
        *seeds.values(),
        relabelled(seeds["mangkutana"], s, "uji-pkp-2024"),
        relabelled(seeds["kertanegara"], s, "uji-lkjip-2024"),
        relabelled(seeds["kertanegara"], s, "uji-lkjip-2025", tahun=2025),
    ]


def _load(path: Path, docs: list[Dokumen]) -> duckdb.DuckDBPyConnection:
    con = connect(path)
    for d in docs:
        load_document(con, copy.deepcopy(d))
    return con


def test_seeds_loaded_give_the_reference_rows(tmp_path: Path, seeds: dict[str, Dokumen]) -> None:
    con = _load(tmp_path / "a.duckdb", list(seeds.values()))
    assert differences(con) == {}
    for v in ("target_kinerja", "realisasi_kinerja", "skor", "komponen_skor", "anggaran", "temuan"):
        assert con.execute(f"SELECT count(*) > 0 FROM {v}").fetchall() == [(True,)], v  # something compared


@pytest.mark.parametrize("order", ["as_listed", "reversed", "interleaved"])
def test_any_load_order_gives_the_reference_rows(tmp_path: Path, mixed: list[Dokumen], order: str) -> None:
    docs = {"as_listed": mixed, "reversed": mixed[::-1], "interleaved": mixed[1::2] + mixed[::2]}[order]
    con = _load(tmp_path / "b.duckdb", docs)
    assert differences(con) == {}
    # the PK Perubahan is the version in force for Somagede 2024: the PK's rows are not
    got = con.execute(
        "SELECT jenis_pk, bool_and(berlaku) FROM target_kinerja WHERE kecamatan = 'Somagede' AND tahun = 2024"
        " AND jenis_pk IS NOT NULL GROUP BY jenis_pk ORDER BY jenis_pk"
    ).fetchall()
    assert got == [("PK", False), ("PK_PERUBAHAN", True)]


def test_rebuild_all_gives_what_the_loads_gave(tmp_path: Path, mixed: list[Dokumen]) -> None:
    con = _load(tmp_path / "c.duckdb", mixed)
    incremental = mat_rows(con)
    materialise.rebuild_all(con, schema_sql())
    assert mat_rows(con) == incremental
    assert differences(con) == {}


def test_replaced_and_reread_documents_give_the_reference_rows(tmp_path: Path, mixed: list[Dokumen]) -> None:
    con = _load(tmp_path / "d.duckdb", mixed)
    # a new version of the LKjIP 2024 of Somagede: other bytes, another score; it replaces the old one
    newer = copy.deepcopy(mixed[5])
    newer.sha256 = hashlib.sha256(b"uji-lkjip-2024-v2").hexdigest()
    newer.nama_file = "uji-lkjip-2024-v2.txt"
    newer.skor[0].nilai += 1.5
    result = load_document(con, newer)
    assert result.status == "diganti"
    assert differences(con) == {}
    assert con.execute(
        "SELECT count(*) FROM mat_skor_observasi WHERE list_contains(?, dokumen_id)", [result.replaced]
    ).fetchone() == (0,)
    # the same bytes read again by a newer parser: every row replaced under the same dokumen_id
    did = load_document(con, copy.deepcopy(mixed[0])).dokumen_id
    con.execute("UPDATE core_dokumen SET versi_parser = 'lama' WHERE dokumen_id = ?", [did])
    assert load_document(con, copy.deepcopy(mixed[0])).status == "diganti"
    assert differences(con) == {}
    # the same bytes and parser again: only the review is rewritten
    assert load_document(con, copy.deepcopy(mixed[4])).status == "tidak_berubah"
    assert differences(con) == {}
    incremental = mat_rows(con)
    materialise.rebuild_all(con, schema_sql())
    assert mat_rows(con) == incremental


@pytest.mark.parametrize("every", [1, 3, 100])
def test_a_deferred_refresh_flushed_at_any_point_gives_what_each_load_gave(
    tmp_path: Path, mixed: list[Dokumen], every: int
) -> None:
    """The one writer of `etl load` refreshes the mat tables of all documents since the last
    publication at once (DeferredRefresh): flushed after every document, every third or only at
    the end, with a replacement, a re-read and an unchanged reload among them, the mat tables
    are those of loads that each refreshed their own."""
    newer = copy.deepcopy(mixed[5])
    newer.sha256 = hashlib.sha256(b"uji-lkjip-2024-v2").hexdigest()
    newer.nama_file = "uji-lkjip-2024-v2.txt"
    newer.skor[0].nilai += 1.5
    # and a kecamatan whose kabupaten has no code (a name outside the reference)
    nameless = copy.deepcopy(mixed[1])
    nameless.sha256 = hashlib.sha256(b"uji-tanpa-kode").hexdigest()
    nameless.nama_file, nameless.kabupaten, nameless.kecamatan = "uji-tanpa-kode.txt", "Tanpa Kode", "Tanpa Kode"
    nameless.kode_kabupaten = nameless.kode_kecamatan = nameless.kode_provinsi = None
    sequence = [*mixed, newer, mixed[4], mixed[0], nameless]
    immediate = _load(tmp_path / "immediate.duckdb", sequence)
    con = connect(tmp_path / "deferred.duckdb")
    deferred = DeferredRefresh()
    for k, d in enumerate(sequence, start=1):
        load_document(con, copy.deepcopy(d), deferred=deferred)
        if k % every == 0:
            deferred.flush(con)
    if every == 100:  # nothing flushed yet: the views still lag (what a publication must not show)
        assert con.execute("SELECT count(*) FROM mat_skor").fetchone() == (0,)
    deferred.flush(con)
    assert not deferred
    # the two databases loaded the documents at other moments: dimuat_pada is not compared
    assert _timeless(mat_rows(con)) == _timeless(mat_rows(immediate))
    assert differences(con) == {}
    assert con.execute("SELECT count(*) > 0 FROM mat_anggaran_program WHERE kode_kabupaten IS NULL").fetchone() == (True,)


def test_an_unchanged_reload_deferred_refreshes_its_places_findings(tmp_path: Path, seeds: dict[str, Dokumen]) -> None:
    """Same bytes, same parser: the review is written again, and the deferred flush refreshes the
    place's findings (only those) as the per-document path does."""
    docs = list(seeds.values())
    con = _load(tmp_path / "r.duckdb", docs)
    before = mat_rows(con)["mat_temuan"]
    did = docs[0].dokumen_id
    assert con.execute("SELECT count(*) > 0 FROM mat_temuan WHERE dokumen_id = ?", [did]).fetchone() == (True,)
    con.execute("DELETE FROM mat_temuan WHERE dokumen_id = ?", [did])  # stale, as a flush must mend
    deferred = DeferredRefresh()
    assert load_document(con, copy.deepcopy(docs[0]), deferred=deferred).status == "tidak_berubah"
    assert deferred.reviewed and not deferred.changed
    deferred.flush(con)
    assert mat_rows(con)["mat_temuan"] == before
    assert differences(con) == {}


def _timeless(tables: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    return {
        t: sorted((tuple(None if isinstance(v, dt.datetime) else v for v in r) for r in rows), key=repr)
        for t, rows in tables.items()
    }


def test_a_correction_and_a_finding_status_show_at_once(tmp_path: Path, seeds: dict[str, Dokumen]) -> None:
    con = _load(tmp_path / "e.duckdb", list(seeds.values()))
    did, urutan = con.execute("SELECT dokumen_id, urutan FROM target_kinerja ORDER BY dokumen_id, urutan LIMIT 1").fetchone() or (
        "",
        0,
    )
    s_did, s_tahun, s_jenis = con.execute("SELECT dokumen_id, tahun, jenis FROM skor ORDER BY ALL LIMIT 1").fetchone() or (
        "",
        0,
        "",
    )
    a_did, a_urutan = con.execute("SELECT dokumen_id, urutan FROM anggaran ORDER BY ALL LIMIT 1").fetchone() or ("", 0)
    (temuan_id,) = con.execute("SELECT temuan_id FROM temuan ORDER BY ALL LIMIT 1").fetchone() or ("",)
    con.execute(
        "INSERT INTO alur_koreksi VALUES (1, now(), 'v', ?, 'target_kinerja', ?, NULL, NULL, 'target', 7.5, '7,5', 'uji'),"
        " (2, now(), 'v', ?, 'skor', NULL, ?, ?, 'nilai', 66.0, '66', 'uji'),"
        " (3, now(), 'v', ?, 'anggaran', ?, NULL, NULL, 'pagu', 1000.0, '1.000', 'uji')",
        [did, urutan, s_did, s_tahun, s_jenis, a_did, a_urutan],
    )
    con.execute("INSERT INTO alur_status_temuan VALUES (1, now(), 'i', ?, 'dikonfirmasi', 'uji')", [temuan_id])
    q = "SELECT target_koreksi, alasan_koreksi FROM target_kinerja WHERE dokumen_id = ? AND urutan = ?"
    assert con.execute(q, [did, urutan]).fetchall() == [(7.5, "uji")]
    q = "SELECT nilai_koreksi FROM skor WHERE dokumen_id = ? AND tahun = ? AND jenis = ?"
    assert con.execute(q, [s_did, s_tahun, s_jenis]).fetchall() == [(66.0,)]
    q = "SELECT pagu_koreksi, serapan_koreksi IS NOT DISTINCT FROM serapan_persen(1000.0, realisasi) FROM anggaran WHERE dokumen_id = ? AND urutan = ?"
    assert con.execute(q, [a_did, a_urutan]).fetchall() == [(1000.0, True)]
    assert con.execute("SELECT status_reviu FROM temuan WHERE temuan_id = ?", [temuan_id]).fetchall() == [("dikonfirmasi",)]
    assert differences(con) == {}


def test_a_database_of_an_earlier_version_is_built_on_the_first_writing_connect(
    tmp_path: Path, seeds: dict[str, Dokumen]
) -> None:
    path = tmp_path / "f.duckdb"
    _load(path, list(seeds.values())).close()
    reference = duckdb.connect(str(path), read_only=True)
    want = mat_rows(reference)
    reference.close()
    old = tmp_path / "old.duckdb"
    shutil.copyfile(path, old)
    con = duckdb.connect(str(old))
    # as an earlier version left it: no mat tables, the views computing from the core tables
    con.execute(LAMA.replace("TEMP VIEW lama_", "VIEW ").replace("lama_", ""))
    for table in (*materialise.TABLES, "mat_versi"):
        con.execute(f"DROP TABLE {table}")
    con.close()
    con = connect(old)
    assert mat_rows(con) == want
    assert differences(con) == {}
    # mat tables of another schema (other columns): dropped and built again
    con.execute("DROP VIEW skor")
    con.execute("DROP TABLE mat_skor")
    con.execute("CREATE TABLE mat_skor AS SELECT kabupaten, kecamatan, tahun FROM mat_skor_observasi")
    con.execute("CREATE VIEW skor AS SELECT * FROM mat_skor")
    con.execute("UPDATE mat_versi SET versi = 'lain'")
    con.close()
    con = connect(old)
    assert mat_rows(con) == want
    assert materialise.built_version(con) == materialise.version(schema_sql())


def test_line_runs_match_the_sql_form(tmp_path: Path, seeds: dict[str, Dokumen]) -> None:
    """etl.materialise.runs (the load) and hitung_halaman (the rebuild) agree on pages, gaps and ways
    of reading that change within a document."""
    doc = copy.deepcopy(seeds["ajibarang"])
    for i, ln in enumerate(doc.lines):
        ln.halaman = 1 + i // 7
        ln.cara_baca = "ocr" if i % 11 in (3, 4) else "teks"
    doc.lines = [ln for i, ln in enumerate(doc.lines) if i % 13 != 5]  # gaps in the numbering
    con = duckdb.connect()
    con.execute(schema_sql())
    con.execute("CREATE TABLE b AS SELECT * FROM core_baris")
    for ln in doc.lines:
        con.execute("INSERT INTO core_baris VALUES ('x', ?, ?, ?, ?, 1)", [ln.no, ln.halaman, ln.cara_baca, ln.text])
    sql = sorted(con.execute("SELECT * FROM hitung_halaman(NULL)").fetchall())
    py = sorted(tuple(r.values()) for r in materialise.runs("x", doc.lines))
    assert sql == py
    assert len(py) > 20
