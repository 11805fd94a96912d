"""Golden values: Perjanjian Kinerja 2019, Kecamatan Ajibarang (Banyumas).

Quirks: several indicators in one cell as <p> paragraphs with their targets likewise; the
explanation of one indicator spilling into the row below; a date without a day; ``Rp -``.
"""

from __future__ import annotations

import pytest

from etl.model import Dokumen


@pytest.fixture(scope="module")
def doc(seed_docs: dict[str, Dokumen]) -> Dokumen:
    return seed_docs["ajibarang"]


def test_header(doc: Dokumen) -> None:
    assert (doc.jenis, doc.tahun, doc.kecamatan, doc.kabupaten) == ("PK", 2019, "Ajibarang", "Banyumas")
    assert doc.tanggal is None and doc.tanggal_teks == "Maret 2019"
    assert doc.pihak_pertama == "EKO HERU SURONO, S.Sos." and doc.pihak_kedua == "Ir. H. ACHMAD HUSEIN"


def test_indicators_split_from_paragraph_cells(doc: Dokumen) -> None:
    got = [(t.sumber_baris, t.indikator, t.target, t.tipe_perhitungan) for t in doc.target]
    assert got == [
        (56, "Indeks Kepuasan Masyarakat (IKM) Pelayanan Kecamatan", 82.0, "Non Kumulatif"),
        (57, "Persentase layanan kecamatan diselesaikan tepat waktu", 100.0, "Non Kumulatif"),
        (58, "Persentase kelompok masyarakat di kecamatan yang aktif", 86.0, "Non Kumulatif"),
        (62, "Persentase permohonan administrasi kependudukan dan PATEN yang terlayani secara baik", 100.0, "Kumulatif"),
        (62, "Persentase Linmas terbina", 100.0, "Non Kumulatif"),
        (66, "Persentase desa/kelurahan yang tertib administrasi pemerintahan desa/kelurahan", 95.0, "Non Kumulatif"),
        (67, "Persentase pembayaran PBB di Kecamatan", 80.0, "Non Kumulatif"),
        (68, "Persentase kelompok swadaya masyarakat di kecamatan yang aktif", 95.0, "Non Kumulatif"),
        (72, "Persentase desa yang mendapatkan pembinaan dan pengawasan pengelolaan APBDes", 100.0, "Non Kumulatif"),
    ]
    assert doc.target[0].kunci == "IKM"
    assert [t.kunci for t in doc.target[1:]] == [None] * 8


def test_explanation_spilled_into_next_row_returns_to_its_indicator(doc: Dokumen) -> None:
    ksm = next(t for t in doc.target if "swadaya" in t.indikator)
    assert ksm.sumber_data == "Data KSM"
    assert doc.target[-1].sumber_data == "Data desa yang dibina"
    linmas = next(t for t in doc.target if "Linmas" in t.indikator)
    assert linmas.sumber_data == "Data Linmas"


def test_budget_with_rp_dash_and_total(doc: Dokumen) -> None:
    rows = [(a.peran, a.nama, a.pagu, a.pagu_teks) for a in doc.anggaran]
    assert rows == [
        ("baris", "Program Peningkatan Peran Kecamatan dan kelurahan", 283_000_000, "Rp 283.000.000,00"),
        ("baris", "Program Peningkatan Kualitas Perencanaan dan Pelaporan Perangkat Daerah", 0, "Rp -"),
        ("baris", "Program Peningkatan Pelayanan Perkantoran", 762_988_000, "Rp 762.988.000,00"),
        ("jumlah", "Jumlah Anggaran", 1_045_988_000, "Rp 1.045.988.000,00"),
    ]
