"""Verifikasi: a verifikator (or admin) accepts or returns each uploaded document (a return needs
a reason the operator sees), and records the right value of one number beside the printed one."""

from __future__ import annotations

import polars as pl
import streamlit as st

import etl.alur as alur
from dashboard import akun, alur_tampil, components, data, labels
from dashboard import format as fmt
from dashboard.export import teks_md

KEY_PESAN = "verifikasi_pesan"  # what was saved, shown after the rerun that shows it in the tables

st.title("Verifikasi")
user = akun.wajib("verifikasi")
if pesan := st.session_state.pop(KEY_PESAN, None):
    st.success(pesan)
st.caption(
    "Terima dokumen yang isinya benar, atau kembalikan ke pengunggah dengan alasan. Angka yang salah baca "
    "atau salah tulis dikoreksi di bawah: angka tercetak tetap tersimpan, koreksi tampil di sampingnya."
)

dokumen = data.query("dokumen_verifikasi")
if dokumen.is_empty():
    st.info("Belum ada dokumen di basis data.")
    st.stop()
TANPA_ALUR = "Dimuat di server (tanpa alur)"  # status_verifikasi NULL: a CLI load
menunggu = dokumen.filter(pl.col("status_verifikasi") == "diunggah").height
st.caption(f"{fmt.angka(menunggu)} dokumen menunggu verifikasi dari {fmt.angka(dokumen.height)} dokumen.")
components.tabel(
    dokumen.select(
        pl.col("nama_file").alias("Berkas"),
        labels.kolom("jenis", labels.JENIS_DOKUMEN).alias("Jenis"),
        pl.coalesce("perangkat_daerah", "kecamatan").alias("Unit"),
        pl.col("kabupaten").alias("Kabupaten/Kota"),
        pl.col("tahun").alias("Tahun"),
        labels.kolom("status_verifikasi", labels.STATUS_VERIFIKASI).fill_null(TANPA_ALUR).alias("Status"),
        pl.col("alasan_verifikasi").alias("Alasan"),
        pl.col("diverifikasi_oleh").alias("Diverifikasi oleh"),
        pl.col("diverifikasi_pada").map_elements(alur_tampil.waktu_lokal, return_dtype=pl.String).alias("Diverifikasi pada"),
    ),
    "verifikasi_dokumen",
    judul="Dokumen dan verifikasinya",
    wilayah="semua unit",
    tahun=None,
)

ids = dokumen["dokumen_id"].to_list()
per_id = {r["dokumen_id"]: r for r in dokumen.iter_rows(named=True)}


def _nama(dokumen_id: str) -> str:
    r = per_id[dokumen_id]
    unit = r["perangkat_daerah"] or r["kecamatan"] or fmt.KOSONG
    return (
        f"{r['nama_file']} · {unit} {r['tahun'] or ''} · {labels.STATUS_VERIFIKASI.get(r['status_verifikasi'] or '', TANPA_ALUR)}"
    )


dipilih = st.selectbox(
    "Dokumen",
    ids,
    format_func=_nama,
    key="verifikasi_dokumen",
    help="Ketik untuk mencari; bila tertulis “No results”, tidak ada berkas yang cocok.",
)


def _terbitkan() -> None:
    """The decision into the dashboard's database, so every page shows it at once."""
    alur.terbitkan(data.db_file(), akun.toko())


st.subheader("Keputusan")
with st.form("verifikasi_keputusan"):
    keputusan = st.radio(
        "Keputusan",
        ["diverifikasi", "dikembalikan"],
        format_func=lambda s: {"diverifikasi": "Terima (diverifikasi)", "dikembalikan": "Kembalikan ke pengunggah"}[s],
        horizontal=True,
        key="verifikasi_status",
    )
    alasan = st.text_area(
        "Alasan",
        key="verifikasi_alasan",
        help="Wajib bila dokumen dikembalikan: pengunggah membacanya di halaman Unggah Dokumen.",
    )
    if st.form_submit_button("Simpan keputusan", type="primary"):
        if keputusan == "dikembalikan" and not alasan.strip():
            st.error("Tulis alasan pengembalian: pengunggah perlu tahu apa yang harus diperbaiki.")
        else:
            try:
                akun.toko().verifikasi(user, dipilih, keputusan, alasan.strip(), db=data.db_file())
                _terbitkan()
            except (alur.TidakBerwenang, alur.IsianSalah) as exc:
                st.error(str(exc))
            else:
                st.session_state[KEY_PESAN] = f"Keputusan tersimpan: {labels.label(labels.STATUS_VERIFIKASI, keputusan).lower()}."
                st.rerun()

st.subheader("Koreksi angka")
baris = data.query("koreksi_baris", dokumen_id=dipilih)
if baris.is_empty():
    st.info("Dokumen ini tidak memuat angka target, realisasi, skor atau anggaran yang dapat dikoreksi.")
    st.stop()
tabel_ada = [t for t in labels.TABEL_KOREKSI if t in set(baris["tabel"].to_list())]
tabel = st.segmented_control(
    "Jenis angka",
    tabel_ada,
    default=tabel_ada[0],
    format_func=lambda t: labels.label(labels.TABEL_KOREKSI, t),
    key="verifikasi_tabel",
    required=True,
)
pilihan = baris.filter(pl.col("tabel") == (tabel or tabel_ada[0]))
posisi = list(range(pilihan.height))


def _baris(i: int) -> str:
    r = pilihan.row(i, named=True)
    tertulis = r["teks"] or fmt.angka(r["nilai"])
    kolom = labels.label(labels.KOLOM_KOREKSI, r["kolom"])
    koreksi = f" → {alur_tampil.angka_seperti(r['koreksi'], r['teks'])}" if r["koreksi"] is not None else ""
    return f"baris {r['sumber_baris']} · {r['uraian'] or fmt.KOSONG} · {kolom} {tertulis}{koreksi}"


i = st.selectbox(
    "Angka",
    posisi,
    format_func=_baris,
    key=f"verifikasi_baris_{tabel}",
    help="Ketik untuk mencari; bila tertulis “No results”, tidak ada angka yang cocok.",
)
r = pilihan.row(i if i is not None else 0, named=True)
with st.form("verifikasi_koreksi"):
    teks_nilai = st.text_input(
        "Nilai yang benar",
        value=alur_tampil.angka_seperti(r["koreksi"] if r["koreksi"] is not None else r["nilai"], r["teks"]),
        key=f"verifikasi_nilai_{tabel}_{i}",
        help="Tulis seperti di dokumen: koma desimal, titik ribuan (mis. 12,50 atau 1.250.000).",
    )
    alasan_koreksi = st.text_area(
        "Alasan koreksi", key="verifikasi_alasan_koreksi", help="Wajib: mengapa angka tercetak tidak benar."
    )
    if st.form_submit_button("Simpan koreksi", type="primary"):
        nilai = alur_tampil.angka_masukan(teks_nilai)
        if nilai is None:
            st.error(f"“{teks_md(teks_nilai)}” bukan angka. Tulis mis. 12,50 atau 1.250.000.")
        elif not alasan_koreksi.strip():
            st.error("Tulis alasan koreksi: setiap angka yang dikoreksi harus dapat ditelusuri.")
        else:
            kunci = {"urutan": r["urutan"]} if r["tabel"] != "skor" else {"tahun": r["tahun"], "jenis": r["jenis"]}
            try:
                akun.toko().koreksi(
                    user, dipilih, r["tabel"], kunci, r["kolom"], nilai, alasan_koreksi.strip(), db=data.db_file()
                )
                _terbitkan()
            except (alur.TidakBerwenang, alur.IsianSalah) as exc:
                st.error(str(exc))
            else:
                st.session_state[KEY_PESAN] = "Koreksi tersimpan: " + teks_md(
                    labels.koreksi_teks(
                        r["teks"] or fmt.angka(r["nilai"]),
                        alur_tampil.angka_seperti(nilai, r["teks"]),
                        user.username,
                        alasan_koreksi.strip(),
                    )
                )
                st.rerun()
