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
