"""Golden values: Perjanjian Kinerja 2024, Kecamatan Somagede (Banyumas). Tab rows with <b> markup."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.model import Dokumen


@pytest.fixture(scope="module")
def doc(seed_docs: dict[str, Dokumen]) -> Dokumen:
    return seed_docs["somagede"]


def test_header(doc: Dokumen) -> None:
    assert (doc.jenis, doc.tahun, doc.kecamatan, doc.kabupaten, doc.provinsi) == (
        "PK",
        2024,
        "Somagede",
        "Banyumas",
        "Jawa Tengah",
    )
    assert doc.kode_kecamatan == "33.02.09"
    assert doc.tanggal == dt.date(2024, 1, 29)
    assert doc.pihak_pertama == "DWI IRAWAN SUKMA, S.STP, M.Hum."
    assert doc.jabatan_pihak_pertama == "Plt. Camat Somagede"
    assert doc.pihak_kedua == "HANUNG CAHYO SAPUTRO"
    assert [p.unit_kerja for p in doc.perjanjian] == ["Kecamatan"]


def test_every_indicator_with_target_and_type(doc: Dokumen) -> None:
    got = [(t.sumber_baris, t.indikator, t.target, t.target_teks, t.tipe_perhitungan) for t in doc.target]
    assert got == [
        (52, "Persentase capaian kinerja Penyelenggaraan Pemerintahan Kecamatan", 100.0, "100%", "Progres Positif"),
        (53, "Persentase capaian kinerja pelayanan pemerintah kecamatan", 100.0, "100%", "Kumulatif"),
        (54, "Nilai SAKIP pemerintahan kecamatan", 79.6, "79,6", "Non Kumulatif"),
        (55, "Persentase APBDes tepat waktu", 100.0, "100%", "Kumulatif"),
        (56, "Persentase Fasilitasi dan Koordinasi Penyelenggaraan Pemerintahan Desa", 100.0, "100%", "Kumulatif"),
        (57, "Indeks Kepuasan Masyarakat", 85.0, "85", "Non Kumulatif"),
        (58, "Persentase penanganan gangguan trantibumlinmas", 100.0, "100%", "Non Kumulatif"),
        (59, "Persentase penanganan pengaduan", 100.0, "100%", "Kumulatif"),
        (60, "Persentase pemberdayaan masyarakat desa dan kelurahan", 100.0, "100%", "Kumulatif"),
        (65, "Persentase pelaksanaan urusan yang ditugaskan", 100.0, "100%", "Kumulatif"),
        (66, "Persentase Fasilitasi dan Koordinasi penyelenggaraan Pemerintahan Umum", 100.0, "100%", "Kumulatif"),
    ]


def test_keys_sasaran_and_sources(doc: Dokumen) -> None:
    keys = {t.indikator: t.kunci for t in doc.target if t.kunci}
    assert keys == {"Nilai SAKIP pemerintahan kecamatan": "SAKIP", "Indeks Kepuasan Masyarakat": "IKM"}
    by_line = {t.sumber_baris: t for t in doc.target}
    assert by_line[56].sasaran == "Meningkatnya Pembinaan dan Pengawasan Kecamatan terhadap Penyelenggaraan Pemerintah Desa"
    assert by_line[66].sasaran == "Meningkatnya Penyelenggaraan Urusan Pemerintahan Umum"
    assert by_line[54].sumber_data == "Laporan Hasil Evaluasi SAKIP"
    assert by_line[65].sumber_data == "Laporan pelaksanaan urusan yang ditugaskan"
    assert all(t.unit_kerja == "Kecamatan" and t.jenis_pk == "PK" for t in doc.target)


def test_program_budgets(doc: Dokumen) -> None:
    got = [(a.tingkat, a.nama, a.pagu, a.sumber_dana, a.tahap) for a in doc.anggaran]
    assert got == [
        ("program", "PROGRAM PEYELENGGARAAN URUSAN PEMERINTAHAN UMUM", 50_750_000, "APBD", "murni"),
        ("program", "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN", 18_910_000, "APBD", "murni"),
        ("program", "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN", 32_420_000, "APBD", "murni"),
        ("program", "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM", 5_305_000, "APBD", "murni"),
        ("program", "PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN", 17_765_000, "APBD", "murni"),
    ]
    assert next(a.pagu_teks for a in doc.anggaran) == "Rp 50.750.000"


def test_nothing_left_unread(doc: Dokumen) -> None:
    assert doc.catatan == []
    assert doc.realisasi == [] and doc.skor == []
