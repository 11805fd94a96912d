"""Page layout of PDFs (issue 9): page furniture, tables without rulings, grids that are not grids.

* furniture on constructed lines (:mod:`etl.layout.furniture`);
* small PDFs drawn here with reportlab: a borderless table, a table whose only ruling is a frame,
  a table continuing over a page break under a running header and footer;
* the real documents in ``../shared/real-documents`` (skipped when that folder is absent): the
  program budget table without rulings of a provincial PK, shading that is not a grid.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.layout.furniture import blank_furniture, find_furniture
from etl.model import Line


def paged(pages: list[list[str]]) -> list[Line]:
    out: list[Line] = []
    for p, texts in enumerate(pages, start=1):
        for t in texts:
            out.append(Line(no=len(out) + 1, text=t, halaman=p))
        out.append(Line(no=len(out) + 1, text="", halaman=p))
    return out


def texts(lines: list[Line], found: set[int]) -> list[str]:
    return [ln.text for ln in lines if ln.no in found]


def test_running_header_and_numbered_footer_are_furniture() -> None:
    pages = [
        [
            "Perjanjian Kinerja Tahun 2024 – Kecamatan Contoh",
            "PERUBAHAN PERJANJIAN KINERJA",
            f"isi halaman {'abcdef'[p - 1]} yang berbeda",
            "Dinas Contoh\t" + str(p + 2),
        ]
        for p in range(1, 7)
    ]
    lines = paged(pages)
    found = find_furniture(lines)
    assert texts(lines, found).count("Perjanjian Kinerja Tahun 2024 – Kecamatan Contoh") == 6
    assert sum(1 for t in texts(lines, found) if t.startswith("Dinas Contoh\t")) == 6
    assert not any("isi halaman" in t for t in texts(lines, found))
    # the repeated title is on every page too (it is a running line); the body is not furniture
    blanked = blank_furniture(lines)
    assert [ln.no for ln in blanked] == [ln.no for ln in lines]
    assert [ln.halaman for ln in blanked] == [ln.halaman for ln in lines]
    assert all(b.text == "" for b, ln in zip(blanked, lines, strict=True) if ln.no in found)


@pytest.mark.parametrize("form", ["Halaman {p}", "- {p} -", "{p} dari 12", "Hal. {p}", "Page {p} of 12"])
def test_a_written_out_page_number_is_furniture_even_once(form: str) -> None:
    lines = paged([["judul", "isi satu"], ["isi dua", form.format(p=2)]])
    assert texts(lines, find_furniture(lines)) == [form.format(p=2)]


def test_bare_page_numbers_follow_the_page_index() -> None:
    lines = paged([[f"isi {c} baris", f"lain {c}", str(k + 4)] for k, c in enumerate("abcde", start=1)])
    assert texts(lines, find_furniture(lines)) == [str(k + 4) for k in range(1, 6)]


def test_values_at_a_page_end_are_not_page_numbers() -> None:
    """A table read one cell per line may end a page with a value, a row or a column number."""
    pages = [
        ["Target", "isi a"],
        ["(1)", "isi b", "100"],
        ["19.", "isi c", "85"],
        ["isi d", "(3)"],
        ["isi e", "7"],
        ["isi f", "8"],
    ]
    lines = paged(pages)
    assert find_furniture(lines) == set()


def test_a_title_opening_a_few_agreements_stays() -> None:
    """Titles of the agreements bundled in one file stand at the top of some pages: not furniture."""
    pages = []
    for k in range(12):
        body = f"isi {'abcdefghijkl'[k]}"
        pages.append(["PERJANJIAN KINERJA TAHUN 2024", body] if k % 4 == 0 else [f"lanjutan {body}", "tabel"[: k % 5] + body])
    lines = paged(pages)
    assert find_furniture(lines) == set()


def test_growing_caption_numbers_are_not_page_numbers() -> None:
    """Captions, and headings numbered like the pages on a few consecutive pages of a long report."""
    pages = [
        [f"Tabel 3.{k}", f"isi {c}", f"Sasaran {k}" if 2 <= k <= 4 else f"uraian {c}"] for k, c in enumerate("abcdefgh", start=1)
    ]
    lines = paged(pages)
    assert find_furniture(lines) == set()


def test_repeated_table_header_rows_stay() -> None:
    """A table header repeated at the top of each page is for the table reader, not furniture."""
    header = "NO\tSASARAN\tINDIKATOR KINERJA\tTARGET"
    lines = paged([[header, f"{k}\tSasaran {c}\tIndikator {c}\t100%"] for k, c in enumerate("abcde", start=1)])
    assert find_furniture(lines) == set()


def test_a_short_document_needs_no_running_line() -> None:
    lines = paged([["PERJANJIAN KINERJA TAHUN 2016", "isi"], ["PERJANJIAN KINERJA TAHUN 2016", "lampiran"], ["sambungan"]])
    assert find_furniture(lines) == set()


REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real-documents"


def real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"real documents not here ({REAL} absent): third-party files, never committed")
    return path
