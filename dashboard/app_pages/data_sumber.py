"""Data & Sumber: documents loaded, coverage kecamatan × year × document kind, downloads.

At national scale (issue 16) nothing here loads a whole view: the documents and the coverage are
cut into pages in SQL (dashboard.halaman; the page numbers in the URL, ``hal_dokumen``,
``hal_cakupan``), the sidebar's region (and, with ``hanya_tahun=ya``, its year) is applied in SQL,
counts come from count(*), and a download of a public view (``tabel=<view>``) holds every row of
the selection, streamed from DuckDB when its button is clicked."""

from __future__ import annotations

import importlib
import importlib.util

import polars as pl
import streamlit as st

from dashboard import components, data, filters, halaman, labels
from dashboard import format as fmt
from dashboard.export import teks_md

# the public views as a reader knows them (the name of each stays in docs/data-contract.md)
VIEW = {
    "anggaran": "Anggaran: pagu dan realisasi",
    "anggaran_jumlah": "Anggaran: jumlah tabel",
    "anggaran_sasaran": "Anggaran per sasaran",
    "catatan_muat": "Catatan muat dokumen",
    "dokumen": "Dokumen",
    "komponen_skor": "Komponen skor",
    "pejabat": "Pejabat penandatangan",
    "perjanjian": "Perjanjian kinerja",
    "pernyataan": "Pernyataan angka dalam kalimat",
    "realisasi_kinerja": "Realisasi kinerja",
    "realisasi_triwulan": "Realisasi triwulan",
    "sebaran_survei": "Sebaran jawaban survei",
    "skor": "Skor per kecamatan dan tahun",
    "skor_observasi": "Skor: setiap pengamatan",
    "sumber_baris": "Baris sumber dokumen",
    "target_kinerja": "Target kinerja",
    "temuan": "Temuan reviu",
}
STATUS = {
    "lengkap": "lengkap",
    "dengan catatan": "dimuat dengan catatan",
    "belum ada angka": "dokumen ada, angka belum ada",
}

p = filters.pilihan()
st.title("Data & Sumber")
tempat = components.wilayah_teks(p)
hanya_tahun = filters.di_url_bool("data_hanya_tahun", "hanya_tahun") and p.tahun is not None
tahun_pilih = [p.tahun] if hanya_tahun and p.tahun is not None else []
st.caption(
    f"Dokumen, cakupan dan unduhan untuk {teks_md(tempat)} (wilayah di panel kiri), "
    + (
        f"dokumen tahun {p.tahun}."
        if tahun_pilih
        else "semua tahun: halaman ini memperlihatkan tahun mana yang sudah dimuat, sehingga tahun di panel kiri "
        "tidak membatasinya kecuali dipilih di bawah."
    )
)
if p.tahun is not None:
    st.toggle(
        f"Hanya tahun {p.tahun}",
        key="data_hanya_tahun",
        help="Nyala: daftar dokumen hanya memuat dokumen tahun yang dipilih di panel kiri, dan unduhan hanya "
        "baris data tahun itu (baris sumber: dokumen tahun itu).",
    )
lingkup = halaman.lingkup(p, tahun_pilih)


def label_view(nama: str) -> str:
    return VIEW.get(nama) or nama.replace("_", " ").capitalize()


st.subheader("Dokumen yang dimuat")
jumlah = data.query("dokumen_jumlah", **lingkup).row(0, named=True)
if jumlah["jumlah"] < jumlah["semua"]:
    st.caption(f"{fmt.angka(jumlah['jumlah'])} dari {fmt.angka(jumlah['semua'])} dokumen yang dimuat berada di pilihan ini.")


def tabel_dokumen(docs: pl.DataFrame) -> pl.DataFrame:
    return docs.select(
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
    )


if jumlah["jumlah"] == 0:
    filters.tidak_ada_data(p, "dokumen")
else:
    mulai = halaman.pilih("data_hal_dokumen", "hal_dokumen", jumlah["jumlah"])
    docs = data.query("dokumen_halaman", **lingkup, batas=halaman.PER_HALAMAN, mulai=mulai)
    st.dataframe(tabel_dokumen(docs), hide_index=True, placeholder=fmt.KOSONG)
    halaman.unduh(
        "dokumen_halaman",
        lingkup,
        halaman.nama_berkas("dokumen", p, tahun_pilih),
        judul="Dokumen yang dimuat",
        pilihan=tempat + (f", tahun {p.tahun}" if tahun_pilih else ", semua tahun"),
        jumlah=jumlah["jumlah"],
        ubah=tabel_dokumen,
        key="dokumen",
    )
belum = jumlah["belum_ada_angka"]
if belum:
    st.warning(
        f"{fmt.angka(belum)} dokumen sudah dikenali (unit, tahun, jenis) tetapi angkanya belum terbaca: "
        "lengkapi dengan templat isian di bawah, atau lihat catatan muat dokumen (unduhan di bawah)."
    )

st.subheader("Cakupan: kecamatan × tahun × jenis dokumen")
n_kecamatan = int(data.query("cakupan_jumlah", wilayah=list(p.wilayah))["jumlah"][0])
if n_kecamatan == 0:
    filters.tidak_ada_data(p, "dokumen kecamatan")
else:
    mulai = halaman.pilih("data_hal_cakupan", "hal_cakupan", n_kecamatan)
    coverage = data.query("cakupan_halaman", wilayah=list(p.wilayah), batas=halaman.PER_HALAMAN, mulai=mulai)
    matrix = (
        coverage.with_columns(labels.kolom("jenis", labels.JENIS_DOKUMEN))
        .group_by("provinsi", "kabupaten", "kecamatan", "tahun")
        .agg(pl.col("jenis").sort().str.join(", "))
        .pivot(on="tahun", index=["provinsi", "kabupaten", "kecamatan"], values="jenis", sort_columns=True)
        .sort("provinsi", "kabupaten", "kecamatan")
        .rename({"provinsi": "Provinsi", "kabupaten": "Kabupaten/Kota", "kecamatan": "Kecamatan"})
    )
    matrix = matrix.rename({c: str(c) for c in matrix.columns})
    st.dataframe(matrix.fill_null("–"), hide_index=True)
    st.caption(
        "PK = Perjanjian Kinerja, PK Perubahan = Perjanjian Kinerja Perubahan, LKjIP = Laporan Kinerja "
        "Instansi Pemerintah; Riwayat = nilai tahun itu dari tabel riwayat dokumen yang lebih baru."
    )

st.subheader("Unduh data")
st.caption(
    "Isi satu tabel data untuk pilihan di atas (wilayah di panel kiri"
    + (f", baris data tahun {p.tahun}; baris sumber: dokumen tahun itu" if tahun_pilih else ", semua tahun")
    + "), semua halaman; tanpa pilihan wilayah: seluruh basis data. Setiap tabel dijelaskan di "
    "docs/data-contract.md. Angka disimpan apa adanya dengan titik desimal; jenis dokumen, skor dan "
    "pemeriksaan tetap berupa kode (dijelaskan di docs/data-contract.md) agar dapat digabung dengan data lain."
)
nama_view = sorted(data.query("view_kontrak")["nama"].to_list(), key=label_view)
if nama_view:
    nama = filters.di_url("data_view", "tabel", nama_view, default="dokumen" if "dokumen" in nama_view else None)
    st.selectbox("Tabel data", nama_view, key="data_view", format_func=label_view, help=filters.CARI.replace("nama", "tabel"))
    # a view with its own kecamatan code and year is filtered on them (faster at national scale);
    # another (the source lines) through its documents
    kolom_view = set(data.query("kolom_view", nama=nama)["kolom"].to_list())
    sendiri = {"kode_kecamatan", "tahun"} <= kolom_view
    baris = int(data.query("view_jumlah_wilayah" if sendiri else "view_jumlah", **lingkup, nama=nama)["jumlah"][0])
    st.markdown(f"**{teks_md(label_view(nama))}** · {fmt.angka(baris)} baris")
    halaman.unduh(
        "view_halaman_wilayah" if sendiri else "view_halaman",
        {**lingkup, "nama": nama},
        halaman.nama_berkas(nama, p, tahun_pilih),
        judul=f"{label_view(nama)} (angka apa adanya)",
        pilihan=tempat + (f", tahun {p.tahun}" if tahun_pilih else ", semua tahun"),
        jumlah=baris,
        parquet=True,
        bulatkan=False,
        key=f"view_{nama}",
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
