"""The raw pdftotext order (etl/read/raw_blocks.py): tables written column by column rebuilt as tab rows,
and anything that does not make a certain grid left as it is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.read.raw_blocks import is_value, rebuild
from etl.read.text import lines_of
from etl.tables import find_tables

BUDGET = [
    "Program",
    "1. Program",
    "Penunjang urusan",
    "Pemerintahan daerah",
    "2. Program",
    "Pemberdayaan",
    "Masyarakat Desa",
    "",
    "Anggaran",
    "",
    "Keterangan",
    "",
    "Rp. 2.877.638.950,-",
    "",
    "Rp. 6.611.550,-",
    "",
    "APBD",
    "",
    "APBD",
    "",
    "Mangkutana, 1 Oktober 2024",
]


def test_a_budget_list_written_column_by_column_becomes_tab_rows_on_the_lines_of_its_cells() -> None:
    out = rebuild(BUDGET)
    assert len(out) == len(BUDGET)  # line numbers are provenance: none added, none removed
    assert out[0] == "Program\tAnggaran\tKeterangan"
    assert out[1] == "1. Program Penunjang urusan Pemerintahan daerah\tRp. 2.877.638.950,-\tAPBD"
    assert out[4] == "2. Program Pemberdayaan Masyarakat Desa\tRp. 6.611.550,-\tAPBD"
    assert [t for i, t in enumerate(out) if i not in (0, 1, 4) and t] == ["Mangkutana, 1 Oktober 2024"]


def test_the_rebuilt_list_reaches_the_table_reader_as_a_budget_table() -> None:
    lines = lines_of("\n".join(["PERJANJIAN KINERJA TAHUN 2024", "", *BUDGET]))
    tables = [t for t in find_tables(lines) if t.kind == "anggaran"]
    assert len(tables) == 1
    cells = [r.cells for r in tables[0].rows]
    assert any("Rp. 2.877.638.950,-" in c for c in cells)
    assert any("Rp. 6.611.550,-" in c for c in cells)
    row_lines = sorted(r.line for r in tables[0].rows)
    assert row_lines[:2] == [4, 7]  # the lines of '1. Program' and '2. Program' in the text (title, blank, head)


def test_one_row_is_not_enough_to_know_the_order() -> None:
    # pdftotext's raw order interleaves rows too: 'NO.' / '1' then the first words of the next cell
    page = ["NO.", "1", "", "INDIKATOR", "KINERJA", "", "TARGET", "", "Persentase", "capaian kinerja", "", "100%", "", "2"]
    assert rebuild(page) == page


def test_a_count_that_does_not_fill_every_column_leaves_the_text_alone() -> None:
    page = ["Program", "1. Program A", "2. Program B", "", "Anggaran", "", "Rp 5.000.000", "", "Keterangan", "", "APBD"]
    assert rebuild(page) == page  # 'Anggaran' gets one value for two rows, and a head stands among the cells


def test_a_text_cell_in_a_column_of_values_leaves_the_text_alone() -> None:
    page = ["Program", "1. Program A", "2. Program B", "", "Anggaran", "", "Rp 5.000.000", "", "tidak dianggarkan"]
    assert rebuild(page) == page


def test_tab_text_and_prose_are_left_alone() -> None:
    page = ["Program\tAnggaran", "1. Program A\tRp 5.000.000", "", "Program kerja tahun ini disusun bersama"]
    assert rebuild(page) == page


def test_values_are_amounts_percentages_and_quantities_but_not_years_or_words() -> None:
    assert all(is_value(v) for v in ("Rp 5.305.000", "100%", "100 %", "12 Dokumen", "79,6", "1.458.979.000,00"))
    assert not any(is_value(v) for v in ("2024", "APBD", "Persentase capaian", "Rp.", "2 Persentase layanan kecamatan"))


LABELS = ["Program", "Anggaran", "Keterangan"]
_name = st.text(alphabet="abcdefghijklmnoprstuw", min_size=3, max_size=10).map(str.capitalize)
_amount = st.integers(min_value=1_000, max_value=9_999_999).map(lambda n: f"Rp {n:,}".replace(",", "."))
_note = st.sampled_from(["APBD", "DAK", "BLUD"])
_row = st.tuples(st.lists(_name, min_size=1, max_size=3), _amount, _note)


def _emit(rows: list[tuple[list[str], str, str]]) -> tuple[list[str], list[list[str]]]:
    """A grid as pdftotext writes it column by column: the first head with its numbered, wrapped
    items, the other heads, then each column's cells a block each; and the grid expected back."""
    page = [LABELS[0]]
    for n, (words, _, _) in enumerate(rows, start=1):
        page += [f"{n}. {words[0]}", *words[1:]]
    page += ["", LABELS[1], "", LABELS[2], ""]
    for col in (1, 2):
        for row in rows:
            page += [str(row[col]), ""]
    expected = [[" ".join([f"{n}. {words[0]}", *words[1:]]), amount, note] for n, (words, amount, note) in enumerate(rows, 1)]
    return page, expected


@settings(max_examples=60, deadline=None)
@given(st.lists(_row, min_size=2, max_size=6))
def test_any_grid_emitted_column_by_column_reads_back_to_the_same_cells(rows: list[tuple[list[str], str, str]]) -> None:
    page, expected = _emit(rows)
    out = rebuild(page)
    assert len(out) == len(page)
    tab_rows = [t.split("\t") for t in out if t]
    assert tab_rows[0] == LABELS
    assert tab_rows[1:] == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(_row, min_size=2, max_size=6), st.data())
def test_a_grid_with_one_cell_lost_is_left_untouched(rows: list[tuple[list[str], str, str]], data: st.DataObject) -> None:
    page, _ = _emit(rows)
    cells = [i for i, t in enumerate(page) if t and (t.startswith("Rp ") or t in ("APBD", "DAK", "BLUD"))]
    drop = data.draw(st.sampled_from(cells))
    broken = page[:drop] + page[drop + 2 :]  # the cell and the blank line after it
    assert rebuild(broken) == broken
