"""Values no reader took are said (etl/unread.py): issue 9, nothing lost without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.extract import extract_file
from etl.model import Line
from etl.unread import _trailing_values, _values, unread_values
from tests.read.conftest import SEED_STEMS, SEEDS

FORMS = Path(__file__).resolve().parents[1] / "fixtures" / "forms"
UNREAD = "tidak terbaca sebagai bagian tabel"


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("88", ["88"]),
        ("100%", ["100%"]),
        ("60 %", ["60 %"]),
        ("8 Org", ["8 Org"]),
        ("Rp 283.000.000,00", ["Rp 283.000.000,00"]),
        ("Rp Rp 762.988.000,00", ["Rp 762.988.000,00"]),
        ("Rp -", ["Rp -"]),
        ("88,00 93,69 106,46", ["88,00", "93,69", "106,46"]),
        ("3", ["3"]),
    ],
)
def test_a_line_of_values_only_is_a_table_cell(line: str, values: list[str]) -> None:
    assert _values(line) == values


@pytest.mark.parametrize(
    "line",
    [
        "Tabel 3.25",  # the document's structure
        "Lampiran 1",
        "2024",  # a year
        "1 2 3 4 5",  # the columns' numbering
        "1.",  # a row number
        "x 100% Type",  # a formula's line
        "Jumlah penduduk 38.420 jiwa",  # words around a number: a sentence
        "Angka",
        "",
    ],
)
def test_numbers_of_the_document_structure_or_of_a_sentence_are_no_cell(line: str) -> None:
    assert _values(line) == []


def test_numbering_written_one_cell_per_line_is_no_value() -> None:
    lines = [Line(k + 1, t) for k, t in enumerate(["1", "Persentase", "2", "Jumlah", "3", "Nilai", "88"])]
    assert unread_values(lines, set()) == [(7, "88")]


def test_a_lone_amount_ending_a_sentence_and_a_page_number_are_no_cell() -> None:
    texts = ["Pada tahun 2022 dinas telah melaksanakan lima program dengan total anggaran sebesar", "Rp. 4.898.294.083,-"]
    texts += ["Dinas Komunikasi dan Informatika", "107", "Dinas Komunikasi dan Informatika", "108"]
    texts += ["Dinas Komunikasi dan Informatika", "Rp 1.000.000"]
    lines = [Line(k + 1, t) for k, t in enumerate(texts)]
    assert unread_values(lines, set()) == [(8, "Rp 1.000.000")]


def test_the_values_ending_a_row_line() -> None:
    assert _trailing_values("3 Persentase Formulasi : 95%") == ["95%"]
    assert _trailing_values("1 Perencana 30,00 4,20 6,30 10,50 20,00") == ["30,00", "4,20", "6,30", "10,50", "20,00"]
    assert _trailing_values("Sasaran tahun 2024") == []
    assert _trailing_values("95%") == []  # a lone value is the other rule's


@given(st.lists(st.sampled_from(["88", "100%", "Rp 1.000.000", "tepat waktu", "Persentase", "12 Dok", ""]), max_size=40))
def test_only_uncovered_lines_are_reported_and_each_once(texts: list[str]) -> None:
    lines = [Line(k + 1, t) for k, t in enumerate(texts)]
    covered = {ln.no for ln in lines if ln.no % 2 == 0}
    found = unread_values(lines, covered)
    assert all(no not in covered for no, _ in found)
    assert len(found) == len(set(found))
    candidates = {ln.no for ln in lines if ln.no not in covered and _values(ln.text)}
    assert {no for no, _ in found} <= candidates
    if all(texts.count(t) < 3 for t in texts if len(t) > 10):  # no running header beside a bare number
        assert {no for no, _ in found} == candidates


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_a_document_read_whole_has_no_unread_values(stem: str) -> None:
    doc = extract_file(SEEDS / f"{stem}.txt")
    assert [c.pesan for c in doc.catatan if UNREAD in c.pesan] == []


def test_targets_written_cell_by_cell_in_an_unknown_order_are_named(tmp_path: Path) -> None:
    """pdftotext's raw order of the Ajibarang PK: columns one after another, one cell per line. The
    reader does not rebuild that table; every target it printed is named in a catatan with its line."""
    form = FORMS / "pk_2019_banyumas_ajibarang.raw.txt"
    doc = extract_file(form)
    loaded = {t.target_teks for t in doc.target}
    notes = " ".join(c.pesan for c in doc.catatan)
    lines = form.read_text(encoding="utf-8").splitlines()
    for value in ("82", "100%", "86%", "95%", "80%"):
        assert value in loaded or f"'{value}'" in notes, value
    said = [c for c in doc.catatan if UNREAD in c.pesan and c.pesan.startswith("angka di baris")]
    assert said
    for c in said:  # each catatan stands on a line that prints the first value it names
        first = c.pesan.split("'")[1]
        assert first.replace(" ", "") in lines[c.baris - 1].replace(" ", "")
