"""Unggah Dokumen: an operator (or verifikator, admin) sends several documents at once; each goes
through the same loader as the CLI (etl.alur.Alur.unggah) and its result is shown; below, the
status of the documents of the user's units, with the verifikator's reason when one was returned."""

from __future__ import annotations

import polars as pl
import streamlit as st

import etl.alur as alur
from dashboard import akun, alur_tampil, data, labels
from dashboard.export import teks_md

KEY_HASIL = "unggah_hasil"  # the results of the last upload, shown until the next one
KEY_PUTARAN = "unggah_putaran"  # part of the uploader's key: a new key empties it after an upload

st.title("Unggah Dokumen")
user = akun.wajib("unggah")
st.html(alur_tampil.UPLOADER_CSS)
st.caption(
    "Kirim satu atau beberapa dokumen sekaligus (PDF, DOCX, XLSX/CSV templat, atau teks). Setiap berkas "
    "dibaca dengan pembaca yang sama seperti di server dan batasnya, lalu menunggu verifikasi."
    + (f" Akun Anda hanya boleh mengunggah dokumen unit: {teks_md(', '.join(user.unit))}." if user.peran == "operator" else "")
)
# the loader's limits per format, where the store states them (else the loader's refusal names the limit)
BATAS: dict[str, int] = getattr(alur, "BATAS_BERKAS", {})
batas = ", ".join(f"{jenis.upper()} {ukuran // (1024 * 1024)} MB" for jenis, ukuran in BATAS.items())
berkas = st.file_uploader(
    "Berkas dokumen",
    type=sorted(BATAS) or None,
    accept_multiple_files=True,
    key=f"unggah_berkas_{st.session_state.get(KEY_PUTARAN, 0)}",
    help=f"Ukuran terbesar per berkas: {batas}." if batas else "Berkas di luar batas pemuat ditolak dengan alasannya.",
)
if st.button("Unggah dan muat", type="primary", disabled=not berkas, key="unggah_kirim", icon=":material/upload:"):
    assert berkas
    kemajuan = st.progress(0.0, text="Menyiapkan…")
    hasil = []
    for nomor, item in enumerate(berkas, start=1):
        kemajuan.progress((nomor - 1) / len(berkas), text=f"Memuat {item.name} ({nomor} dari {len(berkas)})…")
        hasil.append(alur_tampil.unggah_satu(user, item.name, item.getvalue(), data.db_file()))
    if any(h.dokumen_ids for h in hasil):
        kemajuan.progress(1.0, text="Menerbitkan ke dasbor…")
        alur.terbitkan(data.db_file(), akun.toko())
    kemajuan.progress(1.0, text=f"Selesai: {len(berkas)} berkas diproses.")
    st.session_state[KEY_HASIL] = hasil
    st.session_state[KEY_PUTARAN] = st.session_state.get(KEY_PUTARAN, 0) + 1
    st.rerun()

terakhir: list[alur.HasilUnggah] = st.session_state.get(KEY_HASIL) or []
if terakhir:
    st.subheader("Hasil unggahan terakhir")
    for h in terakhir:
        alur_tampil.pesan_hasil(h)
    st.dataframe(alur_tampil.tabel_hasil(terakhir), hide_index=True, placeholder="–")

st.subheader("Status dokumen")
status = alur_tampil.tabel_status(akun.toko().status_dokumen(user))
if status.is_empty():
    st.info("Belum ada dokumen yang diunggah" + (" untuk unit Anda." if user.peran == "operator" else "."))
else:
    dikembalikan = status.filter(pl.col("Status") == labels.STATUS_VERIFIKASI["dikembalikan"]).height
    if dikembalikan:
        st.warning(
            f"{dikembalikan} dokumen dikembalikan oleh verifikator: baca alasannya di kolom “Alasan verifikator”, "
            "perbaiki, lalu unggah lagi."
        )
    st.dataframe(status, hide_index=True, placeholder="–")
