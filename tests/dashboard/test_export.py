"""Report files: PNG and SVG from charts (offline), CSV/XLSX/Parquet from tables."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import openpyxl
import polars as pl

from dashboard import charts, export

SCORES = pl.DataFrame(
    {
        "kabupaten": ["K"] * 3,
        "kecamatan": ["A"] * 3,
        "tahun": [2022, 2023, 2024],
        "jenis": ["SAKIP"] * 3,
        "nilai": [50.5, 61.0, 1234.5],
        "target": [None, None, 66.0],
        "target_akhir": [None, None, 70.0],
        "renstra_akhir": [2026, 2026, 2026],
        "nama_file": ["a.txt"] * 3,
        "dokumen_id": ["d"] * 3,
        "sumber_baris": [1, 1, 2],
    }
)


def test_png_is_a_png() -> None:
    png = export.chart_png(charts.tren_skor(SCORES, "SAKIP"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000


def test_svg_parses_and_uses_indonesian_numbers() -> None:
    svg = export.chart_svg(charts.tren_skor(SCORES, "SAKIP"))
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = [t.text for t in root.iter() if t.tag.endswith("text") and t.text]
    assert "1.234,50" in texts  # value label in the d3 locale: '.' thousands, ',' decimals
    assert any("Sumber: a.txt" in t for t in texts)


def test_xlsx_opens_with_the_same_values() -> None:
    df = pl.DataFrame({"Kecamatan": ["A", "B"], "Pagu (Rp)": [1890600000.0, 5.0]})
    book = openpyxl.load_workbook(io.BytesIO(export.table_xlsx(df, "anggaran/program: 2024 [uji] nama yang panjang sekali")))
    sheet = book.active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Kecamatan", "Pagu (Rp)")
    assert rows[1] == ("A", 1890600000)
    assert len(sheet.title) <= 31


def test_csv_has_a_bom_and_plain_numbers() -> None:
    data = export.table_csv(pl.DataFrame({"x": [63.16]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["x", "63.16"]


def test_parquet_round_trips() -> None:
    df = pl.DataFrame({"x": [1, 2]})
    assert pl.read_parquet(io.BytesIO(export.table_parquet(df))).equals(df)


def test_file_stem() -> None:
    assert export.file_stem("Peringkat", "Target IKM", 2024) == "peringkat_target_ikm_2024"
