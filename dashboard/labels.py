"""Indonesian labels for every code the database stores and a page shows: check codes of the
review, document kinds, score kinds, where a value was read, budget levels, officials' roles, and
dates and durations in Indonesian.

One table per kind of code, used wherever a page shows that code (`label(KIND, code)`); a code
without a label falls back to a readable form (underscores become spaces, first letter capital),
never the raw identifier. tests/dashboard/test_no_english.py pins that every check code the review
(etl/review, etl/extract) can produce has a label here.
Pure: no Streamlit, usable from pages, charts and tests alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import polars as pl

import etl.format as _id

TINGKAT_TEMUAN = {"galat": "Galat", "peringatan": "Peringatan", "info": "Info"}

# every check of etl.review (and the quarterly report's own checks, kode 'triwulan_<jenis>')
PEMERIKSAAN = {
    "capaian_hitung": "Capaian vs realisasi/target",
    "capaian_rumus": "Rumus capaian yang dipakai",
    "predikat_capaian": "Kriteria vs skala capaian",
    "serapan_persen": "Persentase penyerapan anggaran",
    "bagian_persen": "Persentase bagian (survei)",
    "bagian_jumlah": "Rincian vs total (survei)",
    "efisiensi_selisih": "Angka efisiensi",
    "efisiensi_kategori": "Keterangan efisiensi",
    "efisiensi_masukan": "Angka dasar efisiensi",
    "sakip_jumlah": "Komponen SAKIP vs nilai total",
    "sakip_sub": "Sub-komponen SAKIP vs komponen",
    "sakip_kolom": "Jumlah kolom sub-komponen SAKIP",
    "sakip_bobot": "Nilai SAKIP vs bobot",
    "kematangan_rentang": "Level variabel kematangan (1–5)",
    "kematangan_jumlah": "Variabel kematangan vs jumlah",
    "kematangan_kategori": "Kategori kematangan",
    "ikm_rentang": "Rentang nilai unsur IKM",
    "ikm_rerata": "Unsur IKM vs nilai IKM",
    "ikm_mutu": "Mutu IKM",
    "anggaran_induk": "Rincian anggaran vs induknya",
    "anggaran_total": "Rincian anggaran vs jumlah",
    "anggaran_lebih": "Realisasi melebihi pagu",
    "anggaran_kelipatan": "Realisasi kelipatan pagu",
    "tahap_anggaran": "Tahap anggaran (murni/perubahan)",
    "ganda_target": "Target tertulis dua kali",
    "ganda_realisasi": "Realisasi tertulis dua kali",
    "ganda_capaian": "Capaian tertulis dua kali",
    "ganda_persen": "Persentase di kalimat vs tabel",
    "ganda_pagu": "Pagu tertulis dua kali",
    "ganda_nama": "Nama pejabat ditulis berbeda",
    "ganda_nip": "NIP pejabat ditulis berbeda",
    "nip_format": "NIP tidak sah",
    "ganda_tanggal": "Tanggal penandatanganan berbeda",
    "kalimat_persen": "Persentase dalam kalimat",
    "narasi_target": "Kalimat tentang tercapainya target",
    "narasi_banding": "Kalimat perbandingan (di atas/di bawah)",
    "narasi_arah": "Kalimat naik/turun",
    "narasi_jumlah": "Jumlah yang disebut kalimat",
    "narasi_kelompok": "Program sasaran yang disebut kalimat",
    "lintas_target_perubahan": "Target PK vs PK Perubahan",
    "lintas_target_pk": "Target LKjIP vs PK yang berlaku",
    "lintas_riwayat": "Riwayat vs laporan tahun itu",
    "triwulan_berkas_terpotong": "Laporan triwulan terpotong",
    "triwulan_total_unit": "Rincian triwulan vs total unit",
    "triwulan_anak_induk": "Rincian triwulan vs induknya",
    "triwulan_tingkat_ragu": "Tingkat baris triwulan tidak pasti",
    "triwulan_beda_triwulan": "Angka triwulan berbeda antarlaporan",
}

KATEGORI_TEMUAN = {
    "capaian": "Capaian",
    "persentase": "Persentase",
    "komponen": "Komponen skor",
    "anggaran": "Anggaran",
    "ganda": "Angka tertulis dua kali",
    "kalimat": "Angka dalam kalimat",
    "narasi": "Narasi",
    "lintas": "Antardokumen",
    "predikat": "Predikat",
    "triwulan": "Triwulan",
}

JENIS_DOKUMEN = {
    "PK": "PK",
    "PK_PERUBAHAN": "PK Perubahan",
    "LKJIP": "LKjIP",
    "REALISASI_TRIWULAN": "Laporan realisasi triwulan",
    "riwayat": "Riwayat",
}

JENIS_SKOR = {"IKM": "IKM", "SAKIP": "SAKIP", "KEMATANGAN": "Kematangan"}

SUMBER_SKOR = {
    "realisasi": "Laporan tahun itu",
    "riwayat": "Tabel riwayat dokumen yang lebih baru",
    "target": "Target",
}

TINGKAT_ANGGARAN = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan"}
# where a number was read: 'perjanjian' is the agreement's own table; other values are the
# report's table headings as printed (shown as they are)
BAGIAN = {"perjanjian": "Perjanjian kinerja"}
TAHAP_ANGGARAN = {"murni": "Murni", "perubahan": "Perubahan"}
PERAN_PEJABAT = {"pihak_pertama": "Pihak pertama", "pihak_kedua": "Pihak kedua"}
FORMAT_BERKAS = {"txt": "Teks", "pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX", "csv": "CSV"}


def label(table: Mapping[str, str], code: object) -> str:
    """The Indonesian label of `code` in `table`; an unknown code in a readable form."""
    if code is None:
        return _id.KOSONG
    text = str(code)
    if text in table:
        return table[text]
    plain = text.replace("_", " ").strip()
    return plain[:1].upper() + plain[1:].lower() if plain.isupper() or "_" in text else plain


def kolom(column: str, table: Mapping[str, str]) -> pl.Expr:
    """A polars expression: the column's codes replaced by their labels."""
    return pl.col(column).map_elements(lambda v: label(table, v), return_dtype=pl.String, skip_nulls=True)


BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(value: dt.datetime | dt.date | str | None, jam: bool = True) -> str:
    """An Indonesian date: '2 Desember 2026, 01.14' (with the time when `jam`), '–' when missing."""
    if value is None or value == "":
        return _id.KOSONG
    if isinstance(value, str):
        text = value
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
    text = f"{value.day} {BULAN[value.month - 1]} {value.year}"
    if jam and isinstance(value, dt.datetime):
        text += f", {value.hour:02d}.{value.minute:02d}"
    return text


def kolom_tanggal(column: str, jam: bool = True) -> pl.Expr:
    """A polars expression: a timestamp column as Indonesian date text."""
    return pl.col(column).map_elements(lambda v: tanggal(v, jam), return_dtype=pl.String, skip_nulls=True)


def durasi(detik: int | float) -> str:
    """A wait in Indonesian words: '45 detik', '3 menit', '1 jam 5 menit'."""
    detik = max(0, round(detik))
    if detik < 60:
        return f"{detik} detik"
    menit = -(-detik // 60)  # a wait is never shorter than said
    if menit < 60:
        return f"{menit} menit"
    jam, sisa = divmod(menit, 60)
    return f"{jam} jam" + (f" {sisa} menit" if sisa else "")


# --- the document workflow (etl.alur): what an upload gave, a document's verification, the actions
# of the audit log, what a correction changes (roles and finding statuses: etl.alur.LABEL_PERAN,
# etl.alur.LABEL_STATUS_TEMUAN)
STATUS_UNGGAH = {
    "dimuat": "Dimuat",
    "sama": "Sudah ada (berkas sama)",
    "diganti": "Dimuat, mengganti versi sebelumnya",
    "gagal": "Gagal dibaca",
    "ditolak": "Ditolak",
}
STATUS_VERIFIKASI = {
    "diunggah": "Menunggu verifikasi",
    "diverifikasi": "Diverifikasi",
    "dikembalikan": "Dikembalikan",
}
TABEL_KOREKSI = {
    "target_kinerja": "Target indikator",
    "realisasi_kinerja": "Realisasi indikator",
    "skor": "Skor (IKM, SAKIP, kematangan)",
    "anggaran": "Anggaran",
}
KOLOM_KOREKSI = {"target": "Target", "realisasi": "Realisasi", "nilai": "Nilai", "pagu": "Pagu"}
AKSI_AUDIT = {
    "masuk": "Masuk",
    "keluar": "Keluar",
    "unggah": "Unggah dokumen",
    "verifikasi": "Verifikasi dokumen",
    "koreksi": "Koreksi angka",
    "status_temuan": "Status temuan",
    "buat_pengguna": "Pengguna dibuat",
    "ubah_pengguna": "Pengguna diubah",
    "daftar_pengguna": "Daftar pengguna",
    "status_dokumen": "Status dokumen",
    "baca_audit": "Baca log audit",
}


def koreksi_teks(tertulis: str, koreksi: str, oleh: str | None, alasan: str | None) -> str:
    """A corrected value beside the printed one: '12,34 → 12,50 (dikoreksi oleh budi: alasan)'."""
    siapa = f"dikoreksi oleh {oleh}" if oleh else "dikoreksi"
    return f"{tertulis} → {koreksi} ({siapa}" + (f": {alasan})" if alasan else ")")
