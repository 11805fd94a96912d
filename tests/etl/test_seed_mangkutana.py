"""Golden values: PK Perubahan 2024, Kecamatan Mangkutana (Luwu Timur): the camat and every unit.

Layout: one table cell per line, rows introduced by a number on a line of its own; English
thousands separators (2,877,638,950) beside Indonesian ones; "Rp" in a cell of its own.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from etl.model import Dokumen


@pytest.fixture(scope="module")
def doc(seed_docs: dict[str, Dokumen]) -> Dokumen:
    return seed_docs["mangkutana"]


def test_header_and_agreements(doc: Dokumen) -> None:
    assert (doc.jenis, doc.tahun, doc.kecamatan, doc.kabupaten, doc.provinsi) == (
        "PK_PERUBAHAN",
        2024,
        "Mangkutana",
        "Luwu Timur",
        "Sulawesi Selatan",
    )
    assert doc.tanggal == dt.date(2024, 10, 1)
    assert doc.pihak_pertama == "ZULKIFLI ADI SAPUTRA, ST" and doc.pihak_kedua == "Dr. JAYADI NAS, S.Sos., M.Si"
    assert [p.unit_kerja for p in doc.perjanjian] == [
        "Kecamatan",
        "Sekretariat",
        "Subbagian Perencanaan dan Kepegawaian",
        "Subbagian Umum dan Keuangan",
        "Seksi Pemerintahan Umum",
        "Seksi Pemberdayaan Masyarakat Desa",
        "Seksi Pelayanan Umum",
        "Seksi Ketentraman dan Ketertiban Umum",
    ]
    assert {p.jenis_pk for p in doc.perjanjian} == {"PK_PERUBAHAN"}


def test_key_targets(doc: Dokumen) -> None:
    signed = [t for t in doc.target if t.bagian == "perjanjian"]
    ikm = next(t for t in signed if t.kunci == "IKM")
    sakip = next(t for t in signed if t.kunci == "SAKIP")
    assert (ikm.target, ikm.target_teks, ikm.satuan, ikm.tingkat, ikm.sumber_baris) == (
        87.4,
        "87,40",
        "Nilai",
        "sasaran_strategis",
        39,
    )
    assert (sakip.target, sakip.indikator, sakip.sumber_baris) == (
        71.55,
        "Nilai Evaluasi SAKIP Hasil Evaluasi Internal Inspektorat",
        46,
    )
    assert ikm.sasaran == "Meningkatnya Kemampuan Pelayanan Publik Penyelenggaraan Urusan pemerintahan Kecamatan Mangkutana"


def test_unit_targets_with_units(doc: Dokumen) -> None:
    signed = [t for t in doc.target if t.bagian == "perjanjian"]
    counts = Counter(t.unit_kerja for t in signed)
    assert counts == {
        "Kecamatan": 7,
        "Sekretariat": 1,
        "Subbagian Perencanaan dan Kepegawaian": 6,
        "Subbagian Umum dan Keuangan": 21,
        "Seksi Pemerintahan Umum": 2,
        "Seksi Pemberdayaan Masyarakat Desa": 3,
        "Seksi Pelayanan Umum": 1,
        "Seksi Ketentraman dan Ketertiban Umum": 3,
    }
    by_line = {t.sumber_baris: t for t in signed}
    assert (by_line[503].target, by_line[503].satuan, by_line[503].target_teks) == (2.0, "Dok", "2 Dok")
    assert (by_line[732].target, by_line[732].satuan) == (18.0, "Org/Bulan")
    assert (by_line[772].target, by_line[772].satuan) == (750.0, "Laporan")
    assert by_line[503].tingkat == "sasaran_kegiatan"


def test_restated_targets_are_kept_apart(doc: Dokumen) -> None:
    restated = [t for t in doc.target if t.bagian == "penjelasan"]
    assert {(t.kunci, t.target) for t in restated if t.kunci} == {("IKM", 87.4), ("SAKIP", 71.55)}


def test_program_budgets_and_total(doc: Dokumen) -> None:
    camat = [a for a in doc.anggaran if a.unit_kerja == "Kecamatan"]
    assert [(a.peran, a.pagu) for a in camat] == [
        ("baris", 2_877_638_950),
        ("baris", 6_611_550),
        ("baris", 112_041_250),
        ("baris", 12_597_500),
        ("baris", 31_307_750),
        ("baris", 25_675_800),
        ("jumlah", 3_065_872_800),
    ]
    assert {a.tahap for a in doc.anggaran} == {"perubahan"}


def test_kegiatan_of_the_sekretariat(doc: Dokumen) -> None:
    sek = [a for a in doc.anggaran if a.unit_kerja == "Sekretariat"]
    program = sek[0]
    assert (program.tingkat, program.pagu, program.pagu_teks) == (
        "program",
        2_877_638_950,
        "Rp. 2,877,638,950",
    )  # whitespace folded
    kegiatan = sek[1:]
    assert all(k.tingkat == "kegiatan" and k.induk_urutan == program.urutan for k in kegiatan)
    assert len(kegiatan) == 8  # "7." is printed twice; both rows are kept
    assert sum(k.pagu or 0 for k in kegiatan) == program.pagu


def test_amount_printed_with_dots_among_commas(doc: Dokumen) -> None:
    row = next(a for a in doc.anggaran if a.nama.startswith("Penyediaan Bahan Bacaan"))
    assert (row.pagu, row.pagu_teks) == (3_600_000, "3.600.000")
