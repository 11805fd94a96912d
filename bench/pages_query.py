"""Every query the pages run, timed at one kabupaten and at all of Indonesia, and six questions
answered three ways (the project's queries, pandas over Parquet, hand-written DuckDB SQL on the core
tables) with the three answers checked equal.

    .venv/bin/python bench/pages_query.py --db /work/bench-data/nasional.duckdb [--runs 20] [--budget 60]

Part 1 lists (page, queries/*.sql, parameters) as dashboard/app_pages/*.py and dashboard/filters.py
pass them, for two selections: one kabupaten/kota (the name with the most kecamatan, latest year;
per-kecamatan queries on its first kecamatan) and all of Indonesia (no filter: every kecamatan
loaded, the sidebar's default). Each query runs once to warm up, then --runs times on one read-only
connection (warm DuckDB buffers), or until --budget seconds are spent on it (the number of runs is
printed). "fresh ms" is one run the way the dashboard runs an uncached query: a new in-memory
DuckDB attaching the file read-only (`queries.connect_read_only`), the query, close.

Part 2 answers six questions of issue 16 (and the sidebar's region list) three ways, warm, and
asserts the answers equal (rows sorted, floats rounded to 3 decimals). pandas reads a Parquet
export of the core tables (written once next to the database, loaded once, merged with the
document table once and kept: what a pandas dashboard would cache).
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import queries  # noqa: E402

# ------------------------------------------------------------------------------------------------
# selections


@dataclass(frozen=True)
class Scope:
    name: str
    wilayah: list[str]  # kode_kecamatan in scope (the sidebar's keys)
    kabupaten: list[str]
    tahun: int


@dataclass(frozen=True)
class One:
    """One kecamatan-year (Profil, Triwulan detail, Reviu Data context)."""

    kabupaten: str
    kecamatan: str
    tahun: int
    kode_kecamatan: str
    dokumen_id: str
    baris: list[int]
    temuan_dokumen: str
    dari: int
    sampai: int


def selections(con: duckdb.DuckDBPyConnection) -> tuple[Scope, Scope, One]:
    w = queries.run(con, "wilayah")
    keys = sorted(set(w["kode_kecamatan"].drop_nulls().to_list()))
    tahun = int(w["tahun"].max())  # type: ignore[arg-type]
    # one kabupaten/kota as the sidebar selects it (one Kemendagri code, issue 16 item 5): the one
    # with the most kecamatan. Runs before 2026-12-03 took Kabupaten and Kota of one name together
    # (e.g. "Bandung", codes 32.04–32.73), which the sidebar no longer offers.
    counts = w.group_by("kode_kabupaten").agg(pl.col("kode_kecamatan").n_unique().alias("n"))
    kode_kab = counts.sort(["n", "kode_kabupaten"], descending=[True, False])["kode_kabupaten"][0]
    kab_rows = w.filter(pl.col("kode_kabupaten") == kode_kab).sort("kode_kecamatan")
    kab = str(kab_rows["kabupaten_label"][0])
    kab_keys = sorted(set(kab_rows["kode_kecamatan"].to_list()))
    kode, kec = kab_rows["kode_kecamatan"][0], kab_rows["kecamatan"][0]
    did, lines = con.execute(
        "SELECT d.dokumen_id, list(DISTINCT r.sumber_baris ORDER BY r.sumber_baris) FROM core_dokumen d"
        " JOIN core_realisasi r USING (dokumen_id) WHERE d.kode_kecamatan = ? AND d.tahun = ? GROUP BY 1",
        [kode, tahun],
    ).fetchall()[0]
    t = con.execute(
        "SELECT t.dokumen_id, t.sumber_baris FROM core_temuan t JOIN core_dokumen d USING (dokumen_id)"
        " WHERE d.kode_kabupaten = ? AND t.sumber_baris IS NOT NULL ORDER BY d.kecamatan, d.tahun DESC, t.urutan LIMIT 1",
        [kode_kab],
    ).fetchall()[0]
    one = One(kab, kec, tahun, kode, did, [int(x) for x in lines], t[0], max(1, int(t[1]) - 3), int(t[1]) + 3)
    all_kab = sorted(set(w["kode_kabupaten"].drop_nulls().to_list()))  # $kabupaten of the queries: codes
    return Scope(kab, kab_keys, [kode_kab], tahun), Scope("Indonesia", keys, all_kab, tahun), one


def page_queries(con: duckdb.DuckDBPyConnection, s: Scope, one: One, national: bool) -> list[tuple[str, str, dict[str, Any]]]:
    """(pages, query, parameters) as the pages pass them with their default widgets (the sidebar's
    latest year; Reviu Data on that year, every check and level, the first page of the list);
    per-kecamatan ones only once (national=False)."""
    w, t = s.wilayah, s.tahun
    # Reviu Data's selection (dashboard/app_pages/reviu_data.py `pilihan`)
    reviu = {"wilayah": w, "tahun": [t], "kode": [], "tingkat": [], "terverifikasi": False}
    out: list[tuple[str, str, dict[str, Any]]] = [
        ("sidebar (every page), Profil", "wilayah", {}),
        ("Ringkasan, Tren, Peringkat", "skor_tren", {"wilayah": w}),
        ("Ringkasan", "capaian_indikator", {"wilayah": w, "tahun": [t]}),
        ("Ringkasan, Anggaran", "anggaran_program", {"wilayah": w, "tahun": [t]}),
        ("Ringkasan", "skor_perubahan", {"wilayah": w, "tahun": t}),
        ("Ringkasan (laporan, on a click)", "temuan_halaman", {**reviu, "batas": 40, "mulai": 0}),
        ("Ringkasan, Peringkat (pembanding)", "pembanding_perangkat_daerah", {"kabupaten": s.kabupaten}),
        ("Tren, Profil, Reviu Data (view exists?)", "objek_ada", {"nama": "temuan"}),
        ("Tren", "galat_skor", {"wilayah": w}),
        # the reference line of the (at most 12) kecamatan the chart draws: their kabupaten/kota
        ("Tren", "skor_rata_kabupaten", {"kabupaten": s.kabupaten[:12]}),
        ("Anggaran", "anggaran_efisiensi", {"wilayah": w, "tahun": [t]}),
        ("Peringkat", "anggaran_program", {"wilayah": w, "tahun": [t - 1, t]}),
        ("Triwulan", "triwulan_kecamatan", {"wilayah": w, "tahun": t}),
        ("Reviu Data", "temuan_kode", {"wilayah": w, "terverifikasi": False}),
        ("Reviu Data", "temuan_hitung", reviu),
        ("Reviu Data", "temuan_per_kecamatan", reviu),
        ("Reviu Data", "temuan_halaman", {**reviu, "batas": 100, "mulai": 0}),
    ]
    # Data & Sumber's scope (dashboard/halaman.py `lingkup`): every year by default; the other
    # perangkat daerah of the kabupaten/kota when no kecamatan is chosen
    lingkup = {
        "wilayah": w,
        "lain": True,
        "kode_kabupaten": s.kabupaten[0] if len(s.kabupaten) == 1 else None,
        "provinsi": None,
        "tahun": [],
        "terverifikasi": False,
    }
    out += [
        ("Data & Sumber", "dokumen_jumlah", lingkup),
        ("Data & Sumber", "dokumen_halaman", {**lingkup, "batas": 50, "mulai": 0}),
        ("Data & Sumber", "cakupan_jumlah", {"wilayah": w}),
        ("Data & Sumber", "cakupan_halaman", {"wilayah": w, "batas": 50, "mulai": 0}),
    ]
    if national:
        out.append(("Data & Sumber", "view_kontrak", {}))
        # the row count of the chosen view (its rows are streamed on a click of a download,
        # timed apart in bench/README.md, "Data & Sumber and Reviu Data paged in SQL")
        for nama in queries.run(con, "view_kontrak")["nama"].to_list():
            columns = set(queries.run(con, "kolom_view", nama=nama)["kolom"].to_list())
            count = "view_jumlah_wilayah" if {"kode_kecamatan", "tahun"} <= columns else "view_jumlah"
            out.append(("Data & Sumber (every view)", count, {**lingkup, "nama": nama}))
    else:
        k = [one.kode_kecamatan]
        kk = {"kode_kecamatan": one.kode_kecamatan, "tahun": one.tahun}
        out += [
            # the budget tree is drawn for one kabupaten/kota at most (pohon_anggaran.MAKS_KECAMATAN)
            ("Anggaran", "anggaran_pohon", {"wilayah": w, "tahun": t}),
            ("Profil", "profil_dokumen", {"kode_kecamatan": one.kode_kecamatan}),
            ("Profil", "skor_tren", {"wilayah": k}),
            ("Profil", "galat_angka", {"wilayah": k}),
            ("Profil", "anggaran_program", {"wilayah": k, "tahun": [one.tahun]}),
            ("Profil", "profil_indikator", kk),
            ("Profil", "profil_komponen", kk),
            ("Profil", "anggaran_rincian", kk),
            ("Profil", "pejabat", kk),
            ("Profil (laporan, on a click)", "temuan_daftar", {"wilayah": k}),
            ("Profil", "baris_sumber", {"dokumen_id": one.dokumen_id, "baris": one.baris}),
            ("Triwulan", "triwulan_rincian", kk),
            ("Reviu Data", "temuan_konteks", {"dokumen_id": one.temuan_dokumen, "dari": one.dari, "sampai": one.sampai}),
        ]
    return out


# ------------------------------------------------------------------------------------------------
# timing


@dataclass
class Timing:
    runs: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.runs) * 1000

    @property
    def p95(self) -> float:
        if len(self.runs) < 2:
            return self.runs[0] * 1000
        return statistics.quantiles(self.runs, n=20, method="inclusive")[18] * 1000


def timed(fn: Callable[[], Any], runs: int, budget: float) -> tuple[Timing, Any]:
    result = fn()  # warm-up
    t = Timing()
    spent = 0.0
    while len(t.runs) < runs and (spent < budget or len(t.runs) < 3):
        start = time.perf_counter()
        result = fn()
        took = time.perf_counter() - start
        t.runs.append(took)
        spent += took
    return t, result


def fresh_run(db: Path, name: str, params: dict[str, Any]) -> float:
    start = time.perf_counter()
    con = queries.connect_read_only(db)
    try:
        queries.run(con, name, **params)
    finally:
        con.close()
    return time.perf_counter() - start


# ------------------------------------------------------------------------------------------------
# the six questions: project (queries/*.sql as the pages use them), raw SQL, pandas


def canon(frame: pd.DataFrame) -> list[tuple]:
    """Rows as sorted tuples, floats rounded: the form the three answers are compared in."""

    def cell(v: Any) -> Any:
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
            return None
        if isinstance(v, float):
            return round(v, 3) + 0.0
        if hasattr(v, "item"):
            return cell(v.item())
        return v

    rows = [tuple(cell(v) for v in r) for r in frame.itertuples(index=False, name=None)]
    return sorted(rows, key=lambda r: tuple((x is None, "" if x is None else x) for x in r))


def same(a: list[tuple], b: list[tuple]) -> bool:
    """Equal row by row; floats within 1e-9 relative (sums of a billion rupiah in another order)."""

    def close(x: Any, y: Any) -> bool:
        if isinstance(x, float) and isinstance(y, float):
            return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-3)
        return bool(x == y)

    return len(a) == len(b) and all(len(r) == len(q) and all(map(close, r, q)) for r, q in zip(a, b))


def differing(a: list[tuple], b: list[tuple]) -> list[tuple]:
    return [r for r, q in zip(a, b) if not same([r], [q])]


def project_ringkasan(con: duckdb.DuckDBPyConnection, s: Scope) -> pd.DataFrame:
    skor = queries.run(con, "skor_tren", wilayah=s.wilayah)
    cap = queries.run(con, "capaian_indikator", wilayah=s.wilayah, tahun=[])
    prog = queries.run(con, "anggaran_program", wilayah=s.wilayah, tahun=[])
    parts = [
        skor.filter((pl.col("tahun") == s.tahun) & pl.col("nilai").is_not_null()).select(
            "kabupaten", "kecamatan", pl.col("jenis").alias("ukuran"), "nilai"
        ),
        cap.filter(pl.col("tahun") == s.tahun)
        .group_by("kabupaten", "kecamatan")
        .agg(pl.col("capaian").mean().alias("nilai"))
        .select("kabupaten", "kecamatan", pl.lit("capaian").alias("ukuran"), "nilai"),
        prog.filter(pl.col("tahun") == s.tahun)
        .group_by("kabupaten", "kecamatan")
        .agg(pl.col("pagu").sum().alias("pagu"), pl.col("realisasi").sum().alias("realisasi"))
        .unpivot(["pagu", "realisasi"], index=["kabupaten", "kecamatan"], variable_name="ukuran", value_name="nilai"),
    ]
    return pl.concat([p.with_columns(pl.col("nilai").cast(pl.Float64)) for p in parts]).to_pandas()


def project_tren(con: duckdb.DuckDBPyConnection, s: Scope) -> pd.DataFrame:
    skor = queries.run(con, "skor_tren", wilayah=s.wilayah)
    return (
        skor.filter((pl.col("jenis") == "SAKIP") & pl.col("nilai").is_not_null())
        .select("kabupaten", "kecamatan", "tahun", "nilai")
        .to_pandas()
    )


def project_peringkat(con: duckdb.DuckDBPyConnection, s: Scope) -> pd.DataFrame:
    skor = queries.run(con, "skor_tren", wilayah=s.wilayah)
    v = skor.filter((pl.col("jenis") == "IKM") & (pl.col("tahun") == s.tahun) & pl.col("nilai_skala").is_not_null())
    v = v.select("kabupaten", "kecamatan", "nilai_skala").with_columns(
        pl.col("nilai_skala").rank(method="min", descending=True).cast(pl.Int64).alias("peringkat")
    )
    return v.to_pandas()


def project_anggaran(con: duckdb.DuckDBPyConnection, s: Scope) -> pd.DataFrame:
    e = queries.run(con, "anggaran_efisiensi", wilayah=s.wilayah, tahun=[]).filter(pl.col("tahun") == s.tahun)
    return e.select("kabupaten", "kecamatan", "sasaran", "capaian", "serapan").to_pandas()


def project_profil(con: duckdb.DuckDBPyConnection, one: One) -> pd.DataFrame:
    f = queries.run(con, "profil_indikator", kode_kecamatan=one.kode_kecamatan, tahun=one.tahun)
    return f.select("unit_kerja", "jenis_pk", "indikator", "target", "realisasi", "capaian").to_pandas()


def project_wilayah(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    cols = ["provinsi", "kabupaten", "kecamatan", "kode_kecamatan", "tahun"]
    return queries.run(con, "wilayah").select(cols).unique().to_pandas()


DOCS = """d AS (SELECT dokumen_id, provinsi, kabupaten, kecamatan, perangkat_daerah, tahun AS tahun_dokumen, dimuat_pada
        FROM core_dokumen WHERE kecamatan IS NOT NULL AND list_contains($wilayah, kode_kecamatan))"""
SKOR_CHOSEN = """s AS (SELECT d.kabupaten, d.kecamatan, s.tahun, s.jenis, s.nilai, nilai_skala(s.jenis, s.nilai) AS nilai_skala
        FROM core_skor s JOIN d USING (dokumen_id) WHERE {where}
        QUALIFY row_number() OVER (PARTITION BY d.kabupaten, d.kecamatan, d.perangkat_daerah, s.tahun, s.jenis
            ORDER BY (d.tahun_dokumen = s.tahun) DESC, CASE s.sumber WHEN 'realisasi' THEN 0 WHEN 'komponen' THEN 1 ELSE 2 END,
                     d.tahun_dokumen DESC, d.dimuat_pada DESC, s.sumber_baris) = 1)"""
RAW_RINGKASAN = f"""
WITH {DOCS},
{SKOR_CHOSEN.format(where="s.tahun = $tahun")},
c AS (SELECT d.kabupaten, d.kecamatan, coalesce(r.capaian, r.capaian_dilaporkan) AS capaian
      FROM core_realisasi r JOIN d USING (dokumen_id)
      WHERE NOT r.riwayat AND r.unit_kerja = 'Kecamatan' AND r.tahun = $tahun AND coalesce(r.capaian, r.capaian_dilaporkan) IS NOT NULL
      QUALIFY row_number() OVER (PARTITION BY d.kabupaten, d.kecamatan, r.tahun, kunci_indikator(r.kunci, r.indikator)
                                 ORDER BY (r.realisasi IS NOT NULL) DESC, r.urutan) = 1),
l AS (SELECT a.*, d.kabupaten, d.kecamatan, d.dimuat_pada,
             coalesce(a.bagian, '') || '/' || a.tahap || '/' || coalesce(a.jenis_pk, '') AS tabel
      FROM core_anggaran a JOIN d USING (dokumen_id)
      WHERE a.peran = 'baris' AND a.unit_kerja = 'Kecamatan' AND d.tahun_dokumen = $tahun),
t AS (SELECT kabupaten, kecamatan, dokumen_id, tabel FROM l GROUP BY kabupaten, kecamatan, dokumen_id, tabel
      QUALIFY row_number() OVER (PARTITION BY kabupaten, kecamatan ORDER BY bool_or(realisasi IS NOT NULL) DESC,
          max(tahap = 'perubahan') DESC, max(coalesce(jenis_pk, '') = 'PK_PERUBAHAN') DESC, max(dimuat_pada) DESC, tabel) = 1),
cl AS (SELECT l.* FROM l JOIN t USING (kabupaten, kecamatan, dokumen_id, tabel)),
parents AS (SELECT DISTINCT dokumen_id, tabel, induk_urutan AS urutan FROM cl WHERE induk_urutan IS NOT NULL),
g AS (SELECT cl.kabupaten, cl.kecamatan,
             coalesce(sum(cl.pagu) FILTER (WHERE coalesce(cl.masuk_jumlah_pagu, p.urutan IS NULL)), 0)::DOUBLE AS pagu,
             coalesce(sum(cl.realisasi) FILTER (WHERE coalesce(cl.masuk_jumlah_realisasi, p.urutan IS NULL)), 0)::DOUBLE AS realisasi
      FROM cl LEFT JOIN parents p USING (dokumen_id, tabel, urutan) GROUP BY ALL)
SELECT kabupaten, kecamatan, jenis AS ukuran, nilai FROM s
UNION ALL SELECT kabupaten, kecamatan, 'capaian', avg(capaian) FROM c GROUP BY ALL
UNION ALL SELECT kabupaten, kecamatan, 'pagu', pagu FROM g
UNION ALL SELECT kabupaten, kecamatan, 'realisasi', realisasi FROM g
"""
RAW_TREN = (
    "WITH "
    + DOCS
    + ", "
    + SKOR_CHOSEN.format(where="s.jenis = 'SAKIP'")
    + """ SELECT kabupaten, kecamatan, tahun, nilai FROM s"""
)
RAW_PERINGKAT = (
    "WITH "
    + DOCS
    + ", "
    + SKOR_CHOSEN.format(where="s.jenis = 'IKM' AND s.tahun = $tahun")
    + """
SELECT kabupaten, kecamatan, nilai_skala, rank() OVER (ORDER BY nilai_skala DESC) AS peringkat FROM s WHERE nilai_skala IS NOT NULL"""
)
RAW_ANGGARAN = f"""WITH {DOCS},
a AS (SELECT d.kabupaten, d.kecamatan, a.sasaran, a.urutan, a.pagu,
             coalesce(capaian_persen(a.target, a.realisasi_kinerja, a.rumus_capaian), a.capaian_dilaporkan) AS capaian,
             coalesce(serapan_persen(a.pagu, a.realisasi), a.serapan_dilaporkan) AS serapan
      FROM core_anggaran_sasaran a JOIN d USING (dokumen_id) WHERE d.tahun_dokumen = $tahun
      QUALIFY row_number() OVER (PARTITION BY d.kabupaten, d.kecamatan, lower(trim(a.sasaran))
          ORDER BY (capaian IS NOT NULL AND serapan IS NOT NULL) DESC, (a.pagu IS NOT NULL) DESC, a.urutan) = 1)
SELECT kabupaten, kecamatan, sasaran, capaian, serapan FROM a WHERE capaian IS NOT NULL AND serapan IS NOT NULL"""
RAW_PROFIL = """WITH d AS (SELECT dokumen_id FROM core_dokumen WHERE kode_kecamatan = $kode_kecamatan),
t AS (SELECT t.*, kunci_indikator(t.kunci, t.indikator) AS ki FROM core_target t JOIN core_dokumen dd USING (dokumen_id)
      WHERE dd.kode_kecamatan = $kode_kecamatan AND dd.tahun = $tahun AND t.bagian <> 'penjelasan'
      QUALIFY row_number() OVER (PARTITION BY t.unit_kerja, t.jenis_pk, ki, t.target ORDER BY (t.bagian = 'perjanjian') DESC, t.urutan) = 1),
r AS (SELECT r.*, kunci_indikator(r.kunci, r.indikator) AS ki FROM core_realisasi r JOIN d USING (dokumen_id)
      WHERE r.tahun = $tahun AND r.unit_kerja = 'Kecamatan' AND NOT r.riwayat
      QUALIFY row_number() OVER (PARTITION BY ki ORDER BY (r.realisasi IS NOT NULL) DESC, r.urutan) = 1)
SELECT t.unit_kerja, t.jenis_pk, t.indikator, t.target, r.realisasi, coalesce(r.capaian, r.capaian_dilaporkan) AS capaian
FROM t LEFT JOIN r ON t.unit_kerja = 'Kecamatan' AND r.ki = t.ki"""
RAW_WILAYAH = """WITH d AS (SELECT dokumen_id, provinsi, kabupaten, kecamatan, kode_kecamatan, tahun FROM core_dokumen),
y AS (SELECT kabupaten, kecamatan, tahun FROM d
      UNION SELECT d.kabupaten, d.kecamatan, s.tahun FROM core_skor s JOIN d USING (dokumen_id)
      UNION SELECT d.kabupaten, d.kecamatan, d.tahun FROM core_target t JOIN d USING (dokumen_id) WHERE t.bagian <> 'penjelasan'
      UNION SELECT d.kabupaten, d.kecamatan, r.tahun FROM core_realisasi r JOIN d USING (dokumen_id)
      UNION SELECT d.kabupaten, d.kecamatan, d.tahun FROM core_anggaran a JOIN d USING (dokumen_id) WHERE a.peran = 'baris')
SELECT DISTINCT d.provinsi, y.kabupaten, y.kecamatan, d.kode_kecamatan, y.tahun
FROM y JOIN (SELECT DISTINCT provinsi, kabupaten, kecamatan, kode_kecamatan FROM d WHERE kecamatan IS NOT NULL) d USING (kabupaten, kecamatan)"""


def raw_df(con: duckdb.DuckDBPyConnection, sql: str, **params: Any) -> pd.DataFrame:
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    return con.sql(sql, params=used).to_arrow_table().to_pandas()


# pandas: Parquet once, frames merged with the documents once


PARQUET_COLUMNS = {
    "core_dokumen": "dokumen_id, provinsi, kabupaten, kecamatan, kode_kecamatan, perangkat_daerah, tahun, dimuat_pada",
    "core_skor": "dokumen_id, tahun, jenis, nilai, sumber, sumber_baris",
    "core_realisasi": "dokumen_id, tahun, unit_kerja, riwayat, capaian, capaian_dilaporkan, realisasi, urutan, kunci, indikator",
    "core_target": "dokumen_id, urutan, jenis_pk, bagian, unit_kerja, indikator, kunci, target",
    "core_anggaran": "dokumen_id, urutan, induk_urutan, jenis_pk, bagian, unit_kerja, tahap, peran, pagu, realisasi, masuk_jumlah_pagu, masuk_jumlah_realisasi",
    "core_anggaran_sasaran": "dokumen_id, urutan, sasaran, target, realisasi_kinerja, capaian_dilaporkan, rumus_capaian, pagu, realisasi, serapan_dilaporkan",
}


def export_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> float:
    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    for table, cols in PARQUET_COLUMNS.items():
        con.execute(f"COPY (SELECT {cols} FROM {table}) TO '{folder / table}.parquet' (FORMAT parquet)")
    return time.perf_counter() - start


def fold(s: pd.Series) -> pd.Series:
    """kunci_indikator's folding of an indicator's wording (schema.sql), in pandas."""
    return (
        s.fillna("")
        .str.normalize("NFKD")
        .str.replace(r"[\u0300-\u036f]", "", regex=True)
        .str.replace(r"[^\x00-\x7f]", "", regex=True)
        .str.lower()
        .str.replace(r"[^a-z0-9]+", " ", regex=True)
        .str.strip()
    )


@dataclass
class Frames:
    dok: pd.DataFrame
    skor: pd.DataFrame
    realisasi: pd.DataFrame
    target: pd.DataFrame
    anggaran: pd.DataFrame
    sasaran: pd.DataFrame


@cache
def load_frames(folder: str) -> Frames:
    f = Path(folder)

    def read(t: str) -> pd.DataFrame:
        return pd.read_parquet(f / f"{t}.parquet")

    dok = read("core_dokumen")
    dok = dok.rename(columns={"tahun": "tahun_dokumen"})
    dok["wkey"] = dok["kode_kecamatan"]
    side = dok[["dokumen_id", "kabupaten", "kecamatan", "perangkat_daerah", "tahun_dokumen", "dimuat_pada", "wkey"]]
    skor = read("core_skor").merge(side, on="dokumen_id")
    skor["rank_sumber"] = skor["sumber"].map({"realisasi": 0, "komponen": 1}).fillna(2)
    skor["own"] = skor["tahun_dokumen"] == skor["tahun"]
    skor = skor.sort_values(
        ["own", "rank_sumber", "tahun_dokumen", "dimuat_pada", "sumber_baris"], ascending=[False, True, False, False, True]
    )
    real = read("core_realisasi").merge(side, on="dokumen_id")
    real["ki"] = real["kunci"].where(real["kunci"].notna(), fold(real["indikator"]))
    real["cap"] = real["capaian"].fillna(real["capaian_dilaporkan"])
    real = real.assign(has_r=real["realisasi"].notna()).sort_values(["has_r", "urutan"], ascending=[False, True])
    tgt = read("core_target").merge(side, on="dokumen_id")
    tgt = tgt[tgt["bagian"].notna() & (tgt["bagian"] != "penjelasan")]
    tgt = tgt.assign(ki=tgt["kunci"].where(tgt["kunci"].notna(), fold(tgt["indikator"])), perj=tgt["bagian"] == "perjanjian")
    tgt = tgt.sort_values(["perj", "urutan"], ascending=[False, True])
    ang = read("core_anggaran").merge(side, on="dokumen_id")
    ang = ang[ang["peran"] == "baris"].copy()
    ang["tabel"] = ang["bagian"].fillna("") + "/" + ang["tahap"] + "/" + ang["jenis_pk"].fillna("")
    sas = read("core_anggaran_sasaran").merge(side, on="dokumen_id")
    return Frames(dok, skor, real, tgt, ang, sas)


def _skor_chosen(fr: Frames, mask: pd.Series) -> pd.DataFrame:
    s = fr.skor[mask]
    return s.drop_duplicates(["kabupaten", "kecamatan", "perangkat_daerah", "tahun", "jenis"])  # sorted by the rule at load


def pandas_ringkasan(fr: Frames, s: Scope) -> pd.DataFrame:
    keys = set(s.wilayah)
    sk = _skor_chosen(fr, fr.skor["wkey"].isin(keys) & (fr.skor["tahun"] == s.tahun))
    a = sk[["kabupaten", "kecamatan", "jenis", "nilai"]].rename(columns={"jenis": "ukuran"})
    r = fr.realisasi
    r = r[
        r["wkey"].isin(keys)
        & ~r["riwayat"].astype(bool)
        & (r["unit_kerja"] == "Kecamatan")
        & (r["tahun"] == s.tahun)
        & r["cap"].notna()
    ]
    r = r.drop_duplicates(["kabupaten", "kecamatan", "tahun", "ki"])
    c = r.groupby(["kabupaten", "kecamatan"], as_index=False)["cap"].mean().rename(columns={"cap": "nilai"})
    c.insert(2, "ukuran", "capaian")
    g = fr.anggaran
    g = g[g["wkey"].isin(keys) & (g["unit_kerja"] == "Kecamatan") & (g["tahun_dokumen"] == s.tahun)]
    tables = g.groupby(["kabupaten", "kecamatan", "dokumen_id", "tabel"], as_index=False).agg(
        r=("realisasi", lambda x: x.notna().any()),
        p=("tahap", lambda x: (x == "perubahan").any()),
        pp=("jenis_pk", lambda x: (x.fillna("") == "PK_PERUBAHAN").any()),
        dm=("dimuat_pada", "max"),
    )
    chosen = tables.sort_values(["r", "p", "pp", "dm", "tabel"], ascending=[False, False, False, False, True]).drop_duplicates(
        ["kabupaten", "kecamatan"]
    )
    cl = g.merge(chosen[["kabupaten", "kecamatan", "dokumen_id", "tabel"]], on=["kabupaten", "kecamatan", "dokumen_id", "tabel"])
    parents = cl.loc[cl["induk_urutan"].notna(), ["dokumen_id", "tabel", "induk_urutan"]].drop_duplicates()
    parents = parents.rename(columns={"induk_urutan": "urutan"}).assign(parent=True)
    parents["urutan"] = parents["urutan"].astype(cl["urutan"].dtype)
    cl = cl.merge(parents, on=["dokumen_id", "tabel", "urutan"], how="left")
    rinci = cl["parent"].isna()
    cl["pagu_in"] = cl["pagu"].where(cl["masuk_jumlah_pagu"].astype("boolean").fillna(rinci).astype(bool))
    cl["real_in"] = cl["realisasi"].where(cl["masuk_jumlah_realisasi"].astype("boolean").fillna(rinci).astype(bool))
    b = cl.groupby(["kabupaten", "kecamatan"], as_index=False).agg(pagu=("pagu_in", "sum"), realisasi=("real_in", "sum"))
    b = b.melt(id_vars=["kabupaten", "kecamatan"], value_vars=["pagu", "realisasi"], var_name="ukuran", value_name="nilai")
    return pd.concat([a, c, b], ignore_index=True)


def pandas_tren(fr: Frames, s: Scope) -> pd.DataFrame:
    sk = _skor_chosen(fr, fr.skor["wkey"].isin(set(s.wilayah)) & (fr.skor["jenis"] == "SAKIP"))
    return sk[["kabupaten", "kecamatan", "tahun", "nilai"]]


def pandas_peringkat(fr: Frames, s: Scope) -> pd.DataFrame:
    sk = _skor_chosen(fr, fr.skor["wkey"].isin(set(s.wilayah)) & (fr.skor["jenis"] == "IKM") & (fr.skor["tahun"] == s.tahun))
    v = sk[["kabupaten", "kecamatan"]].assign(nilai_skala=sk["nilai"].where(sk["nilai"] > 4, sk["nilai"] * 25))
    v = v[v["nilai_skala"].notna()]
    return v.assign(peringkat=v["nilai_skala"].rank(method="min", ascending=False).astype("int64"))


def _capaian(target: pd.Series, realisasi: pd.Series, rumus: pd.Series) -> pd.Series:
    """capaian_persen (schema.sql) in pandas."""
    rumus = rumus.fillna("positif")
    t, r = target, realisasi
    out = pd.Series(float("nan"), index=target.index)
    pos = rumus == "positif"
    out[pos & (t != 0)] = (r / t * 100)[pos & (t != 0)]
    neg = ~pos
    out[neg & (t == 0) & (r == 0)] = 100.0
    out[neg & (t != 0) & (rumus == "neg_2t")] = ((2 * t - r) / t * 100)[neg & (t != 0) & (rumus == "neg_2t")]
    m = neg & (t != 0) & (rumus == "neg_ratio") & (r != 0)
    out[m] = (t / r * 100)[m]
    m = neg & (t != 0) & (rumus == "neg_diff")
    out[m] = ((t - r) / t * 100)[m]
    return out.where(t.notna() & r.notna())


def pandas_anggaran(fr: Frames, s: Scope) -> pd.DataFrame:
    a = fr.sasaran
    a = a[a["wkey"].isin(set(s.wilayah)) & (a["tahun_dokumen"] == s.tahun)].copy()
    a["capaian"] = _capaian(a["target"], a["realisasi_kinerja"], a["rumus_capaian"]).fillna(a["capaian_dilaporkan"])
    a["serapan"] = (
        (a["realisasi"] / a["pagu"] * 100).where((a["pagu"] > 0) & a["realisasi"].notna()).fillna(a["serapan_dilaporkan"])
    )
    a["key"] = a["sasaran"].str.strip().str.lower()
    a["both"] = a["capaian"].notna() & a["serapan"].notna()
    a["has_pagu"] = a["pagu"].notna()
    a = a.sort_values(["both", "has_pagu", "urutan"], ascending=[False, False, True]).drop_duplicates(
        ["kabupaten", "kecamatan", "key"]
    )
    a = a[a["both"]]
    return a[["kabupaten", "kecamatan", "sasaran", "capaian", "serapan"]]


def pandas_profil(fr: Frames, one: One) -> pd.DataFrame:
    key = one.kode_kecamatan
    t = fr.target[(fr.target["wkey"] == key) & (fr.target["tahun_dokumen"] == one.tahun)]
    t = t.drop_duplicates(["unit_kerja", "jenis_pk", "ki", "target"])
    r = fr.realisasi
    r = r[(r["wkey"] == key) & (r["tahun"] == one.tahun) & (r["unit_kerja"] == "Kecamatan") & ~r["riwayat"].astype(bool)]
    r = r.drop_duplicates(["ki"])[["ki", "realisasi", "cap"]]
    t = t.assign(j=t["unit_kerja"] == "Kecamatan")
    m = t.merge(r.assign(j=True), on=["ki", "j"], how="left")
    return m[["unit_kerja", "jenis_pk", "indikator", "target", "realisasi", "cap"]]


def pandas_wilayah(fr: Frames) -> pd.DataFrame:
    d = fr.dok
    years = pd.concat(
        [
            d[["kabupaten", "kecamatan", "tahun_dokumen"]].rename(columns={"tahun_dokumen": "tahun"}),
            fr.skor[["kabupaten", "kecamatan", "tahun"]],
            fr.target[["kabupaten", "kecamatan", "tahun_dokumen"]].rename(columns={"tahun_dokumen": "tahun"}),
            fr.realisasi[["kabupaten", "kecamatan", "tahun"]],
            fr.anggaran[["kabupaten", "kecamatan", "tahun_dokumen"]].rename(columns={"tahun_dokumen": "tahun"}),
        ]
    ).drop_duplicates()
    places = d.loc[d["kecamatan"].notna(), ["provinsi", "kabupaten", "kecamatan", "kode_kecamatan"]].drop_duplicates()
    out = years.merge(places, on=["kabupaten", "kecamatan"])
    return out[["provinsi", "kabupaten", "kecamatan", "kode_kecamatan", "tahun"]].drop_duplicates()


# ------------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    import os

    load = os.getloadavg()[0]
    return (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {commit}, {cpu}, {os.cpu_count()} cores, "
        f"load average {load:.1f}, Python {platform.python_version()}, duckdb {duckdb.__version__}, pandas {pd.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds at most per query and selection (at least 3 runs)")
    parser.add_argument("--parquet", type=Path, help="folder of the Parquet export (default: next to the database)")
    parser.add_argument("--skip-part1", action="store_true")
    parser.add_argument("--skip-part2", action="store_true", help="no pandas and raw DuckDB comparison")
    args = parser.parse_args()
    con = queries.connect_read_only(args.db)
    kab, nat, one = selections(con)
    print(f"{machine()}\n\ndatabase {args.db} ({args.db.stat().st_size / 1e9:.2f} GB)\n")
    print(
        f"one kabupaten: {kab.name} ({len(kab.wilayah)} kecamatan), year {kab.tahun}; Profil: {one.kecamatan}; all: {len(nat.wilayah)} kecamatan\n"
    )
    if not args.skip_part1:
        print("| pages | query | selection | runs | p50 ms | p95 ms | fresh ms | rows |\n|---|---|---|---:|---:|---:|---:|---:|")
        for scope, national in ((kab, False), (nat, True)):
            for pages, name, params in page_queries(con, scope, one, national):
                label = name + (f" ({params['nama']})" if "nama" in params and name != "objek_ada" else "")
                try:
                    t, res = timed(lambda n=name, p=params: queries.run(con, n, **p), args.runs, args.budget)
                    fresh = fresh_run(args.db, name, params) * 1000
                except duckdb.Error as exc:
                    print(f"| {pages} | {label} | {scope.name} | – | error: {type(exc).__name__} | | | |")
                    continue
                print(
                    f"| {pages} | {label} | {scope.name} | {len(t.runs)} | {t.p50:.0f} | {t.p95:.0f} | {fresh:.0f} | {res.height:,} |",
                    flush=True,
                )
        print()
    if args.skip_part2:
        con.close()
        return
    folder = args.parquet or args.db.with_suffix(".parquet")
    if not (folder / "core_dokumen.parquet").exists():
        print(f"Parquet export to {folder}: {export_parquet(con, folder):.1f} s")
    start = time.perf_counter()
    fr = load_frames(str(folder))
    print(f"pandas: Parquet loaded and merged once in {time.perf_counter() - start:.1f} s\n")
    questions: list[tuple[str, Callable[[], pd.DataFrame], Callable[[], pd.DataFrame], Callable[[], pd.DataFrame]]] = [
        (
            "Ringkasan, one kabupaten",
            lambda: project_ringkasan(con, kab),
            lambda: pandas_ringkasan(fr, kab),
            lambda: raw_df(con, RAW_RINGKASAN, wilayah=kab.wilayah, tahun=kab.tahun),
        ),
        (
            "Ringkasan, all kecamatan",
            lambda: project_ringkasan(con, nat),
            lambda: pandas_ringkasan(fr, nat),
            lambda: raw_df(con, RAW_RINGKASAN, wilayah=nat.wilayah, tahun=nat.tahun),
        ),
        (
            "Tren SAKIP, one kabupaten",
            lambda: project_tren(con, kab),
            lambda: pandas_tren(fr, kab),
            lambda: raw_df(con, RAW_TREN, wilayah=kab.wilayah),
        ),
        (
            "Peringkat IKM, all kecamatan",
            lambda: project_peringkat(con, nat),
            lambda: pandas_peringkat(fr, nat),
            lambda: raw_df(con, RAW_PERINGKAT, wilayah=nat.wilayah, tahun=nat.tahun),
        ),
        (
            "Anggaran vs Capaian, one kabupaten",
            lambda: project_anggaran(con, kab),
            lambda: pandas_anggaran(fr, kab),
            lambda: raw_df(con, RAW_ANGGARAN, wilayah=kab.wilayah, tahun=kab.tahun),
        ),
        (
            "Profil, one kecamatan-year",
            lambda: project_profil(con, one),
            lambda: pandas_profil(fr, one),
            lambda: raw_df(con, RAW_PROFIL, kode_kecamatan=one.kode_kecamatan, tahun=one.tahun),
        ),
        (
            "sidebar region list (wilayah)",
            lambda: project_wilayah(con),
            lambda: pandas_wilayah(fr),
            lambda: raw_df(con, RAW_WILAYAH),
        ),
    ]
    print(
        "| question (warm) | rows | project p50 | project p95 | pandas p50 | raw DuckDB p50 | project ÷ raw | pandas ÷ project | equal |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    )
    for label, p_fn, pd_fn, raw_fn in questions:
        tp, rp = timed(p_fn, args.runs, args.budget)
        tpd, rpd = timed(pd_fn, args.runs, args.budget)
        tr, rr = timed(raw_fn, args.runs, args.budget)
        a, b, c = canon(rp), canon(rpd), canon(rr)
        equal = same(a, b) and same(a, c)
        note = "yes" if equal else f"NO (project {len(a)}, pandas {len(b)}, raw {len(c)} rows)"
        print(
            f"| {label} | {len(a):,} | {tp.p50:.0f} ms | {tp.p95:.0f} ms | {tpd.p50:.0f} ms | {tr.p50:.0f} ms | "
            f"{tp.p50 / tr.p50:.1f}× | {tpd.p50 / tp.p50:.2f}× | {note} |",
            flush=True,
        )
        if not equal:
            for name, other in (("pandas", b), ("raw", c)):
                diff = differing(a, other)
                if diff or len(a) != len(other):
                    print(f"|   project vs {name}: {len(diff)} rows differ, e.g. {diff[:3]} |")
    con.close()


if __name__ == "__main__":
    main()
