"""Facts the review reads (officials, statements) and the checks built on them, on small made-up
documents; plus one-finding-per-slip and the wrong-cell rules of the budget checks."""

from __future__ import annotations

from etl import rules
from etl.documents import pejabat, pernyataan
from etl.model import Anggaran, AnggaranSasaran, Line, Perjanjian, Realisasi
from etl.review import anggaran, gabung, narasi, persentase
from etl.review.finding import GALAT, INFO, PERINGATAN, Temuan
from tests.review.test_checks import SURVEY, _doc, survey_doc


def _lines(texts: list[str]) -> list[Line]:
    return [Line(i, t) for i, t in enumerate(texts, start=1)]


def _realisasi(no: int, indikator: str, kunci: str, target: float, nilai: float, capaian: float) -> Realisasi:
    return Realisasi(
        no, "Tabel 3.2", "Kecamatan", 2024, None, indikator, kunci, "Angka", target, None, nilai, None, capaian, None,
        capaian, rules.FORMULA_POSITIVE, None, None, None, None, False, no,
    )  # fmt: skip


# --- one finding per slip --------------------------------------------------------------------------


def test_findings_of_one_wrong_cell_become_one_with_every_place() -> None:
    def t(kode: str, line: int, tingkat: str = GALAT, slip: str | None = "x", turunan: bool = False) -> Temuan:
        return Temuan(kode, tingkat, f"{kode} di {line}.", "1", "2", line, baris_terkait=(line, 1), slip=slip, turunan=turunan)

    merged = gabung.merge([t("a", 10), t("a", 20, PERINGATAN), t("b", 30, turunan=True), t("c", 40, slip=None)])
    assert [m.kode for m in merged] == ["a", "c"]
    one = merged[0]
    assert one.tingkat == GALAT and one.sumber_baris == 10 and one.baris_terkait == (1, 10, 20, 30)
    assert one.pesan == "a di 10. Angka turunan di baris 30: b di 30. Salah tulis yang sama tampak juga di baris 20."
    # the same key in two documents (cross-document findings) is two slips
    other = t("a", 10)
    other.dokumen_id = "lain"
    assert len(gabung.merge([t("a", 10), other])) == 2


# --- officials ----------------------------------------------------------------------------------------


def test_officials_from_the_opening_and_the_signature() -> None:
    lines = _lines(
        [
            "PERJANJIAN KINERJA TAHUN 2024",
            "Nama : **BUDI SANTOSO, S.IP**",
            "Jabatan : CAMAT CONTOH",
            "Selanjutnya disebut Pihak Pertama",
            "Nama : Ir. H. WAHYU",
            "Jabatan : BUPATI CONTOH",
            "Selaku atasan Pihak Pertama, selanjutnya disebut Pihak Kedua",
            "Contoh, 2 Januari 2024",
            "Pihak Pertama,",
            "",
            "BUDI SANTOSO,S.IP",
            "NIP. 19700101 199003 1 001",
        ]
    )
    found = pejabat.officials(lines, [Perjanjian(1, "PK", "Kecamatan", None, None, None, None, None, None, 1, 12)])
    rows = [(p.peran, p.nama_baku, p.nip, p.jabatan, p.baris_nama, p.sumber_baris) for p in found]
    assert rows == [
        ("pihak_pertama", "BUDI SANTOSO", None, "CAMAT CONTOH", 2, 2),
        ("pihak_kedua", "WAHYU", None, "BUPATI CONTOH", 5, 5),
        # the signature names its party; its position is the one the opening gives the same person
        ("pihak_pertama", "BUDI SANTOSO", "19700101 199003 1 001", "CAMAT CONTOH", 11, 12),
    ]
    assert {p.perjanjian_urutan for p in found} == {1} and found[2].nip_baku == "197001011990031001"


# --- statements ----------------------------------------------------------------------------------------


def test_target_claims_leave_out_negations_and_conditions() -> None:
    sentences = [
        (Line(1, ""), "Meskipun Indikator Kinerja telah mencapai target bahkan"),
        (Line(2, ""), "Kecamatan mampu mencapai target kinerja yang telah ditetapkan."),
        (Line(3, ""), "Nilai SAKIP belum mencapai target."),
        (Line(4, ""), "Jika terdapat indikator yang belum memenuhi target, kami akui kekurangannya."),
        (Line(5, ""), "Upaya agar dapat mencapai target tahun depan."),
    ]
    assert [s.sumber_baris for s in pernyataan.target_claims(sentences)] == [1, 2]


def test_comparisons_and_changes_keep_both_numbers() -> None:
    text = (
        "Capaian kinerja SAKIP Kecamatan masih berada di bawah rata-rata Nilai SAKIP se Kabupaten yang berada pada "
        "nilai 70,25. Nilai SAKIP mengalami peningkatan yaitu dari nilai 60,10 menjadi 58,20 tahun ini."
    )
    found = pernyataan.statements(_lines([text]))
    compare = next(s for s in found if s.jenis == pernyataan.PERBANDINGAN)
    assert (compare.kunci, compare.ukuran, compare.arah, compare.nilai) == ("SAKIP", "capaian", "di_bawah", 70.25)
    change = next(s for s in found if s.jenis == pernyataan.PERUBAHAN)
    assert (change.kunci, change.arah, change.pembanding, change.nilai) == ("SAKIP", "naik", 60.10, 58.20)


CELL_TABLES = [
    "Sasaran kinerja ini memiliki 2 (dua) indikator kinerja yang menggambarkan sasaran :",
    "\tNo",
    "\tUraian",
    "",
    "\t1",
    "\tPersentase dokumen tepat waktu",
    "",
    "\t2",
    "\tPersentase laporan lengkap",
    "",
    "Target Kinerja",
    "\tNo",
    "\tIndikator Kinerja",
    "\tTarget",
    "",
    "\t1",
    "\tPersentase dokumen tepat waktu",
    "\t100",
    "",
    "\t",
    "\tPersentase laporan lengkap",
    "\t",
    "",
    "\t",
    "\tPersentase arsip tertata",
    "\t",
    "",
    "Penjelasan Kinerja 2",
]


def test_a_stated_count_against_the_tables_after_it() -> None:
    counts = pernyataan.stated_counts(_lines(CELL_TABLES))
    assert [(s.arah, s.nilai, s.pembanding, s.baris_pembanding) for s in counts] == [
        ("tabel", 2.0, 2.0, 2),
        ("tabel", 2.0, 3.0, 12),
    ]
    found = narasi.check_counts(counts)
    assert [(t.kode, t.tingkat, t.sumber_baris, t.angka_hitung) for t in found] == [("narasi_jumlah", GALAT, 1, 3.0)]
    assert "tabel di baris 12 memuat 3" in found[0].pesan and "baris 2 memang memuat 2" in found[0].pesan
    word = pernyataan.stated_counts(_lines(["Sasaran ini memiliki 8 (tujuh) indikator kinerja."]))
    assert [(s.arah, s.pembanding) for s in word] == [("kata", 7.0)]
    assert [t.kode for t in narasi.check_counts(word)] == ["narasi_jumlah"]


# --- narrative checks ------------------------------------------------------------------------------------


def test_targets_said_met_while_some_were_not() -> None:
    realisasi = [
        _realisasi(10, "Indeks Kepuasan Masyarakat", "IKM", 88, 93.69, 106.46),
        _realisasi(11, "Nilai SAKIP", "SAKIP", 66, 63.16, 95.69),
    ]
    claims = pernyataan.target_claims(
        [(Line(30, ""), "Kecamatan telah mencapai target kinerja."), (Line(40, ""), "Sudah memenuhi target.")]
    )
    found = gabung.merge(narasi.check_target_claims(claims, realisasi, 2024))
    assert [(t.kode, t.sumber_baris) for t in found] == [("narasi_target", 30)]  # one claim written twice
    assert "1 dari 2 indikator belum mencapai target: Nilai SAKIP 95,69% (baris 11)" in found[0].pesan
    assert "baris 40" in found[0].pesan and 11 in found[0].baris_terkait
    earlier = pernyataan.target_claims([(Line(45, ""), "Pada tahun 2023 kecamatan telah mencapai target.")])
    assert narasi.check_target_claims(earlier, realisasi, 2024) == []  # about another year
    met = [_realisasi(10, "Indeks Kepuasan Masyarakat", "IKM", 88, 93.69, 106.46)]
    assert narasi.check_target_claims(claims, met, 2024) == []


def test_a_comparison_the_numbers_contradict() -> None:
    realisasi = [_realisasi(11, "Nilai SAKIP", "SAKIP", 66, 63.16, 95.69)]
    said_below = pernyataan.comparisons([(Line(50, ""), "Capaian kinerja SAKIP masih di bawah rata-rata kabupaten 73,17.")])
    found = narasi.check_comparisons(said_below, realisasi, 2024)
    assert [(t.kode, t.sumber_baris, t.angka_hitung) for t in found] == [("narasi_banding", 50, 95.69)]
    assert "nilai SAKIP 63,16" in found[0].pesan  # the measure that is below
    nilai_below = pernyataan.comparisons([(Line(50, ""), "Nilai SAKIP masih di bawah rata-rata kabupaten 73,17.")])
    assert narasi.check_comparisons(nilai_below, realisasi, 2024) == []
    changes = pernyataan.comparisons([(Line(60, ""), "SAKIP menurun dari 60,00 menjadi 63,16.")])
    assert [t.kode for t in narasi.check_changes(changes)] == ["narasi_arah"]
    rising = pernyataan.comparisons([(Line(60, ""), "SAKIP meningkat dari 60,00 menjadi 63,16.")])
    assert narasi.check_changes(rising) == []


def _program(no: int, nama: str, pagu: float) -> Anggaran:
    return Anggaran(
        no,
        None,
        "Tabel 2.5",
        "Kecamatan",
        "perubahan",
        "program",
        "baris",
        nama,
        None,
        pagu,
        None,
        None,
        None,
        None,
        None,
        None,
        no,
    )


def _sasaran(no: int, nama: str, pagu: float) -> AnggaranSasaran:
    return AnggaranSasaran(
        no, "Tabel 3.22 Anggaran per sasaran", nama, None, None, None, None, None, pagu, None, None, None, None, None, no
    )


def test_a_budget_grouped_by_sasaran_another_way_than_the_narrative() -> None:
    lines = _lines(
        [
            "Tujuan 1 : Meningkatnya kualitas pelayanan kecamatan",
            "Adapun Program dan Kegiatan yang mendukung sasaran kinerja adalah sebagai berikut :",
            "1. Program Pelayanan Publik",
            " - a. Kegiatan koordinasi",
            "2. Program Pemberdayaan Masyarakat",
            "",
            "3. Capaian Kinerja Implementasi SAKIP Kecamatan",
            "Adapun Program dan Kegiatan yang mendukung sasaran kinerja adalah sebagai berikut :",
            "1. Program Penunjang Urusan",
            "Uraian berikutnya.",
        ]
    )
    facts = pernyataan.program_lists(lines)
    assert [(s.teks, s.kunci, s.baris_pembanding) for s in facts] == [
        ("Program Pelayanan Publik", None, 1),
        ("Program Pemberdayaan Masyarakat", None, 1),
        ("Program Penunjang Urusan", "SAKIP", 7),
    ]
    budget = [
        _program(20, "Program Pelayanan Publik", 100),
        _program(21, "Program Pemberdayaan Masyarakat", 30),
        _program(22, "Program Penunjang Urusan", 500),
    ]
    table = [_sasaran(30, "Meningkatnya kualitas pelayanan kecamatan", 100), _sasaran(31, "Meningkatnya implementasi SAKIP", 530)]
    found = gabung.merge(narasi.check_grouping(facts, budget, table))
    assert [(t.kode, t.sumber_baris) for t in found] == [("narasi_kelompok", 30)]
    assert "selisih 30 = 'Program Pemberdayaan Masyarakat'" in found[0].pesan and "baris 31" in found[0].pesan
    agreed = [
        _sasaran(30, "Meningkatnya kualitas pelayanan kecamatan", 130),
        _sasaran(31, "Meningkatnya implementasi SAKIP", 500),
    ]
    assert narasi.check_grouping(facts, budget, agreed) == []


# --- which cell is wrong ---------------------------------------------------------------------------------


def _line(no: int, tingkat: str, induk: int | None, pagu: float, real: float, pct: float | None) -> Anggaran:
    return Anggaran(
        no, None, "Tabel 3.23", "Kecamatan", "perubahan", tingkat, "baris", f"baris {no}", induk, pagu, None, real, None, pct,
        None if pct is None else f"{pct:.2f}".replace(".", ","), None, no,
    )  # fmt: skip


def test_the_printed_total_and_percentages_name_the_wrong_cell() -> None:
    rows = [
        _line(1, "program", None, 200, 180, None),  # program total printed: 100 + 80
        _line(2, "kegiatan", 1, 100, 90, 100.0),  # printed 90, its lines 100, its percentage 100: the kegiatan is wrong
        _line(3, "sub_kegiatan", 2, 100, 100, 100.0),
        _line(4, "kegiatan", 1, 100, 80, 80.0),  # printed 80, its one line 85: the line is wrong
        _line(5, "sub_kegiatan", 4, 100, 85, 80.0),
    ]
    printed = {180.0: 1}
    found = {t.sumber_baris: t for t in anggaran.check_table(rows, printed)}
    assert set(found) == {2, 5}  # the program's 180 holds once the kegiatan's 90 is read as 100
    assert "angka kegiatan inilah yang salah tulis" in found[2].pesan and found[2].slip == "anggaran:2"
    assert found[5].nilai_tertulis == "85" and found[5].nilai_hitung == "80" and "seharusnya 80" in found[5].pesan
    assert "jumlah tertulis 180 di baris 1 hanya cocok dengan 100" in found[2].pesan


def test_a_row_of_shares_rounded_to_add_up_to_100_is_a_rounding() -> None:
    rows = [ln.format(a=172, b=459, n=631, pa="27,24%", pb="72,76%") for ln in SURVEY]  # 27,26 / 72,74
    found = persentase.check_shares(survey_doc(rows))
    assert {t.tingkat for t in found} == {PERINGATAN}
    assert any("berjumlah tepat 100%" in t.pesan for t in found)
    off = [ln.format(a=172, b=459, n=631, pa="25,24%", pb="74,76%") for ln in SURVEY]
    assert GALAT in {t.tingkat for t in persentase.check_shares(survey_doc(off))}


def test_an_efficiency_built_on_a_wrong_serapan_is_part_of_its_slip() -> None:
    row = AnggaranSasaran(
        1, "Tabel 3.24", "SAKIP", None, "SAKIP", 66, 63.16, 95.69, 1_714_490_000, 1_607_070_802, 85.0, "85,00", 10.69, None, 905
    )
    derived = persentase.check_efisiensi_masukan([row])
    assert [(t.kode, t.tingkat, t.turunan) for t in derived] == [("efisiensi_masukan", GALAT, True)]
    assert "= 1,96" in derived[0].pesan
    serapan = persentase.check_serapan(1_714_490_000, 1_607_070_802, 85.0, "85,00", 905, "SAKIP", slip=derived[0].slip)
    merged = gabung.merge([*serapan, *derived])
    assert len(merged) == 1 and merged[0].kode == "serapan_persen" and "Angka turunan di baris 905" in merged[0].pesan
    assert INFO not in {t.tingkat for t in merged}


def test_values_restated_in_a_sentence_are_compared_with_the_table() -> None:
    from etl.review import ganda

    sentence = "Nilai SAKIP Kecamatan pada Tahun 2024 yaitu 61,16 dari target 66,00 atau tercapai 95,69 %."
    doc = _doc(["x"] * 20 + [sentence], jenis="LKJIP", realisasi=[_realisasi(5, "Nilai SAKIP", "SAKIP", 66, 63.16, 95.69)])
    facts = pernyataan.restated_values(doc.lines)
    assert [(s.ukuran, s.kunci, s.nilai, s.sumber_baris) for s in facts] == [
        ("target", "SAKIP", 66.0, 21),
        ("realisasi", "SAKIP", 61.16, 21),
        ("capaian", "SAKIP", 95.69, 21),
    ]
    doc.pernyataan = facts
    found = ganda.check_realisasi(doc)
    assert [(t.kode, t.sumber_baris, t.nilai_tertulis, t.nilai_hitung) for t in found] == [
        ("ganda_realisasi", 21, "61,16", "63,16")
    ]
    hope = pernyataan.restated_values(
        _lines(["Nilai SAKIP ditahun 2024 di tetapkan target 71,55 dan diharapkan dpt tercapai 100%."])
    )
    assert [(s.ukuran, s.nilai) for s in hope] == [("target", 71.55)]  # a hope is not a capaian


def test_the_review_reads_facts_not_the_text(seed_docs: dict[str, object]) -> None:
    """With the lines and tables taken away, every finding on the seeds stays the same: the
    checks read the extracted facts only (lines are kept for the OCR note, absent here)."""
    from dataclasses import replace as copy

    from etl.model import Dokumen
    from etl.review import review_document

    for name, doc in seed_docs.items():
        assert isinstance(doc, Dokumen)
        bare = copy(doc, lines=[], tabel=[])
        assert [t.row("d", 0, "dokumen") for t in review_document(bare)] == [
            t.row("d", 0, "dokumen") for t in review_document(doc)
        ], name
