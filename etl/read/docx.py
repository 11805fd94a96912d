"""Word documents (.docx) → lines, paragraphs and tables in document order (python-docx).

* A paragraph is one line; a soft line break (Shift+Enter) inside it starts a new line, as a text
  converter would print it.
* A table row is one line whose cells are joined by a tab, so :mod:`etl.tables` reads the cells as
  Word holds them, without guessing from whitespace.
* Several paragraphs inside one cell are kept apart by :data:`etl.text.PARA`, exactly as the text
  reader keeps ``<p>…</p> <p>…</p>`` cells; tabs and line breaks inside a paragraph become spaces.
* Merged cells: a horizontally merged cell (``gridSpan``) gives its text to the first grid column
  it covers and an empty cell to each further column; a vertically merged cell (``vMerge``) holds
  its text in its first row and is empty in the rows below. Both keep every row as wide as the
  table grid, so a cell always stands under its header, and both match what converters print
  (the text seeds show a merged sasaran once, with empty cells below it).
* Cells left out at the start or end of a row (``gridBefore``/``gridAfter``) are empty cells.
* Text of the first page header (letterhead) comes first, once: many offices put the kop surat
  naming the kecamatan there. Text boxes, footnotes and comments are not read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from etl import limits
from etl.model import DocumentError, Line
from etl.text import PARA

CARA_BACA = "docx"


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("\n", " ").split())


def _cell_text(tc: CT_Tc, parent: DocxTable) -> str:
    paragraphs: list[str] = []
    for child in tc.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs.append(_one_line(Paragraph(child, parent).text))
        elif isinstance(child, CT_Tbl):  # a table nested in a cell: its rows as paragraphs
            nested = DocxTable(child, parent)
            for tr in child.tr_lst:
                paragraphs.append(" ".join(t for t in (_cell_text(tc2, nested) for tc2 in tr.tc_lst) if t))
    filled = [p for p in paragraphs if p]
    return f" {PARA} ".join(filled)


def _row_cells(tr: CT_Row, table: DocxTable) -> list[str]:
    cells = [""] * tr.grid_before
    for tc in tr.tc_lst:
        text = "" if tc.vMerge == "continue" else _cell_text(tc, table)
        cells.append(text)
        cells.extend([""] * (tc.grid_span - 1))
    cells.extend([""] * tr.grid_after)
    return cells


def row_line(cells: list[str]) -> str:
    """A table row as one tab line. Trailing empty cells carry nothing but width and are dropped,
    so a row reads like the converters' tab rows; leading and inner empty cells stay (they keep
    the column positions). A row keeps at least one tab, so that it stays a table row."""
    width = len(cells)
    while cells and not cells[-1]:
        cells = cells[:-1]
    if width > 1 and len(cells) < 2:
        cells = [*cells, ""] if cells else ["", ""]
    return "\t".join(cells)


def _block_texts(body: object, document: object) -> list[str]:
    out: list[str] = []
    for child in body.iterchildren():  # type: ignore[attr-defined]
        if child.tag == qn("w:p"):
            out.extend(Paragraph(child, document).text.split("\n"))  # type: ignore[arg-type]
        elif isinstance(child, CT_Tbl):
            table = DocxTable(child, document)  # type: ignore[arg-type]
            out.extend(row_line(_row_cells(tr, table)) for tr in child.tr_lst)
    return out


def read_docx(path: Path) -> list[Line]:
    limits.check_zip_members(path)  # also checked by etl.read.sniff; here for a direct call
    limits.check_zip(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(str(path), None, f"berkas Word (.docx) rusak atau tidak lengkap ({exc})") from exc
    texts: list[str] = []
    if document.sections:
        header = document.sections[0].header
        if not header.is_linked_to_previous:
            texts.extend(t for t in _block_texts(header._element, header) if t.strip())
    texts.extend(_block_texts(document.element.body, document))
    return [Line(no=i, text=t, cara_baca=CARA_BACA) for i, t in enumerate(texts, start=1)]
