"""The national list of kecamatan (data/reference/wilayah_kecamatan.csv) and name resolution.

A kabupaten and a kota may share a name (Kabupaten Bogor 32.01, Kota Bogor 32.71): the name alone
never identifies one, its Kemendagri code does. In a code PP.KK the kota have KK 71 and above
(checked over the whole list by tests/etl/test_kabkota.py), so the kind — and the label a page
shows, "Kab. Bogor" / "Kota Bogor" — follows from the code (`jenis_daerah`, `label_kabupaten`;
SQL macro `label_kabupaten` in etl/schema.sql, the text of `SQL_LABEL_KABUPATEN`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.text import fold

REFERENCE_CSV = Path(__file__).resolve().parent.parent / "data" / "reference" / "wilayah_kecamatan.csv"
EDITION = "kepmendagri-300.2.2-2430-2025"
FIRST_KOTA = 71  # KK of the first kota in a kabupaten/kota code PP.KK (Kemendagri numbering)
PREFIX = {"Kabupaten": "Kab.", "Kota": "Kota"}  # the short prefix a page and a file name show

# the same rule in SQL (a macro of etl/schema.sql): '{kode}' a PP.KK code, '{nama}' the bare name
SQL_LABEL_KABUPATEN = (
    "case when {kode} is null or {nama} is null then {nama} "
    "when try_cast(split_part({kode}, '.', 2) as integer) >= 71 then 'Kota ' || {nama} else 'Kab. ' || {nama} end"
)


def jenis_daerah(kode_kabupaten: str) -> str:
    """'Kota' for a kota code (KK ≥ 71), else 'Kabupaten': '32.71' → 'Kota', '32.01' → 'Kabupaten'."""
    part = kode_kabupaten.split(".")[1] if "." in kode_kabupaten else ""
    return "Kota" if part.isdigit() and int(part) >= FIRST_KOTA else "Kabupaten"


def label_kabupaten(kode_kabupaten: str | None, nama: str | None) -> str | None:
    """The name a page shows: ('32.01', 'Bogor') → 'Kab. Bogor', ('32.71', 'Bogor') → 'Kota Bogor';
    without a code the bare name (a provincial unit has neither)."""
    if kode_kabupaten is None or nama is None:
        return nama
    return f"{PREFIX[jenis_daerah(kode_kabupaten)]} {nama}"


@dataclass(frozen=True)
class Kecamatan:
    kode: str
    nama: str
    kode_kabupaten: str
    kabupaten: str  # without "Kabupaten"/"Kota": "Gunungkidul", "Tanah Laut"
    jenis_daerah: str  # Kabupaten | Kota
    provinsi: str
    kode_provinsi: str = ""

    @property
    def label_kabupaten(self) -> str:
        """'Kab. Bogor' / 'Kota Bogor'."""
        return f"{PREFIX[self.jenis_daerah]} {self.kabupaten}"


@dataclass(frozen=True)
class Wilayah:
    kecamatan: tuple[Kecamatan, ...]
    by_kecamatan: dict[str, tuple[Kecamatan, ...]]
    by_kabupaten: dict[str, tuple[Kecamatan, ...]]
    max_words: int


@lru_cache(maxsize=1)
def wilayah(path: Path = REFERENCE_CSV) -> Wilayah:
    rows: list[Kecamatan] = []
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            kab = r["kabupaten"]
            jenis = "Kota" if kab.startswith("Kota ") else "Kabupaten"
            rows.append(
                Kecamatan(
                    kode=r["kode_kecamatan"],
                    nama=r["kecamatan"],
                    kode_kabupaten=r["kode_kabupaten"],
                    kabupaten=kab.removeprefix("Kabupaten ").removeprefix("Kota "),
                    jenis_daerah=jenis,
                    provinsi=r["provinsi"],
                    kode_provinsi=r["kode_provinsi"],
                )
            )
    by_kec: dict[str, list[Kecamatan]] = {}
    by_kab: dict[str, list[Kecamatan]] = {}
    for k in rows:
        by_kec.setdefault(fold(k.nama), []).append(k)
        by_kab.setdefault(fold(k.kabupaten), []).append(k)
    words = max(len(n.split()) for n in list(by_kec) + list(by_kab))
    return Wilayah(
        tuple(rows),
        {k: tuple(v) for k, v in by_kec.items()},
        {k: tuple(v) for k, v in by_kab.items()},
        words,
    )


def longest_name(words: list[str], names: dict[str, tuple[Kecamatan, ...]], max_words: int) -> str | None:
    """The longest run of leading words that is a known name: ['tanah','laut','x'] → 'tanah laut'."""
    for n in range(min(max_words, len(words)), 0, -1):
        candidate = " ".join(words[:n])
        if candidate in names:
            return candidate
    return None
