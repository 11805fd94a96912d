"""Scanned pages read by Tesseract: marked 'ocr', tables read cell by cell, no invented number.

Fixtures: ``tests/fixtures/documents/scanned_*.pdf`` (one page of a seed scanned back in, 300 dpi)
and ``tests/fixtures/ocr/`` (a ruled table in a small serif face scanned at 200 dpi, in which
Tesseract's Indonesian model reads '%' as digits; ``make_ocr_fixtures.py`` made them).
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.model import DocumentError
from etl.numbers import parse_amount, parse_decimal, parse_quantity
from etl.read import ocr, ocr_engine, read_lines
from etl.read.ocr_numbers import doubts, is_candidate, judge, malformed, mark, plausible_number, reconcile, unmark
from tests.read.conftest import DOCUMENTS

SCANNED = DOCUMENTS / "scanned_pk_2024_banyumas_somagede.pdf"
SCANNED_PAGE = 4  # tests/fixtures/make_fixtures.py SCANNED_PAGE
OCR_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ocr"
TABLE_SCAN = OCR_FIXTURES / "percent_table.scan.pdf"
PASTED = OCR_FIXTURES / "pasted_table.pdf"
FORMS = Path(__file__).resolve().parents[1] / "fixtures" / "forms"
# tests/fixtures/ocr/make_ocr_fixtures.py ROWS: what the paper prints, row by row
PRINTED = [
    ("No", "Indikator Kinerja", "Target", "Realisasi"),
    ("1", "Persentase capaian kinerja pelayanan", "100%", "100%"),
    ("2", "Persentase APBDes tepat waktu", "100%", "95,5%"),
    ("3", "Nilai SAKIP pemerintahan kecamatan", "79,6", "70,12"),
    ("4", "Persentase penanganan pengaduan", "70%", "12,25%"),
    ("5", "Indeks Kepuasan Masyarakat", "85", "84,50"),
    ("6", "Anggaran program pemerintahan", "Rp 50.750.000", "Rp 18.910.000"),
]

needs_ocr = pytest.mark.skipif(ocr.missing() is not None, reason=f"OCR not available here: {ocr.missing()}")


@needs_ocr
def test_the_scanned_page_is_read_by_ocr_and_marked() -> None:
    lines, fmt = read_lines(SCANNED)
    assert fmt == "pdf"
    by_page = {(ln.halaman, ln.cara_baca) for ln in lines}
    assert (SCANNED_PAGE, "ocr") in by_page
    assert all(ln.cara_baca == "ocr" for ln in lines if ln.halaman == SCANNED_PAGE)
    assert all(ln.cara_baca == "pdf" for ln in lines if ln.halaman != SCANNED_PAGE)
    ocr_text = " ".join(ln.text for ln in lines if ln.cara_baca == "ocr")
    for amount in ("50.750.000", "18.910.000", "32.420.000"):  # the budget table on the scanned page
        assert amount in ocr_text
    # cell by cell: each budget row stays one line, its amount and source in their own cells
    rows = [ln.text.split("\t") for ln in lines if ln.halaman == SCANNED_PAGE and "APBD" in ln.text]
    assert len(rows) == 3  # the table goes on on the next page, which has a text layer
    assert all(len(r) == 4 and r[0].strip().isdigit() and r[2].startswith("Rp ") and r[3] == "APBD" for r in rows)


def test_without_tesseract_the_pages_that_need_it_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(ocr, "missing", lambda: "Tesseract belum terpasang")
    f = tmp_path / "pk.pdf"
    shutil.copy(SCANNED, f)
    with pytest.raises(DocumentError, match=f"halaman {SCANNED_PAGE} berupa gambar pindaian.*Tesseract belum terpasang"):
        read_lines(f)


# --- a table scanned at 200 dpi in a face whose '%' the Indonesian model reads as digits ------


@pytest.fixture(scope="module")
def table_rows() -> list[list[str]]:
    if ocr.missing() is not None:
        pytest.skip(f"OCR not available here: {ocr.missing()}")
    lines, _ = read_lines(TABLE_SCAN)
    return [ln.text.split("\t") for ln in lines if "\t" in ln.text]


def test_a_scanned_table_is_read_cell_by_cell(table_rows: list[list[str]]) -> None:
    assert len(table_rows) == len(PRINTED)
    for got, printed in zip(table_rows, PRINTED):
        assert len(got) == len(printed)
        assert got[0] == printed[0]  # a cell holding one digit is kept
        assert got[1] == printed[1]


def test_no_number_is_invented_on_the_scan(table_rows: list[list[str]]) -> None:
    """Every value cell either reads as printed or is marked doubtful; none parses to another number."""
    read_as_printed = 0
    for got, printed in zip(table_rows[1:], PRINTED[1:]):
        for cell, want in zip(got[2:], printed[2:]):
            if cell == want:
                read_as_printed += 1
                continue
            assert doubts(cell), f"{cell!r} (printed {want!r}) is neither right nor marked"
            assert parse_quantity(cell) is None and parse_amount(cell) is None and parse_decimal(cell) is None
    assert read_as_printed >= 10  # of 12: the second reading repairs the '%' the first one lost


@needs_ocr
def test_the_first_reading_alone_would_invent_numbers() -> None:
    """The fixture does what it is for: one Tesseract pass reads some '100%' as a number."""
    with pdfplumber.open(TABLE_SCAN) as pdf:
        page = pdf.pages[0]
        image = page.to_image(resolution=ocr.scan_resolution(page, tuple(page.bbox))).original.convert("L")
    words = ocr_engine.run(image, "ind+eng", 4, 200)  # one page-wide pass, as this reader did before
    printed = {c for row in PRINTED for c in row}
    invented = [w.text for w in words if is_candidate(w.text) and w.text not in printed and w.text.rstrip("%") not in printed]
    assert invented, "Tesseract read every number of the fixture right: it no longer tests the second reading"


# --- a scanned table pasted into a page with a text layer ------------------------------------


@needs_ocr
def test_an_image_pasted_into_a_text_page_is_found_and_read() -> None:
    with pdfplumber.open(PASTED) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        regions = ocr.image_regions_needing_ocr(page, words)
        assert len(regions) == 1
        x0, top, x1, bottom = regions[0]
        assert 100 < top < bottom < 400 and x1 - x0 > 400
        found, tables = ocr.read_region(page, regions[0], words)
    assert len(tables) == 1 and len(tables[0].rows) == len(PRINTED)
    texts = [w["text"] for w in found]
    assert "Indikator" in texts and any(t == "50.750.000" or doubts(t) == [["50.750.000", t[1:-1].split("|")[-1]]] for t in texts)
    assert all(w["cara_baca"] == "ocr" for w in found)
    assert "LAMPIRAN" not in texts  # the text layer above the image is not read twice
    assert all(top - 1 <= w["top"] and w["bottom"] <= bottom + 1 for w in found)


def test_pages_without_a_large_image_need_no_ocr() -> None:
    with pdfplumber.open(DOCUMENTS / "pk_2024_banyumas_somagede.pdf") as pdf:
        for page in pdf.pages:
            assert ocr.image_regions_needing_ocr(page, page.extract_words()) == []
    with pdfplumber.open(SCANNED) as pdf:  # a page that is one image without a text layer: all of it
        page = pdf.pages[SCANNED_PAGE - 1]
        (region,) = ocr.image_regions_needing_ocr(page, page.extract_words())
        assert region == pytest.approx(tuple(page.bbox), abs=0.5)


# --- plausibility of an OCR'd number ---------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("1O0", "huruf di antara angka"),
        ("l00%", "huruf di antara angka"),
        ("2O24", "huruf di antara angka"),
        ("50.750000", "terlalu banyak angka di belakang pemisah"),
        ("12,2599", "terlalu banyak angka di belakang pemisah"),
        ("5305.000", "pemisah ribuan tidak pada tempatnya"),
        ("1.250.000,0000", "terlalu banyak angka di belakang pemisah"),
    ],
)
def test_malformed_numbers_are_doubtful(token: str, reason: str) -> None:
    assert malformed(token) == reason
    assert not plausible_number(token)


@pytest.mark.parametrize(
    "token",
    [
        "100%",
        "79,6",
        "84,50",
        "51.19",
        "50.750.000",
        "Rp 5.305.000",
        "1.250.000.000,00",
        "2024",
        "S1",
        "II.1",
        "3.1.2",
        "1.25.000",
    ],
)
def test_well_formed_tokens_are_left_alone(token: str) -> None:
    assert malformed(token) is None
    assert judge(token).text == token


def test_two_readings_that_disagree_make_a_marked_token() -> None:
    j = judge("79,6", second="73,6", confidence=96)
    assert j.text == "⟦79,6|73,6⟧" and j.doubt
    assert doubts(j.text) == [["79,6", "73,6"]]
    assert unmark(f"Target {j.text} poin") == "Target 79,6 poin"


def test_a_number_missing_from_the_second_reading_is_doubtful() -> None:
    assert judge("10046", second="").doubt


def test_a_row_number_is_not_overruled_by_its_reading_alone() -> None:
    assert judge("1", second="4") == judge("1")
    assert judge("7", second="").doubt is None
    assert judge("76", second="").doubt  # '7%' read as digits by one model, nothing by the other


@pytest.mark.parametrize(("first", "second"), [("10096", "100%"), ("10046", "100%"), ("95,596", "95,5%"), ("100%", "10096")])
def test_a_percent_read_as_digits_is_repaired_by_the_other_reading(first: str, second: str) -> None:
    j = judge(first, second=second)
    assert j.doubt is None and j.text.endswith("%") and j.text in (first, second)


def test_low_confidence_and_column_misfits_are_doubtful() -> None:
    assert judge("3.128", confidence=40).doubt == "keyakinan OCR rendah"
    assert judge("3.128", confidence=90).doubt is None
    assert judge("10046", column=["100%", "100%", "85"]).doubt  # a '%' read as digits, in a column of percentages
    assert judge("85", column=["100%", "100%", "79,6"]).doubt is None
    assert judge("51.190", column=["Rp 5.000", "Rp 7.250"]).doubt is None  # not a percentage column


_groups = st.lists(st.integers(0, 999), min_size=0, max_size=3)


@st.composite
def printed_numbers(draw: st.DrawFn) -> str:
    """Numbers as the documents print them: grouped amounts, decimals, percentages."""
    kind = draw(st.sampled_from(["amount", "decimal", "percent", "integer"]))
    if kind == "amount":
        head = str(draw(st.integers(1, 999)))
        return ".".join([head, *(f"{g:03d}" for g in draw(_groups))]) + draw(st.sampled_from(["", ",00"]))
    whole = draw(st.integers(0, 999))
    decimals = draw(st.sampled_from(["", ",5", ",25", ",50"]))
    return f"{whole}{decimals}" + ("%" if kind == "percent" else "")


@given(printed_numbers())
def test_a_printed_number_read_the_same_twice_is_trusted(text: str) -> None:
    j = judge(text, second=text, confidence=95.0)
    assert j.doubt is None and j.text == text


@given(st.integers(0, 200), st.sampled_from(["96", "46", "4", "6", "9", "99"]))
def test_a_percent_misread_never_becomes_another_number(n: int, misread: str) -> None:
    printed = f"{n}%"
    assert judge(f"{n}{misread}", second=printed, confidence=96.0).text == printed  # the other model read the '%'
    j = judge(f"{n}{misread}", second="", confidence=96.0)  # the other model read nothing there
    assert j.doubt and parse_quantity(j.text) is None and parse_decimal(j.text) is None


@given(st.lists(st.text(alphabet="0123456789.,%O", min_size=1, max_size=12), min_size=1, max_size=3))
def test_a_marked_token_is_never_a_number(readings: list[str]) -> None:
    marked = mark(readings)
    for parse in (parse_decimal, parse_amount):
        assert parse(marked) is None
    assert parse_quantity(marked) is None
    assert doubts(marked) and unmark(marked) in [r.replace(" ", "") for r in readings] + [""]


@given(st.text(alphabet="0123456789.,%", min_size=1, max_size=10), st.text(alphabet="0123456789.,%", min_size=1, max_size=10))
def test_reconcile_keeps_one_of_the_readings_or_none(a: str, b: str) -> None:
    kept = reconcile(a, b)
    assert kept is None or kept in (a, b)


# --- whole documents (slow) ------------------------------------------------------------------


def _values(rows: list[tuple[object, ...]]) -> Counter[float]:
    return Counter(round(v, 6) for row in rows for v in row if isinstance(v, float))


def _slow_selected(config: pytest.Config) -> bool:
    """Slow tests run with ``-m slow`` or ``KINERJA_SLOW=1`` (as tests/read/test_forms.py does)."""
    markexpr = config.option.markexpr or ""
    return os.environ.get("KINERJA_SLOW") == "1" or ("slow" in markexpr and "not slow" not in markexpr)


@pytest.mark.slow
@needs_ocr
@pytest.mark.parametrize("seed", ["pk_2024_banyumas_somagede", "pk_2019_banyumas_ajibarang"])
def test_a_200_dpi_scan_gives_the_facts_of_its_text_layer(seed: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """The office PDF scanned at 200 dpi (tests/fixtures/forms) against the same PDF's text layer:
    at least 90 % of its fact rows, and no number the text layer does not have (~25 s each)."""
    if not _slow_selected(request.config):
        pytest.skip("slow: run with -m slow or KINERJA_SLOW=1")
    from tests.read.compare import VIEWS, load_facts

    text = load_facts(FORMS / f"{seed}.office.pdf", tmp_path / "text.duckdb")
    scan = load_facts(FORMS / f"{seed}.scan.pdf", tmp_path / "scan.duckdb")
    expected = Counter((v, r) for v in VIEWS for r in text[v])
    got = Counter((v, r) for v in VIEWS for r in scan[v])
    recall = sum((expected & got).values()) / expected.total()
    assert recall >= 0.9, f"{seed}: {recall:.0%} of the text layer's facts"
    invented = _values([r for v in VIEWS for r in scan[v]]) - _values([r for v in VIEWS for r in text[v]])
    assert not invented, f"{seed}: numbers the text layer does not have: {sorted(invented)[:5]}"
