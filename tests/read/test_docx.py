"""DOCX reader: Word tables become tab rows, merged cells are read once, paragraphs in order."""

from __future__ import annotations

from pathlib import Path

import docx

from etl.read import read_lines
from etl.read.docx import row_line
from etl.text import PARA
from tests.read.conftest import DOCUMENTS


def test_the_fixtures_hold_real_word_tables_with_merged_cells() -> None:
    xml = ""
    for path in sorted(DOCUMENTS.glob("*.docx")):
        document = docx.Document(str(path))
        assert len(document.tables) >= 2, path.name
        xml += document.element.xml
    assert "w:vMerge" in xml and "w:gridSpan" in xml


def test_merged_cells_are_read_once_and_paragraphs_in_a_cell_are_kept(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("PERJANJIAN KINERJA")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "SASARAN", "INDIKATOR", "TARGET"
    t.cell(1, 0).text = "Meningkatnya layanan"
    t.cell(1, 0).merge(t.cell(2, 0))  # vertical merge
    t.cell(1, 1).text = "Indeks A"
    t.cell(1, 1).add_paragraph("Indeks B")
    t.cell(1, 2).text = "85"
    t.cell(2, 1).merge(t.cell(2, 2))  # horizontal merge
    t.cell(2, 1).paragraphs[0].text = "Jumlah"
    d.add_paragraph("Penutup")
    path = tmp_path / "x.docx"
    d.save(str(path))
    lines, fmt = read_lines(path)
    assert fmt == "docx"
    texts = [ln.text for ln in lines]
    assert texts[0] == "PERJANJIAN KINERJA" and texts[-1] == "Penutup"
    assert texts[1] == "SASARAN\tINDIKATOR\tTARGET"
    assert texts[2] == f"Meningkatnya layanan\tIndeks A {PARA} Indeks B\t85"
    assert texts[3] == "\tJumlah"  # merged sasaran empty below its first row; the span adds an empty cell, dropped at the end
    assert {ln.cara_baca for ln in lines} == {"docx"}


def test_row_line_keeps_a_tab_so_a_row_stays_a_row() -> None:
    assert row_line(["a", "", ""]) == "a\t"
    assert row_line(["", "b", ""]) == "\tb"
    assert row_line(["a"]) == "a"
