"""What the workflow pages (Unggah, Verifikasi, Audit, Pengguna) show of the store's records:
tables with Indonesian headings and labels, one upload with its message, and the uploader's
Indonesian text. The store (etl.alur) returns plain records; nothing here writes."""

from __future__ import annotations

import datetime as dt
import json
import logging
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

import etl.alur as alur
from dashboard import akun, labels
from dashboard import format as fmt
from dashboard.export import teks_md

log = logging.getLogger(__name__)

# Streamlit's uploader says "200MB per file • PDF, DOCX" and "Upload" in English and cannot be
# translated: the English is hidden and the same place says it in Indonesian (the limits per
# format are in the widget's help). A constant of ours, never document text.
UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] > div > span { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::before { content: "Seret berkas ke sini, atau pilih dari komputer"; }
[data-testid="stFileUploaderDropzone"] button { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button::after { content: "Pilih berkas"; font-size: 0.9rem; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stIconMaterial"] { display: none; }
</style>"""


def unggah_satu(oleh: alur.Pengguna, nama_file: str, isi: bytes, db: Path) -> alur.HasilUnggah:
    """One file through the store's upload (published once after the last, see `terbitkan`); a
    refusal or an unexpected failure becomes a result with an Indonesian reason, so one bad file
    never stops the others."""
    try:
        return akun.toko().unggah(oleh, nama_file, isi, db, terbit=False)
    except (alur.TidakBerwenang, alur.IsianSalah) as exc:
        return _hasil(nama_file, "ditolak", str(exc))
    except (OSError, ValueError) as exc:
        log.warning("unggah %s gagal", nama_file, exc_info=exc)
        return _hasil(nama_file, "gagal", "Berkas tidak dapat diproses (rincian ada di log server).")


def _hasil(nama_file: str, status: str, pesan: str) -> alur.HasilUnggah:
    return alur.HasilUnggah(
        nama_file=nama_file, sha256="", status=status, pesan=pesan, dokumen_id=None, jumlah_catatan=0, unit=None
    )


def pesan_hasil(h: alur.HasilUnggah) -> None:
    """One line per file: success, a note count, or the refusal with its reason."""
    judul = f"**{teks_md(h.nama_file)}** — {labels.label(labels.STATUS_UNGGAH, h.status)}"
    pesan = f"{judul}: {teks_md(h.pesan)}" if h.pesan else judul
    if h.status in {"dimuat", "diganti"}:
        catatan = f" ({h.jumlah_catatan} catatan pembacaan)" if h.jumlah_catatan else ""
        st.success(pesan + catatan, icon=":material/check_circle:")
    elif h.status == "sama":
        st.info(pesan, icon=":material/info:")
    else:
        st.error(pesan, icon=":material/block:")


def tabel_hasil(hasil: Sequence[alur.HasilUnggah]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "Berkas": [h.nama_file for h in hasil],
            "Hasil": [labels.label(labels.STATUS_UNGGAH, h.status) for h in hasil],
            "Unit": [h.unit for h in hasil],
            "Catatan": [h.jumlah_catatan for h in hasil],
            "Keterangan": [h.pesan for h in hasil],
        },
        schema={"Berkas": pl.String, "Hasil": pl.String, "Unit": pl.String, "Catatan": pl.Int64, "Keterangan": pl.String},
    )


def _get(row: Mapping[str, Any], *names: str) -> Any:
    return next((row[n] for n in names if n in row and row[n] is not None), None)


# the store's record fields → the column a page shows, with the label table of its codes
STATUS_KOLOM: list[tuple[str, tuple[str, ...], Mapping[str, str] | None]] = [
    ("Berkas", ("nama_file",), None),
    ("Status", ("status_verifikasi",), labels.STATUS_VERIFIKASI),
    ("Alasan verifikator", ("alasan_verifikasi",), None),
    ("Hasil unggah", ("status",), labels.STATUS_UNGGAH),
    ("Unit", ("unit",), None),
    ("Diunggah oleh", ("username",), None),
    ("Diunggah pada", ("waktu",), None),
    ("Diverifikasi oleh", ("diverifikasi_oleh",), None),
    ("Diverifikasi pada", ("diverifikasi_pada",), None),
    ("Keterangan pemuat", ("pesan",), None),
]
WAKTU = {"Diunggah pada", "Diverifikasi pada", "Waktu"}


def tabel_status(rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """The documents' status (Alur.status_dokumen) as a table with Indonesian headings and labels."""
    return _tabel(rows, STATUS_KOLOM)


AUDIT_KOLOM: list[tuple[str, tuple[str, ...], Mapping[str, str] | None]] = [
    ("Waktu", ("waktu",), None),
    ("Pengguna", ("username",), None),
    ("Aksi", ("aksi",), labels.AKSI_AUDIT),
    ("Objek", ("objek",), None),
    ("Rincian", ("rincian",), None),
    ("Hasil", ("berhasil",), {"True": "Berhasil", "False": "Ditolak"}),
]


def tabel_audit(rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    return _tabel(rows, AUDIT_KOLOM)


def _tabel(rows: Iterable[Mapping[str, Any]], kolom: list[tuple[str, tuple[str, ...], Mapping[str, str] | None]]) -> pl.DataFrame:
    rows = list(rows)
    out: dict[str, list[str | None]] = {}
    for judul, names, table in kolom:
        values = [_get(r, *names) for r in rows]
        if judul in WAKTU:
            out[judul] = [waktu_lokal(v) for v in values]
        elif table is not None:
            out[judul] = [labels.label(table, str(v)) if v is not None else None for v in values]
        else:
            out[judul] = [_teks(v) for v in values]
    return pl.DataFrame(out, schema=dict.fromkeys(out, pl.String))


def waktu_lokal(value: Any) -> str | None:
    """A stored time (aware UTC) as an Indonesian date and time in the reader's time zone (the
    browser's, else the server's), with the zone's name: '2 Desember 2026, 13.05 WIB'."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)  # the views keep naive UTC
    if isinstance(value, dt.datetime):
        value = value.astimezone(_zona())
        return f"{labels.tanggal(value)} {ZONA_NAMA.get(value.strftime('%z'), value.strftime('%Z'))}".strip()
    return labels.tanggal(value)


ZONA_NAMA = {"+0700": "WIB", "+0800": "WITA", "+0900": "WIT", "+0000": "UTC"}


def _zona() -> dt.tzinfo:
    try:
        name = st.context.timezone
    except (AttributeError, RuntimeError):
        name = None
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return dt.UTC


def _teks(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.startswith("{"):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_teks(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    return str(value)


def tabel_pengguna(users: Iterable[alur.Pengguna]) -> pl.DataFrame:
    users = list(users)
    return pl.DataFrame(
        {
            "Nama pengguna": [u.username for u in users],
            "Nama": [u.nama for u in users],
            "Peran": [labels.label(alur.LABEL_PERAN, u.peran) for u in users],
            "Unit": [", ".join(u.unit) for u in users],
            "Aktif": ["Ya" if u.aktif else "Tidak" for u in users],
        },
        schema=dict.fromkeys(["Nama pengguna", "Nama", "Peran", "Unit", "Aktif"], pl.String),
    )


def angka_masukan(teks: str) -> float | None:
    """A number typed the Indonesian way ('12,50', '1.250.000', 'Rp 1.250.000,50'); None if it is not one.
    A dot followed by groups of three digits is a thousands separator; a comma is the decimal mark."""
    s = teks.strip().removeprefix("Rp").strip().replace(" ", "")
    if "," in s:
        s = s.replace(".", "").replace(",", ".", 1)
    elif s.count(".") and all(len(g) == 3 and g.isdigit() for g in s.split(".")[1:]) and s.split(".")[0].lstrip("-").isdigit():
        s = s.replace(".", "")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def angka_seperti(nilai: float | None, tertulis: str | None) -> str:
    """`nilai` in Indonesian format with as many decimals as the printed text has ('12,34' → 2)."""
    teks = (tertulis or "").strip()
    digits = len(teks.rsplit(",", 1)[1]) if "," in teks and teks.rsplit(",", 1)[1].isdigit() else None
    return fmt.angka(nilai, digits)
