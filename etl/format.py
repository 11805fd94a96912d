"""The one Indonesian number formatter (PUEBI / CLDR id_ID through babel), for findings, pages and exports.

    angka(1250000)            -> "1.250.000"
    angka(12.5)               -> "12,50"   (not whole: two decimals)
    angka(2.675, 2)           -> "2,68"    (half-up on the printed digits)
    persen(95.69)             -> "95,69%"
    rupiah(1250000000)        -> "Rp1.250.000.000"
    rupiah_ringkas(1.245e9)   -> "Rp1,25 M"

Rounding rule (docs/domain.md §4): a value is rounded **half-up on its decimal digits as Python
prints them** (``str(2.675) == "2.675"`` → "2,68", though the float is 2.67499…), never on the
binary float underneath and never half-to-even. Documents round that way, so a recomputed figure
reads as a document would print it.
A value that is not whole and has no fixed digits shows two decimals, the precision documents print
scores and percentages in, so a computed figure beside a printed one never looks more or less
precise than it is.

Every function returns "–" for a missing value (None or NaN). Pure: no I/O, no Streamlit.
"""

from __future__ import annotations

import decimal
import math

from babel.numbers import format_compact_currency, format_decimal

LOCALE = "id_ID"
KOSONG = "–"  # shown where there is no value
DEFAULT_DIGITS = 2  # decimals of a value that is not whole when the caller fixes none
MINUS = "−"  # U+2212, the sign of a signed difference (poin)


def missing(value: object) -> bool:
    """None, NaN, or something that is not a number at all."""
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, (int, float, decimal.Decimal)):
        return True
    return isinstance(value, float) and (math.isnan(value) or math.isinf(value))


def _decimal(value: float | int | decimal.Decimal) -> decimal.Decimal:
    # str() of a float is its shortest round-tripping form: the digits a reader sees.
    return value if isinstance(value, decimal.Decimal) else decimal.Decimal(str(value))


def digits_for(value: float | int | decimal.Decimal) -> int:
    """0 for a whole number, else DEFAULT_DIGITS (whole after rounding to them: 2.999 → 2 digits, '3,00')."""
    return 0 if _decimal(value) == _decimal(value).to_integral_value() else DEFAULT_DIGITS


def bulatkan(value: float | int | decimal.Decimal, digits: int) -> decimal.Decimal:
    """`value` rounded half-up to `digits` decimals on its printed digits (the rule of this module)."""
    return _decimal(value).quantize(decimal.Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)


def angka(value: float | int | decimal.Decimal | None, digits: int | None = None) -> str:
    """'.' for thousands, ',' for decimals; `digits` fixes the decimals shown (default: 0 when whole, else 2)."""
    if missing(value):
        return KOSONG
    assert value is not None
    if digits is None:
        digits = digits_for(value)
    rounded = bulatkan(value, digits)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0,00"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(rounded, format=pattern, locale=LOCALE, decimal_quantization=False)


def skor(value: float | None) -> str:
    """A key score (IKM, SAKIP, Kematangan) as documents print it: two decimals, '87,50'."""
    return angka(value, 2)


def persen(value: float | None, digits: int = 2) -> str:
    """A percentage already on the 0–100 scale: persen(95.69) -> '95,69%' (no space, PUEBI)."""
    if missing(value):
        return KOSONG
    return f"{angka(value, digits)}%"


def poin(value: float | None, digits: int = 2) -> str:
    """A signed difference in points: '+7,65' / '−1,20' / '±0,00' (sign after rounding)."""
    if missing(value):
        return KOSONG
    assert value is not None
    rounded = bulatkan(value, digits)
    sign = "+" if rounded > 0 else (MINUS if rounded < 0 else "±")
    return f"{sign}{angka(abs(rounded), digits)}"


def rupiah(value: float | None) -> str:
    """Full Rupiah without a space and without decimals: 'Rp1.250.000'."""
    if missing(value):
        return KOSONG
    return f"Rp{angka(value, 0)}"


def rupiah_ringkas(value: float | None) -> str:
    """Compact Rupiah for tiles: 'Rp1,89 M' (miliar), 'Rp125,15 jt' (juta), CLDR lowercase 'jt'."""
    if missing(value):
        return KOSONG
    assert value is not None
    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_UP
        text = format_compact_currency(_decimal(value), "IDR", locale=LOCALE, fraction_digits=2)
    return text.replace("\xa0", " ")


def arah_perubahan(lama: float | None, baru: float | None) -> str:
    """The change in words: 'naik 7,65 poin', 'turun 1,20 poin', 'tetap' (judged on the rounded digits)."""
    if missing(lama) or missing(baru):
        return "tidak dapat dibandingkan"
    assert lama is not None and baru is not None
    delta = bulatkan(baru, 2) - bulatkan(lama, 2)
    if delta == 0:
        return "tetap"
    return f"{'naik' if delta > 0 else 'turun'} {angka(abs(delta), 2)} poin"
