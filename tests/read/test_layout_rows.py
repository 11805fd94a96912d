"""Rows of space-aligned text (``pdftotext -layout``) that the converter set apart from their
table's grid, read back as the PDF reader reads them (etl/read/columns.py, etl/read/text.py).

Each case is the shape seen in the LKjIP seed's layout form (tests/fixtures/forms), with other
words, and each fails without its rule."""

from __future__ import annotations

from etl.read.text import lines_of
from etl.tables import find_tables


def rows(text: str) -> list[list[str]]:
    """The rows of the tables etl.tables finds in a text, trailing empty cells dropped."""
    out = []
    for t in find_tables(lines_of(text)):
        for r in t.rows:
            cells = list(r.cells)
            while cells and not cells[-1]:
                cells.pop()
            out.append(cells)
    return out


def test_rows_with_a_grid_of_their_own_go_on_with_the_table() -> None:
    # the later rows of a budget table put the name across the number and name columns
    text = "\n".join(
        [
            "No   SASARAN            ANGGARAN        REALISASI       %",
            "A.   PROGRAM            1.890.600.000   1.767.109.802   93,47%",
            "     PENUNJANG",
            "     a. Kegiatan        500.000         497.000         99,40%",
            "     Perencanaan",
            "",
            "",
            "b. Pelaksanaan",
            "Urusan yang",
            "Dilimpahkan",
            "Pelaksanaan Urusan   510.000         501.000         98,23%",
            "Nonperizinan",
            "C. PROGRAM",
            "PEMBERDAYAAN",
            "a. Koordinasi        80.197.000      80.037.000      97,44%",
            "Kegiatan Desa",
            "",
        ]
    )
    got = rows(text)
    assert ["b. Pelaksanaan Urusan yang Dilimpahkan"] in got
    assert ["Pelaksanaan Urusan Nonperizinan", "510.000", "501.000", "98,23%"] in got
    assert ["C. PROGRAM PEMBERDAYAAN"] in got
    assert ["a. Koordinasi Kegiatan Desa", "80.197.000", "80.037.000", "97,44%"] in got


def test_a_total_set_beside_the_wrapped_name_above_is_a_row_of_its_own() -> None:
    text = "\n".join(
        [
            "No    Program               Anggaran           Sumber Dana",
            "1     Program Penunjang     1.458.979.000      DAU",
            "      Urusan Daerah",
            "2     Program Koordinasi    25.700.000         DAU",
            "      Ketenteraman dan      1.691.725.000",
            "      Ketertiban Umum",
            "",
        ]
    )
    got = rows(text)
    assert ["2", "Program Koordinasi Ketenteraman dan Ketertiban Umum", "25.700.000", "DAU"] in got
    assert ["", "", "1.691.725.000"] in got


def test_a_summary_label_beside_the_wrapped_name_above_keeps_its_own_cells() -> None:
    text = "\n".join(
        [
            "No       Komponen        Bobot    Nilai",
            "1        Perencanaan     30,00    20,00",
            "         Kinerja",
            "4        Evaluasi        25,00    14,25",
            "Nilai    Akuntabilitas   100,00   63,16",
            "Total    Kinerja",
            "         Internal",
            "",
        ]
    )
    got = rows(text)
    assert ["4", "Evaluasi Akuntabilitas Kinerja Internal", "25,00", "14,25"] in got
    assert ["Nilai Total", "", "100,00", "63,16"] in got


def test_a_cell_ending_in_a_conjunction_goes_on_beside_the_next_rows_first_line() -> None:
    text = "\n".join(
        [
            "Sasaran         Sub Kegiatan       Indikator Kinerja   Satuan    Target",
            "Meningkatnya    - Terlaksananya    Jumlah              dokumen   16",
            "pelayanan       Urusan yang        Dokumen Non",
            "                Terkait dengan     Perizinan",
            "Terlaksananya   Pelayanan          cakupan desa        desa      11",
            "pembinaan       Perizinan Usaha    yang tertib",
            "",
        ]
    )
    got = rows(text)
    sub = next(r for r in got if "16" in r)
    assert sub[1] == "- Terlaksananya Urusan yang Terkait dengan Pelayanan Perizinan Usaha"
    nxt = next(r for r in got if "11" in r)
    assert nxt[0] == "Terlaksananya pembinaan" and nxt[1] == "" and nxt[2] == "cakupan desa yang tertib"


def test_a_name_set_one_line_below_its_row_on_the_column_numbers_joins_the_row() -> None:
    text = "\n".join(
        [
            "Tujuan Strategis   Sasaran          Indikator Kinerja   Satuan           Target",
            "(1)                (2)              (4) Indeks          (5) Angka        (6) 88,00",
            "Meningkatnya                        Kepuasan",
            "kualitas                            Masyarakat",
            "",
        ]
    )
    assert rows(text)[0] == ["Meningkatnya kualitas", "", "Indeks Kepuasan Masyarakat", "Angka", "88,00"]


def test_a_word_broken_before_its_last_letter_is_mended_from_the_documents_words() -> None:
    text = "\n".join(
        [
            "Indikat   Satuan   Target",
            "or",
            "Nilai     Angka    34",
            "Daera",
            "h",
            "Rata-rata Angka    30",
            "",
            "Perangkat Daerah",
        ]
    )
    assert ["Nilai Daerah", "Angka", "34"] in rows(text)


def test_a_row_goes_on_over_two_blank_lines() -> None:
    text = "\n".join(
        [
            "Sasaran          Indikator Kinerja   Satuan    Target",
            "Meningkatkan     Indeks              Angka     88",
            "kualitas         Kepuasan",
            "",
            "",
            "pelayanan        Masyarakat",
            "kecamatan        (JKM)",
            "",
        ]
    )
    assert rows(text) == [["Meningkatkan kualitas pelayanan kecamatan", "Indeks Kepuasan Masyarakat (JKM)", "Angka", "88"]]


PARAGRAPH = (
    "Laporan kinerja yang disusun merupakan bentuk akuntabilitas dari pelaksanaan tugas dan fungsi "
    "yang dipercayakan kepada instansi pemerintah atas penggunaan anggaran serta bertujuan untuk "
    "memberikan informasi kinerja yang telah dan seharusnya dicapai dan bahan evaluasi sebagai upaya."
)


def _wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return [*out, line]


def test_a_text_wrapped_at_a_margin_has_its_paragraphs_joined_on_their_first_line() -> None:
    paragraph = _wrap(PARAGRAPH, 60)
    text = "\n".join([*paragraph, ""] * 4)
    out = [ln.text for ln in lines_of(text)]
    assert out[0] == PARAGRAPH
    assert out[1 : len(paragraph)] == [""] * (len(paragraph) - 1)
    assert len(out) == len(text.splitlines())  # one line per line: line numbers are provenance


def test_a_text_written_one_paragraph_per_line_is_left_as_it_is() -> None:
    lines = [PARAGRAPH, "Sasaran ini dicapai melalui program berikut.", "", PARAGRAPH] * 4
    assert [ln.text for ln in lines_of("\n".join(lines))] == lines


def test_a_lone_column_label_over_the_page_break_is_the_next_tables_not_a_cell() -> None:
    # the next table's header, flattened: each label on a line of its own, the first at the top of the page
    text = "\n".join(
        [
            "Sasaran          Indikator Kinerja   Satuan    Target",
            "Terlaksananya    Jumlah laporan      Laporan   12",
            "Harmonisasi      harmonisasi",
            "\fSub Kegiatan",
            "",
            "",
            "Anggaran",
            "",
        ]
    )
    assert rows(text)[0] == ["Terlaksananya Harmonisasi", "Jumlah laporan harmonisasi", "Laporan", "12"]
