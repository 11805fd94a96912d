"""Report files: PNG and SVG from charts (offline), CSV/XLSX/Parquet from tables, file names."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import openpyxl
import polars as pl
import pytest

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

# a table as the pages build it: Rupiah, percentage, score, year (as float, as a join leaves it), text
TABLE = pl.DataFrame(
    {
        "Kecamatan": ["Kertanegara", '=HYPERLINK("x")'],
        "Tahun": [2024.0, 2023.0],
        "Pagu (Rp)": [1_890_600_000.4, 80_197_000.0],
        "Serapan (%)": [99.74056743909686, 93.685],
        "SAKIP": [63.16, 61.0],
        "Jumlah indikator": [12, 3],
        "Dokumen": ["lkjip_2024.txt", "pk_2023.txt"],
    }
)
KET = export.Keterangan(
    judul="Kecamatan × skor utama dan capaian 2024",
    pilihan="semua kecamatan di Purbalingga, tahun 2024",
    sumber=["lkjip_2024.txt", "pk_2023.txt"],
    diunduh=dt.date(2026, 12, 2),
)


def _sheet(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return sheet


def test_png_is_a_png_that_prints_16_cm_at_150_dpi() -> None:
    png = export.chart_png(charts.tren_skor(SCORES, "SAKIP"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, _ = export._png_size(png)
    assert width >= export.lebar_png_minimum() == 945  # 16 cm at 150 dpi
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        dpi_x, _ = image.info["dpi"]
    printed_cm = width / dpi_x * 2.54
    assert printed_cm <= 16.0 + 1e-6 and printed_cm > 14.5  # a full-width chart fills the 16 cm
    assert dpi_x >= 150


def test_svg_parses_and_uses_indonesian_numbers() -> None:
    svg = export.chart_svg(charts.tren_skor(SCORES, "SAKIP"))
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = [t.text for t in root.iter() if t.tag.endswith("text") and t.text]
    assert "1.234,50" in texts  # value label in the d3 locale: '.' thousands, ',' decimals
    assert any("Sumber: a.txt" in t for t in texts)


def test_xlsx_has_a_title_block_frozen_header_and_filter() -> None:
    sheet = _sheet(export.table_xlsx(TABLE, KET.judul, KET))
    column_a = [sheet.cell(row=r, column=1).value for r in range(1, 7)]
    assert column_a == [
        "Kecamatan × skor utama dan capaian 2024",
        "Pilihan: semua kecamatan di Purbalingga, tahun 2024",
        "Satuan: kolom (Rp) dalam Rupiah, tanpa desimal; kolom (%) dalam persen, dua desimal; "
        "skor (IKM, SAKIP, kematangan) dalam angka indeks, dua desimal; "
        "tahun, nomor baris dan hitungan sebagai bilangan bulat.",
        "Sumber: lkjip_2024.txt; pk_2023.txt",
        "Diunduh: 2 Desember 2026",  # an Indonesian date, not ISO
        None,
    ]
    assert [c.value for c in sheet[7]] == TABLE.columns
    assert sheet.freeze_panes == "A8"  # everything down to the header row stays in view
    assert sheet.auto_filter.ref == "A7:G9"
    assert sheet.title == "Kec. skor utama capaian 2024"  # 31 at most, whole words, year kept


def test_xlsx_number_formats_per_column_and_values_rounded_as_shown() -> None:
    sheet = _sheet(export.table_xlsx(TABLE, "uji", KET))
    header = [c.value for c in sheet[7]]
    row = {h: sheet.cell(row=8, column=i + 1) for i, h in enumerate(header)}
    assert row["Tahun"].number_format == "0" and row["Tahun"].value == 2024  # never "2,024"
    assert row["Pagu (Rp)"].number_format == '"Rp"#,##0' and row["Pagu (Rp)"].value == 1_890_600_000
    assert row["Serapan (%)"].number_format == '#,##0.00"%"' and row["Serapan (%)"].value == 99.74
    assert row["SAKIP"].number_format == "#,##0.00" and row["SAKIP"].value == 63.16
    assert row["Jumlah indikator"].number_format == "0"
    second = {h: sheet.cell(row=9, column=i + 1) for i, h in enumerate(header)}
    assert second["Serapan (%)"].value == 93.69  # half-up on the printed digits, as the page shows
    assert second["SAKIP"].number_format == "#,##0.00"  # a whole score still shows 61,00
    assert second["Kecamatan"].value == '=HYPERLINK("x")' and second["Kecamatan"].data_type == "s"  # text, not a formula


def test_xlsx_without_title_block_and_raw_values() -> None:
    sheet = _sheet(export.table_xlsx(TABLE, bulatkan=False))
    assert [c.value for c in sheet[1]] == TABLE.columns
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=4).value == pytest.approx(99.74056743909686)


def test_kind_overrides_and_fixed_decimals() -> None:
    df = pl.DataFrame({"Realisasi": [63.0], "Efisiensi": [1.23456]})
    sheet = _sheet(export.table_xlsx(df, jenis={"Realisasi": export.SKOR, "Efisiensi": export.desimal(4)}))
    assert sheet.cell(row=2, column=1).number_format == "#,##0.00"
    assert (sheet.cell(row=2, column=2).number_format, sheet.cell(row=2, column=2).value) == ("#,##0.0000", 1.2346)


def test_sheet_names_are_whole_words_unique_and_at_most_31() -> None:
    long = "Komposisi anggaran per program per kecamatan dan kabupaten 2024"
    first = export.nama_sheet(long)
    second = export.nama_sheet(long, [first])
    assert len(first) <= 31 and len(second) <= 31 and first != second
    words = set(long.split()) | {"Kec.", "Kab."}
    for name in (first, second.rsplit(" (", 1)[0]):
        assert all(w in words for w in name.split()), name  # no word was cut
    assert first.endswith("2024")
    assert export.nama_sheet("a/b: [c]*?") == "a b c"
    book = openpyxl.load_workbook(io.BytesIO(export.workbook_xlsx([(long, TABLE, None), (long, TABLE, None)])))
    assert book.sheetnames == [first, second]


def test_csv_excel_indonesia_parses_back_to_the_same_numbers() -> None:
    data = export.table_csv(TABLE, gaya=export.CSV_EXCEL_ID)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["Pagu (Rp)"] == "1890600000"  # no thousands dots: Excel reads a number
    assert rows[0]["Tahun"] == "2024"
    back = [float(r["Serapan (%)"].replace(",", ".")) for r in rows]
    assert back == [99.74, 93.69]
    assert [float(r["SAKIP"].replace(",", ".")) for r in rows] == [63.16, 61.0]
    assert rows[1]["Kecamatan"].startswith("'=")  # neutralised as in the plain flavour


def test_csv_plain_has_a_bom_and_plain_numbers() -> None:
    data = export.table_csv(pl.DataFrame({"x": [63.16]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["x", "63.16"]
    back = pl.read_csv(io.BytesIO(export.table_csv(TABLE)[3:]))
    assert back["Serapan (%)"].to_list() == TABLE["Serapan (%)"].to_list()  # every digit


def test_parquet_round_trips() -> None:
    df = pl.DataFrame({"x": [1, 2]})
    assert pl.read_parquet(io.BytesIO(export.table_parquet(df))).equals(df)


def test_file_names_carry_region_and_year_and_are_safe() -> None:
    assert export.file_stem("ringkasan", "Kab Purbalingga", 2024) == "ringkasan_kab-purbalingga_2024"
    assert export.file_stem("Peringkat", "Target IKM", 2024) == "peringkat_target-ikm_2024"
    unsafe = export.file_stem("../tren", "a\\b/c\x00d\ne", "Kecamatan Ürüt Jaya")
    assert unsafe == "tren_a-b-c-d-e_kecamatan-urut-jaya"
    assert export.wilayah_berkas(None, "Purbalingga", []) == "purbalingga"
    assert export.wilayah_berkas(None, None, ["Kertanegara"]) == "kec-kertanegara"
    assert export.wilayah_berkas(None, None, ["A", "B", "C"]) == "kec-a-dan-2-lainnya"
    assert export.wilayah_berkas("Jawa Tengah", None, []) == "prov-jawa-tengah"
    assert export.wilayah_berkas(None, None, []) == "semua-wilayah"


def test_indonesian_date() -> None:
    assert export.tanggal_id(dt.date(2024, 8, 17)) == "17 Agustus 2024"


def test_download_buttons_make_report_files_named_by_region_and_year(monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib

    from dashboard import components
    from dashboard.filters import Pilihan

    made: dict[str, tuple[str, bytes]] = {}

    def button(label: str, data, file_name: str, **_: object) -> None:
        made[label] = (file_name, data())

    monkeypatch.setattr(components.st, "download_button", button)
    monkeypatch.setattr(components.st, "columns", lambda n: [contextlib.nullcontext()] * n)
    pilihan = Pilihan(None, "Purbalingga", (), 2024, ("Purbalingga|Kertanegara",), ())
    monkeypatch.setattr(components, "_pilihan", lambda: pilihan)

    components.unduh_tabel(TABLE, "ringkasan", judul="Kecamatan × skor utama dan capaian 2024")
    assert made["XLSX"][0] == "ringkasan_purbalingga_2024.xlsx"
    assert made["CSV (Excel Indonesia)"][0] == "ringkasan_purbalingga_2024.csv"
    assert made["CSV"][0] == "ringkasan_purbalingga_2024_titik-desimal.csv"
    sheet = _sheet(made["XLSX"][1])
    assert sheet.cell(row=2, column=1).value == "Pilihan: semua kecamatan di Purbalingga, tahun 2024"
    assert sheet.cell(row=4, column=1).value == "Sumber: lkjip_2024.txt; pk_2023.txt"  # from the Dokumen column
    assert made["CSV (Excel Indonesia)"][1].decode("utf-8-sig").splitlines()[0].count(";") == TABLE.width - 1

    components.unduh_grafik(charts.tren_skor(SCORES, "SAKIP"), "tren_sakip", tahun=None)
    assert made["PNG"][0] == "tren_sakip_purbalingga.png" and made["PNG"][1].startswith(b"\x89PNG")
    components.unduh_grafik(
        charts.tren_skor(SCORES, "SAKIP"), "profil_sakip", wilayah="Kecamatan Kertanegara, Purbalingga", tahun=2024
    )
    assert made["SVG"][0] == "profil_sakip_kecamatan-kertanegara-purbalingga_2024.svg"
