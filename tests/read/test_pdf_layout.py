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


# --- geometry rules on constructed words (issue 9: wrapped cells, interleaved rows, own grids) ---

from etl.layout import wordtable  # noqa: E402
from etl.layout.geometry import Word, glued_break, group_lines, spaced_breaks  # noqa: E402
from etl.tables import find_tables as find_text_tables  # noqa: E402

CHAR = 5.0  # points per character of the constructed words (10 pt type)


def word(x0: float, top: float, text: str, size: float = 10.0) -> Word:
    return Word(x0, x0 + CHAR * len(text), top, top + size, text, size)


def phrase(x0: float, top: float, text: str) -> list[Word]:
    out, x = [], x0
    for t in text.split():
        out.append(word(x, top, t))
        x += CHAR * len(t) + 2.8
    return out


def table_rows(words: list[Word], pitch: float = 1.32) -> list[list[list[str]]]:
    tables = wordtable.find_tables(group_lines(words), pitch)
    return [[[" ".join(ln.text for ln in c) for c in r.cells] for r in t.rows] for t in tables]


def test_lines_of_one_size_a_third_of_a_line_apart_are_two_lines() -> None:
    # a row whose text runs on between the next row's lines: same size, tops 3.2 pt apart
    lines = group_lines([word(90, 299.8, "Nilai"), word(150, 303.0, "Kinerja")])
    assert [ln.text for ln in lines] == ["Nilai", "Kinerja"]
    # a superscript or a larger first letter (another size) stays on its line
    lines = group_lines([word(90, 300.0, "Nilai"), word(118, 297.0, "2", size=8.0)])
    assert [ln.text for ln in lines] == ["Nilai 2"]


def test_an_operator_glued_to_its_operand_is_glued_back_after_a_bracket() -> None:
    assert glued_break("masyarakat)", "+(20%")
    assert not glued_break("masyarakat)", "+")  # "… ) + ( …": the writer spaced the operator
    assert not glued_break("masyarakat", "+(20%")


def test_a_slash_the_document_prints_with_a_space_keeps_it_at_a_line_break() -> None:
    spaced = group_lines([*phrase(90, 100, "yang dipelihara/ direhabilitasi"), *phrase(90, 200, "dan/atau")])
    vocab = spaced_breaks(spaced)
    assert not glued_break("dipelihara/", "direhabilitasi", vocab)
    assert glued_break("Pemeliharaan/", "Rehabilitasi", vocab)  # no evidence: glued as before
    # a word also printed glued to its continuation gives no evidence either way
    both = group_lines([*phrase(90, 100, "Perundang- undangan"), *phrase(90, 200, "Perundang-undangan")])
    assert glued_break("Perundang-", "undangan", spaced_breaks(both))


def test_a_row_running_down_between_the_next_rows_lines_keeps_them() -> None:
    # No | Komponen | Nilai; row 4's name wraps over four lines while the total row below
    # starts 10 pt after its second line (a fixed row height in the word processor)
    words = [
        *phrase(90, 124, "No"),
        *phrase(150, 124, "Komponen"),
        *phrase(260, 124, "Nilai"),
        *[
            w
            for k in range(3)
            for w in (
                word(90, 150 + 42.2 * k, str(k + 1)),
                *phrase(150, 150 + 42.2 * k, "Perencanaan"),
                word(260, 150 + 42.2 * k, "20,00"),
                *phrase(150, 163.2 + 42.2 * k, "Kinerja"),
            )
        ],
        word(90, 276.6, "4"),
        *phrase(150, 276.6, "Evaluasi"),
        word(260, 276.6, "14,25"),
        *phrase(150, 289.8, "Akuntabilitas"),
        *phrase(90, 299.8, "Nilai"),
        word(260, 299.8, "63,16"),
        *phrase(150, 303.0, "Kinerja"),
        *phrase(90, 313.0, "Akuntabilit"),
        *phrase(150, 316.2, "Internal"),
    ]
    rows = table_rows(words)[0]
    assert rows[3] == ["4", "Evaluasi Akuntabilitas Kinerja Internal", "14,25"]
    assert rows[4] == ["Nilai Akuntabilit", "", "63,16"]


def test_rows_with_a_grid_of_their_own_after_the_header_columns() -> None:
    # the header's grid (No | Sasaran | Anggaran | Realisasi) for the first rows; then rows whose
    # name spans the number and name columns and whose values stand one column left
    words = [
        *phrase(90, 100, "No"),
        *phrase(176, 100, "Sasaran"),
        *phrase(263, 100, "Anggaran"),
        *phrase(349, 100, "Realisasi"),
        word(90, 123.2, "1."),
        *phrase(176, 123.2, "Penyusunan"),
        word(263, 123.2, "250.000"),
        word(349, 123.2, "248.600"),
        *phrase(176, 136.4, "Dokumen"),
        *phrase(90, 182.8, "b. Pelaksanaan"),
        *phrase(90, 196.0, "Urusan Camat"),
        *phrase(90, 219.2, "Pelaksanaan"),
        word(198, 219.2, "510.000"),
        word(306, 219.2, "501.000"),
        *phrase(90, 232.4, "Nonperizinan"),
    ]
    tables = table_rows(words)
    assert tables[0] == [["1.", "Penyusunan Dokumen", "250.000", "248.600"]]
    assert tables[1] == [["b. Pelaksanaan Urusan Camat", "", ""], ["Pelaksanaan Nonperizinan", "510.000", "501.000"]]


def test_values_right_of_the_last_labels_words_are_a_column_of_their_own() -> None:
    # a budget table whose later rows start one cell right of its header
    words = [
        *phrase(90, 100, "Sasaran Strategis"),
        *phrase(198, 100, "Sasaran Program"),
        *phrase(306, 100, "Rencana Anggaran"),
        *phrase(90, 123.2, "1. Meningkatkan"),
        *phrase(198, 123.2, "1. Program"),
        word(306, 123.2, "1.458.979.000,00"),
        *phrase(198, 146.4, "2. Meningkatkan"),
        *phrase(306, 146.4, "2. Program"),
        word(414, 146.4, "109.410.000,00"),
        *phrase(306, 169.6, "3. Program"),
        word(414, 169.6, "72.876.000,00"),
    ]
    rows = table_rows(words)[0]
    assert rows == [
        ["1. Meningkatkan", "1. Program", "1.458.979.000,00", ""],
        ["", "2. Meningkatkan", "2. Program", "109.410.000,00"],
        ["", "", "3. Program", "72.876.000,00"],
    ]


def test_a_whole_amount_under_a_whole_amount_starts_a_row_but_stacked_targets_do_not() -> None:
    head = [*phrase(90, 100, "No"), *phrase(150, 100, "Program"), *phrase(300, 100, "Anggaran")]
    amounts = [
        *head,
        word(90, 123.2, "5"),
        *phrase(150, 123.2, "Program Koordinasi"),
        word(300, 123.2, "25.700.000"),
        *phrase(150, 136.4, "Umum"),
        word(300, 146.4, "1.691.725.000"),
    ]
    assert table_rows(amounts)[0] == [["5", "Program Koordinasi Umum", "25.700.000"], ["", "", "1.691.725.000"]]
    head = [*phrase(90, 100, "No"), *phrase(150, 100, "Indikator"), *phrase(300, 100, "Target")]
    targets = [
        *head,
        word(90, 123.2, "1"),
        *phrase(150, 123.2, "1 Persentase"),
        word(300, 123.2, "100%"),
        *phrase(150, 136.4, "2 Persentase"),
        word(300, 146.4, "100%"),
    ]
    assert table_rows(targets)[0] == [["1", "1 Persentase 2 Persentase", "100% 100%"]]


def test_a_table_carried_over_with_only_its_column_numbers_is_measured_again() -> None:
    page1 = group_lines(
        [
            *phrase(90, 700, "No"),
            *phrase(176, 700, "Unsur Layanan"),
            *phrase(263, 700, "SKM"),
            *phrase(349, 700, "Mutu Pelayanan"),
            word(90, 723.2, "(1)"),
            word(176, 723.2, "(2)"),
            word(263, 723.2, "(3)"),
            word(349, 723.2, "(4)"),
        ]
    )
    first = wordtable.find_tables(page1, 1.32)
    assert first[-1].open and len(first[-1].rows) == 1
    page2 = group_lines(
        [
            word(90, 71.4, "1"),
            *phrase(176, 71.4, "Persyaratan dua"),
            word(263, 71.4, "103,70"),
            *phrase(349, 71.4, "Sangat Baik Sekali"),
            word(90, 94.6, "2"),
            *phrase(176, 94.6, "Sistem"),
            word(263, 94.6, "100,42"),
            *phrase(349, 94.6, "Sangat Baik"),
        ]
    )
    rows = [[" ".join(ln.text for ln in c) for c in r.cells] for r in wordtable.find_tables(page2, 1.32, first[-1])[0].rows]
    assert rows == [["1", "Persyaratan dua", "103,70", "Sangat Baik Sekali"], ["2", "Sistem", "100,42", "Sangat Baik"]]


def test_a_one_cell_per_line_table_goes_on_over_a_wider_gap_to_its_next_row_number() -> None:
    texts = [
        "\tNo.",
        "\tSub Kegiatan",
        "",
        "\tAnggaran",
        "\tKeterangan",
        "",
        "\t1.",
        "\tSinergitas",
        "\tRp",
        "\t4,522,000",
        "\tAPBD",
    ]
    texts += [""] * 7 + ["\t2", "\tKoordinasi", "\tRp", "\t4,059,000", "\tAPBD", ""]
    lines = [Line(no=k + 1, text=t) for k, t in enumerate(texts)]
    rows = [r for t in find_text_tables(lines) for r in t.rows]
    assert len(rows) == 2
