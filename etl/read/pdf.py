"""PDF → lines, page by page: the text layer with pdfplumber, scanned pages with Tesseract.

Why pdfplumber: it gives every character with its position and finds tables from the ruling
lines a word processor draws around cells, so a table row becomes its cells without guessing from
spaces; it is pure Python on top of pdfminer.six (MIT), well kept, and renders a page to an image
(pypdfium2) for OCR without a second library.

What the lines look like, so that :mod:`etl.tables` reads a PDF as it reads the converters' text:

* Each row of a ruled table is one line, cells joined by tabs. A merged cell is read once, in the
  first row and column it covers; the others are empty cells (the same choice as the DOCX reader).
  Inside a cell, a vertical gap larger than the document's usual line pitch starts a new paragraph,
  kept as :data:`etl.text.PARA` like ``<p>`` cells; lines of one paragraph are joined by a space.
* Outside tables, lines of one paragraph that the layout wrapped are joined again; a wide
  horizontal gap inside a line (signature columns) becomes a tab; an indented line starts with a
  tab; empty lines are put back where the vertical gap shows them.
* Every line knows its page (``halaman``). A page without a text layer is read by OCR
  (``cara_baca='ocr'``); without Tesseract the document is refused, naming those pages.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

from etl.model import DocumentError, Line
from etl.read import ocr
from etl.read.docx import row_line
from etl.text import PARA

CARA_BACA = "pdf"
LINE_TOLERANCE = 0.45  # words whose tops differ by less than this share of the font size share a line
TAB_GAP = 2.0  # a horizontal gap wider than this many font sizes separates columns
INDENT = 24.0  # points right of the page's left text edge that make an indented line
SPACE = 0.28  # width of a space, in font sizes
PARAGRAPH_FACTOR = 1.3  # inside a cell, a step this much above the line pitch is a paragraph break
WRAP_FACTOR = 1.15  # outside tables, a wrapped line follows at most this much above the line pitch


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


@dataclass
class Item:
    """A piece of a page in reading order: a text line, or a table row."""

    top: float
    lines: list[VisualLine] = field(default_factory=list)
    cells: list[list[VisualLine]] | None = None


def _group_lines(words: Iterable[dict[str, Any]]) -> list[VisualLine]:
    rows: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        size = w.get("size") or (w["bottom"] - w["top"])
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= LINE_TOLERANCE * size:
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = statistics.median(w.get("size") or (w["bottom"] - w["top"]) for w in row)
        parts, tabbed = [row[0]["text"]], False
        for prev, w in itertools.pairwise(row):
            gap = w["x0"] - prev["x1"]
            if gap > TAB_GAP * size:
                parts.append("\t")
                tabbed = True
            else:
                parts.append(" ")
            parts.append(w["text"])
        out.append(
            VisualLine(
                top=min(w["top"] for w in row),
                bottom=max(w["bottom"] for w in row),
                x0=row[0]["x0"],
                x1=row[-1]["x1"],
                size=size,
                text="".join(parts),
                tabbed=tabbed,
                first_width=row[0]["x1"] - row[0]["x0"],
            )
        )
    return out


def _inside(word: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def page_items(words: list[dict[str, Any]], tables: list[Any]) -> list[Item]:
    """Words and found tables of one page → items in reading order (top to bottom)."""
    items: list[Item] = []
    free = [w for w in words if not any(_inside(w, t.bbox) for t in tables)]
    for line in _group_lines(free):
        items.append(Item(top=line.top, lines=[line]))
    for t in tables:
        for row in t.rows:
            cells: list[list[VisualLine]] = []
            tops = []
            for bbox in row.cells:
                if bbox is None:
                    cells.append([])
                    continue
                lines = _group_lines(w for w in words if _inside(w, bbox))
                cells.append(lines)
                tops.append(bbox[1])
            items.append(Item(top=min(tops) if tops else row.bbox[1], cells=cells))
    items.sort(key=lambda i: i.top)
    return items


@dataclass
class Pitch:
    """Vertical steps between lines, in font sizes: within a paragraph (``line``) and from one
    paragraph to the next (``paragraph``, larger where the style adds space after paragraphs)."""

    line: float = 1.2
    paragraph: float = 1.2


def usual_pitch(pages: list[list[Item]]) -> Pitch:
    """The document's line pitch (the smallest step that is common) and paragraph pitch (the most
    common step outside tables that is clearly larger, else the line pitch)."""
    free_steps: list[float] = []
    steps: list[float] = []
    for items in pages:
        free = [i.lines[0] for i in items if i.cells is None]
        free_steps.extend(round((b.top - a.top) / a.size, 1) for a, b in itertools.pairwise(free) if b.top > a.top)
        for i in items:
            for cell in i.cells or []:
                steps.extend(round((b.top - a.top) / a.size, 1) for a, b in itertools.pairwise(cell) if b.top > a.top)
    steps += free_steps
    if not steps:
        return Pitch()
    common = sorted(v for v in set(steps) if steps.count(v) >= max(2, len(steps) // 20))
    line = common[0] if common else statistics.mode(steps)
    larger = [v for v in free_steps if line * 1.15 < v < line * 2.2]
    return Pitch(line, statistics.mode(larger) if larger else line)


def _cell_text(lines: list[VisualLine], pitch: Pitch) -> str:
    paragraphs: list[list[str]] = []
    prev: VisualLine | None = None
    for ln in lines:
        text = " ".join(ln.text.replace("\t", " ").split())
        if prev is None or (ln.top - prev.top) / prev.size > pitch.line * PARAGRAPH_FACTOR:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        prev = ln
    return f" {PARA} ".join(" ".join(p) for p in paragraphs)


def text_edges(pages: list[list[Item]]) -> tuple[float, float]:
    """Left and right edge of the text outside tables over the whole document (its margins)."""
    free = [i.lines[0] for items in pages for i in items if i.cells is None]
    return min((ln.x0 for ln in free), default=0.0), max((ln.x1 for ln in free), default=0.0)


def page_texts(items: list[Item], pitch: Pitch, left: float, right: float) -> list[str]:
    """Items of one page → the text lines the parsers see."""
    out: list[str] = []
    prev: VisualLine | None = None
    for item in items:
        if item.cells is not None:
            out.append(row_line([_cell_text(c, pitch) for c in item.cells]))
            prev = None
            continue
        ln = item.lines[0]
        indent = "\t" if ln.x0 - left >= INDENT else ""
        if prev is not None:
            step = (ln.top - prev.top) / prev.size
            blanks = max(0, round(step / pitch.paragraph) - 1)
            wrapped = (
                blanks == 0
                and step <= pitch.line * WRAP_FACTOR
                and not prev.tabbed
                and not ln.tabbed
                and ln.x0 <= prev.x0 + 2
                and prev.x1 + SPACE * prev.size + ln.first_width > right - 1
                and out
            )
            if wrapped:
                out[-1] = f"{out[-1]} {ln.text}"
                prev = ln
                continue
            out.extend([""] * blanks)
        out.append(indent + ln.text)
        prev = ln
    return out


def read_pdf(path: Path) -> list[Line]:
    try:
        pdf = pdfplumber.open(path)
    except (PDFSyntaxError, ValueError, OSError) as exc:
        raise DocumentError(str(path), None, f"berkas PDF rusak atau terkunci sandi ({type(exc).__name__})") from exc
    with pdf:
        pages: list[tuple[int, list[Item], str]] = []
        scanned: list[int] = []
        for no, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
            if words:
                pages.append((no, page_items(words, page.find_tables()), CARA_BACA))
            elif page.images:
                scanned.append(no)
                pages.append((no, [], ocr.CARA_BACA))
        if scanned:
            missing = ocr.missing()
            if missing:
                nomor = ", ".join(str(n) for n in scanned)
                raise DocumentError(
                    str(path),
                    None,
                    f"halaman {nomor} berupa gambar pindaian tanpa lapisan teks dan perlu dibaca dengan OCR, "
                    f"tetapi {missing}; dokumen tidak dimuat agar tidak ada angka yang hilang",
                )
            for k, (no, _, how) in enumerate(pages):
                if how == ocr.CARA_BACA:
                    words, tables = ocr.read_page(pdf.pages[no - 1])
                    pages[k] = (no, page_items(words, tables), how)
    pitch = usual_pitch([items for _, items, _ in pages])
    left, right = text_edges([items for _, items, _ in pages])
    lines: list[Line] = []
    for no, items, how in pages:
        for text in page_texts(items, pitch, left, right):
            lines.append(Line(no=len(lines) + 1, text=text, halaman=no, cara_baca=how))
        lines.append(Line(no=len(lines) + 1, text="", halaman=no, cara_baca=how))  # page break
    if not any(ln.text.strip() for ln in lines):
        raise DocumentError(str(path), None, "PDF tidak berisi teks maupun gambar halaman yang dapat dibaca")
    return lines
