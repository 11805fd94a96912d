"""A lone 'Rp' and its amount in a table written one cell per line without cell marks.

A PDF cell 'Rp.         13,691,650' comes out of pdftotext's raw order as two blocks: 'Rp.', a
blank line, '13,691,650', where the row's other cells follow line by line (or 'Rp.', the row's
fund word, a blank, the amount). The amount then keeps its 'Rp.', as the text version of the same
document prints it (tests/read/test_forms.py, the PK Perubahan seed's raw form). 'Rp' in a cell of
its own (the seed's Word tables) stands from its amount as far as the row's cells stand from each
other (the next line; two lines in `pdftotext -layout`'s double-spaced text), or over a page
break: there the amount's printed text stays without it, and so it does in text without pages,
where a page break cannot be told from the gap.
"""

from __future__ import annotations

import pytest

from etl.documents import perjanjian_kinerja as pk
from etl.model import Line
from etl.tables import find_tables

CTX = pk.Context(jenis_pk="PK", unit_kerja="Kecamatan", tahap="murni", bagian="perjanjian")
HEAD = ["No.", "Kegiatan", "Anggaran", "Keterangan", ""]


def _pagu(row: list[str | tuple[str, int]], tabbed: bool = False) -> list[str | None]:
    """Budget texts read from a one-cell-per-line table whose one row has these lines; a line
    given as (text, page) is on that page, every other on page 1."""
    texts = [*HEAD, "1.", "Penyediaan Jasa Surat Menyurat", *row, "", "", "", "", "", "", "", "Demikian."]
    lines = []
    for n, t in enumerate(texts, start=1):
        text, page = t if isinstance(t, tuple) else (t, 1)
        lines.append(Line(no=n, text=("\t" + text if tabbed and text else text), halaman=page))
    out = []
    for table in find_tables(lines):
        if table.kind == "anggaran":
            out += [a.pagu_teks for a in pk.extract_budget(table, CTX, 0, [])]
    return out


@pytest.mark.parametrize(
    "row",
    [
        ["Rp.", "", "13,691,650", "APBD"],  # one cell broken at its gap: a blank line between
        ["Rp.", "APBD", "", "13,691,650"],  # the fund word's text run came first
    ],
)
def test_a_cell_broken_at_its_gap_keeps_its_rp(row: list[str | tuple[str, int]]) -> None:
    assert _pagu(row) == ["Rp. 13,691,650"]


@pytest.mark.parametrize(
    "row",
    [
        ["Rp", "2,026,999,126", "APBD"],  # consecutive lines: two cells of the table
        ["Rp", "", ("2,026,999,126", 2), ("APBD", 2)],  # over a page break
        ["", "Rp", "", "2,026,999,126", "", "APBD"],  # double-spaced: every cell a blank line apart
    ],
)
def test_rp_in_a_cell_of_its_own_stays_apart(row: list[str | tuple[str, int]]) -> None:
    assert _pagu(row) == ["2,026,999,126"]


def test_cells_marked_by_tabs_are_the_document_s() -> None:
    assert _pagu(["Rp", "", "2,026,999,126", "APBD"], tabbed=True) == ["2,026,999,126"]


def test_text_without_pages_joins_nothing() -> None:
    texts = [*HEAD, "1.", "Penyediaan Jasa Surat Menyurat", "Rp", "", "8,380,000", "APBD", *[""] * 7, "Demikian."]
    lines = [Line(no=n, text=t) for n, t in enumerate(texts, start=1)]
    tables = [t for t in find_tables(lines) if t.kind == "anggaran"]
    assert [a.pagu_teks for t in tables for a in pk.extract_budget(t, CTX, 0, [])] == ["8,380,000"]
