""" "Unduh laporan": a page's content as a PDF and a DOCX ready to attach to a letter.

A report is plain data (`Laporan`: sections of paragraphs, tables and chart images) built by the
page from what it shows, then written by `pdf()` (reportlab) or `docx()` (python-docx):

    lap = Laporan("Profil Kinerja Kecamatan X", "Kecamatan X, Kab. Y, tahun 2024", [Bagian("Sekilas", [...])],
                  sumber=["lkjip_2024_x.txt"], reviu=["Galat: …"])
    pdf(lap) -> bytes;  docx(lap) -> bytes

Both are A4 portrait with 2,5 cm margins, so a chart (dashboard.charts, designed 16 cm wide) is
placed at 16 cm and its fonts are the points charts states. Numbers arrive as the text the pages
show (Indonesian formats through export.teks_tabel); dates are Indonesian (export.tanggal_id).

PDF library: reportlab (BSD, maintained since 2000, already used by the fixtures): its Platypus
layout splits long tables across pages with the header row repeated, wraps cell text and embeds
TrueType fonts, which fpdf2 does with more hand work. Text uses DejaVu Sans where Debian has it
(every character the pages use: – → ≥ Δ), else reportlab's own Vera, with the few characters Vera
lacks written out.
Pure: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from dashboard import export

LEBAR_CM = 16.0  # text width of A4 portrait within 2,5 cm margins = the chart print width
MARGIN_CM = 2.5
FONT_PT = 9.5
FONT_TABEL_PT = 7.5
MAKS_BARIS = 200  # rows of one table in a report; more are counted in a note (the download has them all)


@dataclass(frozen=True)
class Tabel:
    kolom: list[str]
    baris: list[list[str]]
    judul: str | None = None
    catatan: str | None = None


@dataclass(frozen=True)
class Gambar:
    png: bytes
    judul: str | None = None


Isi = str | Tabel | Gambar


@dataclass(frozen=True)
class Bagian:
    judul: str
    isi: Sequence[Isi] = ()


@dataclass(frozen=True)
class Laporan:
    judul: str
    pilihan: str  # the selection in words ("Kecamatan X, Kab. Y, tahun 2024")
    bagian: list[Bagian]
    sumber: Sequence[str] = ()  # the source documents
    reviu: Sequence[str] = ()  # review notes (findings) in words
    dibuat: dt.date = field(default_factory=dt.date.today)


def tabel(
    df: pl.DataFrame, judul: str | None = None, kolom: Sequence[str] | None = None, jenis: Mapping[str, str] | None = None
) -> Tabel:
    """A table of a report from a page's frame: the chosen columns, numbers as the pages show them,
    at most MAKS_BARIS rows (a note says how many more are in the download)."""
    cols = [c for c in (kolom or df.columns) if c in df.columns]
    shown = export.teks_tabel(df.select(cols), jenis)
    rows = [["–" if v is None or v == "" else str(v) for v in r] for r in shown.head(MAKS_BARIS).iter_rows()]
    more = df.height - len(rows)
    note = f"{more} baris lain tidak dimuat di laporan ini; unduhan XLSX tabel ini memuat semuanya." if more > 0 else None
    return Tabel(cols, rows, judul, note)


def _kaki(lap: Laporan) -> str:
    return f"{lap.judul} — {lap.pilihan}. Dibuat {export.tanggal_id(lap.dibuat)} dari dasbor Kinerja Kecamatan."


def _penutup(lap: Laporan) -> list[Bagian]:
    sumber = Bagian("Dokumen sumber", [", ".join(lap.sumber) if lap.sumber else "Basis data kinerja kecamatan."])
    reviu = Bagian(
        "Catatan reviu data",
        list(lap.reviu) or ["Tidak ada temuan reviu untuk pilihan ini."],
    )
    return [sumber, reviu]


# --- PDF ----------------------------------------------------------------------------------------

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_TANPA_VERA = {"→": "->", "≥": ">=", "≤": "<=", "Δ": "Perubahan ", "⚠": "!", "×": "x", "\u2060": ""}


def _fonts() -> tuple[str, str, bool]:
    """(regular, bold, full coverage) font names registered with reportlab."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if (DEJAVU / "DejaVuSans.ttf").exists() and (DEJAVU / "DejaVuSans-Bold.ttf").exists():
        pdfmetrics.registerFont(TTFont("Laporan", str(DEJAVU / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("Laporan-Tebal", str(DEJAVU / "DejaVuSans-Bold.ttf")))
        return "Laporan", "Laporan-Tebal", True
    fonts = Path(rl_config.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("Laporan", str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Laporan-Tebal", str(fonts / "VeraBd.ttf")))
    return "Laporan", "Laporan-Tebal", False


def pdf(lap: Laporan) -> bytes:
    """The report as an A4 PDF: title, selection and date, the sections, sources and review notes,
    a footer with the page number."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    regular, bold, full = _fonts()

    def t(text: str) -> str:
        if not full:
            for a, b in _TANPA_VERA.items():
                text = text.replace(a, b)
        return escape(text)

    body = ParagraphStyle("isi", fontName=regular, fontSize=FONT_PT, leading=FONT_PT * 1.35, spaceAfter=4)
    small = ParagraphStyle("kecil", parent=body, fontSize=FONT_TABEL_PT, leading=FONT_TABEL_PT * 1.25, spaceAfter=0)
    h1 = ParagraphStyle("judul", parent=body, fontName=bold, fontSize=15, leading=19, spaceAfter=4)
    h2 = ParagraphStyle(
        "bagian", parent=body, fontName=bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=5, keepWithNext=1
    )
    caption = ParagraphStyle("keterangan", parent=body, fontSize=8, leading=10.5, textColor=colors.HexColor("#333333"))

    def table(tb: Tabel) -> list:
        out: list = []
        if tb.judul:  # a table's title stays with the table's first rows
            out.append(Paragraph(t(tb.judul), ParagraphStyle("judul_tabel", parent=caption, keepWithNext=1)))
        # the largest size (7,5 pt down to 6 pt) at which no number or word has to break
        for size in (FONT_TABEL_PT, 7.0, 6.5, 6.0):
            widths = _lebar_kolom(tb, regular, bold, LEBAR_CM * cm, size)
            if widths is not None:
                break
        if widths is None:
            widths = [LEBAR_CM * cm / len(tb.kolom)] * len(tb.kolom)
        cell_style = ParagraphStyle("sel", parent=small, fontSize=size, leading=size * 1.25)
        head_style = ParagraphStyle("kepala_sel", parent=cell_style, fontName=bold)
        cells = [[Paragraph(t(c), head_style) for c in tb.kolom]]
        cells += [[Paragraph(t(v), cell_style) for v in row] for row in tb.baris]
        grid = LongTable(cells, colWidths=widths, repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        out.append(grid)
        if tb.catatan:
            out.append(Paragraph(t(tb.catatan), caption))
        out.append(Spacer(1, 6))
        return out

    def image(g: Gambar) -> list:
        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(io.BytesIO(g.png)).getSize()
        width = LEBAR_CM * cm
        pic = Image(io.BytesIO(g.png), width=width, height=width * h / w)
        return [KeepTogether([pic, *([Paragraph(t(g.judul), caption)] if g.judul else [])]), Spacer(1, 6)]

    story: list = [Paragraph(t(lap.judul), h1), Paragraph(t(lap.pilihan), body)]
    story.append(Paragraph(t(f"Dibuat {export.tanggal_id(lap.dibuat)} dari dasbor Kinerja Kecamatan."), caption))
    for part in [*lap.bagian, *_penutup(lap)]:
        story.append(Paragraph(t(part.judul), h2))
        for item in part.isi:
            if isinstance(item, Tabel):
                story.extend(table(item))
            elif isinstance(item, Gambar):
                story.extend(image(item))
            else:
                story.append(Paragraph(t(item), body))

    footer = _kaki(lap)

    def page_footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(regular, 7)
        # the footer over the text width, the page number on its own line below: never overlapping
        from reportlab.lib.utils import simpleSplit

        lines = simpleSplit(footer if full else t(footer), regular, 7, LEBAR_CM * cm)
        canvas.drawString(MARGIN_CM * cm, 1.45 * cm, lines[0] + (" …" if len(lines) > 1 else ""))
        canvas.drawRightString(A4[0] - MARGIN_CM * cm, 1.0 * cm, f"Halaman {doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_CM * cm,
        rightMargin=MARGIN_CM * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=lap.judul,
        subject=lap.pilihan,
        author="Dasbor Kinerja Kecamatan",
        lang="id-ID",
    )
    doc.build(story, onFirstPage=page_footer, onLaterPages=page_footer)
    return buf.getvalue()


def _lebar_kolom(tb: Tabel, regular: str, bold: str, total: float, size: float = FONT_TABEL_PT) -> list[float] | None:
    """Column widths in points: each column as wide as its widest cell where the page allows;
    otherwise the columns give up room in proportion to what they can spare down to their longest
    word, so a number (Rp1.250.000.000) or a word never breaks while text can still wrap. None
    when even that does not fit at `size` (the caller tries a smaller size)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pad = 8.0  # the cell's padding (3 + 3 pt) and a little air
    natural, least = [], []
    for i, head in enumerate(tb.kolom):
        cells = [r[i] for r in tb.baris]
        widest = max([stringWidth(v, regular, size) for v in cells] or [0.0])
        words = [w for v in cells for w in v.split()]
        word = max([stringWidth(w, bold, size) for w in head.split()] + [stringWidth(w, regular, size) for w in words])
        natural.append(max(widest, stringWidth(head, bold, size)) + pad)
        least.append(word + pad)  # narrower than this, a word (or a number) would break
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    # give up room where it costs least: first down to the longest word of each column, in
    # proportion to what each column could give; a number never breaks unless nothing else can
    spare = [n - m for n, m in zip(natural, least)]
    over = sum(natural) - total
    if sum(spare) >= over:
        return [n - s * over / sum(spare) for n, s in zip(natural, spare)]
    return None


# --- DOCX ---------------------------------------------------------------------------------------


def docx(lap: Laporan) -> bytes:
    """The report as a Word document (A4, 2,5 cm margins): real Word tables, charts at 16 cm."""
    import docx as python_docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = python_docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(FONT_PT)
    lang = OxmlElement("w:lang")  # spelling and hyphenation in Indonesian
    lang.set(qn("w:val"), "id-ID")
    normal.element.get_or_add_rPr().append(lang)
    doc.core_properties.title = lap.judul
    doc.core_properties.subject = lap.pilihan
    doc.core_properties.language = "id-ID"
    section.footer.paragraphs[0].text = _kaki(lap)

    doc.add_heading(lap.judul, level=1)
    doc.add_paragraph(lap.pilihan)
    doc.add_paragraph(f"Dibuat {export.tanggal_id(lap.dibuat)} dari dasbor Kinerja Kecamatan.").runs[0].font.size = Pt(8)
    for part in [*lap.bagian, *_penutup(lap)]:
        doc.add_heading(part.judul, level=2)
        for item in part.isi:
            if isinstance(item, Tabel):
                if item.judul:
                    doc.add_paragraph(item.judul).runs[0].font.size = Pt(8)
                grid = doc.add_table(rows=1, cols=len(item.kolom))
                grid.style = "Table Grid"
                for cell, text in zip(grid.rows[0].cells, item.kolom):
                    cell.text = text
                    for run in cell.paragraphs[0].runs:
                        run.font.bold = True
                        run.font.size = Pt(FONT_TABEL_PT)
                for row in item.baris:
                    for cell, text in zip(grid.add_row().cells, row):
                        cell.text = text
                        for run in cell.paragraphs[0].runs:
                            run.font.size = Pt(FONT_TABEL_PT)
                if item.catatan:
                    doc.add_paragraph(item.catatan).runs[0].font.size = Pt(8)
            elif isinstance(item, Gambar):
                doc.add_picture(io.BytesIO(item.png), width=Cm(LEBAR_CM))
                if item.judul:
                    doc.add_paragraph(item.judul).runs[0].font.size = Pt(8)
            else:
                doc.add_paragraph(item)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
