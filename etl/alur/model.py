"""The workflow's vocabulary: roles, the records the API returns and the errors it raises."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PERAN = ("pimpinan", "operator", "verifikator", "inspektorat", "admin")
LABEL_PERAN: dict[str, str] = {
    "pimpinan": "Pimpinan (hanya membaca)",
    "operator": "Operator unit (mengunggah dokumen unitnya)",
    "verifikator": "Verifikator (memverifikasi dan mengoreksi)",
    "inspektorat": "Inspektorat (status temuan reviu)",
    "admin": "Admin (pengguna dan semua tugas)",
}

# who may do what; admin may do everything
BOLEH_UNGGAH = ("operator", "verifikator", "admin")
BOLEH_VERIFIKASI = ("verifikator", "admin")
BOLEH_KOREKSI = ("verifikator", "admin")
BOLEH_STATUS_TEMUAN = ("inspektorat", "admin")
BOLEH_KELOLA = ("admin",)

STATUS_VERIFIKASI = ("diverifikasi", "dikembalikan")
STATUS_TEMUAN = ("dikonfirmasi", "bukan_kesalahan", "ditindaklanjuti")
LABEL_STATUS_TEMUAN: dict[str, str] = {
    "dikonfirmasi": "Dikonfirmasi",
    "bukan_kesalahan": "Bukan kesalahan",
    "ditindaklanjuti": "Ditindaklanjuti",
}
STATUS_UNGGAH = ("dimuat", "sama", "diganti", "gagal", "ditolak")

# a correction names its row by these keys of the view (each a column of the view and of its core table)
KUNCI_KOREKSI: dict[str, tuple[str, ...]] = {
    "target_kinerja": ("urutan",),
    "realisasi_kinerja": ("urutan",),
    "anggaran": ("urutan",),
    "skor": ("tahun", "jenis"),
}
# the printed value a correction stands beside: view column -> its printed text column
KOLOM_KOREKSI: dict[str, dict[str, str]] = {
    "target_kinerja": {"target": "target_teks"},
    "realisasi_kinerja": {"realisasi": "realisasi_teks"},
    "skor": {"nilai": "nilai_teks"},
    "anggaran": {"pagu": "pagu_teks", "realisasi": "realisasi_teks"},
}


def unit_diizinkan(kode_kecamatan: str | None, perangkat_daerah: str | None, units: tuple[str, ...] | list[str]) -> bool:
    """Whether a document of this unit is one of ``units`` (an operator's): its kode_kecamatan
    exactly, or its perangkat_daerah ("Kecamatan X", "Dinas …") compared folded."""
    from etl.text import fold

    if kode_kecamatan and kode_kecamatan in units:
        return True
    folded = {fold(u) for u in units}
    return bool(perangkat_daerah) and fold(perangkat_daerah or "") in folded


@dataclass(frozen=True)
class Pengguna:
    username: str
    nama: str
    peran: str
    unit: tuple[str, ...] = ()
    aktif: bool = True


@dataclass(frozen=True)
class Sesi:
    token: str
    username: str
    kedaluwarsa: dt.datetime


@dataclass(frozen=True)
class HasilUnggah:
    nama_file: str
    sha256: str
    status: str  # one of STATUS_UNGGAH
    pesan: str  # the loader's line (or the refusal), in Indonesian
    dokumen_id: str | None = None
    jumlah_catatan: int = 0
    unit: str | None = None  # the unit the reader found (perangkat_daerah, else kode_kecamatan)
    dokumen_ids: tuple[str, ...] = ()  # every document of the file (a quarterly report may hold several)
    kode_kecamatan: str | None = None  # the kecamatan's code the reader found, where it is one


class TidakBerwenang(PermissionError):
    """The account may not do this (or there is no valid account): nothing was written."""


class SandiSalah(Exception):
    """Wrong user name or password: one message for both, so neither can be probed."""

    def __init__(self) -> None:
        super().__init__("Nama pengguna atau kata sandi salah.")


class TerlaluBanyakPercobaan(Exception):
    """Too many failed logins for this user name or origin: wait ``tunggu_detik`` seconds."""

    def __init__(self, tunggu_detik: int) -> None:
        self.tunggu_detik = tunggu_detik
        menit = max(1, -(-tunggu_detik // 60))
        super().__init__(f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {menit} menit.")


class IsianSalah(ValueError):
    """A value given to the API that it cannot accept (unknown role, empty reason …), in Indonesian."""


class RahasiaTidakAda(RuntimeError):
    """KINERJA_RAHASIA is not set (or too short) while login is needed."""
