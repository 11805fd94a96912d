"""Space-aligned text read as positioned words by the PDFs' table reader (etl/read/aligned.py)."""

from __future__ import annotations

from etl.read import aligned

TABLE = [
    "No   Indikator Kinerja        Satuan   Target",
    "1    Indeks Kepuasan          Angka    88",
    "     Masyarakat",
    "2    Nilai Kematangan         Angka    34",
    "     Perangkat Daerah",
]


def test_a_character_is_a_fixed_width_and_a_line_a_fixed_pitch() -> None:
    words = aligned.line_words("Indeks  88", 3)
    assert [w.text for w in words] == ["Indeks", "88"]
    assert words[0].x0 == 0.0 and words[1].x0 == 8 * aligned.CHAR
    assert words[0].top == 3 * aligned.PITCH and words[0].size == aligned.SIZE
    # one space joins the words of a cell, two set cells apart (the PDF reader's label gap)
    from etl.layout.wordtable import LABEL_GAP

    assert aligned.CHAR < LABEL_GAP < 2 * aligned.CHAR


def test_a_table_aligned_with_spaces_becomes_tab_rows_one_line_per_line() -> None:
    page = aligned.read_pages([TABLE], frozenset())[0]
    assert page.out == [
        "No\tIndikator Kinerja\tSatuan\tTarget",
        "1\tIndeks Kepuasan\tAngka\t88",
        "\tMasyarakat",
        "2\tNilai Kematangan\tAngka\t34",
        "\tPerangkat Daerah",
    ]
    assert page.registered == set(range(len(TABLE)))


def test_a_row_set_apart_from_its_columns_is_not_registered() -> None:
    drifted = [*TABLE]
    drifted[3] = "2       Nilai Kematangan      Angka    34"  # pdftotext placed this row anew, 3 characters right
    page = aligned.read_pages([drifted], frozenset())[0]
    assert page.registered == set()


def test_a_word_broken_in_a_narrow_cell_is_mended_from_the_documents_words() -> None:
    lines = [
        "No   Sasaran          Indikator Kinerja   Target",
        "1    Terwujudnya      Persentase          100%",
        "     Penyelenggaraa   capaian",
        "     n Pemerintahan   kinerja",
    ]
    out = aligned.read_pages([lines], frozenset({"penyelenggaraan"}))[0].out
    assert out[2:] == ["\tPenyelenggaraan\tcapaian", "\tPemerintahan\tkinerja"]
    slash = [*lines[:2], "     Daerah           Kabupaten/", "     Kecamatan        Kota"]
    assert aligned.read_pages([slash], frozenset())[0].out[2:] == ["\tDaerah\tKabupaten/Kota", "\tKecamatan"]


def test_lines_outside_tables_stay_and_fields_become_tab_rows() -> None:
    lines = ["Pada hari ini kami yang bertanda tangan:", "Nama      :  BUDI", "Jabatan   :  CAMAT", ""]
    out = aligned.read_pages([lines], frozenset())[0].out
    assert out[0] == lines[0]
    assert out[1].split("\t")[0] == "Nama" and out[2].split("\t")[0] == "Jabatan"
