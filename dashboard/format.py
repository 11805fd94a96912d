"""Indonesian number formats and the colours of the domain scales, for pages and charts.

The number formats are etl.format's (one formatter for findings, pages and exports):

    angka(1250000)         -> "1.250.000"
    angka(87.5, 2)         -> "87,50"
    rupiah_ringkas(1.245e9)  -> "Rp1,25 M"
    persen(95.69)          -> "95,69%"

Every function returns "–" for a missing value, so a table cell never shows "None" or "nan".
Pure functions: no Streamlit, usable from pages, charts and tests alike.
"""

from __future__ import annotations

import etl.format as _id
import etl.rules as rules

LOCALE = _id.LOCALE
KOSONG = _id.KOSONG  # shown where there is no value

# d3-format locale for Vega-Lite (config.locale.number): the same conventions inside charts.
D3_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]}

# The pages format through etl.format, the same functions the review's findings and the exports
# use, so a number reads identically everywhere (tests/rules/test_format_paths.py).
angka = _id.angka
skor = _id.skor
persen = _id.persen
poin = _id.poin
rupiah = _id.rupiah
rupiah_ringkas = _id.rupiah_ringkas
arah_perubahan = _id.arah_perubahan
digits_for = _id.digits_for  # decimals a value shows when none are fixed (0 when whole, else 2)


# --- colours -----------------------------------------------------------------------------------
# One palette for series (Okabe–Ito, colour-blind safe) and one for each predicate scale.
# Predicate colours run dark → light with the rank so a greyscale print still orders them.

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge", "stroke")
DASHES = ((1, 0), (6, 3), (2, 2), (8, 3, 2, 3))

_RANK_COLOURS = ("#1a7837", "#5aae61", "#d9c148", "#f1a340", "#b2182b", "#67001f", "#3b0010")


def _by_rank(labels: list[str]) -> dict[str, str]:
    return dict(zip(labels, _RANK_COLOURS))


PREDIKAT_CAPAIAN = [label for _, label in rules.CAPAIAN_SCALE] + [rules.CAPAIAN_LOWEST]
PREDIKAT_SAKIP = [code for _, code, _ in rules.SAKIP_SCALE] + [rules.SAKIP_LOWEST[0]]
MUTU_IKM = [code for _, code, _ in rules.IKM_SCALE_NIK] + [rules.IKM_LOWEST[0]]
KATEGORI_KEMATANGAN = [label for _, label in rules.KEMATANGAN_SCALE] + [rules.KEMATANGAN_LOWEST]

WARNA_CAPAIAN = _by_rank(PREDIKAT_CAPAIAN)
WARNA_SAKIP = _by_rank(PREDIKAT_SAKIP)
WARNA_IKM = _by_rank(MUTU_IKM)
WARNA_KEMATANGAN = _by_rank(KATEGORI_KEMATANGAN)


def warna_predikat(jenis: str, kategori: str | None) -> str | None:
    """Colour of a category label of one scale: jenis 'CAPAIAN', 'IKM', 'SAKIP' or 'KEMATANGAN'.

    Accepts the labels `etl.rules.kategori_skor` produces ('B (Baik)', 'Sedang').
    """
    if not kategori:
        return None
    code = kategori.split(" ", 1)[0] if jenis in {"IKM", "SAKIP"} else kategori
    table = {"CAPAIAN": WARNA_CAPAIAN, "IKM": WARNA_IKM, "SAKIP": WARNA_SAKIP, "KEMATANGAN": WARNA_KEMATANGAN}[jenis]
    return table.get(code)


def warna_teks(background: str) -> str:
    """Black or white text, whichever reads better on `background` ('#rrggbb')."""
    r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


NAMA_SKOR = {"IKM": "IKM", "SAKIP": "Nilai SAKIP", "KEMATANGAN": "Nilai Kematangan"}
