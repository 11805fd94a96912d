"""etl.rules pinned at every band edge and zero case (docs/domain.md §1–§3)."""

from __future__ import annotations

import math

import pytest

from etl import rules

# --- §1 capaian ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "target", "realisasi", "expected"),
    [
        (rules.FORMULA_POSITIVE, 10, 8, 80.0),
        (rules.FORMULA_POSITIVE, 10, 0, 0.0),  # nothing achieved is 0 %, not missing
        (rules.FORMULA_POSITIVE, 0, 0, None),  # no target: undefined
        (rules.FORMULA_POSITIVE, 0, 5, None),
        (rules.FORMULA_NEG_2T, 10, 8, 120.0),  # domain.md §1.2 table
        (rules.FORMULA_NEG_2T, 10, 0, 200.0),
        (rules.FORMULA_NEG_2T, 7, 6.5, pytest.approx(107.142857, abs=1e-5)),  # S1 p.110: T 7 bulan, R 6,5
        (rules.FORMULA_NEG_RATIO, 10, 8, 125.0),
        (rules.FORMULA_NEG_RATIO, 10, 0, None),  # a perfect outcome must not score 0 %
        (rules.FORMULA_NEG_DIFF, 10, 8, pytest.approx(20.0)),
        (rules.FORMULA_NEG_DIFF, 10, 0, 100.0),
        (rules.FORMULA_NEG_2T, 0, 0, 100.0),  # T = 0 and R = 0: perfect
        (rules.FORMULA_NEG_RATIO, 0, 0, 100.0),
        (rules.FORMULA_NEG_2T, 0, 3, None),  # T = 0 and R > 0: undefined, flagged elsewhere
        (rules.FORMULA_POSITIVE, None, 3, None),
        (rules.FORMULA_NEG_2T, 3, None, None),
    ],
)
def test_capaian_formulas_and_zero_cases(formula: str, target: float, realisasi: float, expected: object) -> None:
    assert rules.capaian(target, realisasi, formula) == expected


def test_unknown_formula_is_an_error() -> None:
    with pytest.raises(ValueError):
        rules.capaian(1, 1, "tebakan")


def test_the_printed_capaian_decides_the_formula() -> None:
    assert rules.detect_formula(10, 8, 80.0) == rules.FORMULA_POSITIVE
    assert rules.detect_formula(10, 8, 120.0) == rules.FORMULA_NEG_2T
    assert rules.detect_formula(10, 8, 125.04) == rules.FORMULA_NEG_RATIO  # within 0,05 pp
    assert rules.detect_formula(10, 8, 125.06) is None
    assert rules.detect_formula(10, 8, None) is None


@pytest.mark.parametrize(
    ("indikator", "expected"),
    [
        # issue 13: a decrease of a bad thing is higher-is-better
        ("Persentase penurunan angka stunting", "positif"),
        ("Menurunnya angka kemiskinan", "positif"),
        ("Angka kemiskinan yang menurun", "positif"),
        # a count of reported incidents measures reporting: not negative by the word "gangguan"
        ("Jumlah laporan kejadian gangguan ketenteraman dan keteriban umum yang dilaporkan", "positif"),
        ("Persentase penanganan gangguan trantibumlinmas", "positif"),
        ("Persentase pelanggaran perda yang ditegakkan", "positif"),
        ("Persentase penyelesaian kasus sengketa tanah", "positif"),
        ("Persentase penurunan waktu penyelesaian izin", "positif"),
        ("Indeks Kepuasan Masyarakat", "positif"),
        # the bad quantity itself, or a duration
        ("Angka kasus DBD", "negatif"),
        ("Tingkat pengangguran terbuka", "negatif"),
        ("Jumlah pelanggaran perda", "negatif"),
        ("Jumlah kejadian gangguan trantibum", "negatif"),
        ("Prevalensi stunting", "negatif"),
        ("Waktu penyelesaian pelayanan administrasi", "negatif"),
        ("Rata-rata waktu tunggu pelayanan", "negatif"),
    ],
)
def test_polarity_hint(indikator: str, expected: str) -> None:
    assert rules.polarity_hint(indikator) == expected


def test_a_printed_polarity_wins_over_the_hint() -> None:
    assert rules.polaritas("Angka kasus DBD", "Indikator Positif") == rules.POLARITY_POSITIVE
    assert rules.polaritas("Persentase penanganan gangguan", "Progres Negatif") == rules.POLARITY_NEGATIVE
    assert rules.polaritas("Angka kasus DBD", None) == rules.POLARITY_NEGATIVE
    assert rules.capaian_polaritas(10, 8, rules.POLARITY_NEGATIVE) == 120.0
    assert rules.capaian_polaritas(10, 8, rules.POLARITY_POSITIVE) == 80.0


def test_stunting_reads_as_printed() -> None:
    # "Persentase penurunan angka stunting", target 10, realisasi 12: the document prints 120 %;
    # the old hint (penurunan = negative) gave 80 %.
    polar = rules.polarity_hint("Persentase penurunan angka stunting")
    assert rules.capaian_polaritas(10, 12, polar) == pytest.approx(120.0)


# --- §2.1 capaian scale -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pct", "label"),
    [
        (250.0, "Sangat Tinggi"),
        (100.0, "Sangat Tinggi"),
        (91.0, "Sangat Tinggi"),
        (90.99, "Tinggi"),
        (76.0, "Tinggi"),
        (75.99, "Sedang"),
        (66.0, "Sedang"),
        (65.99, "Rendah"),
        (51.0, "Rendah"),
        (50.99, "Sangat Rendah"),
        (0.0, "Sangat Rendah"),
        (-5.0, "Sangat Rendah"),
        (None, None),
        (float("nan"), None),
    ],
)
def test_capaian_bands(pct: float | None, label: str | None) -> None:
    assert rules.predikat_capaian(pct) == label


# --- §1.5 clamped averages --------------------------------------------------------------------


def test_clamped_mean_with_the_plain_one_beside_it() -> None:
    # Kertanegara 2024: 106,47 / 97,06 / 95,70 → 97,59 clamped, 99,74 plain
    avg = rules.rata_rata_capaian([106.4659090909091, 97.05882352941177, 95.69696969696969])
    assert avg.nilai == pytest.approx(97.585, abs=0.001)
    assert avg.tanpa_batas == pytest.approx(99.741, abs=0.001)
    assert (avg.jumlah, avg.dibatasi) == (3, 1)
    assert avg.catatan is not None and "99,74%" in avg.catatan and "1 dari 3" in avg.catatan


def test_clamped_mean_edges() -> None:
    assert rules.rata_rata_capaian([]).nilai is None
    assert rules.rata_rata_capaian([None, float("nan")]).jumlah == 0
    inside = rules.rata_rata_capaian([0.0, 100.0])
    assert (inside.nilai, inside.dibatasi, inside.catatan) == (50.0, 0, None)
    below = rules.rata_rata_capaian([-20.0, 100.0])
    assert (below.nilai, below.tanpa_batas, below.dibatasi) == (50.0, 40.0, 1)
    assert rules.batasi_capaian(100.0001) == 100.0
    assert rules.batasi_capaian(-0.0001) == 0.0


# --- §2.2 SAKIP ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "code"),
    [
        (100.0, "AA"),
        (90.01, "AA"),
        (90.0, "A"),
        (80.01, "A"),
        (80.0, "BB"),  # lower-exclusive, upper-inclusive
        (70.01, "BB"),
        (70.0, "B"),
        (60.01, "B"),
        (60.0, "CC"),
        (50.01, "CC"),
        (50.0, "C"),
        (30.01, "C"),
        (30.0, "D"),
        (0.0, "D"),
    ],
)
@pytest.mark.parametrize("tahun", [2024, 2021])
def test_sakip_bands_under_both_regulations(nilai: float, code: str, tahun: int) -> None:
    p = rules.predikat_sakip_hitung(nilai, tahun)
    assert p is not None and p.kode == code and p.sumber == rules.SUMBER_HITUNG


def test_sakip_regulation_follows_the_evaluation_year() -> None:
    assert rules.regulasi_sakip(2022) == rules.SAKIP_88_2021
    assert rules.regulasi_sakip(2021) == rules.SAKIP_12_2015
    assert rules.regulasi_sakip(None) == rules.SAKIP_88_2021
    old = rules.predikat_sakip_hitung(55.0, 2021)
    new = rules.predikat_sakip_hitung(55.0, 2024)
    assert old is not None and new is not None
    assert (old.kode, old.label, old.regulasi) == ("CC", "Cukup (Memadai)", rules.SAKIP_12_2015)
    assert (new.kode, new.label, new.regulasi) == ("CC", "Cukup", rules.SAKIP_88_2021)
    assert rules.predikat_sakip(None) is None
    assert rules.predikat_sakip(63.16) == ("B", "Baik")
    assert rules.kategori_skor("SAKIP", 63.16) == "B (Baik)"


def test_a_printed_predicate_wins_over_the_computed_one() -> None:
    printed = rules.predikat_skor("SAKIP", 63.16, 2024, tertulis="BB")
    assert printed is not None and (printed.kode, printed.sumber, printed.regulasi) == ("BB", rules.SUMBER_DOKUMEN, None)
    computed = rules.predikat_skor("SAKIP", 63.16, 2024, tertulis="  ")
    assert computed is not None and (computed.kode, computed.regulasi) == ("B", rules.SAKIP_88_2021)
    k = rules.predikat_skor("KEMATANGAN", 37.5, 2024)
    assert k is not None and (k.kode, k.regulasi) == ("Tinggi", rules.KEMATANGAN_REGULATION)


# --- §2.3 IKM -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "code"),
    [
        (100.0, "A"),
        (88.31, "A"),
        (88.305, "A"),  # rounds to 88,31 as printed: no gap between printed bands
        (88.30, "B"),
        (76.61, "B"),
        (76.60, "C"),
        (65.00, "C"),
        (64.99, "D"),
        (25.0, "D"),
        # the same edges on the 1–4 scale
        (4.0, "A"),
        (3.5324, "A"),
        (3.532, "B"),
        (3.0644, "B"),
        (3.064, "C"),
        (2.60, "C"),
        (2.5996, "D"),
        (1.0, "D"),
    ],
)
def test_ikm_bands_14_2017(nilai: float, code: str) -> None:
    assert rules.mutu_ikm(nilai) is not None
    assert rules.mutu_ikm(nilai)[0] == code  # type: ignore[index]


@pytest.mark.parametrize(
    ("nilai", "code"),
    [
        (100.0, "A"),
        (81.26, "A"),
        (81.25, "B"),
        (62.51, "B"),
        (62.50, "C"),
        (43.76, "C"),
        (43.75, "D"),
        (25.0, "D"),
        (3.26, "A"),  # 81,50
        (3.25, "B"),  # 81,25
        (2.51, "B"),
        (2.50, "C"),
        (1.76, "C"),  # 44,00
        (1.75, "D"),  # 43,75
    ],
)
def test_ikm_bands_25_2004(nilai: float, code: str) -> None:
    p = rules.predikat_ikm(nilai, rules.IKM_25_2004)
    assert p is not None and p.kode == code and p.regulasi == rules.IKM_25_2004


def test_ikm_rescaling_between_1_4_and_25_100() -> None:
    assert rules.ikm_to_nik(1.0) == 25.0
    assert rules.ikm_to_nik(3.84) == pytest.approx(96.0)
    assert rules.ikm_to_nik(4.0) == 100.0  # the top of the 1–4 scale
    assert rules.ikm_to_nik(4.01) == 4.01  # above 4: already 25–100 (out of range there, reported by the review)
    assert rules.ikm_to_nik(93.69) == 93.69
    assert rules.nik_to_ni(96.0) == pytest.approx(3.84)


def test_ikm_regulation_from_evidence_then_year() -> None:
    assert rules.regulasi_ikm(2016, jumlah_unsur=14) == rules.IKM_25_2004
    assert rules.regulasi_ikm(2016, jumlah_unsur=9) == rules.IKM_14_2017
    assert rules.regulasi_ikm(2024) == rules.IKM_14_2017
    assert rules.regulasi_ikm(2018) == rules.IKM_14_2017
    assert rules.regulasi_ikm(None) == rules.IKM_14_2017
    assert rules.regulasi_ikm(2017) is None  # either regulation: no computed mutu without evidence
    assert rules.kategori_skor("IKM", 80.0, 2017) is None
    assert rules.kategori_skor("IKM", 80.0, 2024) == "B (Baik)"
    assert len(rules.IKM_UNSUR) == 9 and len(rules.IKM_UNSUR_2004) == 14


# --- §2.4 Kematangan ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        (55.0, "Sangat Tinggi"),
        (46.1, "Sangat Tinggi"),
        (46.0, "Tinggi"),  # the guide; flagged as ambiguous
        (37.1, "Tinggi"),
        (37.0, "Sedang"),
        (28.1, "Sedang"),
        (28.0, "Rendah"),
        (19.1, "Rendah"),
        (19.0, "Sangat Rendah"),
        (11.0, "Sangat Rendah"),
        (None, None),
    ],
)
def test_kematangan_category(nilai: float | None, label: str | None) -> None:
    assert rules.kategori_kematangan(nilai) == label


def test_kematangan_level_is_the_lowest_variable() -> None:
    assert rules.level_kematangan([5, 5, 4, 5, 2, 5, 5, 5, 5, 5, 5]) == 2
    assert rules.level_kematangan([3] * 11) == 3
    assert rules.level_kematangan([1, None, 5]) == 1
    assert rules.level_kematangan([]) is None
    assert rules.level_kematangan([3, 6]) is None  # a level outside I–V
    assert rules.level_kematangan([3, 0]) is None
    assert rules.level_kematangan([3, 2.5]) is None
    assert rules.level_romawi(rules.level_kematangan([4, 2])) == "II"
    assert rules.kematangan_ambigu(46.0) and not rules.kematangan_ambigu(46.1)


# --- §3 serapan and efficiency --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pagu", "realisasi", "expected"),
    [
        (1_714_490_000, 1_607_070_802, pytest.approx(93.7346, abs=1e-4)),
        (100.0, 0.0, 0.0),  # realisasi 0 → 0 %
        (100.0, None, None),  # not reported is not 0 %
        (0.0, 5.0, None),  # never inf
        (0.0, 0.0, None),
        (None, 5.0, None),
        (-10.0, 5.0, None),
        (float("nan"), 5.0, None),
        (100.0, 150.0, 150.0),  # over pagu stays as it is (the review flags it)
    ],
)
def test_serapan_zero_cases(pagu: float | None, realisasi: float | None, expected: object) -> None:
    got = rules.serapan(pagu, realisasi)
    assert got == expected
    assert got is None or math.isfinite(got)


def test_efficiency_conventions() -> None:
    # Kertanegara LKjIP 2024 Tabel 3.24: 106,46 − 90,87 = 15,59
    assert rules.efisiensi(106.46, 90.87, rules.EFFICIENCY_SELISIH) == pytest.approx(15.59)
    assert rules.efisiensi(106.46, 90.87, rules.EFFICIENCY_RASIO) == pytest.approx(1.17157, abs=1e-5)
    assert rules.efisiensi(106.46, 90.87, rules.EFFICIENCY_SERAPAN) == 90.87
    assert rules.efisiensi(100.0, 0.0, rules.EFFICIENCY_RASIO) is None
    assert rules.efisiensi(None, 90.0, rules.EFFICIENCY_SELISIH) is None
    with pytest.raises(ValueError):
        rules.efisiensi(1.0, 1.0, "lain")


@pytest.mark.parametrize(
    ("selisih", "label"),
    [
        (15.59, "Efisien"),
        (5.01, "Efisien"),
        (5.0, "Cukup Efisien"),
        (0.0, "Cukup Efisien"),
        (-5.0, "Cukup Efisien"),
        (-5.01, "Tidak Efisien"),
        (None, None),
    ],
)
def test_efficiency_category_edges(selisih: float | None, label: str | None) -> None:
    assert rules.kategori_efisiensi(selisih) == label
