"""Data & Sumber: documents loaded, coverage kecamatan × year × document kind, downloads."""

from __future__ import annotations

import importlib
import importlib.util

import polars as pl
import streamlit as st

from dashboard import components, data, export

st.title("Data & Sumber")

st.subheader("Dokumen yang dimuat")
docs = data.query("dokumen_dimuat")
components.tabel(
    docs.select(
        pl.col("jenis").alias("Jenis"),
        pl.col("provinsi").alias("Provinsi"),
        pl.col("kabupaten").alias("Kabupaten/Kota"),
        pl.col("kecamatan").alias("Kecamatan"),
        pl.col("tahun").alias("Tahun"),
        pl.col("tanggal_teks").alias("Tanggal dokumen"),
        pl.col("dimuat_pada").alias("Dimuat pada"),
        pl.col("nama_file").alias("Berkas"),
    ),
    "dokumen_dimuat",
)

st.subheader("Cakupan: kecamatan × tahun × jenis dokumen")
coverage = data.query("cakupan")
if coverage.height:
    matrix = (
        coverage.group_by("provinsi", "kabupaten", "kecamatan", "tahun")
        .agg(pl.col("jenis").sort().str.join(", "))
        .pivot(on="tahun", index=["provinsi", "kabupaten", "kecamatan"], values="jenis", sort_columns=True)
        .sort("provinsi", "kabupaten", "kecamatan")
        .rename({"provinsi": "Provinsi", "kabupaten": "Kabupaten/Kota", "kecamatan": "Kecamatan"})
    )
    matrix = matrix.rename({c: str(c) for c in matrix.columns})
    components.tabel(matrix, "cakupan", tampil=matrix.fill_null("–"))
    st.caption("PK = Perjanjian Kinerja, PK_PERUBAHAN = PK Perubahan, LKJIP = Laporan Kinerja; riwayat = nilai tahun itu dari tabel riwayat dokumen yang lebih baru.")

st.subheader("Unduh data (semua view publik)")
st.caption("Setiap view dijelaskan di docs/data-contract.md. Angka disimpan apa adanya dengan titik desimal.")
for nama in data.query("view_kontrak")["nama"].to_list():
    frame = data.query("isi_view", nama=nama)
    cols = st.columns([2, 1, 1, 1, 3])
    cols[0].markdown(f"**{nama}** · {frame.height} baris")
    stem = export.file_stem(nama)
    cols[1].download_button("CSV", data=lambda f=frame: export.table_csv(f), file_name=f"{stem}.csv", mime="text/csv", key=f"view_{nama}_csv", on_click="ignore")
    cols[2].download_button(
        "XLSX",
        data=lambda f=frame, n=nama: export.table_xlsx(f, n),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"view_{nama}_xlsx",
        on_click="ignore",
    )
    cols[3].download_button(
        "Parquet", data=lambda f=frame: export.table_parquet(f), file_name=f"{stem}.parquet", mime="application/octet-stream", key=f"view_{nama}_parquet", on_click="ignore"
    )

st.subheader("Templat isian data")
if importlib.util.find_spec("etl.template") is None:
    st.info("Templat isian data (XLSX) sedang disiapkan.")
else:
    template = importlib.import_module("etl.template")
    make = getattr(template, "template_bytes", None) or getattr(template, "xlsx_bytes", None)
    if make is None:
        st.info("Templat isian data belum tersedia di versi ini.")
    else:
        st.download_button(
            "Unduh templat isian (XLSX)",
            data=make,
            file_name="templat_isian_kinerja_kecamatan.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="templat_xlsx",
            on_click="ignore",
        )
        st.caption("Isi templat untuk dokumen yang tidak terbaca otomatis, lalu muat dengan `python -m etl load berkas.xlsx`.")
