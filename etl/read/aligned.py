"""Text whose lines keep columns by runs of spaces → positioned words → the PDFs' table reader.

``pdftotext -layout`` (and anybody typing a table with the space bar) keeps a table's columns
apart by runs of spaces: the text is a grid of characters. This module reads such tables with the
reader the PDF text layer uses (:mod:`etl.layout.wordtable`), toward one set of geometry rules for
both (issue 9, "one token stream"):

* **Words**: every run of non-blank characters is a :class:`etl.layout.geometry.Word` whose x is
  its character column times :data:`CHAR` and whose y is its line times :data:`PITCH`, in font
  sizes (``size`` 1): a space is :data:`CHAR` font sizes wide, so one space joins the words of a
  cell and two spaces set cells apart, as the PDF reader's gaps (``LABEL_GAP``, ``SPAN_JOIN``,
  ``MIN_VALLEY`` of :mod:`etl.layout.wordtable`) expect; a blank line is a vertical gap.
* **Rows**: a character grid shows no cell padding, so the reader is told the rows are not
  ``padded`` (a blank line is no row gap).
* **Pages** come from form feeds; a table left open at the foot of a page goes on with the next.
  Lines holding a tab or a pipe row are not positioned (their cells are already apart).
* **Writing back**: one line per line of the file (line numbers are provenance): a header row as a
  tab row on the line where it starts (its wrapped label lines left empty), each body line as a tab
  row of its cells in the table's columns, a word broken over two lines of a cell mended
  (:func:`etl.layout.geometry.broken_word`, ``glued_break``); :mod:`etl.tables` mends a cell's
  wrapped lines into their row as it does for the other readers.
* **Registration** (:func:`_registered`): ``pdftotext -layout`` places the rows of one table
  anew, often several characters apart (each row's columns pushed right by the text before them),
  while a PDF's words keep their place. A table is *registered* when every piece of text of its
  body starts at its column's left edge (or is a value); only those
  tables are read by position (:attr:`Page.registered`).

Status (2026-12-02, issue 9): :mod:`etl.read.text` does not use this module yet. Measured on the
layout form of the four seeds (fact rows of the text version missing, :mod:`tests.read.compare`):
the geometry reading alone lost 79 / 1 / 6 / 10 rows (the LKjIP seed / the PK Perubahan seed / the
2019 PK seed / the 2024 PK seed) where :mod:`etl.read.columns` then lost 35 / 0 / 0 / 0 (and
loses 1 / 0 / 0 / 0 since its rules for rows set apart from their grid); taking only registered
tables from it, 48 / 0 / 0 / 1. The losses come from the unregistered rows above and from
wrapped cells that the PDF reader joins by row padding, which a character grid lacks. Lines outside tables are
returned as they are; fields laid out ``Nama   :   value`` become tab rows
(:func:`etl.read.columns.fields`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.layout import wordtable
from etl.layout.geometry import VisualLine, Word, broken_word, glued_break, make_line
from etl.read import columns
from etl.read.docx import row_line
from etl.tables import is_marker, pipe_to_tabs

SIZE = 1.0  # font size of every character of the grid
CHAR = 0.4  # font sizes per character column
PITCH = 1.2  # font sizes per line: the line pitch of the grid


def line_words(text: str, row: int) -> list[Word]:
    """The words of one line of text as positioned words (x: character column, y: line)."""
    top = row * PITCH
    return [Word(s * CHAR, e * CHAR, top, top + SIZE, w, SIZE) for s, e, w in columns.words(text)]


def _positioned(text: str) -> bool:
    """A line read by position: it holds text, no tab and is no pipe row."""
    return bool(text.strip(columns.BLANK)) and "\t" not in text and pipe_to_tabs(text) is None


def _row_of(top: float) -> int:
    return round(top / PITCH)


@dataclass
class Carry:
    """A table left open at the foot of a page, and where its header rows were written when the
    page ended with the header alone (its columns, and so its labels' cells, come overleaf)."""

    table: wordtable.WordTable
    header_at: list[tuple[list[str], int]] = field(default_factory=list)


@dataclass
class Page:
    """One page's lines as read: the texts written back, and the lines tables took."""

    lines: list[str]
    out: list[str]
    taken: set[int] = field(default_factory=set)
    tables: list[wordtable.WordTable] = field(default_factory=list)
    registered: set[int] = field(default_factory=set)  # lines of tables whose every line keeps the columns


def _runs(lines: Sequence[str]) -> list[list[int]]:
    """Indexes of positioned lines, in runs that no tab or pipe line interrupts."""
    runs: list[list[int]] = [[]]
    for i, t in enumerate(lines):
        if _positioned(t):
            runs[-1].append(i)
        elif t.strip(columns.BLANK):
            runs.append([])
    return [r for r in runs if r]


def _write(page: Page, t: wordtable.WordTable, index: list[int], vls: Sequence[VisualLine], known: frozenset[str]) -> None:
    """The table's lines written back: its header rows on the lines where they start, each body
    line as a tab row of its cells in the table's columns (a cell's wrapped lines are rows with
    text only in that column, which :mod:`etl.tables` mends into the row above, as for the
    other readers' line-per-line text); the other header lines left empty."""
    span = range(t.start, t.end)
    heads = {_row_of(top) for top in t.header_tops} if t.header is not None and not t.header_above else set()
    header_lines = {index[k] for k in span if t.head is not None and t.head.start <= k < t.head.end} if heads else set()
    body = [k for k in span if index[k] not in header_lines]
    for k in span:
        page.taken.add(index[k])
        page.out[index[k]] = ""
    if heads:
        for top, texts in zip(t.header_tops, t.header or [], strict=True):
            page.out[_row_of(top)] = row_line(list(texts))
    if not t.columns:
        return
    cells = {k: wordtable.split_line(vls[k], t.columns) for k in body}
    for a, b in itertools.pairwise(body):
        if index[b] == index[a] + 1:
            _mend(cells[a], cells[b], t.columns, known)
    for k in body:
        texts = [" ".join(w.text for w in c) for c in cells[k]]
        page.out[index[k]] = row_line(texts) if any(texts) else ""
    page.tables.append(t)
    if _registered([index[k] for k in body], page.lines, t.columns):
        page.registered.update(index[k] for k in span)


def _registered(body: Sequence[int], lines: Sequence[str], cols: Sequence[wordtable.Column]) -> bool:
    """Whether every piece of text of the body lines starts at its column's left edge (within
    :data:`etl.read.columns.JITTER` characters) or is a value (values may be centred or set
    right). ``pdftotext -layout`` sets some rows of a table a few characters apart from the
    others (each cell's block placed anew, pushed right by the text left of it)."""
    edges = [(round(c.x0 / CHAR), round(c.x1 / CHAR)) for c in cols]
    for i in body:
        for s, e, text in columns.phrases(lines[i]):
            x0, _ = edges[columns.column_of((s, e), edges)]
            if abs(s - x0) > columns.JITTER and not columns.is_data(text):
                return False
    return True


def _mend(upper: list[list[Word]], lower: list[list[Word]], cols: Sequence[wordtable.Column], known: frozenset[str]) -> None:
    """Words broken over two lines of a cell joined on the upper line: a word too long for its
    column ("Penyelenggaraa" / "n"), a compound broken after '-' or '/' (the PDF reader's tests,
    :mod:`etl.layout.geometry`). Not where the lower line is numbered (a row of its own)."""
    if lower and lower[0] and is_marker(lower[0][0].text):
        return
    for k, col in enumerate(cols):
        if not upper[k] or not lower[k]:
            continue
        last, first = upper[k][-1], lower[k][0]
        left = min(w.x0 for w in upper[k])
        if (len(upper[k]) == 1 and broken_word(last, left, col.x1, first, known)) or glued_break(last.text, first.text, known):
            upper[k][-1] = Word(last.x0, first.x1, last.top, last.bottom, last.text + first.text, last.size)
            lower[k] = lower[k][1:]


def read_page(lines: Sequence[str], carry: Carry | None, known: frozenset[str]) -> tuple[Page, Carry | None]:
    """One page's tables read from the positions of its words (:mod:`etl.layout.wordtable`)."""
    page = Page(list(lines), list(lines))
    runs = _runs(lines)
    out_carry: Carry | None = None
    for r, index in enumerate(runs):
        vls = [make_line(line_words(lines[i], i)) for i in index]
        first = r == 0 and carry is not None and index[0] == next(i for i, t in enumerate(lines) if t.strip(columns.BLANK))
        tables = wordtable.find_tables(vls, PITCH, carry.table if first and carry else None, padded=False)
        for t in tables:
            if t.header is not None and t.header_above and carry is not None:
                for (out, i), texts in zip(carry.header_at, t.header, strict=True):
                    out[i] = row_line(list(texts))
            _write(page, t, index, vls, known)
        last_run = r == len(runs) - 1 and not any(t.strip(columns.BLANK) for t in lines[index[-1] + 1 :] if not _positioned(t))
        if tables and tables[-1].open and last_run:
            last = tables[-1]
            header_at = [(page.out, _row_of(top)) for top in last.header_tops] if not last.rows and last.header else []
            out_carry = Carry(last, header_at)
    return page, out_carry


def read_pages(pages: Sequence[Sequence[str]], known: frozenset[str]) -> list[Page]:
    """Every page's lines with its tables written as tab rows (one line per line) and its
    fields as tab rows; the other lines as they are."""
    out: list[Page] = []
    carry: Carry | None = None
    for lines in pages:
        page, carry = read_page(lines, carry, known)
        masked = ["" if i in page.taken else t for i, t in enumerate(page.lines)]
        written = columns.fields(masked)
        for i, t in enumerate(written):
            if i not in page.taken:
                page.out[i] = t
        out.append(page)
    return out
