"""Documents in through the browser, checked by the right people (issue 15): accounts and roles,
sessions, upload through the CLI loader, verification, corrections beside the printed values,
the status of findings, and an append-only audit log. Kept in a SQLite store beside the DuckDB
database (:func:`etl.paths.alur_path`); :func:`terbitkan` copies the workflow events into the
published snapshot, where the views show them. See docs/accounts.md."""

from etl.alur.model import (
    LABEL_PERAN,
    LABEL_STATUS_TEMUAN,
    PERAN,
    STATUS_TEMUAN,
    STATUS_UNGGAH,
    STATUS_VERIFIKASI,
    HasilUnggah,
    IsianSalah,
    Pengguna,
    RahasiaTidakAda,
    SandiSalah,
    Sesi,
    TerlaluBanyakPercobaan,
    TidakBerwenang,
)
from etl.alur.rahasia import NAMA_COOKIE, baca_cookie, kunci_rahasia, tanda_cookie
from etl.alur.store import BARIS_PERINTAH, Alur, buka, wajib_masuk
from etl.alur.terbit import terbitkan

__all__ = [
    "BARIS_PERINTAH",
    "LABEL_PERAN",
    "LABEL_STATUS_TEMUAN",
    "NAMA_COOKIE",
    "PERAN",
    "STATUS_TEMUAN",
    "STATUS_UNGGAH",
    "STATUS_VERIFIKASI",
    "Alur",
    "HasilUnggah",
    "IsianSalah",
    "Pengguna",
    "RahasiaTidakAda",
    "SandiSalah",
    "Sesi",
    "TerlaluBanyakPercobaan",
    "TidakBerwenang",
    "baca_cookie",
    "buka",
    "kunci_rahasia",
    "tanda_cookie",
    "terbitkan",
    "wajib_masuk",
]
