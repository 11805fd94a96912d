"""Documents of kecamatan nobody here has seen, in layouts the seeds do not use.

The parser must find their values without inventing any: a document without tables yields none.
"""

from __future__ import annotations

import pytest

from etl.extract import extract_lines
from etl.model import DocumentError, Line


def lines(text: str) -> list[Line]:
    return [Line(no=i, text=t) for i, t in enumerate(text.splitlines(), start=1)]


OPENING = """PERJANJIAN KINERJA TAHUN 2025
Dalam rangka mewujudkan manajemen pemerintahan yang efektif, kami yang bertanda tangan di bawah ini :
Nama : SITI AMINAH, S.IP
Jabatan : Camat Wonosari
Nama : BUPATI GUNUNGKIDUL
Jabatan : Bupati Gunungkidul
Wonosari, 3 Februari 2025
"""


def test_columns_in_another_order_and_pipe_tables() -> None:
    text = (
        OPENING
        + """
| No | Indikator Kinerja | Target | Satuan | Sasaran Strategis |
|---|---|---|---|---|
| 1 | Indeks Kepuasan Masyarakat | 84,00 (Baik) | Indeks | Meningkatnya pelayanan publik |
| 2 | Nilai AKIP Kecamatan | BB | Predikat | Meningkatnya akuntabilitas |
| 3 | Persentase penurunan pelanggaran perda | 10 | % | Menurunnya gangguan trantib |

| No | Program | Pagu (Rp) | Sumber Dana |
|---|---|---|---|
| 1 | Program Penunjang Urusan Pemerintahan Daerah | 1.250.000.000 | DAU |
| 2 | Program Penyelenggaraan Pemerintahan dan Pelayanan Publik | 75.500.000 | DAU |
| | Jumlah | 1.325.500.000 | |
"""
    )
    doc = extract_lines(lines(text), "x.md", "0" * 64, "md", "x.md")
    assert (doc.kecamatan, doc.kabupaten, doc.provinsi, doc.tahun, doc.jenis) == (
        "Wonosari",
        "Gunungkidul",
        "Daerah Istimewa Yogyakarta",
        2025,
        "PK",
    )
    got = [(t.indikator, t.kunci, t.target, t.predikat_target, t.satuan, t.sasaran) for t in doc.target]
    assert got == [
        ("Indeks Kepuasan Masyarakat", "IKM", 84.0, "Baik", "Indeks", "Meningkatnya pelayanan publik"),
        ("Nilai AKIP Kecamatan", "SAKIP", None, "BB", "Predikat", "Meningkatnya akuntabilitas"),
        ("Persentase penurunan pelanggaran perda", None, 10.0, None, "%", "Menurunnya gangguan trantib"),
    ]
    # a percentage *decrease* of violations is higher-is-better (issue 13, docs/domain.md §1.3)
    assert doc.target[2].polaritas == "positif"
    assert [(a.tingkat, a.peran, a.pagu) for a in doc.anggaran] == [
        ("program", "baris", 1_250_000_000),
        ("program", "baris", 75_500_000),
        ("total", "jumlah", 1_325_500_000),
    ]


def test_a_document_without_tables_yields_no_rows() -> None:
    doc = extract_lines(lines(OPENING + "\nPihak Kedua\n\nPihak Pertama\n"), "x.txt", "1" * 64, "txt", "x.txt")
    assert (doc.target, doc.anggaran, doc.realisasi, doc.skor, doc.komponen) == ([], [], [], [], [])


def test_ambiguous_kecamatan_without_kabupaten_is_an_error() -> None:
    text = OPENING.replace("Nama : BUPATI GUNUNGKIDUL\nJabatan : Bupati Gunungkidul\n", "Nama : X\nJabatan : Atasan\n")
    with pytest.raises(DocumentError, match="ada di beberapa kabupaten"):
        extract_lines(lines(text), "x.txt", "2" * 64, "txt", "x.txt")


def test_an_unknown_kecamatan_is_an_error() -> None:
    text = OPENING.replace("Camat Wonosari", "Camat Antah Berantah").replace("Gunungkidul", "Antah")
    with pytest.raises(DocumentError, match="unit pemilik dokumen tidak ditemukan"):
        extract_lines(lines(text), "x.txt", "3" * 64, "txt", "x.txt")


def test_kota_and_wali_kota() -> None:
    text = (
        OPENING.replace("Camat Wonosari", "Camat Kotagede")
        .replace("BUPATI GUNUNGKIDUL", "WALI KOTA YOGYAKARTA")
        .replace("Bupati Gunungkidul", "Wali Kota Yogyakarta")
    )
    doc = extract_lines(lines(text), "x.txt", "4" * 64, "txt", "x.txt")
    assert (doc.kecamatan, doc.kabupaten) == ("Kotagede", "Yogyakarta")
