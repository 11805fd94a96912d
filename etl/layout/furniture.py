"""Page furniture: running headers, running footers and page numbers of a paged document.

A word processor prints its header and footer on every page: "Laporan Kinerja Tahun 2022",
"Perjanjian Kinerja … – Kecamatan …", "Halaman 3", "- 3 -", "3 dari 12", a viewer's date and URL.
Read as content they do harm: a header saying "Perjanjian Kinerja" makes a PK Perubahan look like
a PK, and a footer between two rows of a table ends the table. This module finds them on
:class:`etl.model.Line` objects that know their page (``halaman``), so every paged reader (PDF,
OCR, text with form feeds) can use it:

* **running lines**: a line among the first or last :data:`BAND_LINES` non-blank lines of a page
  whose text, with every number replaced by ``#``, recurs in the same band of other pages. Where
  its numbers are the same everywhere ("Laporan Kinerja Tahun 2022") it must stand on at least
  :data:`MIN_REPEAT_PAGES` pages and :data:`REPEAT_SHARE` of all pages: a document title that opens
  each of a few agreements is content, not furniture. Where a number changes from page to page it
  must change with the page (printed number − page index constant: "…Kalimantan Barat 48" on page
  52, "… 49" on page 53) on :data:`MIN_NUMBERED_PAGES` pages, and so on :data:`REPEAT_SHARE` of
  all pages; a number that merely grows ("Tabel 3.1", "Sasaran 2") does not keep that distance
  for long, nor on most pages.
* **page numbers**: the first or last line of a page that is only a page number. Written out
  ("Halaman 3", "Hal. 3", "- 3 -", "3 dari 12", "Page 3 of 12") one page is enough; a bare number
  ("3", "iii") must be the outermost line and follow the page index like a numbered running line,
  so that a table value that happens to end a page ("100", "(1)", "19.") stays.

Table header rows repeated on each page and column-number rows are never furniture: the table
reader needs them (:mod:`etl.tables` skips a repeated header). Captions ("Tabel 3.1", "Gambar 2")
are never furniture either.

:func:`find_furniture` returns the line numbers; :func:`blank_furniture` empties those lines and
keeps every line number as it was (line numbers are provenance).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from etl.model import Line
from etl.tables import is_header_cells, is_numbering, split_cells

BAND_LINES = 3  # header/footer lines sit among the first/last 3 non-blank lines of a page (a
# header of two lines plus a rule or a page number on a line of its own)
MIN_REPEAT_PAGES = 3  # an unnumbered running line stands on at least 3 pages: two pages that open
# with the same title (an agreement and its attachment) are not enough
REPEAT_SHARE = 0.5  # ... and on at least half of the pages with text: a running header is on (nearly)
# every page, the titles of the agreements bundled in one file are on a few
MIN_NUMBERED_PAGES = 3  # a line with a page number: 3 pages with the same distance to the page index
SHORT_DOCUMENT = 4  # up to this many pages, MIN_NUMBERED_PAGES is relaxed to 2 (fewer pages to show it)

_PAGE_WORD = r"(?:halaman|hal\.?|hlm\.?|page|pg\.?)"
_EXPLICIT_PAGE = re.compile(
    rf"^\s*(?:{_PAGE_WORD}\s*[:.]?\s*\d{{1,4}}(?:\s*(?:dari|of|/)\s*\d{{1,4}})?"  # Halaman 3, Halaman 3 dari 12
    r"|[-–—]\s*\d{1,4}\s*[-–—]"  # - 3 -
    r"|\d{1,4}\s+(?:dari|of)\s+\d{1,4})\s*$",  # 3 dari 12
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_ROMAN_LINE = re.compile(r"^\s*([ivxlc]{1,7})\s*$", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*(?:tabel|table|gambar|grafik|diagram|bagan|bab|lampiran)\s+[\dIVX]", re.IGNORECASE)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
BARE = "#"  # the template of a line that is only a number


@dataclass
class _Seen:
    page: int
    no: int
    numbers: tuple[int, ...]


def _roman(text: str) -> int | None:
    s = text.strip().lower()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for k, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if k + 1 < len(s) and _ROMAN[s[k + 1]] > v else v
    return total


def _template(text: str) -> tuple[str, tuple[int, ...]]:
    """Text with its numbers replaced by '#', and the numbers: 'Halaman 3 dari 12' → ('halaman # dari #', (3, 12)).

    Punctuation stays ('(#)', '#.', '- # -'): a column number '(1)' or a row number '19.' is not
    a page number '19'."""
    roman = _ROMAN_LINE.match(text)
    if roman:
        value = _roman(roman.group(1))
        if value is not None:
            return BARE, (value,)
    s = " ".join(text.lower().split())
    return _DIGITS.sub("#", s), tuple(int(d) for d in _DIGITS.findall(s))


def _is_table_row(text: str) -> bool:
    cells = split_cells(text)
    return len([c for c in cells if c]) >= 2 and (is_header_cells(cells) or is_numbering(cells))


def _bands(lines: Sequence[Line]) -> tuple[dict[int, list[Line]], dict[int, list[Line]], int]:
    pages: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        if ln.halaman is not None and ln.text.strip():
            pages[ln.halaman].append(ln)
    top = {p: ls[:BAND_LINES] for p, ls in pages.items()}
    bottom = {p: ls[-BAND_LINES:] for p, ls in pages.items()}
    return top, bottom, len(pages)


def _page_numbers(groups: dict[str, list[_Seen]], need: int, share: int) -> set[int]:
    """Occurrences whose changing numbers keep one distance to the page index on ``need`` pages
    (a numbering restarted in the appendix keeps another distance), where the line stands so on
    at least ``share`` pages in all: a running footer is on most pages, "Sasaran 3" heading page
    3 of a report is not."""
    out: set[int] = set()
    for seen in groups.values():
        if len(seen) < 2 or len({len(s.numbers) for s in seen}) != 1:
            continue
        varying = [k for k in range(len(seen[0].numbers)) if len({s.numbers[k] for s in seen}) > 1]
        if not varying:
            continue
        offsets = Counter(tuple(s.numbers[k] - s.page for k in varying) for s in seen)
        numbered = [s for s in seen if offsets[tuple(s.numbers[k] - s.page for k in varying)] >= need]
        if len(numbered) >= share:
            out.update(s.no for s in numbered)
    return out


def find_furniture(lines: Sequence[Line]) -> set[int]:
    """Line numbers (``Line.no``) of the running headers, footers and page numbers."""
    top, bottom, n_pages = _bands(lines)
    if n_pages < 2:
        return set()
    identical_need = max(MIN_REPEAT_PAGES, math.ceil(REPEAT_SHARE * n_pages))
    numbered_need = 2 if n_pages <= SHORT_DOCUMENT else MIN_NUMBERED_PAGES
    out: set[int] = set()
    for band in (top, bottom):
        groups: dict[str, list[_Seen]] = defaultdict(list)
        for page, band_lines in sorted(band.items()):
            taken: set[str] = set()
            for k, ln in enumerate(band_lines):
                if _is_table_row(ln.text) or _CAPTION.match(ln.text):
                    continue
                template, numbers = _template(ln.text)
                outermost = k == (0 if band is top else len(band_lines) - 1)
                if not template or template in taken or (template == BARE and not outermost):
                    continue
                taken.add(template)
                groups[template].append(_Seen(page, ln.no, numbers))
        for seen in groups.values():
            if len({s.numbers for s in seen}) == 1 and len(seen) >= identical_need:
                out.update(s.no for s in seen)
        out |= _page_numbers(groups, numbered_need, math.ceil(REPEAT_SHARE * n_pages))
    for band, edge in ((top, 0), (bottom, -1)):
        for band_lines in band.values():
            if band_lines and _EXPLICIT_PAGE.match(band_lines[edge].text):
                out.add(band_lines[edge].no)
    return out


def blank_furniture(lines: Sequence[Line]) -> list[Line]:
    """The lines with the furniture emptied; every line keeps its number and page."""
    found = find_furniture(lines)
    return [replace(ln, text="") if ln.no in found else ln for ln in lines]
