"""A PDF with one scanned (image-only) page: that page is read by Tesseract and marked 'ocr'."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.model import DocumentError
from etl.read import ocr, read_lines
from tests.read.conftest import DOCUMENTS

SCANNED = DOCUMENTS / "scanned_pk_2024_banyumas_somagede.pdf"
SCANNED_PAGE = 4  # tests/fixtures/make_fixtures.py SCANNED_PAGE


@pytest.mark.skipif(ocr.missing() is not None, reason=f"OCR not available here: {ocr.missing()}")
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


def test_without_tesseract_the_pages_that_need_it_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(ocr, "missing", lambda: "Tesseract belum terpasang")
    f = tmp_path / "pk.pdf"
    shutil.copy(SCANNED, f)
    with pytest.raises(DocumentError, match=f"halaman {SCANNED_PAGE} berupa gambar pindaian.*Tesseract belum terpasang"):
        read_lines(f)
