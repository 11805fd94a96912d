"""Indonesian number formats (PUEBI / CLDR id_ID) and the colours of the domain scales.

    angka(1250000)         -> "1.250.000"
    angka(87.5, 2)         -> "87,50"
    rupiah_ringkas(1.8906e9) -> "Rp1,89 M"
    persen(95.69)          -> "95,69%"

Every function returns "–" for a missing value, so a table cell never shows "None" or "nan".
Pure functions: no Streamlit, usable from pages, charts and tests alike.
"""

from __future__ import annotations

import math

from babel.numbers import format_compact_currency, format_decimal

import etl.rules as rules

LOCALE = "id_ID"
KOSONG = "–"  # shown where there is no value

# d3-format locale for Vega-Lite (config.locale.number): the same conventions inside charts.
D3_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]}


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def angka(value: float | None, digits: int | None = None) -> str:
    """A number with '.' for thousands and ',' for decimals; `digits` fixes the decimals shown.

    Without `digits`, whole numbers show no decimals and others show up to two.
    """
    if _missing(value):
        return KOSONG
    assert value is not None
    if digits is None:
        digits = 0 if float(value).is_integer() else 2
        pattern = "#,##0" if digits == 0 else "#,##0.##"
    else:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def skor(value: float | None) -> str:
    """A key score (IKM, SAKIP, Kematangan) as documents print it: two decimals, '87,50'."""
    return angka(value, 2)


def persen(value: float | None, digits: int = 2) -> str:
    """A percentage already on the 0–100 scale: persen(95.69) -> '95,69%' (no space, as PUEBI)."""
    if _missing(value):
        return KOSONG
    return f"{angka(value, digits)}%"


def poin(value: float | None, digits: int = 2) -> str:
    """A signed difference in points: '+7,65' / '−1,20'."""
    if _missing(value):
        return KOSONG
    assert value is not None
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{angka(abs(value), digits)}"


def rupiah(value: float | None) -> str:
    """Full Rupiah without a space: 'Rp1.250.000'."""
    if _missing(value):
        return KOSONG
    return f"Rp{angka(value, 0)}"


def rupiah_ringkas(value: float | None) -> str:
    """Compact Rupiah for tiles: 'Rp1,89 M' (miliar), 'Rp125,15 jt' (juta), CLDR lowercase 'jt'."""
    if _missing(value):
        return KOSONG
    assert value is not None
    text = format_compact_currency(value, "IDR", locale=LOCALE, fraction_digits=2)
    return text.replace("\xa0", " ")


def arah_perubahan(lama: float | None, baru: float | None) -> str:
    """The change in words: 'naik 7,65 poin', 'turun 1,20 poin', 'tetap'."""
    if _missing(lama) or _missing(baru):
        return "tidak dapat dibandingkan"
    assert lama is not None and baru is not None
    delta = round(baru - lama, 2)
    if delta == 0:
        return "tetap"
    return f"{'naik' if delta > 0 else 'turun'} {angka(abs(delta), 2)} poin"


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
