"""Page layout of PDFs (issue 9): page furniture, tables without rulings, grids that are not grids.

* furniture on constructed lines (:mod:`etl.layout.furniture`);
* small PDFs drawn here with reportlab: a borderless table, a table whose only ruling is a frame,
  a table continuing over a page break under a running header and footer;
* the real documents in ``../shared/real-documents`` (skipped when that folder is absent): the
  program budget table without rulings of a provincial PK, shading that is not a grid.
"""

from __future__ import annotations

import re
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


# --- small PDFs drawn here ------------------------------------------------------------------

FONT, SIZE, LEAD = "Helvetica", 10.0, 12.0


Box = tuple[float, float, float, float]


def draw(
    path: Path,
    pages: list[list[tuple[float, float, str]]],
    *,
    rules: dict[int, list[Box]] | None = None,
    shading: dict[int, list[Box]] | None = None,
) -> Path:
    """A PDF whose pages hold texts at (x, top) in points from the top left, optional ruling lines
    ((x0, top0, x1, top1) per page) and filled rectangles without a stroke ((x, top, w, h))."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    _, height = A4
    c = Canvas(str(path), pagesize=A4)
    for k, texts in enumerate(pages):
        for x, top, w, h in (shading or {}).get(k, []):
            c.setFillGray(0.85)
            c.rect(x, height - top - h, w, h, stroke=0, fill=1)
        c.setFillGray(0)
        for x0, t0, x1, t1 in (rules or {}).get(k, []):
            c.line(x0, height - t0, x1, height - t1)
        c.setFont(FONT, SIZE)
        for x, top, text in texts:
            c.drawString(x, height - top - SIZE * 0.8, text)
        c.showPage()
    c.save()
    return path


def right(x1: float, top: float, text: str) -> tuple[float, float, str]:
    """A text right-aligned at x1 (amounts in an accounting layout)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return (x1 - stringWidth(text, FONT, SIZE), top, text)


PROGRAMS = [  # (number, name lines, amount)
    ("1", ["Program Penunjang Urusan", "Pemerintahan Daerah"], "1.250.000.000"),
    ("2", ["Program Penyelenggaraan", "Pemerintahan dan Pelayanan", "Publik"], "75.500.000"),
    ("3", ["Program Pemberdayaan Desa"], "32.420.000"),
]


def budget_page(top: float = 80.0) -> tuple[list[tuple[float, float, str]], float]:
    """A program budget table laid out by a spreadsheet: no rulings, the number on the row's
    first line, 'Rp' apart from its right-aligned amount, and a row gap of half a line."""
    texts = [
        (70, top - 40, "Tabel 2.1 Program dan Anggaran"),
        (120, top, "Program"),
        (300, top, "Anggaran"),
        (420, top, "Keterangan"),
    ]
    y = top + 20
    for no, name, amount in PROGRAMS:
        texts.append((52, y, no))
        for k, part in enumerate(name):
            texts.append((70, y + k * LEAD, part))
        texts += [(250, y, "Rp"), right(380, y, amount), (430, y, "APBD")]
        y += len(name) * LEAD + LEAD / 2
    texts.append((70, y + 40, "Purwokerto, 2 Januari 2024"))
    return texts, y


def cells(lines: list[Line]) -> list[list[str]]:
    return [ln.text.split("\t") for ln in lines if "\t" in ln.text.strip()]


def test_a_table_without_rulings_is_read_from_word_positions(tmp_path: Path) -> None:
    from etl.read.pdf import read_pdf
    from etl.text import PARA

    texts, _ = budget_page()
    lines = read_pdf(draw(tmp_path / "b.pdf", [texts]))
    rows = cells(lines)
    assert rows[0] == ["", "Program", "Anggaran", "Keterangan"]
    assert rows[1:] == [[no, " ".join(name), f"Rp {amount}", "APBD"] for no, name, amount in PROGRAMS]
    assert not any(PARA in c for r in rows for c in r)  # wrapped names are one paragraph
    assert any(ln.text.strip() == "Purwokerto, 2 Januari 2024" for ln in lines)  # the date line ends the table


def test_the_table_is_found_by_the_table_reader(tmp_path: Path) -> None:
    from etl.read.pdf import read_pdf
    from etl.tables import find_tables

    texts, _ = budget_page()
    tables = find_tables(read_pdf(draw(tmp_path / "b.pdf", [texts])))
    assert [t.kind for t in tables] == ["anggaran"]
    assert [r.cells[2] for r in tables[0].rows] == [f"Rp {a}" for _, _, a in PROGRAMS]


def test_a_frame_and_shading_are_not_a_grid(tmp_path: Path) -> None:
    """Only an outer frame and one rule under the header (a grid much coarser than the words),
    and the header row shaded: read from word positions all the same."""
    from etl.read.pdf import read_pdf

    texts, bottom = budget_page()
    rules = {
        0: [
            (45, 75, 480, 75),
            (45, bottom + 4, 480, bottom + 4),
            (45, 75, 45, bottom + 4),
            (480, 75, 480, bottom + 4),
            (45, 93, 480, 93),
        ]
    }
    shading = {0: [(46, 76, 433, 16)]}
    rows = cells(read_pdf(draw(tmp_path / "f.pdf", [texts], rules=rules, shading=shading)))
    assert rows[1:] == [[no, " ".join(name), f"Rp {amount}", "APBD"] for no, name, amount in PROGRAMS]


def test_a_table_goes_on_under_a_running_header_and_footer(tmp_path: Path) -> None:
    """Three pages with a running header and 'Halaman N'; the target table runs from page 1 to
    page 2 without repeating its header: one table, its rows in order, no furniture in the text."""
    from etl.read.pdf import read_pdf
    from etl.tables import find_tables

    def furniture(p: int) -> list[tuple[float, float, str]]:
        return [(70, 30, "Perjanjian Kinerja Tahun 2024 - Kecamatan Contoh"), (270, 800, f"Halaman {p}")]

    head = [(52, 100, "No"), (90, 100, "Indikator Kinerja"), (330, 100, "Satuan"), (420, 100, "Target")]
    page1 = [(70, 70, "PERUBAHAN PERJANJIAN KINERJA TAHUN 2024"), *head]
    rows = [(str(k), f"Persentase layanan {'abcdefghijklmnopqrst'[k - 1]} yang selesai", "%", str(80 + k)) for k in range(1, 19)]
    y = 124.0
    for no, ind, sat, tgt in rows[:12]:
        page1 += [(52, y, no), (90, y, ind), (330, y, sat), (420, y, tgt)]
        y += 2 * LEAD
    page2, y = [], 60.0
    for no, ind, sat, tgt in rows[12:]:
        page2 += [(52, y, no), (90, y, ind), (330, y, sat), (420, y, tgt)]
        y += 2 * LEAD
    page2.append((70, y + 40, "Contoh, 2 Januari 2024"))
    page3 = [(70, 200, "Lampiran catatan")]
    pages = [page1 + furniture(1), page2 + furniture(2), page3 + furniture(3)]
    lines = read_pdf(draw(tmp_path / "h.pdf", pages))
    text = "\n".join(ln.text for ln in lines)
    assert "Kecamatan Contoh" not in text and "Halaman" not in text
    assert text.lstrip().startswith("PERUBAHAN PERJANJIAN KINERJA")
    tables = find_tables(lines)
    assert len(tables) == 1
    got = [(r.cells[0], r.cells[1], r.cells[3]) for r in tables[0].rows]
    assert got == [(no, ind, tgt) for no, ind, _, tgt in rows]
    assert {ln.halaman for ln in lines if ln.text.startswith("13\t")} == {2}  # each row keeps its page


def test_a_word_broken_in_a_narrow_ruled_cell_is_mended(tmp_path: Path) -> None:
    """A converter breaks a word too long for its cell ('Persyarata' / 'n'); the whole word is
    used elsewhere in the document. Two short lines typed apart stay two paragraphs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from etl.read.pdf import read_pdf
    from etl.text import PARA

    x0, x1 = 90.0, 90.0 + stringWidth("Persyarata", FONT, SIZE) + 6
    texts = [
        (70, 60, "Unsur Persyaratan dinilai oleh masyarakat"),
        (x0 + 3, 102, "Unsur"),
        (x1 + 3, 102, "Nilai"),
        (x0 + 3, 122, "Persyarata"),
        (x0 + 3, 134, "n"),
        (x1 + 3, 122, "83,5"),
        (x0 + 3, 154, "Waktu"),
        (x1 + 3, 154, "90"),
        (x1 + 3, 166, "91"),
    ]
    grid_x = [x0, x1, x1 + 60]
    grid_y = [98, 118, 150, 182]
    rules = {0: [(x, grid_y[0], x, grid_y[-1]) for x in grid_x] + [(grid_x[0], y, grid_x[-1], y) for y in grid_y]}
    rows = cells(read_pdf(draw(tmp_path / "n.pdf", [texts], rules=rules)))
    assert rows == [["Unsur", "Nilai"], ["Persyaratan", "83,5"], ["Waktu", f"90 {PARA} 91"]]


@pytest.mark.parametrize("name", ["004_dispora-jabar_2017_pk.pdf", "006_bpmpd-jabar_2016_pk.pdf"])
def test_real_program_budget_table_comes_out_as_rows(name: str) -> None:
    """The program budget tables of two provincial PKs: 004 has no rulings but a shaded
    background that pdfplumber took for one giant cell; 006 has none at all. Every program of the
    hand-read answer key comes out as one row: number, name, amount, source of funds."""
    import json

    from etl.read.pdf import read_pdf
    from etl.text import fold

    path = real(name)
    key = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    rows = [r for r in cells(read_pdf(path)) if len(r) >= 4 and r[0].rstrip(".").isdigit() and "program" in fold(r[1])]
    assert len(rows) == len(key["programs"])
    for row, program in zip(rows, key["programs"], strict=True):
        assert row[0].rstrip(".") == str(program["no"])
        assert fold(row[1]) == fold(program["program"])
        assert row[2].replace(" ", "").replace(".", "").startswith(program["pagu_text"].replace(" ", "").replace(".", "")[:8])
        assert program["sumber"] in row[3]


def test_real_report_has_no_running_header_and_whole_tables() -> None:
    """LKjIP of 116 pages: 'Laporan Kinerja Tahun 2022' heads every page and a footer with the
    page number closes it; neither is in the text. Tabel 3.1 comes out with its five columns,
    not doubled by the cell shading of its header."""
    from etl.read.pdf import read_pdf

    lines = read_pdf(real("009_diskominfo-kalbar_2022_lkjip.pdf"))
    assert not any(ln.text.strip() == "Laporan Kinerja Tahun 2022" for ln in lines)
    footer = re.compile(r"^\s*Dinas Komunikasi dan Informatika Provinsi Kalimantan Barat\t\d+$")
    assert not any(footer.match(ln.text) for ln in lines)
    header = next(k for k, ln in enumerate(lines) if ln.text.startswith("Sasaran Strategis\tIndikator Kinerja Utama (IKU)"))
    assert lines[header].text.split("\t") == ["Sasaran Strategis", "Indikator Kinerja Utama (IKU)", "Target", "Realisasi", "(%)"]
    first = lines[header + 1].text.split("\t")
    assert first[0].startswith("1. Terselenggaranya Pembinaan dan pengelolaan keterbukaan informasi publik")
    assert first[-1] == "100%" and "93,46" in first[3]
