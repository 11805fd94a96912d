"""The typed-row fallback for flattened text (etl/layout/flat.py) and column blocks
(etl/layout/blocks.py): unit tests of each rule and property tests of the slot filler."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.layout import blocks, flat
from etl.model import Line
from etl.tables import _is_label_word, find_tables, is_terminator


def _lines(texts: list[str]) -> list[Line]:
    return [Line(no=k, text=t) for k, t in enumerate(texts, start=1)]


def _flat(texts: list[str]) -> flat.FlatTable:
    table = flat.read_flat_table(_lines(texts), 0, _is_label_word, is_terminator, {})
    assert table is not None
    return table


# --- header -------------------------------------------------------------------------------------


def test_a_slash_joins_the_alternatives_of_one_name_column() -> None:
    head = flat.parse_head("NO. TUJUAN / SASARAN ANGGARAN Keterangan", _is_label_word)
    assert head is not None
    assert head.number == "NO." and head.name == "TUJUAN/SASARAN"
    assert [(s.label, s.role) for s in head.slots] == [("ANGGARAN", "angka"), ("Keterangan", "dana")]


def test_two_name_columns_without_a_slash_are_still_left_alone() -> None:
    assert flat.parse_head("Sasaran Strategis Sasaran Program Rencana Anggaran", _is_label_word) is None


def test_category_columns_and_a_percent_unit_are_slots_of_their_kind() -> None:
    head = flat.parse_head("No Unsur Layanan SKM Mutu Pelayanan Kinerja Unit", _is_label_word)
    assert head is not None
    assert [s.role for s in head.slots] == ["angka", "kategori", "kategori"]
    head = flat.parse_head("Indikator Satuan Target 2024 Realisasi Capaian % Kategori", _is_label_word)
    assert head is not None
    assert [s.label for s in head.slots] == ["Satuan", "Target 2024", "Realisasi", "Capaian %", "Kategori"]


def test_years_under_a_header_go_to_its_number_slots_in_order() -> None:
    table = _flat(
        [
            "Indikator Satuan Realisasi Realisasi Realisasi",
            "Kinerja 2024 2023 2022",
            "Indeks Angka 93,69 87,86 86,62",
            "Kepuasan",
        ]
    )
    assert table.columns == ["Indikator Kinerja", "Satuan", "Realisasi 2024", "Realisasi 2023", "Realisasi 2022"]
    assert table.rows[0].cells == ["Indeks Kepuasan", "Angka", "93,69", "87,86", "86,62"]


# --- rows -----------------------------------------------------------------------------------------


def test_the_rows_numbers_go_to_the_header_number_column() -> None:
    table = _flat(["No Program Anggaran Sumber Dana", "1 Program Penunjang 1.458.979.000 DAU", "Urusan Daerah"])
    assert table.columns == ["No", "Program", "Anggaran", "Sumber Dana"]
    assert table.rows[0].cells == ["1", "Program Penunjang Urusan Daerah", "1.458.979.000", "DAU"]


def test_bare_row_numbers_under_a_header_without_no_are_an_unlabelled_column() -> None:
    table = _flat(["Indikator Kinerja Capaian Kriteria", "1 Indeks Kepuasan 106,46 Sangat Berhasil", "Masyarakat"])
    assert table.columns == ["", "Indikator Kinerja", "Capaian", "Kriteria"]
    assert table.rows[0].cells == ["1", "Indeks Kepuasan Masyarakat", "106,46", "Sangat Berhasil"]


def test_a_letter_grade_and_category_words_fill_the_category_slots() -> None:
    table = _flat(["No Unsur Layanan SKM Mutu Pelayanan Kinerja Unit", "Layanan", "1 Persyaratan 103,70 A Sangat Baik"])
    assert table.rows[0].cells == ["1", "Persyaratan", "103,70", "A", "Sangat Baik"]


def test_category_words_without_a_number_stay_in_the_name() -> None:
    head = flat.parse_head("No Unsur SKM Mutu", _is_label_word)
    assert head is not None
    words, vals = flat._peel(["Tata", "Kelola", "Baik"], 1, head)
    assert words == ["Tata", "Kelola", "Baik"] and not vals.numbers and not vals.categories
    words, vals = flat._peel(["Pelayanan", "Baik", "90,00", "B"], 1, head)
    assert words == ["Pelayanan", "Baik"] and [c for c, _ in vals.categories] == ["B"]


def test_a_total_row_is_a_row_of_its_own_and_words_below_it_end_the_table() -> None:
    table = _flat(
        [
            "No Program Anggaran",
            "1 Program A Rp 100.000,00",
            "Perkantoran",
            "Jumlah Anggaran Rp 100.000,00",
            "Bupati Banyumas",
        ]
    )
    assert [r.cells for r in table.rows] == [
        ["1", "Program A Perkantoran", "Rp 100.000,00"],
        ["", "Jumlah Anggaran", "Rp 100.000,00"],
    ]
    assert table.end == 4  # 'Bupati Banyumas' is no name of the total's


def test_a_dash_after_an_amount_is_the_empty_fund_cell() -> None:
    table = _flat(["Program Anggaran Sumber Dana", "1. Program Satu 100.000 DAU", "2. Program Pembinaan dan 0 -", "Pengawasan"])
    assert [r.cells for r in table.rows] == [
        ["1. Program Satu", "100.000", "DAU"],
        ["2. Program Pembinaan dan Pengawasan", "0", "-"],
    ]


def test_jumlah_starting_an_indicator_name_is_no_total() -> None:
    assert not flat.is_total(["Jumlah", "laporan", "kinerja"], _is_label_word)
    assert flat.is_total(["JUMLAH"], _is_label_word) and flat.is_total(["Jumlah", "Anggaran"], _is_label_word)


def test_a_total_beside_a_wrapped_name_leaves_the_name_lines_below_to_the_row_above() -> None:
    table = _flat(
        [
            "No Program Anggaran",
            "1 Program Satu 300.000",
            "2 Program Koordinasi 200.000",
            "Kerentanan dan 500.000",
            "Ketertiban Umum",
        ]
    )
    assert [r.cells for r in table.rows] == [
        ["1", "Program Satu", "300.000"],
        ["2", "Program Koordinasi Kerentanan dan Ketertiban Umum", "200.000"],
        ["", "", "500.000"],
    ]


def test_a_wrapped_line_with_a_full_value_set_that_is_no_total_is_a_row_without_a_number() -> None:
    table = _flat(
        [
            "No SASARAN ANGGARAN REALISASI %",
            "a. Koordinasi 175.600.000 159.538.000 90,85%",
            "Kegiatan",
            "Peningkatan 175.000.000 159.000.000 90,85%",
            "Efektivitas",
        ]
    )
    assert [r.cells[:3] for r in table.rows] == [
        ["a.", "Koordinasi Kegiatan", "175.600.000"],
        ["", "Peningkatan Efektivitas", "175.000.000"],
    ]


def test_capitals_before_a_wrapped_name_are_the_label_of_a_total() -> None:
    table = _flat(
        [
            "No Unsur Layanan SKM Mutu",
            "1 Persyaratan 103,70 A",
            "2 Penanganan 102,27 A",
            "UNIT LAYANAN Pengaduan, 93,69 A",
            "Saran dan",
            "Masukan",
            "KATEGORI SEDANG",
        ]
    )
    assert [r.cells for r in table.rows] == [
        ["1", "Persyaratan", "103,70", "A"],
        ["2", "Penanganan Pengaduan, Saran dan Masukan", "102,27", "A"],
        ["", "UNIT LAYANAN", "93,69", "A"],
    ]


def test_a_source_note_a_sentence_ending_in_a_year_and_a_last_heading_end_the_table() -> None:
    table = _flat(["No Unsur SKM", "1 Persyaratan 103,70", "Sumber: data primer diolah 2024."])
    assert len(table.rows) == 1 and table.end == 2
    table = _flat(["Indikator Capaian", "1 Indeks Kepuasan 106,46", "2. Langkah-Langkah Peningkatan Kinerja"])
    assert len(table.rows) == 1 and table.end == 2
    table = _flat(["No Unsur SKM", "1 Persyaratan 103,70", "Berdasarkan tabel SKM di atas nilai Kecamatan Tahun 2024"])
    assert len(table.rows) == 1


# --- column blocks (pdftotext without -layout) ----------------------------------------------------


def test_column_blocks_are_read_when_names_and_value_rows_agree() -> None:
    text = ["TUJUAN / SASARAN", "/ PROGRAM", "PROGRAM", "PEYELENGGARAAN", "URUSAN", "PROGRAM", "PENYELENGGARAA"]
    text += ["N PEMERINTAHAN", "", "ANGGARAN", "", "Keterangan", "", "Rp 50.750.000", "", "APBD", ""]
    text += ["Rp 18.910.000", "", "APBD", "", "Purwokerto, 7 Januari 2024"]
    (table,) = find_tables(_lines(text))
    assert table.kind == "anggaran"
    assert table.columns == ["TUJUAN / SASARAN / PROGRAM", "ANGGARAN", "Keterangan"]
    assert [r.cells for r in table.rows] == [
        ["PROGRAM PEYELENGGARAAN URUSAN", "Rp 50.750.000", "APBD"],
        ["PROGRAM PENYELENGGARAAN PEMERINTAHAN", "Rp 18.910.000", "APBD"],
    ]
    assert [r.cell_lines for r in table.rows] == [[3, 14, 16], [6, 18, 20]]


def test_column_blocks_whose_counts_disagree_are_left_alone() -> None:
    text = ["Program", "Program Satu", "Program Dua", "", "Anggaran", "", "100.000", "", "Purwokerto, 7 Januari 2024"]
    assert blocks.read_block_table(_lines(text), 0, _is_label_word, is_terminator, {}) is None


def test_a_total_among_column_blocks_is_a_row_without_a_name() -> None:
    text = ["Program", "Program Satu", "Program Dua", "", "Anggaran", "100.000", "DAU", "200.000", "300.000", "DAU"]
    text[5:5] = ["Sumber Dana"]
    table = blocks.read_block_table(_lines(text), 0, _is_label_word, is_terminator, {})
    assert table is not None
    assert [r.cells for r in table.rows] == [
        ["Program Satu", "100.000", "DAU"],
        ["Program Dua", "200.000", "DAU"],
        ["", "300.000", ""],
    ]


# --- properties of the slot filler ----------------------------------------------------------------

_WORD = st.sampled_from(["Program", "Penunjang", "Urusan", "Pemerintahan", "Daerah", "Kegiatan", "Desa", "Pelayanan"])
_AMOUNT = st.integers(min_value=1, max_value=9_999_999).map(lambda n: f"{n:,}".replace(",", "."))
_PERCENT = st.integers(min_value=0, max_value=10_000).map(lambda n: f"{n // 100},{n % 100:02d}%")
_NUMBERISH = re.compile(r"\d")


@st.composite
def _flat_budget(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """A flattened 'No SASARAN ANGGARAN REALISASI %' table and the rows written into it."""
    n = draw(st.integers(min_value=1, max_value=6))
    texts = ["No SASARAN ANGGARAN REALISASI %"]
    rows = []
    for k in range(1, n + 1):
        words = draw(st.lists(_WORD, min_size=1, max_size=3))
        wrapped = draw(st.lists(_WORD, min_size=0, max_size=2))
        pagu, real, pct = draw(_AMOUNT), draw(_AMOUNT), draw(_PERCENT)
        texts.append(f"{k}. {' '.join(words)} {pagu} {real} {pct}")
        texts.extend(wrapped)
        rows.append((f"{k}.", " ".join(words + wrapped), pagu, real, pct))
    return texts, rows


@settings(max_examples=60, deadline=None)
@given(_flat_budget())
def test_every_value_filled_is_a_token_printed_on_the_rows_lines(case: tuple[list[str], list[tuple[str, ...]]]) -> None:
    texts, written = case
    table = flat.read_flat_table(_lines(texts), 0, _is_label_word, is_terminator, {})
    assert table is not None
    for row in table.rows:
        for value, no in zip(row.cells[2:], row.cell_lines[2:], strict=True):
            if value:  # never invented: printed on the line the row says it comes from
                assert value in texts[no - 1].split()
    # numbered rows with one full value set each are read back exactly
    assert [tuple(r.cells) for r in table.rows] == written


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_AMOUNT, _PERCENT, _WORD), min_size=1, max_size=8))
def test_a_row_never_takes_more_numbers_than_the_header_has_slots(tokens: list[str]) -> None:
    texts = ["No SASARAN ANGGARAN REALISASI %", "1. Kegiatan " + " ".join(tokens)]
    table = flat.read_flat_table(_lines(texts), 0, _is_label_word, is_terminator, {})
    numbers = [t for t in tokens if _NUMBERISH.search(t)]
    if table is None:
        return
    for row in table.rows:
        values = [v for v in row.cells[2:] if v]
        assert len(values) <= 3
        assert all(v in tokens for v in values)
    if len(numbers) > 3:
        assert all(len([v for v in r.cells[2:] if v]) <= 3 for r in table.rows)


# --- field blocks (pdftotext without -layout) -----------------------------------------------------


def test_field_labels_colons_and_values_written_apart_are_paired_back() -> None:
    from etl.layout import fields

    page = ["Nama", ":", "Jabatan", ":", "selanjutnya disebut Pihak Pertama", "", "BUDI, S.IP", "CAMAT X", "", "Nama"]
    page += [":", "ANI, SE", "Jabatan", ":", "BUPATI Y", "selaku atasan Pihak Pertama, selanjutnya disebut Pihak Kedua"]
    out = fields.mend_fields(page)
    assert out[0] == "Nama : BUDI, S.IP" and out[2] == "Jabatan : CAMAT X"
    assert out[9] == "Nama : ANI, SE" and out[12] == "Jabatan : BUPATI Y"
    assert out[6] == out[7] == out[1] == ""  # lines keep their numbers: values and colons emptied
    assert len(out) == len(page)


def test_a_name_wrapped_after_its_degree_and_a_wrapped_post_are_told_apart_by_the_comma() -> None:
    from etl.layout import fields

    out = fields.mend_fields(["Nama", "Jabatan", "", ":", ":", "", "Dr. A B, S.Sos.,", "M.Si", "KEPALA SEKSI", "UMUM", "", "x"])
    assert out[0] == "Nama : Dr. A B, S.Sos., M.Si" and out[1] == "Jabatan : KEPALA SEKSI UMUM"


def test_field_groups_whose_values_cannot_be_assigned_are_left_alone() -> None:
    from etl.layout import fields

    page = ["Nama", ":", "Jabatan", ":", "NIP", ":", "", "BUDI", "CAMAT X"]  # three labels, two values
    assert fields.mend_fields(page) == page
    page = ["Nama", "BUDI"]  # no lone colon: typed text, not pdftotext's blocks
    assert fields.mend_fields(page) == page
