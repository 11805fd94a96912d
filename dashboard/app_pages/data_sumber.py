"""Data & Sumber: documents loaded, coverage kecamatan × year × document kind, downloads."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

import polars as pl
import streamlit as st

from dashboard import components, data, export, filters, labels
from dashboard.export import teks_md

p = filters.pilihan()
st.title("Data & Sumber")
tempat = components.wilayah_teks(p)
st.caption(
    f"Dokumen dan cakupan untuk {teks_md(tempat)} (wilayah di panel kiri), semua tahun: halaman ini "
    "memperlihatkan tahun mana yang sudah dimuat, sehingga tahun di panel kiri tidak membatasinya. "
    "Unduhan view publik di bawah memuat seluruh basis data."
)


def _in_scope(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows of the kecamatan in the sidebar's scope; other perangkat daerah (benchmarks) of the
    chosen kabupaten/kota or provinsi stay."""
    kecamatan = pl.col("kode_kecamatan").is_in(list(p.wilayah))
    lain = pl.col("kecamatan").is_null()
    if p.kabupaten:
        lain &= pl.col("kabupaten") == p.kabupaten
    elif p.provinsi:
        lain &= pl.col("provinsi") == p.provinsi
    if p.kecamatan:
        lain = pl.lit(False)
    return frame.filter(kecamatan.fill_null(False) | lain.fill_null(False))


st.subheader("Dokumen yang dimuat")
semua_docs = data.query("dokumen_dimuat")
docs = _in_scope(semua_docs)
if docs.height < semua_docs.height:
    st.caption(f"{docs.height} dari {semua_docs.height} dokumen yang dimuat berada di wilayah ini.")
STATUS = {
    "lengkap": "lengkap",
    "dengan catatan": "dimuat dengan catatan",
    "belum ada angka": "dokumen ada, angka belum ada",
}
components.tabel(
    docs.select(
        labels.kolom("jenis", labels.JENIS_DOKUMEN).alias("Jenis"),
        pl.col("provinsi").alias("Provinsi"),
        pl.col("kabupaten").alias("Kabupaten/Kota"),
        pl.col("perangkat_daerah").alias("Perangkat daerah"),
        pl.col("tahun").alias("Tahun"),
        pl.col("status_angka").replace_strict(STATUS, default=pl.col("status_angka")).alias("Angka"),
        pl.col("jumlah_catatan").alias("Catatan muat"),
        pl.col("tanggal_teks").alias("Tanggal dokumen"),
        labels.kolom_tanggal("dimuat_pada").alias("Dimuat pada"),
        pl.col("nama_file").alias("Berkas"),
    ),
    "dokumen_dimuat",
    judul="Dokumen yang dimuat",
    wilayah=tempat,
    tahun=None,
)
belum = docs.filter(pl.col("status_angka") == "belum ada angka").height
if belum:
    st.warning(
        f"{belum} dokumen sudah dikenali (unit, tahun, jenis) tetapi angkanya belum terbaca: "
        "lengkapi dengan templat isian di bawah, atau lihat catatan muat (view catatan_muat)."
    )

st.subheader("Cakupan: kecamatan × tahun × jenis dokumen")
coverage = _in_scope(data.query("cakupan")).filter(pl.col("kecamatan").is_not_null())
if coverage.height == 0:
    filters.tidak_ada_data(p, "dokumen kecamatan")
else:
    matrix = (
        coverage.with_columns(labels.kolom("jenis", labels.JENIS_DOKUMEN))
        .group_by("provinsi", "kabupaten", "kecamatan", "tahun")
        .agg(pl.col("jenis").sort().str.join(", "))
        .pivot(on="tahun", index=["provinsi", "kabupaten", "kecamatan"], values="jenis", sort_columns=True)
        .sort("provinsi", "kabupaten", "kecamatan")
        .rename({"provinsi": "Provinsi", "kabupaten": "Kabupaten/Kota", "kecamatan": "Kecamatan"})
    )
    matrix = matrix.rename({c: str(c) for c in matrix.columns})
    components.tabel(
        matrix,
        "cakupan",
        tampil=matrix.fill_null("–"),
        judul="Cakupan: kecamatan × tahun × jenis dokumen",
        wilayah=tempat,
        tahun=None,
    )
    st.caption(
        "PK = Perjanjian Kinerja, PK Perubahan = Perjanjian Kinerja Perubahan, LKjIP = Laporan Kinerja "
        "Instansi Pemerintah; Riwayat = nilai tahun itu dari tabel riwayat dokumen yang lebih baru."
    )

st.subheader("Unduh data (semua view publik)")
st.caption(
    "Seluruh isi basis data, tanpa saringan panel kiri (untuk diolah lebih lanjut). Setiap view dijelaskan "
    "di docs/data-contract.md. Angka disimpan apa adanya dengan titik desimal; jenis dokumen, skor dan "
    "pemeriksaan tetap berupa kode (dijelaskan di docs/data-contract.md) agar dapat digabung dengan data lain."
)


def _maker(make: Callable[..., bytes], *args: object) -> Callable[[], bytes]:
    return lambda: make(*args)


for nama in data.query("view_kontrak")["nama"].to_list():
    frame = data.query("isi_view", nama=nama)
    cols = st.columns([2, 1, 1, 1, 3])
    cols[0].markdown(f"**{nama}** · {frame.height} baris")
    stem = export.file_stem(nama)
    cols[1].download_button(
        "CSV",
        data=_maker(export.table_csv, frame),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"view_{nama}_csv",
        on_click="ignore",
    )
    cols[2].download_button(
        "XLSX",
        data=_maker(export.table_xlsx, frame, nama, export.Keterangan(f"View {nama} (angka apa adanya)"), None, False),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"view_{nama}_xlsx",
        on_click="ignore",
    )
    cols[3].download_button(
        "Parquet",
        data=_maker(export.table_parquet, frame),
        file_name=f"{stem}.parquet",
        mime="application/octet-stream",
        key=f"view_{nama}_parquet",
        on_click="ignore",
    )

st.subheader("Templat isian data")
# etl.template is built alongside this page; use what it offers and say so when it is not there.
template = importlib.import_module("etl.template") if importlib.util.find_spec("etl.template") else None
make_xlsx = getattr(template, "template_xlsx", None)
make_csv = getattr(template, "template_csv", None)
if make_xlsx is None and make_csv is None:
    st.info("Templat isian data sedang disiapkan.")
else:
    st.caption(
        "Untuk dokumen yang tidak terbaca otomatis (misalnya hasil pindaian buram): isi templat, "
        "lalu muat dengan `python -m etl load berkas.xlsx`."
    )
    cols = st.columns([1, 1, 4])
    if make_xlsx is not None:
        cols[0].download_button(
            "Templat XLSX",
            data=make_xlsx,
            file_name="templat_isian_kinerja_kecamatan.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="templat_xlsx",
            on_click="ignore",
        )
    if make_csv is not None:
        cols[1].download_button(
            "Templat CSV",
            data=make_csv,
            file_name="templat_isian_kinerja_kecamatan.csv",
            mime="text/csv",
            key="templat_csv",
            on_click="ignore",
        )
