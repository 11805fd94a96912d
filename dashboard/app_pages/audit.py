"""Log Audit: every upload, verification, correction, finding status, login and user change, with
who did it and when (append-only in the store), filterable and downloadable (CSV, XLSX)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import akun, alur_tampil, components
from dashboard import format as fmt

BATAS = 5000  # the newest entries the page reads; the download holds the same

st.title("Log Audit")
user = akun.wajib("audit")
st.caption(
    "Setiap tindakan tercatat dan tidak dapat diubah atau dihapus: unggahan, verifikasi, koreksi, status temuan, "
    f"masuk/keluar dan perubahan pengguna. Ditampilkan {fmt.angka(BATAS)} catatan terbaru, terbaru di atas."
)
log = alur_tampil.tabel_audit(akun.toko().audit(user, batas=BATAS))
if log.is_empty():
    st.info("Log audit masih kosong.")
    st.stop()

kolom = st.columns(3)
siapa = kolom[0].multiselect(
    "Pengguna",
    sorted(log["Pengguna"].drop_nulls().unique().to_list()),
    key="audit_pengguna",
    placeholder="Semua pengguna",
    select_all=False,
    help="Ketik untuk mencari; bila tertulis “No results”, tidak ada nama yang cocok.",
)
aksi = kolom[1].multiselect(
    "Aksi",
    sorted(log["Aksi"].drop_nulls().unique().to_list()),
    key="audit_aksi",
    placeholder="Semua aksi",
    select_all=False,
    filter_mode=None,
)
cari = kolom[2].text_input("Cari di objek atau rincian", key="audit_cari")
hasil = st.segmented_control(
    "Hasil", ["Berhasil", "Ditolak"], key="audit_hasil", selection_mode="multi", default=["Berhasil", "Ditolak"]
)

tampil = log
if siapa:
    tampil = tampil.filter(pl.col("Pengguna").is_in(siapa))
if aksi:
    tampil = tampil.filter(pl.col("Aksi").is_in(aksi))
if cari.strip():
    needle = cari.strip().lower()
    tampil = tampil.filter(
        pl.col("Objek").fill_null("").str.to_lowercase().str.contains(needle, literal=True)
        | pl.col("Rincian").fill_null("").str.to_lowercase().str.contains(needle, literal=True)
    )
tampil = tampil.filter(pl.col("Hasil").is_in(hasil or []))
st.caption(f"{fmt.angka(tampil.height)} dari {fmt.angka(log.height)} catatan.")
components.tabel(tampil, "log_audit", judul="Log audit alur dokumen", wilayah="semua unit", tahun=None, width="stretch")
