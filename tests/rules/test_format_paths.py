"""One number, one text: a set of values rendered through a finding's message, the pages'
formatter and the XLSX/CSV exports reads the same everywhere (docs/domain.md §4, issue 13)."""

from __future__ import annotations

import csv
import decimal
import io
import re

import openpyxl
import polars as pl
import pytest

from dashboard import export
from dashboard import format as fmt
from etl.review import finding, persentase

# 12.5 and 93.685 are the two the issue names (findings printed "12,50"/"93,69", pages "12,5"/"93,68")
VALUES = [0.0, 1.0, 12.5, 93.685, 93.675, 0.125, 2.675, 97.58526440879382, 99.74056743909686, 106.46, 1234.5, 1_890_600_000.0]


def test_the_values_the_issue_names() -> None:
    assert fmt.angka(12.5) == finding.angka(12.5) == "12,50"
    assert fmt.angka(93.685, 2) == finding.angka(93.685, 2) == "93,69"  # half-up on the printed digits
    assert fmt.persen(93.685) == finding.persen(93.685) == "93,69%"
    assert fmt.angka(1_890_600_000) == "1.890.600.000"
    assert fmt.rupiah_ringkas(1_885_000_000) == "Rp1,89 M"  # half-up in compact form too
    assert fmt.poin(-0.001) == "±0,00"  # the sign after rounding, never "−0,00"
    assert fmt.angka(-0.001, 2) == "0,00"


@pytest.mark.parametrize("value", VALUES)
def test_finding_and_page_formatters_agree(value: float) -> None:
    assert finding.angka(value) == fmt.angka(value)
    assert finding.persen(value) == fmt.persen(value)
    for digits in (0, 1, 2, 4):
        assert finding.angka(value, digits) == fmt.angka(value, digits)
        assert finding.persen(value, digits) == fmt.persen(value, digits)


@pytest.mark.parametrize(("pagu", "realisasi"), [(1_714_490_000.0, 1_607_070_802.0), (80_197_000.0, 80_037_000.0), (8.0, 1.0)])
def test_a_real_finding_quotes_the_pages_text(pagu: float, realisasi: float) -> None:
    expected = realisasi / pagu * 100
    found = persentase.check_serapan(pagu, realisasi, 12.0, "12,00", 10, "uji")
    assert len(found) == 1 and found[0].tingkat == finding.GALAT
    assert f"{fmt.angka(realisasi)} dari {fmt.angka(pagu)} = {fmt.persen(expected)}" in found[0].pesan
    assert found[0].nilai_hitung == fmt.persen(expected)


def _frame() -> pl.DataFrame:
    return pl.DataFrame({"Nilai": VALUES, "Capaian (%)": VALUES, "Pagu (Rp)": VALUES})


def _page_text(column: str, value: float) -> str:
    return {"Nilai": fmt.angka, "Capaian (%)": fmt.persen, "Pagu (Rp)": fmt.rupiah}[column](value)


def test_csv_text_export_is_the_pages_text() -> None:
    text = export.table_csv(_frame(), teks=True).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row, value in zip(rows, VALUES):
        for column in ("Nilai", "Capaian (%)", "Pagu (Rp)"):
            assert row[column] == _page_text(column, value), (column, value)


def _excel_display(value: float, number_format: str) -> str:
    """What a spreadsheet with Indonesian separators shows for `value` under `number_format`
    (the few formats the export writes: literal prefix/suffix in quotes, '#,##0' with 0 or more
    decimals), written independently of etl.format."""
    m = re.fullmatch(r'(?:"([^"]*)")?(#,##0|0)(?:\.(0+))?(?:"([^"]*)")?', number_format)
    assert m, number_format
    prefix, core, decimals, suffix = m.group(1) or "", m.group(2), m.group(3) or "", m.group(4) or ""
    q = decimal.Decimal(repr(value)).quantize(decimal.Decimal(1).scaleb(-len(decimals)), rounding=decimal.ROUND_HALF_UP)
    body = f"{q:,.{len(decimals)}f}" if core == "#,##0" else f"{q:.{len(decimals)}f}"
    return prefix + body.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + suffix


def test_xlsx_cells_show_the_pages_text_and_stay_numbers() -> None:
    book = openpyxl.load_workbook(io.BytesIO(export.table_xlsx(_frame(), "uji")))
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    for r, value in enumerate(VALUES, start=2):
        for c, column in enumerate(header, start=1):
            cell = sheet.cell(row=r, column=c)
            # a number, rounded as the page shows it (issue 14), whose display is the page's text
            assert isinstance(cell.value, (int, float)) and cell.value == pytest.approx(value, abs=0.5)
            assert _excel_display(cell.value, cell.number_format) == _page_text(str(column), value), (column, value)


def test_missing_values_read_the_same() -> None:
    assert fmt.angka(None) == finding.angka(None) == fmt.KOSONG
    assert fmt.persen(float("nan")) == finding.persen(None) == fmt.KOSONG
    frame = pl.DataFrame({"Capaian (%)": [None, 1.0]}, schema={"Capaian (%)": pl.Float64})
    assert export.teks_tabel(frame)["Capaian (%)"].to_list() == [fmt.KOSONG, "1,00%"]
    book = openpyxl.load_workbook(io.BytesIO(export.table_xlsx(frame)))
    assert book.active is not None and book.active.cell(row=2, column=1).value is None
