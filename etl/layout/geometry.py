"""Words with positions → visual lines, and the small geometric tests the readers share.

Positions are PDF points, y growing downwards (pdfplumber's ``top``/``bottom``). Distances are
compared in font sizes so that a rule holds for 9 pt and 12 pt print alike.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from etl.text import fold

LINE_TOLERANCE = 0.45  # words whose tops differ by less than this share of the font size share a line
SAME_SIZE_TOLERANCE = 0.25  # ... when their sizes differ; words of one size within this (OCR words of
# neighbouring cells are read apart and may differ by 0.7 pt, an interleaved line is 0.32 sizes off)
SIZE_SLACK = 0.05  # points: sizes this close are one size
TAB_GAP = 2.0  # a horizontal gap wider than this many font sizes separates columns
SPACE = 0.28  # width of a space, in font sizes (Helvetica/Arial/Liberation Sans: 0.278 em)
FIT_SLACK = 0.3  # a word "would have fitted" only with this much room to spare (font sizes): rounding
# of glyph widths must not turn a wrapped line into a paragraph break
ALIGN_TOLERANCE = 0.3  # a line whose centre is this close (font sizes) to its cell's centre is centred
BREAK_REACH = 1.0  # a word broken by the converter ends within about one character of the cell edge
START_SLACK = 0.1  # font sizes: lines of one cell start this close (OCR words differ by up to 0.7 pt)
MAX_FRAGMENT = 2  # a word broken one or two letters before its end leaves a stub that is no word
SHORT_WORDS = {"di", "ke", "x", "ya"}  # ... unless it is one of the short words that do start a line
CURRENCY = {"rp", "idr"}  # folded currency words printed before an amount
_TRAILING_LETTERS = re.compile(r"[^\W\d_]+$")
_LEADING_LETTERS = re.compile(r"^[^\W\d_]+")
_GLUED_OPERATOR = re.compile(r"[+=×*][(\d]")  # an operator written against its next operand: "+(20%"
_INNER_BREAK = re.compile(r"[^\W\d_][/-](?=[^\W\d_])")  # a compound's separator between letters
_NUMBERISH = re.compile(r"[\d.,%()\-–+/:;]+")


@dataclass(frozen=True)
class Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float

    @classmethod
    def of(cls, w: Mapping[str, Any]) -> Word:
        size = w.get("size") or (w["bottom"] - w["top"])
        return cls(float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), str(w["text"]), float(size))

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class VisualLine:
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    tabbed: bool = False
    first_width: float = 0.0  # width of the first word: would it have fit on the line above?
    words: list[Word] = field(default_factory=list)


def as_words(words: Iterable[Mapping[str, Any] | Word]) -> list[Word]:
    return [w if isinstance(w, Word) else Word.of(w) for w in words]


def _cell_gap(prev: Word, w: Word, size: float, tab_gap: float) -> bool:
    return w.x0 - prev.x1 > tab_gap * size and not (fold(prev.text) in CURRENCY and is_numberish(w.text))


def line_cells(line: VisualLine, tab_gap: float = TAB_GAP) -> list[list[Word]]:
    """The words of a line in the runs its tabs separate (:func:`make_line`)."""
    runs: list[list[Word]] = [[line.words[0]]] if line.words else []
    for prev, w in itertools.pairwise(line.words):
        if _cell_gap(prev, w, line.size, tab_gap):
            runs.append([w])
        else:
            runs[-1].append(w)
    return runs


def make_line(row: list[Word], tab_gap: float = TAB_GAP) -> VisualLine:
    """Words of one visual line (any order) → the line; a gap wider than ``tab_gap`` font sizes
    becomes a tab, other gaps a space ("Rp" stays with its amount however far apart they are
    printed: accounting formats push the amount to the right)."""
    row = sorted(row, key=lambda w: w.x0)
    size = statistics.median(w.size for w in row)
    parts, tabbed = [row[0].text], False
    for prev, w in itertools.pairwise(row):
        if _cell_gap(prev, w, size, tab_gap):
            parts.append("\t")
            tabbed = True
        else:
            parts.append(" ")
        parts.append(w.text)
    return VisualLine(
        top=min(w.top for w in row),
        bottom=max(w.bottom for w in row),
        x0=row[0].x0,
        x1=row[-1].x1,
        size=size,
        text="".join(parts),
        tabbed=tabbed,
        first_width=row[0].width,
        words=row,
    )


def group_lines(words: Iterable[Mapping[str, Any] | Word]) -> list[VisualLine]:
    """Words → visual lines, top to bottom: a word joins the line whose first word's top is within
    :data:`LINE_TOLERANCE` font sizes of its own (a superscript, a larger first letter), or within
    :data:`SAME_SIZE_TOLERANCE` when both have the same size: words of one size on one line share
    their baseline, so two lines a third of a line apart are two lines (the rows of a borderless
    table whose wrapped text runs down over the next row print their lines interleaved)."""
    rows: list[list[Word]] = []
    for w in sorted(as_words(words), key=lambda w: (round(w.top, 1), w.x0)):
        first = rows[-1][0] if rows else None
        tolerance = SAME_SIZE_TOLERANCE if first is not None and abs(first.size - w.size) < SIZE_SLACK else LINE_TOLERANCE
        if first is not None and abs(first.top - w.top) <= tolerance * w.size:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [make_line(row) for row in rows]


def phrases(words: list[Word], gap: float) -> list[list[Word]]:
    """Words of one line (sorted by x) cut where the gap between two words exceeds ``gap`` font
    sizes: the runs a reader sees as separate labels or cells."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if out and w.x0 - out[-1][-1].x1 <= gap * w.size:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def text_of(words: Iterable[Word]) -> str:
    return " ".join(w.text for w in words)


def would_fit(line_width: float, word_width: float, room: float, size: float) -> bool:
    """Would a word of ``word_width`` have fitted after a line of ``line_width`` in ``room``
    (all in points)? If it would, the line ended on purpose: a paragraph break, not a wrap."""
    return line_width + SPACE * size + word_width <= room - FIT_SLACK * size


def ended_early(line: VisualLine, word_width: float, left: float, right: float) -> bool:
    """Did ``line`` end although a next word of ``word_width`` would have fitted between ``left``
    and ``right`` (the text edges of its cell)? A centred or right-aligned line is measured by its
    width; a left-aligned one (also one indented under a list number) by where it ends."""
    tol = ALIGN_TOLERANCE * line.size
    centred = abs((line.x0 + line.x1) - (left + right)) / 2 <= tol and line.x0 > left + tol
    flush_right = line.x1 >= right - tol and line.x0 > left + tol
    if centred or flush_right:
        return would_fit(line.x1 - line.x0, word_width, right - left, line.size)
    return line.x1 + SPACE * line.size + word_width <= right - FIT_SLACK * line.size


_WHOLE_AMOUNT = re.compile(r"^(?:Rp\.?\s?)?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$")


def is_whole_amount(text: str) -> bool:
    """An amount in whole digit groups ('1.691.725.000', 'Rp 25.700.000,00'), not one broken over
    two lines ('1.714.4' / '90.000', '176.110' / '.000'). A whole amount under a whole amount is
    a row of its own (a budget line has one amount; the total under it): the PDF reader
    (:mod:`etl.layout.wordtable`) and the reader of space-aligned text (:mod:`etl.read.columns`)
    both start a row there."""
    return bool(_WHOLE_AMOUNT.match(text))


def is_numberish(text: str) -> bool:
    return bool(_NUMBERISH.fullmatch(text))


def vocabulary(words: Iterable[Word]) -> frozenset[str]:
    """The words of a document, folded, and the letter runs inside compounds ("…/sppd" gives
    "sppd"): to tell a word the converter broke from two real words."""
    return frozenset(run for w in words for run in fold(w.text).split() if run.isalpha())


def spaced_breaks(lines: Iterable[VisualLine]) -> frozenset[str]:
    """Words ending in '/' or '-' that the document prints with a space after them inside a line
    ("dipelihara/ direhabilitasi"), folded and marked with a trailing space so that they can join
    :func:`vocabulary`: where such a word ends a wrapped line, the writer typed that space there too.
    A word the document also prints glued to its continuation ("Perundang-undangan" beside
    "Perundang- undangan") gives no evidence either way and is left out."""
    spaced: set[str] = set()
    glued: set[str] = set()
    for ln in lines:
        for a, b in itertools.pairwise(ln.words):
            if a.text[-1:] in "/-" and len(a.text) > 1 and b.x0 - a.x1 <= TAB_GAP * ln.size:
                spaced.add(fold(a.text))
        for w in ln.words:
            glued.update(fold(w.text[: m.end()]) for m in _INNER_BREAK.finditer(w.text))
    return frozenset(w + " " for w in spaced - glued)


def glued_break(last: str, nxt: str, vocab: frozenset[str] = frozenset()) -> bool:
    """A line broken where no space was typed: after a hyphen inside a compound ("Perundang-" /
    "undangan"; before a capital the writer may have typed a space, "Perundang- Undangan", so that
    one is kept), or after a slash ("Pemeliharaan/" / "Rehabilitasi"), or between a closing bracket
    and an operator glued to its next operand ("(20% x desa)" / "+(20% x …)": a writer who glues
    the operator on its right glued it on its left too; one who spaces operators leaves "+ ("). Not where the document prints the same word with a
    space after it inside a line (:func:`spaced_breaks` entries of ``vocab``)."""
    if last.endswith(")") and _GLUED_OPERATOR.match(nxt):
        return True
    if len(last) < 2 or not last[-2].isalpha() or fold(last) + " " in vocab:
        return False
    return (last.endswith("-") and nxt[:1].islower()) or (last.endswith("/") and nxt[:1].isalpha())


def broken_word(first: Word, line_x0: float, right: float, nxt: Word, vocab: frozenset[str]) -> bool:
    """Did the converter break one word over two lines of a narrow cell ("Persyarata" / "n")?

    Only a word that does not fit on a line of its own is broken, so ``first`` stands alone on its
    line, starts it and reaches the cell's right edge; the rest continues in the same case on the
    next line (lower case, or capitals after capitals), and the letters on both sides of the break
    together are a word the document uses elsewhere ("…/survey/koor" + "dinasi/…" → "koordinasi"),
    or the rest is a stub of :data:`MAX_FRAGMENT` letters that is not a word ("…/spp" + "d").
    Numbers are never joined to numbers; a percentage may lose its '%' to the next line."""
    if first.x0 > line_x0 + START_SLACK * first.size or first.x1 < right - BREAK_REACH * first.size:
        return False
    if nxt.text.startswith("%") and first.text[-1:].isdigit():
        return True  # "97,05" / "%": a percentage too wide for its cell
    same_case = nxt.text[:1].islower() or (first.text.isupper() and nxt.text[:1].isupper())
    if is_numberish(first.text) or is_numberish(nxt.text) or not same_case or not first.text[-1:].isalpha():
        return False
    head, tail = _TRAILING_LETTERS.search(first.text), _LEADING_LETTERS.match(nxt.text)
    if head is None or tail is None:
        return False
    if fold(head.group(0) + tail.group(0)) in vocab:
        return True
    fragment = tail.group(0)  # a stub of one or two letters is no word of its own ("…direhabilita" / "si")
    return nxt.text == fragment and len(fragment) <= MAX_FRAGMENT and fragment.lower() not in SHORT_WORDS
