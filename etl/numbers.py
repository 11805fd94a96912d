"""Indonesian number parsing: the numbers as documents print them.

Two kinds of value are told apart, because the same string means different things in them:

* ``parse_amount`` reads Rupiah amounts and counts. Amounts are whole numbers (sometimes with
  ``,00``), so a single separator followed by exactly three digits groups thousands
  (``1.500`` and ``1,500`` are both 1500). ``Rp -`` and ``-`` are zero.
* ``parse_decimal`` reads scores, percentages and targets. Documents follow PUEBI: ``,`` is the
  decimal mark and ``.`` groups thousands, so ``84,50`` is 84.5, ``1,500`` is 1.5 and ``1.500``
  is 1500. A ``.`` followed by one, two or four+ digits (``51.19``) cannot be a thousands group
  and is read as a decimal point.

Both accept the separators of the other convention when the string is unambiguous
(``3,125,000,500`` and ``1.250.000.000,00``). Anything else returns ``None``; the caller decides
whether that is an error worth reporting.

**Plausibility** (:func:`implausible_amount`): a string that reads as a number but cannot be one
as printed is ``None`` too, never a value: a Rupiah amount whose thousands group is cut
(``Rp 32.4``, ``1.234.56``: after a thousands point come three digits; ``Rp 32.00`` is read as
cents written the English way), a Rupiah amount with a
single decimal digit (``Rp 1.234,5``), and both separators with three digits after the last
(``1.234,567``: a decimal part or a mistyped thousands group cannot be told apart). The extractor
makes each such cell a ``peringatan`` naming its line (:func:`etl.extract.extract_lines`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Every parser here is a pure function of one printed string, and the readers ask for the same
# cells many times (header scoring, slot filling, plausibility notes): each keeps a bounded cache.
_CACHE = 1 << 16

_DASHES = {"-", "–", "—", "−"}
_RP_PREFIX = re.compile(r"^\s*rp\.?\s*", re.IGNORECASE)
_TRAILING = re.compile(r"(?:[.,]\s*-|-)\s*$")  # "2.877.638.950,-", "112.041.250.-"
_NUMERIC = re.compile(r"^[+-]?\d[\d.,]*$")


@lru_cache(maxsize=_CACHE)
def _normalise(text: str) -> str:
    s = text.strip().replace("\u00a0", " ")
    s = _RP_PREFIX.sub("", s)
    s = s.replace(" ", "")
    s = _TRAILING.sub("", s)
    return s


def _split_separators(s: str, *, single_three_is_thousands: bool, comma_decimal: bool) -> float | None:
    if not _NUMERIC.match(s):
        return None
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if s[-1] in ".,":
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        # The separator that comes last is the decimal mark; the other groups thousands.
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        grp = "." if dec == "," else ","
        if s.count(dec) > 1:
            return None
        whole, frac = s.split(dec)
        if not _valid_groups(whole.split(grp)):
            return None
        return sign * float(whole.replace(grp, "") + "." + frac)
    sep = "." if dots else "," if commas else ""
    if not sep:
        return sign * float(s)
    parts = s.split(sep)
    if len(parts) > 2:
        return sign * float("".join(parts)) if _valid_groups(parts) else None
    whole, frac = parts
    if len(frac) == 3 and whole != "0":
        if single_three_is_thousands or sep == ".":
            return sign * float(whole + frac)
        return sign * float(whole + "." + frac)
    if sep == "," and not comma_decimal:
        return None
    return sign * float(whole + "." + frac)


def _valid_groups(parts: list[str]) -> bool:
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]) and parts[0].isdigit()


@lru_cache(maxsize=_CACHE)
def implausible_amount(text: str | None) -> str | None:
    """Why a number as printed cannot be right (in words for the user), or None when it can, or
    when it is no number at all. See the module docstring for the cases."""
    if text is None:
        return None
    rupiah = bool(_RP_PREFIX.match(text))
    s = _normalise(text).rstrip("%")
    if not s or not _NUMERIC.match(s):
        return None
    body = s.lstrip("+-")
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        dec = "," if body.rfind(",") > body.rfind(".") else "."
        grp = "." if dec == "," else ","
        whole, _, frac = body.rpartition(dec)
        if len(frac) == 3 and dec not in whole and _valid_groups(whole.split(grp)):
            return f"titik dan koma bercampur: '{dec}{frac}' bisa desimal atau kelompok ribuan, tidak dapat dipastikan"
        if rupiah and len(frac) == 1 and dec not in whole:
            return f"jumlah Rupiah dengan satu angka desimal ('{dec}{frac}'): angkanya tampak terpotong"
        return None
    sep = "." if dots else "," if commas else ""
    if not sep:
        return None
    parts = body.split(sep)
    last = parts[-1]
    if len(parts) > 2 and _valid_groups(parts[:-1]) and 1 <= len(last) <= 2:
        return f"kelompok ribuan terpotong: setelah '{sep}' terakhir hanya {len(last)} angka, seharusnya 3"
    if rupiah and sep == "." and len(parts) == 2 and 1 <= len(last) <= 2 and last != "00" and parts[0].isdigit():
        return f"kelompok ribuan terpotong: setelah titik hanya {len(last)} angka, seharusnya 3"
    if rupiah and sep == "," and len(parts) == 2 and len(last) == 1:
        return f"jumlah Rupiah dengan satu angka desimal (',{last}'): angkanya tampak terpotong"
    return None


@lru_cache(maxsize=_CACHE)
def parse_amount(text: str | None) -> float | None:
    """A Rupiah amount or a count: ``Rp 1.250.000.000,00`` → 1250000000.0, ``Rp -`` → 0.0;
    None for an implausible one (:func:`implausible_amount`)."""
    if text is None or not text.strip():
        return None
    body = _RP_PREFIX.sub("", text.strip()).strip()
    if body in _DASHES:
        return 0.0
    s = _normalise(text)
    if not s or implausible_amount(text):
        return None
    return _split_separators(s, single_three_is_thousands=True, comma_decimal=True)


@lru_cache(maxsize=_CACHE)
def parse_decimal(text: str | None) -> float | None:
    """A score, target or percentage as printed: ``84,50`` → 84.5, ``95,69%`` → 95.69; None for
    an implausible one (:func:`implausible_amount`: both separators, three digits after the last;
    a Rupiah amount cut)."""
    if text is None:
        return None
    s = _normalise(text).rstrip("%")
    if not s or s in _DASHES or implausible_amount(text):
        return None
    return _split_separators(s, single_three_is_thousands=False, comma_decimal=True)


@dataclass(frozen=True)
class Quantity:
    """A printed target or value split into its number, unit and predicate."""

    nilai: float | None
    satuan: str | None
    predikat: str | None
    teks: str


_QUANTITY = re.compile(
    r"""^\s*
    (?P<lead>[A-Za-z][A-Za-z ]{0,20}?\s)?           # "Angka 88", "Nilai 84,50"
    (?P<num>[+-]?\d[\d.,]*)\s*
    (?P<unit>%|[A-Za-z][A-Za-z./ ]{0,30}?)?\s*
    (?:\((?P<pred>[^)]{1,30})\))?\s*$""",
    re.VERBOSE,
)
_PREDICATE_ONLY = re.compile(r"^\s*(AA|A|BB|B|CC|C|D)\s*$")


@lru_cache(maxsize=_CACHE)
def parse_quantity(text: str | None) -> Quantity | None:
    """Targets as printed: ``100%``, ``79,6``, ``2 Dok``, ``18 Org/Bulan``, ``84,00 (Baik)``, ``BB``."""
    if text is None or not text.strip():
        return None
    raw = " ".join(text.split())
    pred_only = _PREDICATE_ONLY.match(raw)
    if pred_only:
        return Quantity(None, None, pred_only.group(1), raw)
    m = _QUANTITY.match(raw)
    if not m:
        return None
    num = m.group("num")
    value = parse_decimal(num)
    if value is None:
        return None
    unit = (m.group("unit") or "").strip() or None
    lead = (m.group("lead") or "").strip() or None
    return Quantity(value, unit or lead, (m.group("pred") or "").strip() or None, raw)


@lru_cache(maxsize=_CACHE)
def looks_like_amount(text: str) -> bool:
    """True for a cell that holds a Rupiah amount (``Rp 5.305.000``, ``1.458.979.000``, ``Rp -``)."""
    s = text.strip()
    if not s:
        return False
    if _RP_PREFIX.match(s) and (parse_amount(s) is not None):
        return True
    n = _normalise(s)
    return bool(re.fullmatch(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:[.,]\d{2})?", n)) or n in {"0", "0,00", "0.00"}


def looks_like_percent(text: str) -> bool:
    return bool(re.fullmatch(r"\s*\d{1,3}(?:[.,]\d{1,4})?\s*%\s*", text))


_LABELLED = (
    # "BB (76.35)", "Tidak Layak (55,5)", "BB (76, 35)": a category with its value in parentheses
    re.compile(r"^(?P<label>[A-Za-z][A-Za-z /-]{0,30}?)\s*\(\s*(?P<num>\d{1,3}(?:[.,]\s?\d{1,3})?)\s*\)$"),
    # "Informatif 93,46", "BB 76,35": a category followed by its value
    re.compile(r"^(?P<label>[A-Za-z][A-Za-z /-]{0,30}?)\s+(?P<num>\d{1,3}(?:[.,]\d{1,3})?)$"),
)


def parse_labelled(text: str | None) -> tuple[float, str] | None:
    """A score printed with its category, as reports print SAKIP and IKM results: 'BB (76.35)' →
    (76.35, 'BB'); 'Informatif 93,46' → (93.46, 'Informatif'). A space after the decimal comma
    inside the parentheses ('(76, 35)', real-documents/009 Lampiran I) is a typesetting gap."""
    if not text:
        return None
    raw = " ".join(text.split())
    for pattern in _LABELLED:
        if m := pattern.match(raw):
            value = parse_decimal(re.sub(r"([.,])\s+(?=\d)", r"\1", m.group("num")))
            if value is not None:
                return value, m.group("label").strip()
    return None
