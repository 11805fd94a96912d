"""Table layouts: properties over generated tables, and the repairs for broken rows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.model import Line
from etl.tables import find_tables

WORDS = st.text(alphabet="abcdefghijklmnoprstuvwy", min_size=3, max_size=9)
TEXT = st.lists(WORDS, min_size=2, max_size=6).map(lambda ws: "Meningkatnya " + " ".join(ws))
TARGET = st.integers(min_value=1, max_value=999).map(str)


def _lines(texts: list[str]) -> list[Line]:
    return [Line(no=i, text=t) for i, t in enumerate(texts, start=1)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, TARGET), min_size=1, max_size=8))
def test_tab_rows_come_back_cell_for_cell(rows: list[tuple[str, str, str]]) -> None:
    text = ["Judul tabel", "No\tSasaran\tIndikator Kinerja\tTarget"]
    text += [f"{k}\t{s}\t{i}\t{t}" for k, (s, i, t) in enumerate(rows, start=1)]
    text += ["", "Dari tabel di atas dapat disimpulkan sebagai berikut."]
    tables = find_tables(_lines(text))
    assert len(tables) == 1 and tables[0].kind == "target"
    assert [r.cells[1:] for r in tables[0].rows] == [list(r) for r in rows]
    assert [r.line for r in tables[0].rows] == list(range(3, 3 + len(rows)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, TARGET), min_size=1, max_size=8))
def test_one_cell_per_line_rows_come_back(rows: list[tuple[str, str, str]]) -> None:
    text = ["\tNo", "\tSasaran Kegiatan", "\tIndikator Kinerja", "\tTarget", "", "\t(1)", "\t(2)", "\t(3)", "\t(4)", ""]
    for k, (s, i, t) in enumerate(rows, start=1):
        text += [f"\t{k}.", f"\t{s}", "", f"\t{i}", f"\t{t} Dok", ""]
    text += ["", "\t\tKota, 1 Oktober 2024"]
    tables = find_tables(_lines(text))
    assert len(tables) == 1 and tables[0].layout == "cells" and tables[0].kind == "target"
    assert [r.fragments for r in tables[0].rows] == [[s, i, f"{t} Dok"] for s, i, t in rows]


def test_a_row_broken_over_two_lines_is_mended() -> None:
    tables = find_tables(
        _lines(
            [
                "Tujuan\tSasaran\tIndikator Kinerja\tSatuan\tTarget",
                "\tMeningkatkan kualitas\tIndeks Kepuasan\tAngka\t88",
                "",
                "\tpelayanan kecamatan\tMasyarakat Kecamatan\t\t",
                "No\tProgram\tAnggaran\tRealisasi\t%",
                "\t2. Evaluasi Kinerja\t\t\t99,36%",
                "",
                "\t\t250.000\t248.400\t",
            ]
        )
    )
    assert tables[0].rows[0].cells == [
        "",
        "Meningkatkan kualitas pelayanan kecamatan",
        "Indeks Kepuasan Masyarakat Kecamatan",
        "Angka",
        "88",
    ]
    assert tables[0].rows[0].lines == [2, 4]
    assert tables[1].rows[0].cells == ["", "2. Evaluasi Kinerja", "250.000", "248.400", "99,36%"]


def test_prose_without_tables_yields_no_table() -> None:
    text = [
        "KATA PENGANTAR",
        "",
        "Puji syukur kami panjatkan.",
        "Target kinerja tahun ini tercapai dengan baik.",
        "Realisasi anggaran 93 persen.",
    ]
    assert find_tables(_lines(text)) == []


def test_markdown_pipe_rows_are_tab_rows() -> None:
    tables = find_tables(
        _lines(["- | Program | Anggaran | Sumber Dana |", "|--|---|---|", "| 1. Program Penunjang | 1.458.979.000 | DAU |"])
    )
    assert tables[0].kind == "anggaran" and tables[0].rows[0].cells == ["1. Program Penunjang", "1.458.979.000", "DAU"]


def test_a_header_word_split_by_the_converter_still_makes_a_header() -> None:
    """Kertanegara's Tabel 3.8 prints "Tota l": the table must still be found (and checked)."""
    from etl.tables import is_header_cells

    assert is_header_cells(["No", "Unsur Layanan", "Tidak Baik", "Kurang Baik", "Baik", "Sangat Baik", "Tota l"])
    assert not is_header_cells(["Di", "sini", "ada"])  # short words alone are no header


def test_seed_survey_table_with_a_split_header_word_is_found(seed_docs) -> None:
    lines = seed_docs["kertanegara"].lines
    found = [t for t in find_tables(lines) if t.kind == "ikm_sebaran" and any(r.line == 495 for r in t.rows)]
    assert len(found) == 1 and found[0].columns[-1] == "Tota l"


# --- flattened text (issue 9, Deliver 4) and laid-out rows ------------------------------------


def test_a_budget_table_flattened_into_running_text_is_read_from_its_header_slots() -> None:
    text = [
        "Program Anggaran Keterangan",
        "1. Program Rp. 2.877.638.950,- APBD",
        "Penunjang urusan",
        "Pemerintahan daerah",
        "2. Program Rp. 6.611.550,- APBD",
        "Penyelenggaraan PEMERINTAHA",
        "N dan pelayanan Publik",
        "Rp. 2.884.250.500,-",
        "Mangkutana, 1 Oktober 2024",
    ]
    (table,) = find_tables(_lines(text))
    assert table.kind == "anggaran" and table.layout == "tab"
    assert table.columns == ["Program", "Anggaran", "Keterangan"]
    assert [r.cells for r in table.rows] == [
        ["1. Program Penunjang urusan Pemerintahan daerah", "Rp. 2.877.638.950,-", "APBD"],
        ["2. Program Penyelenggaraan PEMERINTAHAN dan pelayanan Publik", "Rp. 6.611.550,-", "APBD"],
        ["", "Rp. 2.884.250.500,-", ""],  # the total: a row of its own, no name made up for it
    ]
    assert [r.line for r in table.rows] == [2, 5, 8]


def test_a_flattened_row_fills_its_slots_by_type_and_never_takes_more_numbers_than_slots() -> None:
    text = [
        "No SASARAN ANGGARAN REALISASI %",
        "a. Kegiatan 500.000 497.000 99,40%",
        "Perencanaan",
        "b. Evaluasi 99,36%",  # the amounts of this row stand on a line of their own below
        "Kinerja",
        "250.000 248.400",
        "c. Penyediaan 1 2 3 4",  # four numbers for three slots: no row of this table
    ]
    (table,) = find_tables(_lines(text))
    # the header's 'No' column takes the rows' numbers, as in the text version of such a table
    assert table.columns[0] == "No"
    assert [r.cells for r in table.rows] == [
        ["a.", "Kegiatan Perencanaan", "500.000", "497.000", "99,40%"],
        ["b.", "Evaluasi Kinerja", "250.000", "248.400", "99,36%"],
    ]
    assert table.rows[1].cell_lines == [4, 4, 6, 6, 4]


def test_a_flattened_header_with_two_text_columns_is_left_alone() -> None:
    # the words of Sasaran and Indikator cannot be told apart once the columns are gone
    text = ["Sasaran Indikator Kinerja Target", "Meningkatnya Indeks 88,00", "kualitas Kepuasan"]
    assert [t for t in find_tables(_lines(text)) if t.layout == "tab"] == []


def test_flattened_one_cell_per_line_rows_are_read_by_type_and_header_slots() -> None:
    # a viewer's copy of a one-cell-per-line table: no tab marks where a cell starts
    text = ["No", "Sasaran Kegiatan", "Indikator Kinerja", "Target", "(1)", "(2)", "(3)", "(4)"]
    text += [
        "1.",
        "Terpeliharanya sarana dan",
        "prasarana gedung kantor",
        "Jumlah sarana yang dipelihara/",
        "direhabilitasi",
        "10 Unit",
    ]
    text += ["2.", "Tersusunnya laporan", "Jumlah laporan Keuangan", "18 laporan", "", "Kota, 1 Oktober 2024"]
    (table,) = find_tables(_lines(text))
    assert table.layout == "cells" and table.kind == "target"
    assert [r.cells for r in table.rows] == [
        ["Terpeliharanya sarana dan prasarana gedung kantor", "Jumlah sarana yang dipelihara/ direhabilitasi", "10 Unit"],
        ["Tersusunnya laporan", "Jumlah laporan Keuangan", "18 laporan"],
    ]


def test_a_numbered_row_wrapped_over_lines_that_carry_numbers_stays_one_row() -> None:
    # pdftotext -layout of a PK row with two indicators and two targets in one cell
    text = [
        "NO\tSASARAN\tINDIKATOR KINERJA\tPENJELASAN\tTARGET",
        "3.\tMeningkatnya\t1 Persentase\tFormulasi =\t100%",
        "\tperan\tpermohonan\tjumlah permohonan X\t100%",
        "\tkecamatan\tterlayani\t100 %",
        "\t\t2 Persentase\tsesuai ruang",
        "\t\tLinmas terbina",
        "4.\tMeningkatnya\tPersentase PBB\tFormulasi\t80%",
    ]
    (table,) = find_tables(_lines(text))
    assert len(table.rows) == 2
    first = table.rows[0].cells
    assert first[1] == "Meningkatnya peran kecamatan"
    assert first[2] == "1 Persentase permohonan terlayani \u2029 2 Persentase Linmas terbina"
    assert first[3] == "Formulasi = jumlah permohonan X 100 % sesuai ruang"
    assert first[4] == "100% \u2029 100%"


def test_a_spanning_first_cell_takes_its_wrapped_lines_from_beside_the_next_rows() -> None:
    text = [
        "Sasaran Program\tIndikator Kinerja\tSatuan\tTarget",
        "Meningkatnya\tPersentase laporan\t%\t100",
        "penyelenggaraan\tkinerja",
        "daerah\tPersentase temuan\t%\t100",
        "Kabupaten/Kota\tpengelolaan",
    ]
    (table,) = find_tables(_lines(text))
    assert [r.cells for r in table.rows] == [
        ["Meningkatnya penyelenggaraan daerah Kabupaten/Kota", "Persentase laporan kinerja", "%", "100"],
        ["", "Persentase temuan pengelolaan", "%", "100"],
    ]


def test_a_data_row_of_lower_case_words_is_no_header() -> None:
    text = ["Sasaran\tIndikator Kinerja\tTarget", "Tersedianya\tJumlah paket\t2", "komponen instalasi\tkomponen instalasi"]
    (table,) = find_tables(_lines(text))
    assert [r.cells[:2] for r in table.rows] == [["Tersedianya komponen instalasi", "Jumlah paket komponen instalasi"]]


def test_an_amount_set_among_the_words_of_a_name_goes_to_the_cell_after_it() -> None:
    text = [
        "Sasaran Strategis\tSasaran Program\tRencana Anggaran (Rp)",
        "1. Meningkatkan A\t1. Program Satu\t1.250.000,00",
        "\t2. Meningkatkan B\t2. Program 3.500.000,00 Penyelenggaraan Umum",
        "\t\t3. Program Tiga Tahun 2024",  # a year among the words is no amount
    ]
    (table,) = find_tables(_lines(text))
    assert table.rows[1].cells == ["", "2. Meningkatkan B", "2. Program Penyelenggaraan Umum", "3.500.000,00"]
    assert table.rows[2].cells == ["", "", "3. Program Tiga Tahun 2024"]


def test_a_field_value_wrapped_in_copied_text_is_joined_onto_its_line() -> None:
    from etl.read.columns import tabulate

    lines = [
        "Nama : Dr. BUDI SANTOSO, S.Sos.,",
        "M.Si",
        "Jabatan : KEPALA SUB BAGIAN",
        "PERENCANAAN DAN",
        "KEPEGAWAIAN",
        "selanjutnya disebut Pihak Pertama",
        "Jabatan : Bupati Contoh",  # mixed case: the next line is text of its own
        "PERJANJIAN KINERJA",
    ]
    out = tabulate(lines, lambda cells: False)
    assert out[0] == "Nama : Dr. BUDI SANTOSO, S.Sos., M.Si" and out[1] == ""
    assert out[2] == "Jabatan : KEPALA SUB BAGIAN PERENCANAAN DAN KEPEGAWAIAN" and out[3:5] == ["", ""]
    assert out[5:] == lines[5:]
