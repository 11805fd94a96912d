"""PDF → lines, page by page: the text layer with pdfplumber, scanned pages with Tesseract.

Why pdfplumber: it gives every character with its position and finds tables from the ruling
lines a word processor draws around cells, so a table row becomes its cells without guessing from
spaces; it is pure Python on top of pdfminer.six (MIT), well kept, and renders a page to an image
(pypdfium2) for OCR without a second library.

What the lines look like, so that :mod:`etl.tables` reads a PDF as it reads the converters' text:

* Each row of a ruled table is one line, cells joined by tabs. A merged cell is read once, in the
  first row and column it covers; the others are empty cells (the same choice as the DOCX reader).
  Only ruling lines count as a grid: filled rectangles without a stroke are cell shading, and a
  grid that is not one (a table inside another's cell, a frame around a single column of text,
  or one or two cells holding a whole table's lines) is read from word positions instead.
* **Tables without rulings** (a Word table exported without borders, a sheet printed with only
  an outer frame) are read from word positions by :mod:`etl.layout.wordtable`: a header line
  gives the columns, whitespace valleys their extents, row numbers and vertical gaps the rows.
  Their rows are written exactly like ruled rows. A table that runs to the bottom of a page goes
  on with the same columns on the next page (a header left alone at a page's foot gets its
  columns from the rows overleaf).
* A row cut by a page break (the first row of a page only continues, mid-paragraph, the cells of
  the last row of the page before) is one row again, on the page where it starts.
* Inside a cell, a new paragraph starts where the vertical step is larger than the usual line
  pitch inside cells, or where the line above ended although the next word would have fitted (a
  line break typed on purpose); it is kept as :data:`etl.text.PARA` like ``<p>`` cells. Lines of
  one paragraph are joined by a space; a word the converter broke over two lines of a narrow cell
  ("Persyarata" / "n") is joined again when the whole word occurs elsewhere in the document or
  the rest is a stub of one or two letters; a compound broken after '-' or '/' is joined without
  a space (:mod:`etl.layout.geometry`).
* Outside tables, lines of one paragraph that the layout wrapped are joined again; a wide
  horizontal gap inside a line (signature columns, "Nama : …") becomes a tab, and the wrapped next
  line of such a cell goes back into it; "Rp" stays with its amount; an indented line starts with
  a tab; empty lines are put back where the vertical gap shows them.
* **Page furniture** (running headers and footers, page numbers: :mod:`etl.layout.furniture`) is
  left out, so a header never names the document's kind and a footer never splits a table. Each
  page ends with one empty line.
* Every line knows its page (``halaman``). A page without a text layer is read by OCR
  (``cara_baca='ocr'``); without Tesseract the document is refused, naming those pages.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import resolve1

from etl import limits
from etl.layout import furniture, wordtable
from etl.layout.geometry import (
    SPACE,
    VisualLine,
    Word,
    as_words,
    broken_word,
    ended_early,
    glued_break,
    group_lines,
    is_numberish,
    line_cells,
    spaced_breaks,
    vocabulary,
)
from etl.model import DocumentError, Line
from etl.read import ocr
from etl.read.docx import row_line
from etl.tables import is_marker
from etl.text import PARA

CARA_BACA = "pdf"
PDF_TODO = "buka di pembaca PDF lalu cetak ulang ke PDF"
NO_BOX = (0.0, 0.0)  # the text edges of a cell pdfplumber gives no box (covered by a merged cell)
CELL_ALIGN = 1.0  # font sizes: a wrapped cell's next line starts where the cell does, within this
INDENT = 24.0  # points right of the page's left text edge that make an indented line
PARAGRAPH_FACTOR = 1.3  # inside a cell, a step this much above the line pitch is a paragraph break
WRAP_FACTOR = 1.15  # outside tables, a wrapped line follows at most this much above the line pitch
MIN_PITCH = 0.9  # steps below this many font sizes are lines of different columns, never a line pitch
THIN_RULE = 2.0  # points: a filled rectangle thinner than this is a ruling line; a thicker one
# without a stroke is the shading of a cell or a page background, not a border
HIDDEN_COLUMNS = 3  # a cell with this many lines split by wide gaps holds columns the grid missed
MIN_OWN_STEPS = 5  # cells (or the text outside tables) must show this many line steps to have a pitch of their own
COLUMN_SLACK = 2.0  # points: the same column on the next page starts and ends within this distance
NESTED_SLACK = 1.0  # points: a table inside another's box (shading drawn in a cell) is part of it


@dataclass
class Item:
    """A piece of a page in reading order: a text line, a table row of cells, or a header row."""

    top: float
    lines: list[VisualLine] = field(default_factory=list)
    cells: list[list[VisualLine]] | None = None
    boxes: list[tuple[float, float]] | None = None  # per cell, the x range its text may fill
    texts: list[str] | None = None  # a row given as its cells' texts (a header read from words)

    @property
    def free(self) -> bool:
        return self.cells is None and self.texts is None


def _group_lines(words: Iterable[Mapping[str, Any] | Word]) -> list[VisualLine]:
    return group_lines(words)


def _inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _within(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    s = NESTED_SLACK
    return inner[0] >= outer[0] - s and inner[1] >= outer[1] - s and inner[2] <= outer[2] + s and inner[3] <= outer[3] + s


def _is_shading(obj: Mapping[str, Any]) -> bool:
    if obj.get("object_type") != "rect":
        return False
    w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    return bool(obj.get("fill")) and not obj.get("stroke") and min(w, h) > THIN_RULE


def ruled_tables(page: Any) -> list[Any]:
    """pdfplumber's tables of a page, found from its ruling lines only (not from cell shading)."""
    return page.filter(lambda obj: not _is_shading(obj)).find_tables()


def _cells_of(table: Any, words: list[Word]) -> list[list[VisualLine]]:
    out = []
    for row in table.rows:
        for bbox in row.cells:
            if bbox is not None:
                out.append(_group_lines(w for w in words if _inside(w, bbox)))
    return out


def _degenerate(table: Any, words: list[Word]) -> bool:
    """A grid that is not the table's: a single column (a frame around text), or a cell whose
    lines fall into columns of their own (one or two cells holding a whole table: at least
    :data:`HIDDEN_COLUMNS` lines split by a wide gap, and a whitespace valley through them)."""
    if max((len(r.cells) for r in table.rows), default=0) < 2:
        return True
    for cell in _cells_of(table, words):
        tabbed = [ln for ln in cell if ln.tabbed]
        if len(tabbed) >= HIDDEN_COLUMNS and len(wordtable.segments(tabbed)) >= 2:
            return True
    return False


def usable_tables(tables: Sequence[Any], words: list[Word]) -> list[Any]:
    """The tables whose grid is the table: nested and degenerate grids are dropped (their words
    are then read as free lines, where :mod:`etl.layout.wordtable` finds the real table)."""
    kept = []
    for t in tables:
        if any(o is not t and _within(t.bbox, o.bbox) and not _within(o.bbox, t.bbox) for o in tables):
            continue
        if _degenerate(t, words):
            continue
        kept.append(t)
    return kept


def _padding(cells: list[tuple[tuple[float, float, float, float], list[VisualLine]]]) -> float:
    """The table's cell padding: the most common distance from a cell's left edge to its text."""
    gaps = [round(min(ln.x0 for ln in lines) - bbox[0], 0) for bbox, lines in cells if lines]
    gaps = [g for g in gaps if g >= 0]
    return statistics.mode(gaps) if gaps else 0.0


def page_items(words: Iterable[Mapping[str, Any] | Word], tables: list[Any]) -> list[Item]:
    """Words and found tables of one page → items in reading order (top to bottom)."""
    words = as_words(words)
    tables = usable_tables(tables, words)
    items: list[Item] = []
    free = [w for w in words if not any(_inside(w, t.bbox) for t in tables)]
    for line in _group_lines(free):
        items.append(Item(top=line.top, lines=[line]))
    for t in tables:
        rows = []
        for row in t.rows:
            cells = [
                (bbox, _group_lines(w for w in words if _inside(w, bbox))) if bbox is not None else None for bbox in row.cells
            ]
            rows.append((row, cells))
        pad = _padding([c for _, cells in rows for c in cells if c is not None])
        for row, cells in rows:
            tops = [c[0][1] for c in cells if c is not None]
            items.append(
                Item(
                    top=min(tops) if tops else row.bbox[1],
                    cells=[c[1] if c is not None else [] for c in cells],
                    boxes=[(c[0][0] + pad, c[0][2] - pad) if c is not None else NO_BOX for c in cells],
                )
            )
    items.sort(key=lambda i: i.top)
    return items


@dataclass
class Pitch:
    """Vertical steps between lines, in font sizes: within a paragraph (``line``) and from one
    paragraph to the next (``paragraph``, larger where the style adds space after paragraphs)."""

    line: float = 1.2
    paragraph: float = 1.2
    cell: float = 1.2  # line pitch inside table cells (a table may be set tighter or looser than the prose)


def _steps(lines: Sequence[VisualLine]) -> list[float]:
    return [round((b.top - a.top) / a.size, 1) for a, b in itertools.pairwise(lines) if b.top - a.top >= MIN_PITCH * a.size]


def _smallest_common(steps: list[float]) -> float:
    common = sorted(v for v in set(steps) if steps.count(v) >= max(2, len(steps) // 20))
    return common[0] if common else statistics.mode(steps)


def usual_pitch(pages: list[list[Item]]) -> Pitch:
    """The document's line pitch (the smallest step that is common), outside tables and inside
    cells apart where each shows enough steps (a style may set cells tighter than the prose), and
    its paragraph pitch (the most common step outside tables that is clearly larger, else the
    line pitch). Steps shorter than :data:`MIN_PITCH` font sizes are lines of different columns
    side by side, not a pitch."""
    free_steps: list[float] = []
    cell_steps: list[float] = []
    for items in pages:
        free_steps.extend(_steps([i.lines[0] for i in items if i.free]))
        for i in items:
            for c in i.cells or []:
                cell_steps.extend(_steps(c))
    steps = cell_steps + free_steps
    if not steps:
        return Pitch()
    both = _smallest_common(steps)
    line = _smallest_common(free_steps) if len(free_steps) >= MIN_OWN_STEPS else both
    larger = [v for v in free_steps if line * 1.15 < v < line * 2.2]
    cell = _smallest_common(cell_steps) if len(cell_steps) >= MIN_OWN_STEPS else both
    return Pitch(line, statistics.mode(larger) if larger else line, cell)


def _cell_text(
    lines: list[VisualLine], pitch: Pitch, box: tuple[float, float] | None = None, vocab: frozenset[str] = frozenset()
) -> str:
    if not lines:
        return ""
    left = min(ln.x0 for ln in lines)
    lo, hi = box if box is not None and box[1] > box[0] else (left, max(ln.x1 for ln in lines))
    paragraphs: list[str] = []
    prev: VisualLine | None = None
    for ln in lines:
        text = " ".join(ln.text.replace("\t", " ").split())
        if (
            prev is None
            or (ln.top - prev.top) / prev.size > pitch.cell * PARAGRAPH_FACTOR
            or ended_early(prev, ln.first_width, lo, hi)
        ):
            paragraphs.append(text)
        elif ln.words and (
            (len(prev.words) == 1 and broken_word(prev.words[0], left, hi, ln.words[0], vocab))
            or glued_break(prev.words[-1].text, ln.words[0].text, vocab)
        ):
            paragraphs[-1] = f"{paragraphs[-1]}{text}"
        else:
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        prev = ln
    return f" {PARA} ".join(paragraphs)


def text_edges(pages: list[list[Item]]) -> tuple[float, float]:
    """Left and right edge of the text outside tables over the whole document (its margins)."""
    free = [i.lines[0] for items in pages for i in items if i.free]
    return min((ln.x0 for ln in free), default=0.0), max((ln.x1 for ln in free), default=0.0)


def _item_text(item: Item, pitch: Pitch, vocab: frozenset[str] = frozenset()) -> str:
    if item.texts is not None:
        return row_line(list(item.texts))
    if item.cells is not None:
        boxes: list[tuple[float, float] | None] = list(item.boxes) if item.boxes else [None] * len(item.cells)
        return row_line([_cell_text(c, pitch, b, vocab) for c, b in zip(item.cells, boxes, strict=True)])
    return item.lines[0].text


@dataclass
class _TabbedLine:
    """The last free line written with tabs: its cells and the x range each may fill, so that a
    wrapped cell's next line ("Jabatan : KEPALA SEKSI" / "PEMERINTAHAN UMUM") goes back into it."""

    index: int  # its position in the page's output
    indent: str
    cells: list[str]
    spans: list[tuple[float, float]]

    @classmethod
    def of(cls, index: int, indent: str, line: VisualLine, right: float) -> _TabbedLine:
        runs = line_cells(line)
        spans = [(r[0].x0, nxt[0].x0 - SPACE * line.size) for r, nxt in itertools.pairwise(runs)]
        spans.append((runs[-1][0].x0, max(right, runs[-1][-1].x1) + 1))
        return cls(index, indent, [" ".join(w.text for w in r) for r in runs], spans)

    def cell_under(self, line: VisualLine) -> int | None:
        for k, (x0, x1) in enumerate(self.spans):
            if abs(line.x0 - x0) <= CELL_ALIGN * line.size and line.x1 <= x1:
                return k
        return None


def page_texts(items: list[Item], pitch: Pitch, left: float, right: float, vocab: frozenset[str] = frozenset()) -> list[str]:
    """Items of one page → the text lines the parsers see."""
    out: list[str] = []
    prev: VisualLine | None = None
    tabbed: _TabbedLine | None = None
    for item in items:
        if not item.free:
            out.append(_item_text(item, pitch, vocab))
            prev, tabbed = None, None
            continue
        ln = item.lines[0]
        indent = "\t" if ln.x0 - left >= INDENT else ""
        if prev is not None:
            step = (ln.top - prev.top) / prev.size
            blanks = max(0, round(step / pitch.paragraph) - 1)
            close = blanks == 0 and step <= pitch.line * WRAP_FACTOR
            wrapped = (
                close
                and not prev.tabbed
                and not ln.tabbed
                and ln.x0 <= prev.x0 + 2
                and prev.x1 + SPACE * prev.size + ln.first_width > right - 1
                and out
            )
            if wrapped:
                glue = "" if prev.words and ln.words and glued_break(prev.words[-1].text, ln.words[0].text, vocab) else " "
                out[-1] = f"{out[-1]}{glue}{ln.text}"
                prev = ln
                continue
            cell = tabbed.cell_under(ln) if tabbed is not None and close and not ln.tabbed else None
            if tabbed is not None and cell is not None:
                tabbed.cells[cell] = f"{tabbed.cells[cell]} {ln.text}".strip()
                out[tabbed.index] = tabbed.indent + "\t".join(tabbed.cells)
                prev = ln
                continue
            out.extend([""] * blanks)
        out.append(indent + ln.text)
        tabbed = _TabbedLine.of(len(out) - 1, indent, ln, right) if ln.tabbed else None
        prev = ln
    return out


def drop_furniture(pages: list[tuple[int, list[Item], str]], pitch: Pitch) -> list[tuple[int, list[Item], str]]:
    """Pages without their running headers, footers and page numbers (:mod:`etl.layout.furniture`,
    which sees one line per item)."""
    lines: list[Line] = []
    where: dict[int, tuple[int, int]] = {}
    for p, (no, items, _) in enumerate(pages):
        for k, item in enumerate(items):
            lines.append(Line(no=len(lines) + 1, text=_item_text(item, pitch), halaman=no))
            where[len(lines)] = (p, k)
    found = furniture.find_furniture(lines)
    drop = {where[n] for n in found}
    return [(no, [it for k, it in enumerate(items) if (p, k) not in drop], how) for p, (no, items, how) in enumerate(pages)]


@dataclass
class Carry:
    """A table without rulings left open at the foot of a page, and the header item printed
    there (its labels are aligned with the columns once the rows overleaf show them)."""

    table: wordtable.WordTable
    header: list[Item] = field(default_factory=list)


def read_word_tables(items: list[Item], pitch: Pitch, carry: Carry | None) -> tuple[list[Item], Carry | None]:
    """Tables without rulings among a page's free lines → header and row items
    (:mod:`etl.layout.wordtable`); also the table left open at the page's end, if any."""
    free = [it for it in items if it.free]
    if not free:
        return items, None
    first_free = items[0].free if items else False
    tables = wordtable.find_tables([it.lines[0] for it in free], pitch.line, carry.table if carry and first_free else None)
    if not tables:
        return items, None
    replaced = {id(free[k]) for t in tables for k in range(t.start, t.end)}
    out = [it for it in items if id(it) not in replaced]
    header_items: list[Item] = []
    for t in tables:
        if t.header is not None and t.header_above:
            if carry is not None and len(carry.header) == len(t.header):
                for item, texts in zip(carry.header, t.header, strict=True):
                    item.texts = texts
        elif t.header is not None:
            header_items = [Item(top=top, texts=texts) for top, texts in zip(t.header_tops, t.header, strict=True)]
            out += header_items
        boxes = [(c.x0, c.x1) for c in t.columns]
        for row in t.rows:
            out.append(Item(top=row.top, cells=row.cells, boxes=boxes))
    out.sort(key=lambda i: i.top)
    last = tables[-1]
    open_end = last.open and not any(not it.free for it in items if it.top > free[last.end - 1].lines[0].top)
    return out, (Carry(last, header_items if not last.rows else []) if open_end else None)


def _numeric(cell: list[VisualLine]) -> bool:
    return all(is_numberish(w.text) or is_marker(w.text) for ln in cell for w in ln.words)


def _continues_row(above: Item, below: Item) -> bool:
    """Is ``below`` (first row of a page) the rest of ``above`` (last row of the page before), a
    row the page break cut? Same columns, and every cell it fills continues the text of the same
    cell above mid-paragraph: that line above was full (its next word would not have fitted), and
    none is a number under a number (row numbers and values are rows of their own; a year under
    'Realisasi' in a header cut by the break does continue it)."""
    if above.cells is None or below.cells is None or len(above.cells) != len(below.cells):
        return False
    if (
        not above.boxes
        or not below.boxes
        or any(
            abs(a[0] - b[0]) > COLUMN_SLACK or abs(a[1] - b[1]) > COLUMN_SLACK
            for a, b in zip(above.boxes, below.boxes, strict=True)
            if a != NO_BOX and b != NO_BOX  # a cell covered by a merged one has no box
        )
    ):
        return False
    filled = [k for k, c in enumerate(below.cells) if c]
    if not filled:
        return False
    for k in filled:
        if not above.cells[k] or not below.cells[k][0].words:
            return False
        if _numeric(below.cells[k]) and _numeric(above.cells[k]):
            return False  # a number under a number (row numbers, values): a row of its own
        last = above.cells[k][-1]
        if ended_early(last, below.cells[k][0].first_width, *above.boxes[k]):
            return False
    return True


def join_page_breaks(pages: list[tuple[int, list[Item], str]]) -> None:
    """A table row cut by a page break becomes one row again (:func:`_continues_row`), so that
    its cells read as they were written; the row keeps the page it starts on."""
    for k in range(1, len(pages)):
        above_items, below_items = pages[k - 1][1], pages[k][1]
        if above_items and below_items and _continues_row(above_items[-1], below_items[0]):
            above, below = above_items[-1], below_items.pop(0)
            assert above.cells is not None and below.cells is not None
            for cell, rest in zip(above.cells, below.cells, strict=True):
                cell.extend(rest)


def _all_lines(pages: list[tuple[int, list[Item], str]]) -> Iterable[VisualLine]:
    for _, items, _ in pages:
        for item in items:
            yield from item.lines
            for cell in item.cells or []:
                yield from cell


def _declared_pages(pdf: Any) -> int:
    """The page count the PDF's page tree declares (``/Count``), read without building the pages."""
    try:
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:  # noqa: BLE001 - a damaged page tree: the pages themselves are counted instead
        return 0


class _TooManyChars(Exception):
    pass


class _CharCounter(PDFDevice):
    """A pdfminer device that only counts the bytes of the strings a page shows (one or two per
    character), stopping past :data:`etl.limits.PDF_MAX_PAGE_CHARS`: no layout objects are made."""

    def __init__(self, rsrcmgr: Any) -> None:
        super().__init__(rsrcmgr)
        self.count = 0

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        self.count += sum(len(obj) for obj in seq if isinstance(obj, bytes | str))
        if self.count > limits.PDF_MAX_PAGE_CHARS:
            raise _TooManyChars


def _may_hold_many_chars(page: Any) -> bool:
    """Whether a page's content could show more than :data:`etl.limits.PDF_MAX_PAGE_CHARS`
    characters: its content streams are that long (a character takes at least one byte of them),
    or it draws form XObjects (which may be drawn many times over). Other pages are not counted,
    which keeps the count's cost (a third of the reading time where it runs) off most pages."""
    try:
        size = sum(len(s.get_data()) for s in page.page_obj.contents)
        xobjects = resolve1((page.page_obj.resources or {}).get("XObject")) or {}
        forms = any(
            resolve1(x).get("Subtype") is not None and resolve1(x).get("Subtype").name == "Form" for x in xobjects.values()
        )
    except Exception:  # noqa: BLE001 - a damaged page: count it (the count gives up quietly on damage)
        return True
    return forms or size > limits.PDF_MAX_PAGE_CHARS


def _check_page_chars(path: Path, pdf: Any, page: Any, no: int) -> None:
    """A page shows at most :data:`etl.limits.PDF_MAX_PAGE_CHARS` characters, counted before
    pdfplumber builds an object for each (300.000 characters on one page took 800 MB)."""
    if not _may_hold_many_chars(page):
        return
    device = _CharCounter(pdf.rsrcmgr)
    try:
        PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    except _TooManyChars:
        raise limits.refuse(
            path,
            f"halaman {no} memuat lebih dari {limits.angka(limits.PDF_MAX_PAGE_CHARS)} karakter",
            f"{limits.angka(limits.PDF_MAX_PAGE_CHARS)} karakter per halaman",
            "periksa apakah ini benar dokumen kinerja; cetak ulang ke PDF",
        ) from None
    except Exception:  # noqa: BLE001 - a damaged page: the real reading below reports it in its own words
        return


def _check_ocr_size(path: Path, page: Any, no: int) -> None:
    try:
        ocr.render_resolution(page)
    except ocr.PageTooLarge as exc:
        raise limits.refuse(
            path, f"halaman {no} {exc.what}", exc.limit, "pindai ulang dengan ukuran kertas biasa (A4/F4/A3)"
        ) from exc


def read_pdf(path: Path) -> list[Line]:
    limits.check_pdf_streams(path)  # before pdfminer inflates any stream
    try:
        pdf = pdfplumber.open(path)
    except (PDFSyntaxError, ValueError, OSError) as exc:
        raise DocumentError(str(path), None, f"berkas PDF rusak atau terkunci sandi ({type(exc).__name__})") from exc
    all_words: list[Word] = []
    with pdf:
        limits.check_pdf_pages(path, _declared_pages(pdf))
        limits.check_pdf_pages(path, len(pdf.pages))
        pages: list[tuple[int, list[Item], str]] = []
        scanned: list[int] = []
        for no, page in enumerate(pdf.pages, start=1):
            _check_page_chars(path, pdf, page, no)
            words = as_words(page.extract_words(extra_attrs=["size"], keep_blank_chars=False))
            if any(w.size <= 0 for w in words):  # a damaged file: lines are measured in font sizes
                raise DocumentError(str(path), None, f"berkas PDF rusak: halaman {no} memuat teks berukuran huruf 0 ({PDF_TODO})")
            if words:
                all_words.extend(words)
                pages.append((no, page_items(words, ruled_tables(page)), CARA_BACA))
            elif page.images:
                _check_ocr_size(path, page, no)
                scanned.append(no)
                pages.append((no, [], ocr.CARA_BACA))
            page.close()  # pdfplumber's objects of a read page: ~15 MB a page of dense text if kept
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
                    ocr_words, tables = ocr.read_page(pdf.pages[no - 1])
                    all_words.extend(as_words(ocr_words))
                    pages[k] = (no, page_items(ocr_words, tables), how)
    pages = drop_furniture(pages, usual_pitch([items for _, items, _ in pages]))
    pitch = usual_pitch([items for _, items, _ in pages])
    carry: Carry | None = None
    for k, (no, items, how) in enumerate(pages):
        with_tables, carry = read_word_tables(items, pitch, carry)
        pages[k] = (no, with_tables, how)
    join_page_breaks(pages)
    vocab = vocabulary(all_words) | spaced_breaks(_all_lines(pages))
    left, right = text_edges([items for _, items, _ in pages])
    lines: list[Line] = []
    for no, items, how in pages:
        for text in page_texts(items, pitch, left, right, vocab):
            lines.append(Line(no=len(lines) + 1, text=text, halaman=no, cara_baca=how))
        lines.append(Line(no=len(lines) + 1, text="", halaman=no, cara_baca=how))  # page break
    if not any(ln.text.strip() for ln in lines):
        raise DocumentError(str(path), None, "PDF tidak berisi teks maupun gambar halaman yang dapat dibaca")
    return lines
