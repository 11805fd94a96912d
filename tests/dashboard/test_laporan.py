"""'Unduh laporan': the PDF and the DOCX carry the title, the tables in Indonesian formats, the
charts at 16 cm, the sources and the review notes."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pdfplumber
import polars as pl

from dashboard import charts, export, laporan


def _report(rows: int = 3) -> laporan.Laporan:
    df = pl.DataFrame(
        {
            "Kecamatan": [f"Kecamatan {i}" for i in range(rows)],
            "Pagu (Rp)": [1_250_000_000.0 + i for i in range(rows)],
            "Serapan (%)": [93.4712] * rows,
            "Tahun": [2024] * rows,
        }
    )
    chart = charts.peringkat(
        pl.DataFrame({"kecamatan": ["A", "B"], "kabupaten": ["K", "K"], "nilai": [60.0, 70.0], "peringkat": [2, 1]}),
        "Nilai SAKIP",
        "angka",
        2024,
        "Kab. K",
        rata=65.0,
    )
    return laporan.Laporan(
        "Profil Kinerja Kecamatan Contoh",
        "Kecamatan Contoh, Kab. K, tahun 2024",
        [
            laporan.Bagian(
                "Anggaran",
                ["Penyerapan 93,47% → naik.", laporan.tabel(df, "Tabel anggaran"), laporan.Gambar(export.chart_png(chart))],
            )
        ],
        sumber=["lkjip_2024_contoh.txt"],
        reviu=["Galat — Capaian vs realisasi/target: capaian tertulis 101 (baris 12)"],
        dibuat=dt.date(2026, 12, 2),
    )


def test_pdf_has_title_indonesian_numbers_date_sources_and_reviu() -> None:
    with pdfplumber.open(io.BytesIO(laporan.pdf(_report()))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert round(pdf.pages[0].width) == 595 and round(pdf.pages[0].height) == 842  # A4 portrait
        assert pdf.pages[0].images, "the chart is embedded"
        image = pdf.pages[0].images[0]
        assert abs((image["x1"] - image["x0"]) - 16 / 2.54 * 72) < 1  # 16 cm wide
    assert "Profil Kinerja Kecamatan Contoh" in text
    assert "Rp1.250.000.000" in text and "93,47%" in text and "2024" in text and "2.024" not in text
    assert "2 Desember 2026" in text
    assert "lkjip_2024_contoh.txt" in text and "capaian tertulis 101" in text
    assert "Halaman 1" in text and "→" in text


def test_pdf_long_table_runs_over_pages_and_says_what_it_left_out() -> None:
    n = laporan.MAKS_BARIS + 25
    with pdfplumber.open(io.BytesIO(laporan.pdf(_report(n)))) as pdf:
        pages = len(pdf.pages)
        last = pdf.pages[-1].extract_text() or ""
        second = pdf.pages[1].extract_text() or ""
    assert pages >= 4
    assert "Pagu (Rp)" in second  # the header row repeats on the next page
    assert "Halaman" in last
    text = laporan.pdf(_report(n))
    with pdfplumber.open(io.BytesIO(text)) as pdf:
        assert any("25 baris lain" in (p.extract_text() or "") for p in pdf.pages)


def test_docx_has_real_tables_the_chart_at_16_cm_and_the_notes() -> None:
    d = docx.Document(io.BytesIO(laporan.docx(_report())))
    texts = "\n".join(p.text for p in d.paragraphs)
    assert "Profil Kinerja Kecamatan Contoh" in texts and "2 Desember 2026" in texts
    assert "capaian tertulis 101" in texts and "lkjip_2024_contoh.txt" in texts
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Kecamatan", "Pagu (Rp)", "Serapan (%)", "Tahun"]
    assert [c.text for c in table.rows[1].cells] == ["Kecamatan 0", "Rp1.250.000.000", "93,47%", "2024"]
    shapes = d.inline_shapes
    assert len(shapes) == 1 and abs(shapes[0].width.cm - 16.0) < 0.01
    assert abs(d.sections[0].page_width.cm - 21.0) < 0.01


def test_a_wide_table_wraps_text_but_never_breaks_a_number() -> None:
    wide = pl.DataFrame(
        {
            "Kecamatan": ["Kecamatan Dengan Nama Panjang Sekali"],
            "SAKIP": [63.16],
            "IKM": [93.69],
            "Pagu (Rp)": [1_890_600_000.0],
            "Realisasi (Rp)": [1_767_109_802.0],
            "Serapan (%)": [93.47],
            "Rata-rata capaian (%)": [97.59],
            "Kematangan": [33.0],
            "Sasaran": ["Meningkatnya kualitas pelayanan publik di kecamatan dan kelurahan se-kabupaten"],
        }
    )
    lap = laporan.Laporan("Judul", "Pilihan", [laporan.Bagian("Tabel", [laporan.tabel(wide)])], dibuat=dt.date(2026, 12, 2))
    with pdfplumber.open(io.BytesIO(laporan.pdf(lap))) as pdf:
        words = {w["text"] for w in pdf.pages[0].extract_words()}
    for number in ("Rp1.890.600.000", "Rp1.767.109.802", "93,47%", "97,59%", "63,16", "33,00"):
        assert number in words, (number, sorted(words))
    assert "Kecamatan" in words and "Meningkatnya" in words  # words wrap whole
