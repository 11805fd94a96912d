"""The national list of kecamatan (data/reference/wilayah_kecamatan.csv) and name resolution."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.text import fold

REFERENCE_CSV = Path(__file__).resolve().parent.parent / "data" / "reference" / "wilayah_kecamatan.csv"
EDITION = "kepmendagri-300.2.2-2430-2025"


@dataclass(frozen=True)
class Kecamatan:
    kode: str
    nama: str
    kode_kabupaten: str
    kabupaten: str  # without "Kabupaten"/"Kota": "Gunungkidul", "Tanah Laut"
    jenis_daerah: str  # Kabupaten | Kota
    provinsi: str


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
