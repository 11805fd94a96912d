"""Is a number read by OCR what the paper printed? Judged before it can become a value.

Tesseract misreads digits in ways that still look like numbers, and says so with high
confidence: with the Indonesian model the ``%`` of ``100%`` comes out as ``10096`` or ``10046``
(word confidence 92-96, every character 99+: measured on rendered Liberation/DejaVu text at
200 dpi), a missing group dot turns ``12.500.000`` into ``12.500000``, ``O`` stands for ``0``.
Confidence alone cannot catch the first kind, and the width of the word cannot either (a ``%``
is 1.6 digits wide, so ``10096`` is only ~7 % wider than ``100%``, less than digit widths vary
between fonts). What does catch it is a second reading by another model: Tesseract's English
model reads the same crop as ``100%`` (141 of 144 rendered percentages and amounts right,
against 124 of 144 for Indonesian+English). So a number is trusted when

* it is well formed (no letter among its digits, thousands groups of three, at most three
  decimals; :func:`malformed`),
* the two readings agree, or they differ only where one read ``%`` and the other read it as
  one or two characters (:func:`reconcile`: the ``%`` reading is taken); for a single digit
  the second reading does not count (cut out alone, a ``1`` was read ``4``),
* Tesseract's word confidence is at least :data:`MIN_CONFIDENCE`,
* and it fits its column: in a column of percentages a bare number above :data:`MAX_PERCENT` is
  a ``%`` read as digits (:func:`fits_column`).

A number that fails is written :func:`mark`-ed: ``⟦10046|100%⟧`` (the readings, ``|`` between
them) or ``⟦1O0⟧``. Such a token parses as no number (:mod:`etl.numbers`), so it stays text;
:func:`doubts` finds the marks again, for a ``catatan`` that tells the user to check the paper.
Only tokens that would otherwise parse as a number are judged; other text is left as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.numbers import parse_amount, parse_decimal

OPEN, CLOSE, OR = "⟦", "⟧", "|"  # never printed in these documents; no digit, sign or separator
MIN_CONFIDENCE = 60.0  # Tesseract word confidence (0-100); right numbers measured 85-96, misreads 30-77
MAX_PERCENT = 1000.0  # a percentage above this (capaian can pass 100, not tenfold) is a misread
MAX_DECIMALS = 3  # the documents print at most 2 decimals; 4+ after one separator is a lost '%' or dot
PERCENT_SHARE = 0.5  # a column is one of percentages when at least this share of its numbers carry '%'

# a ``%`` glyph read as one or two characters (seen: 96, 46, 4, 6, 9, 99, 40, 90, 26, Yo, Ya, Y)
PERCENT_MISREAD = re.compile(r"(?:[0-9]{1,2}|Y[oa]?|[oa°])$")
LOOKALIKE = "OoDQlI|!SsBZz"  # letters Tesseract puts where a digit stands (O→0, l→1, S→5, B→8, Z→2)
_EDGE = re.compile(r"^[(\[‘’'\"`]+|[)\].,;:‘’'\"`]+$")
_RP = re.compile(r"^rp\.?", re.IGNORECASE)
_CANDIDATE = re.compile(rf"^[+-]?[\d{re.escape(LOOKALIKE)}][\d{re.escape(LOOKALIKE)}.,]*%?$")
_AS_DIGITS = str.maketrans("OoDQlI|!SsBZz", "0000111155822")
_SHORT = re.compile(r"\d")  # a row number or a small count: cut out alone, the English model took a '1' for a '4';
# one digit only, as a '%' read as digits always adds a character ('7%' → '76')
_MARKED = re.compile(rf"{OPEN}([^{CLOSE}]*){CLOSE}")


def core(token: str) -> str:
    """The number part of a token: brackets, trailing punctuation and an ``Rp`` prefix removed."""
    return _RP.sub("", _EDGE.sub("", token.strip()))


def is_candidate(token: str) -> bool:
    """A token meant as a number: digits (or their look-alike letters) with separators and maybe
    ``%``, with at least one real digit."""
    c = core(token)
    return bool(c) and bool(_CANDIDATE.match(c)) and any(ch.isdigit() for ch in c)


def value(token: str) -> float | None:
    """The number a token would give downstream (as a percentage/decimal or as an amount)."""
    c = core(token).rstrip("%")
    v = parse_decimal(c)
    return v if v is not None else parse_amount(c)


def _letters_among_digits(c: str) -> bool:
    """'1O0', 'l00%', '2O24': a look-alike letter next to a digit in a token that, with the
    letters read as digits, is a number with at least two real digits ('S1', 'D3' are degrees)."""
    if not re.search(rf"\d[{re.escape(LOOKALIKE)}]|[{re.escape(LOOKALIKE)}]\d", c):
        return False
    as_digits = c.translate(_AS_DIGITS)
    return sum(ch.isdigit() for ch in c) >= 2 and value(as_digits) is not None


def _groups_ok(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def malformed(token: str) -> str | None:
    """Why a token that would be read as a number cannot be what was printed; None when its shape
    is fine or when it would not be read as a number anyway (``3.1.2``, ``II.1``)."""
    c = core(token)
    if _letters_among_digits(c):
        return "huruf di antara angka"
    if value(c) is None:
        return None
    body = c.lstrip("+-").rstrip("%")
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        dec = "," if body.rfind(",") > body.rfind(".") else "."
        whole, frac = body.rsplit(dec, 1)
        if not _groups_ok(whole.split("." if dec == "," else ",")):
            return "pemisah ribuan tidak pada tempatnya"
        return "terlalu banyak angka di belakang pemisah" if len(frac) > MAX_DECIMALS else None
    if dots > 1 or commas > 1:
        return None if _groups_ok(body.split("." if dots else ",")) else "pemisah ribuan tidak pada tempatnya"
    if not dots and not commas:
        return None
    whole, frac = body.split("." if dots else ",")
    if len(frac) > MAX_DECIMALS and whole not in ("", "0"):
        return "terlalu banyak angka di belakang pemisah"
    if len(frac) == 3 and len(whole) > 3:
        return "pemisah ribuan tidak pada tempatnya"
    return None


def reconcile(first: str, second: str) -> str | None:
    """The reading to keep when two readings of one number differ only where one has ``%`` and
    the other read that ``%`` as one or two characters; None when they disagree otherwise."""
    a, b = core(first).replace(" ", ""), core(second).replace(" ", "")
    if a == b:
        return first
    for pct, other, keep in ((a, b, first), (b, a, second)):
        if pct.endswith("%"):
            stem = pct[:-1]
            rest = other[len(stem) :] if other.startswith(stem) else None
            if rest is not None and (rest == "" or PERCENT_MISREAD.fullmatch(rest)):
                return keep
    return None


def fits_column(token: str, column: list[str]) -> bool:
    """False for a bare number in a column of percentages that is too large to be one."""
    numbers = [c for c in column if is_candidate(c)]
    if not numbers or "%" in token:
        return True
    if sum(c.strip().endswith("%") for c in numbers) < PERCENT_SHARE * len(numbers):
        return True
    v = value(token)
    return v is None or abs(v) <= MAX_PERCENT


@dataclass(frozen=True)
class Judgement:
    text: str  # what to write: the token, the reconciled reading, or the marked token
    doubt: str | None  # why the number is not trusted, None when it is


def judge(
    token: str,
    *,
    second: str | None = None,
    confidence: float | None = None,
    column: list[str] | None = None,
) -> Judgement:
    """Judge one OCR'd token that may be a number (the rules: module docstring). ``second`` is
    the other model's reading of the same crop ("" when it read nothing there), ``confidence``
    Tesseract's word confidence, ``column`` the other cells of the token's table column."""
    if not is_candidate(token) and not (second and is_candidate(second)):
        return Judgement(token, None)
    text = token
    short = bool(_SHORT.fullmatch(core(token))) and (not second or bool(_SHORT.fullmatch(core(second))))
    if second is not None and not short and core(second).replace(" ", "") != core(token).replace(" ", ""):
        kept = reconcile(token, second)
        if kept is None:
            if all(value(r) is None and malformed(r) is None for r in (token, second)):
                return Judgement(token, None)  # neither reading is a number downstream
            return Judgement(mark([token, second]), "dua pembacaan OCR berbeda")
        text = kept
    reason = malformed(text)
    if reason is None and value(text) is None:
        return Judgement(text, None)  # not a number downstream: nothing to guard
    if reason is None and confidence is not None and confidence < MIN_CONFIDENCE:
        reason = "keyakinan OCR rendah"
    if reason is None and column is not None and not fits_column(text, column):
        reason = "tidak cocok dengan kolomnya (persen)"
    return Judgement(mark([text]) if reason else text, reason)


def plausible_number(text: str, **context: object) -> bool:
    """True when an OCR'd token may become a number as read (see :func:`judge`)."""
    j = judge(text, **context)  # type: ignore[arg-type]
    return j.doubt is None


def mark(readings: list[str]) -> str:
    """A doubtful number as text that no number parser reads: ``⟦10046|100%⟧``."""
    seen: list[str] = []
    for r in readings:
        r = r.replace(OPEN, "").replace(CLOSE, "").replace(" ", "")
        if r and r not in seen:
            seen.append(r)
    return OPEN + OR.join(seen) + CLOSE


def doubts(text: str) -> list[list[str]]:
    """The marked numbers of a line or cell, each as its readings: for a catatan."""
    return [m.group(1).split(OR) for m in _MARKED.finditer(text)]


def unmark(text: str) -> str:
    """The text with each mark replaced by its first reading (for display next to a catatan)."""
    return _MARKED.sub(lambda m: m.group(1).split(OR)[0], text)
