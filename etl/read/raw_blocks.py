"""Tables that ``pdftotext`` (without ``-layout``) writes column by column, rebuilt as tab rows.

In pdftotext's raw reading order a table comes out one text block after another, blank lines
between the blocks: a block per header cell, and each column's cells after its header, one
column after the other (issue 9, the ``raw`` form)::

    Program                      Anggaran          Rp. 2.877.638.950,-      APBD
    1. Program                   Keterangan        Rp. 6.611.550,-          APBD
    Penunjang urusan ...
    2. Program ...

(the blocks above stand one under another in the text). The rule: a run of blocks whose first
blocks are head cells (:func:`etl.tables.is_header_label`, the header vocabulary of
etl/vocab/kata_kepala.csv, and together :func:`etl.tables.is_header_cells`) is read as a
column-major stream. A head block may carry its column's cells under the label; the cells of the
other columns follow in column order. The number of rows comes from a column that shows it by
itself: numbered items (``1.``, ``2.`` …) under a label, or row numbers. Each column then takes
exactly that many cells: a column of values (amounts, percentages, quantities) one value per
line, a column of numbered items one item per marker, any other column one block per cell.

The grid is kept only when it is certain: at least :data:`MIN_ROWS` rows, every column exactly
full, no block split between two columns, every cell of a value column a value and no cell of a
text column a bare value, numbered items in order from 1. Anything else leaves the text as it
is (the reader's behaviour before this rule). A rebuilt table is written back as tab-separated
lines: the head on the line of its first label, each row on the line of its first cell, the
other lines it took left empty, so that line numbers stay those of the text (provenance).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.numbers import looks_like_amount, looks_like_percent, parse_quantity
from etl.tables import is_header_cells, is_header_label, is_prose, is_terminator, marker_of
from etl.text import fold

MIN_ROWS = 2  # one row fixes nothing: a single cell per column is also what a row-major order shows
MAX_LABEL_LINES = 3  # a head cell wrapped over more lines than this is not told from a data cell
_ROW_NUMBER = re.compile(r"^\d{1,3}\.?$")
_ITEM = re.compile(r"^\d{1,3}[.)]\s+\S")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_QUANTITY_UNIT_WORDS = 2  # '12 Dokumen', '18 Org/Bulan': a value with a short unit


@dataclass
class _Column:
    label: str
    label_line: int
    lines: list[int] = field(default_factory=list)  # indexes of the lines under its label, in its head block
    cells: list[tuple[int, str]] = field(default_factory=list)  # (first line index, text)


def _blocks(page: Sequence[str]) -> list[list[int]]:
    """Runs of non-blank lines, as line indexes."""
    out: list[list[int]] = []
    run: list[int] = []
    for i, t in enumerate(page):
        if t.strip():
            run.append(i)
        elif run:
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out


def is_value(text: str) -> bool:
    """An amount, a percentage or a quantity with a short unit ('Rp 5.305.000', '100%', '12 Dokumen')."""
    t = " ".join(text.split())
    if _YEAR.match(t):
        return False  # a year under a label is a sub-head ('Realisasi' / '2024'), not a cell
    if looks_like_amount(t) or looks_like_percent(t):
        return True
    q = parse_quantity(t)
    return bool(q and q.nilai is not None and t[:1].isdigit() and len(t.split()) <= 1 + _QUANTITY_UNIT_WORDS)


def _label(page: Sequence[str], block: list[int]) -> tuple[str, list[int]] | None:
    """The head cell a block starts with and the lines under it, or None. A block of a few
    label-like lines is one wrapped label ('INDIKATOR' / 'KINERJA'); otherwise only its first
    line is the label and the rest are its column's cells."""
    texts = [page[i].strip() for i in block]
    if any("\t" in page[i] for i in block):
        return None
    if len(texts) <= MAX_LABEL_LINES and all(_label_line(t) for t in texts):
        whole = " ".join(texts)
        if is_header_label(whole):
            return whole, []
    if _label_line(texts[0]) and is_header_label(texts[0]):
        return texts[0], block[1:]
    return None


def _label_line(text: str) -> bool:
    if not text or is_value(text) or _ROW_NUMBER.match(text) or _ITEM.match(text):
        return False
    return fold(text) not in {"rp", ""}


def _items(page: Sequence[str], lines: Sequence[int]) -> list[tuple[int, str]] | None:
    """Numbered items ('1. Program', continued on the lines below, '2. Program' …) numbered 1, 2, … in
    order, or None when the lines are not such a list."""
    items: list[tuple[int, str]] = []
    for i in lines:
        t = page[i].strip()
        if _ITEM.match(t) or _ROW_NUMBER.match(t):
            marker, _ = marker_of(t)
            if marker is None or not marker.isdigit() or int(marker) != len(items) + 1:
                return None
            items.append((i, t))
        elif not items:
            return None
        else:
            first, text = items[-1]
            items[-1] = (first, f"{text} {t}")
    return items or None


def _values(page: Sequence[str], lines: Sequence[int]) -> list[tuple[int, str]] | None:
    cells = [(i, " ".join(page[i].split())) for i in lines]
    return cells if cells and all(is_value(t) for _, t in cells) else None


def _cells_of_block(page: Sequence[str], block: Sequence[int]) -> list[tuple[int, str]]:
    """The cells one block holds: values one a line, numbered items one an item, else one cell."""
    return _values(page, block) or _items(page, block) or [(block[0], " ".join(page[i].strip() for i in block))]


def _grid(page: Sequence[str], blocks: list[list[int]], start: int) -> tuple[list[_Column], int] | None:
    """The columns of a table whose head starts at blocks[start], and the index of the first
    block after it; None when the blocks do not make a certain grid."""
    columns: list[_Column] = []
    b = start
    while b < len(blocks) and (found := _label(page, blocks[b])):
        label, under = found
        columns.append(_Column(label, blocks[b][0], under))
        b += 1
    if len(columns) < 2 or not is_header_cells([c.label for c in columns]):
        return None
    carried = [bool(c.lines) for c in columns]
    if carried != sorted(carried, reverse=True):
        return None  # a column with its cells under its label after one without: not column-major
    rows = 0
    for col in columns:
        if col.lines:
            items = _items(page, col.lines) or _values(page, col.lines)
            if items is None:
                return None
            col.cells = items
            rows = rows or len(items)
            if len(items) != rows:
                return None
    if rows < MIN_ROWS:
        return None
    for col in columns:
        while len(col.cells) < rows:
            if b >= len(blocks) or _label(page, blocks[b]) is not None:
                return None
            col.cells += _cells_of_block(page, blocks[b])
            b += 1
        if len(col.cells) != rows:
            return None  # a block would be split between two columns
    if not _consistent(columns):
        return None
    return columns, b


def _consistent(columns: Sequence[_Column]) -> bool:
    """Each column all values or all text, and at least one column of values (else nothing ties the
    rows together but the count of blocks)."""
    kinds = []
    for col in columns:
        if any(is_prose([t]) or is_terminator(t) or _YEAR.match(t) for _, t in col.cells):
            return False  # running text, a signature or date line, a sub-head: the table has ended
        values = [is_value(t) for _, t in col.cells]
        if any(values) and not all(values):
            return False
        kinds.append(all(values))
    return any(kinds) and not all(kinds)


def rebuild(page: Sequence[str]) -> list[str]:
    """The page with each table written column by column rewritten as tab rows (see the module)."""
    out = list(page)
    blocks = _blocks(page)
    b = 0
    while b < len(blocks):
        found = _grid(page, blocks, b)
        if found is None:
            b += 1
            continue
        columns, end = found
        taken = [i for blk in blocks[b:end] for i in blk]
        for i in taken:
            out[i] = ""
        out[columns[0].label_line] = "\t".join(c.label for c in columns)
        rows = len(columns[0].cells)
        for r in range(rows):
            line = min(c.cells[r][0] for c in columns)
            if out[line]:
                return list(page)  # two rows on one line: not a grid after all
            out[line] = "\t".join(c.cells[r][1] for c in columns)
        b = end
    return out
