"""Pemantauan Triwulan: realisation per quarter and accumulated through the year per kecamatan,
against the year's pagu where a PK/DPA of that year is loaded, and the report's rows drilled down
program → kegiatan → sub kegiatan (issue 11)."""

from __future__ import annotations

import polars as pl
import streamlit as st

import etl.rules as rules
from dashboard import charts, components, data, filters
from dashboard import format as fmt
from dashboard.export import teks_md

PACE = {1: 25.0, 2: 50.0, 3: 75.0, 4: 100.0}  # serapan expected by the end of each quarter (an even pace)
BEHIND_PP = 10.0  # percentage points under the expected pace that count as behind

p = filters.pilihan()
st.title("Pemantauan Triwulan")
st.caption(f"Pilihan: {teks_md(p.uraian())}")
if p.kosong:
    filters.tidak_ada_data(p)
    st.stop()

per_tw = data.query("triwulan_kecamatan", wilayah=p.wilayah, tahun=p.tahun)
if per_tw.height == 0:
    st.info(
        f"Belum ada laporan realisasi triwulan untuk {teks_md(p.uraian())}. Laporan evaluasi Renja per "
        "triwulan (Permendagri 86/2017) dimuat seperti dokumen lain: `python -m etl load berkas.pdf`."
    )
    st.stop()

last = int(per_tw["triwulan"].max())  # type: ignore[arg-type]
summary = (
    per_tw.group_by("kode_kecamatan", "kabupaten", "kecamatan")
    .agg(
        # one total row per quarter reported; a quarter not reported stays empty ("–"), never Rp0
        *[pl.col("realisasi_rp").filter(pl.col("triwulan") == q).first().alias(f"TW {q}") for q in (1, 2, 3, 4)],
        pl.col("kumulatif_rp").max().alias("kumulatif"),
        pl.col("pagu").first().alias("pagu"),
    )
    .with_columns(
        pl.struct("pagu", "kumulatif")
        .map_elements(lambda r: rules.serapan(r["pagu"], r["kumulatif"]), return_dtype=pl.Float64)
        .alias("serapan")
    )
    .sort("serapan", "kumulatif", descending=True, nulls_last=True)
)
with_pagu = summary.filter(pl.col("serapan").is_not_null())
expected = PACE[last]
if with_pagu.height:
    behind = with_pagu.filter(pl.col("serapan") < expected - BEHIND_PP)["kecamatan"].to_list()
    if behind:
        st.warning(
            f"Di belakang laju yang diharapkan ({fmt.persen(expected, 0)} pada akhir TW {last}): {teks_md(', '.join(behind))}."
        )
    else:
        st.success(f"Semua kecamatan dengan pagu tercatat sudah mendekati laju {fmt.persen(expected, 0)} pada akhir TW {last}.")
no_pagu = summary.filter(pl.col("serapan").is_null())["kecamatan"].to_list()
if no_pagu:
    lowest = summary.sort("kumulatif")["kecamatan"][0]
    st.info(
        f"Pagu {p.tahun} belum dimuat untuk {teks_md(', '.join(no_pagu))}: serapan tidak dapat dihitung, urutan menurut "
        f"realisasi kumulatif. Realisasi terendah s.d. TW {last}: {teks_md(lowest)}. Muat PK atau DPA {p.tahun} "
        "untuk membandingkan dengan pagu."
    )

st.subheader(f"Realisasi per triwulan, {p.tahun}")
table = summary.select(
    pl.col("kecamatan").alias("Kecamatan"),
    pl.col("kabupaten").alias("Kabupaten/Kota"),
    *[pl.col(f"TW {q}").alias(f"TW {q} (Rp)") for q in (1, 2, 3, 4)],
    pl.col("kumulatif").alias(f"Kumulatif s.d. TW {last} (Rp)"),
    pl.col("pagu").alias("Pagu (Rp)"),
    pl.col("serapan").alias("Serapan (%)"),
)
money = {c: fmt.rupiah for c in table.columns if c.endswith("(Rp)")}
styled = table.to_pandas().style.format({**money, "Serapan (%)": fmt.persen}, na_rep=fmt.KOSONG)
components.tabel(table, "triwulan", tampil=styled, judul=f"Realisasi anggaran per triwulan {p.tahun}")
st.caption(f"Laju yang diharapkan: {', '.join(f'TW {q} {fmt.persen(v, 0)}' for q, v in PACE.items())} dari pagu.")

components.grafik(
    charts.realisasi_kumulatif(per_tw, components.wilayah_teks(p), p.tahun),  # type: ignore[arg-type]
    "triwulan_kumulatif",
)

st.subheader("Rincian program → kegiatan → sub kegiatan")
options = summary["kode_kecamatan"].to_list()
filters.di_url("triwulan_kecamatan", "rinci", options)
key = st.selectbox("Kecamatan", options, format_func=p.label, key="triwulan_kecamatan", help=filters.CARI)
rows = data.query("triwulan_rincian", kode_kecamatan=key, tahun=p.tahun)
kec, kab = p.nama(key), p.tempat[key].kabupaten_label if key in p.tempat else ""
INDENT = {"program": "", "kegiatan": "    ", "sub_kegiatan": "        "}
LEVEL = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan"}
detail = rows.select(
    pl.col("tingkat").replace_strict(LEVEL, default=pl.col("tingkat")).alias("Tingkat"),
    (pl.col("tingkat").replace_strict(INDENT, default="") + pl.col("nama")).alias("Nama"),
    pl.col("indikator").alias("Indikator"),
    *[pl.col(f"tw{q}").alias(f"TW {q} (Rp)") for q in (1, 2, 3, 4)],
    pl.col("sumber_halaman").alias("Halaman"),
    pl.col("sumber_baris").alias("Baris"),
)
styled = detail.to_pandas().style.format({c: fmt.rupiah for c in detail.columns if c.endswith("(Rp)")}, na_rep=fmt.KOSONG)
components.tabel(
    detail, "triwulan_rincian", tampil=styled, judul=f"Rincian realisasi triwulan {p.tahun}", wilayah=f"Kecamatan {kec}, {kab}"
)
