"""The domain rules of docs/domain.md, each written once.

ETL, review and dashboard all call these functions; nothing else restates a threshold or formula.
Section numbers (§x) refer to docs/domain.md. Pure: no I/O, no Streamlit, no database; the SQL
forms at the end are text for queries and views to use verbatim (tests/rules/test_rules_agree.py
shows that they agree with the Python forms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from etl import format as fmt
from etl.text import fold

# --- §1 capaian -------------------------------------------------------------------------------

FORMULA_POSITIVE = "positif"  # R / T × 100
FORMULA_NEG_2T = "neg_2t"  # (2T − R) / T × 100
FORMULA_NEG_RATIO = "neg_ratio"  # T / R × 100
FORMULA_NEG_DIFF = "neg_diff"  # (T − R) / T × 100
FORMULAS = (FORMULA_POSITIVE, FORMULA_NEG_2T, FORMULA_NEG_RATIO, FORMULA_NEG_DIFF)

# §6.1: a recomputed capaian matches the printed one within this many percentage points.
CAPAIAN_MATCH_PP = 0.05


def capaian(target: float | None, realisasi: float | None, formula: str = FORMULA_POSITIVE) -> float | None:
    """Capaian in percent under one formula; None where the formula is undefined (§1.2 zero cases)."""
    if target is None or realisasi is None:
        return None
    if formula == FORMULA_POSITIVE:
        return None if target == 0 else realisasi / target * 100
    if target == 0:
        # §1.2: T = 0 and R = 0 is a perfect negative outcome; T = 0 and R > 0 is undefined.
        return 100.0 if realisasi == 0 else None
    if formula == FORMULA_NEG_2T:
        return (2 * target - realisasi) / target * 100
    if formula == FORMULA_NEG_RATIO:
        return None if realisasi == 0 else target / realisasi * 100
    if formula == FORMULA_NEG_DIFF:
        return (target - realisasi) / target * 100
    raise ValueError(f"unknown capaian formula {formula!r}")


def detect_formula(target: float | None, realisasi: float | None, reported: float | None) -> str | None:
    """§6.1: the formula whose result matches the printed capaian, or None when none does."""
    if reported is None:
        return None
    for formula in FORMULAS:
        value = capaian(target, realisasi, formula)
        if value is not None and abs(value - reported) <= CAPAIAN_MATCH_PP:
            return formula
    return None


POLARITY_POSITIVE = "positif"
POLARITY_NEGATIVE = "negatif"

# §1.3 (correction): a hint is negative only when the indicator measures a bad quantity itself
# ("angka kasus", "tingkat pengangguran", "waktu penyelesaian"). The same bad quantity reduced,
# handled or reported is a good thing: "Persentase penurunan angka stunting", "Persentase
# penanganan gangguan …", "Jumlah laporan kejadian gangguan … yang dilaporkan" are higher-is-better.
# "gangguan" and "penurunan" alone are no hint at all.
_BAD_QUANTITY = re.compile(
    r"\b(angka kasus|jumlah kasus|kasus|pelanggaran|pengangguran|kemiskinan|stunting|kematian|"
    r"kejadian gangguan|tunggakan|angka putus sekolah|balita gizi buruk)\b"
)
_TIME_QUANTITY = re.compile(r"\b(waktu penyelesaian|lama penyelesaian|waktu tunggu|lama waktu|rata-rata waktu)\b")
_TURNS_GOOD = re.compile(
    r"\b(penurunan|menurunnya|menurun|turunnya|berkurangnya|pengurangan|penanganan|tertanganinya|tertangani|"
    r"ditangani|penyelesaian|terselesaikannya|terselesaikan|diselesaikan|pencegahan|penegakan|"
    r"ditegakkan|penindakan|ditindaklanjuti|tindak lanjut|laporan|dilaporkan|pelaporan)\b"
)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s-]", " ", text.lower())).strip()


def polarity_hint(indikator: str) -> str:
    """§1.3: the polarity the wording suggests, 'negatif' or 'positif' (a hint only: a printed capaian
    or an explicit 'Indikator Negatif' column wins over it).

    Negative when the indicator measures a bad quantity or a duration, unless a word of reduction,
    handling or reporting (anywhere outside the bad quantity; for a duration, before it) turns it
    into a good one."""
    low = _words(indikator)
    spans = [m.span() for m in _BAD_QUANTITY.finditer(low)]
    times = [m.span() for m in _TIME_QUANTITY.finditer(low)]
    if not spans and not times:
        return POLARITY_POSITIVE
    inside = [*spans, *times]
    good = [m.start() for m in _TURNS_GOOD.finditer(low) if not any(a <= m.start() < b for a, b in inside)]
    if times and not spans:
        return POLARITY_POSITIVE if any(g < times[0][0] for g in good) else POLARITY_NEGATIVE
    return POLARITY_POSITIVE if good else POLARITY_NEGATIVE


def polarity_hint_word(indikator: str) -> str | None:
    """The words of the indicator that make :func:`polarity_hint` negative (the bad quantity or the
    duration it measures), for saying why; None when the hint is positive."""
    if polarity_hint(indikator) != POLARITY_NEGATIVE:
        return None
    low = _words(indikator)
    found = _BAD_QUANTITY.search(low) or _TIME_QUANTITY.search(low)
    return found.group(0) if found else None


def polaritas(indikator: str, jenis_tertulis: str | None = None) -> str:
    """The polarity to use: a printed 'Indikator Negatif/Positif' (or 'Progres Negatif') wins, else the hint."""
    if jenis_tertulis:
        low = jenis_tertulis.lower()
        if "negatif" in low:
            return POLARITY_NEGATIVE
        if "positif" in low:
            return POLARITY_POSITIVE
    return polarity_hint(indikator)


def formula_polaritas(polar: str) -> str:
    """§1.2 default: neg_2t for a negative indicator, R/T for a positive one."""
    return FORMULA_NEG_2T if polar == POLARITY_NEGATIVE else FORMULA_POSITIVE


def capaian_polaritas(target: float | None, realisasi: float | None, polar: str) -> float | None:
    """Capaian under the default formula of a polarity (§1.2)."""
    return capaian(target, realisasi, formula_polaritas(polar))


# --- §2.1 capaian scale (Permendagri 86/2017) ------------------------------------------------

CAPAIAN_SCALE = ((91.0, "Sangat Tinggi"), (76.0, "Tinggi"), (66.0, "Sedang"), (51.0, "Rendah"))
CAPAIAN_LOWEST = "Sangat Rendah"
# Some LKjIP print the same bands as Sangat Baik / Baik / Cukup / Kurang / Sangat Kurang.
CAPAIAN_LABELS_BAIK = {
    "Sangat Tinggi": "Sangat Baik",
    "Tinggi": "Baik",
    "Sedang": "Cukup",
    "Rendah": "Kurang",
    "Sangat Rendah": "Sangat Kurang",
}


def predikat_capaian(pct: float | None) -> str | None:
    """Half-open thresholds ≥91, ≥76, ≥66, ≥51, else; above 100 stays Sangat Tinggi."""
    if pct is None or fmt.missing(pct):
        return None
    for lower, label in CAPAIAN_SCALE:
        if pct >= lower:
            return label
    return CAPAIAN_LOWEST


# --- §2.2 Nilai SAKIP: PermenPANRB 88/2021 from the 2022 evaluations, 12/2015 before ------------

SAKIP_88_2021 = "PermenPANRB 88/2021"
SAKIP_12_2015 = "PermenPANRB 12/2015"
# §2.2: the year of a SAKIP value is the evaluation year (the LHE's), not the year assessed.
SAKIP_METHOD_CHANGE_YEAR = 2022  # first evaluation year under 88/2021

SAKIP_SCALE = (
    (90.0, "AA", "Sangat Memuaskan"),
    (80.0, "A", "Memuaskan"),
    (70.0, "BB", "Sangat Baik"),
    (60.0, "B", "Baik"),
    (50.0, "CC", "Cukup"),
    (30.0, "C", "Kurang"),
)
SAKIP_LOWEST = ("D", "Sangat Kurang")
# 12/2015: the same lower-exclusive thresholds and letters; CC reads "Cukup (Memadai)" (§2.2).
SAKIP_SCALE_2015 = tuple((lo, code, "Cukup (Memadai)" if code == "CC" else label) for lo, code, label in SAKIP_SCALE)
SAKIP_SCALES = {SAKIP_88_2021: SAKIP_SCALE, SAKIP_12_2015: SAKIP_SCALE_2015}


@dataclass(frozen=True)
class Predikat:
    """A category with where it comes from: printed in the document, or computed under a regulation."""

    kode: str
    label: str
    sumber: str  # SUMBER_DOKUMEN or SUMBER_HITUNG
    regulasi: str | None  # the regulation a computed predicate used; None when printed

    def teks(self) -> str:
        return self.kode if self.kode == self.label else f"{self.kode} ({self.label})"


SUMBER_DOKUMEN = "dokumen"
SUMBER_HITUNG = "hitung"


def regulasi_sakip(tahun_evaluasi: int | None) -> str:
    """§2.2: 88/2021 for evaluations of 2022 on (and when the year is unknown), 12/2015 before."""
    return SAKIP_12_2015 if tahun_evaluasi is not None and tahun_evaluasi < SAKIP_METHOD_CHANGE_YEAR else SAKIP_88_2021


def predikat_sakip(nilai: float | None, tahun_evaluasi: int | None = None) -> tuple[str, str] | None:
    """Lower-exclusive, upper-inclusive bands: 80.00 → BB, 80.01 → A (both regulations)."""
    p = predikat_sakip_hitung(nilai, tahun_evaluasi)
    return None if p is None else (p.kode, p.label)


def predikat_sakip_hitung(nilai: float | None, tahun_evaluasi: int | None = None) -> Predikat | None:
    """The computed SAKIP predicate, naming the regulation whose bands it used."""
    if nilai is None or fmt.missing(nilai):
        return None
    reg = regulasi_sakip(tahun_evaluasi)
    for lower, code, label in SAKIP_SCALES[reg]:
        if nilai > lower:
            return Predikat(code, label, SUMBER_HITUNG, reg)
    return Predikat(*SAKIP_LOWEST, SUMBER_HITUNG, reg)


@dataclass(frozen=True)
class SakipComponent:
    urutan: int
    nama: str
    bobot: float
    sub_bobot: tuple[float, float, float]  # keberadaan 20 %, kualitas 30 %, pemanfaatan 50 %


SAKIP_COMPONENTS = (
    SakipComponent(1, "Perencanaan Kinerja", 30.0, (6.0, 9.0, 15.0)),
    SakipComponent(2, "Pengukuran Kinerja", 30.0, (6.0, 9.0, 15.0)),
    SakipComponent(3, "Pelaporan Kinerja", 15.0, (3.0, 4.5, 7.5)),
    SakipComponent(4, "Evaluasi Akuntabilitas Kinerja Internal", 25.0, (5.0, 7.5, 12.5)),
)
SAKIP_SUBCOMPONENTS = ("Keberadaan", "Kualitas", "Pemanfaatan")
# §2.2: evaluations before 2022 used PermenPANRB 12/2015 (five components); trends across
# SAKIP_METHOD_CHANGE_YEAR span a change of method.


# --- §2.3 IKM: PermenPANRB 14/2017 (9 unsur) and Kepmenpan 25/2004 (14 unsur) ------------------

IKM_14_2017 = "PermenPANRB 14/2017"
IKM_25_2004 = "Kepmenpan 25/2004"
IKM_14_2017_FROM_YEAR = 2018  # first survey year assumed to follow 14/2017 when nothing else tells

IKM_UNSUR = (
    "Persyaratan",
    "Sistem, Mekanisme dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
)
IKM_UNSUR_2004 = (
    "Prosedur Pelayanan",
    "Persyaratan Pelayanan",
    "Kejelasan Petugas Pelayanan",
    "Kedisiplinan Petugas Pelayanan",
    "Tanggung Jawab Petugas Pelayanan",
    "Kemampuan Petugas Pelayanan",
    "Kecepatan Pelayanan",
    "Keadilan Mendapatkan Pelayanan",
    "Kesopanan dan Keramahan Petugas",
    "Kewajaran Biaya Pelayanan",
    "Kepastian Biaya Pelayanan",
    "Kepastian Jadwal Pelayanan",
    "Kenyamanan Lingkungan",
    "Keamanan Pelayanan",
)
IKM_WEIGHT_PRINTED = 0.11  # 1/9 as printed; gives 0.99 × the exact mean
IKM_TOLERANCE_PCT = 1.0  # §2.3: accept both weightings within ±1 %
IKM_NIK_FACTOR = 25  # NI on 1–4 × 25 = NIK on 25–100
IKM_NI_MAX = 4.0  # a value up to 4 is on the 1–4 scale (§2.3: scale detected by value range)
# Lower bounds of each band on the 25–100 scale, as printed (to 0,01); a value is compared after
# rounding half-up to 0,01, so no value falls between two printed bands.
IKM_SCALE_NIK = ((88.31, "A", "Sangat Baik"), (76.61, "B", "Baik"), (65.00, "C", "Kurang Baik"))
IKM_SCALE_NIK_2004 = ((81.26, "A", "Sangat Baik"), (62.51, "B", "Baik"), (43.76, "C", "Kurang Baik"))
IKM_LOWEST = ("D", "Tidak Baik")
IKM_SCALES = {IKM_14_2017: IKM_SCALE_NIK, IKM_25_2004: IKM_SCALE_NIK_2004}
IKM_UNSUR_BY_REGULATION = {IKM_14_2017: IKM_UNSUR, IKM_25_2004: IKM_UNSUR_2004}


def ikm_to_nik(nilai: float) -> float:
    """§2.3: a value on the 1–4 scale is converted to 25–100; values above 4 are already NIK."""
    return nilai * IKM_NIK_FACTOR if nilai <= IKM_NI_MAX else nilai


def nik_to_ni(nik: float) -> float:
    """The inverse of ikm_to_nik for a value on 25–100."""
    return nik / IKM_NIK_FACTOR


def regulasi_ikm(tahun: int | None = None, jumlah_unsur: int | None = None) -> str | None:
    """Which IKM regulation a survey follows: its number of unsur decides (14 → 25/2004, 9 → 14/2017);
    else its year (from 2018 on, or unknown → 14/2017). A survey of 2017 or before with no other
    evidence may follow either (or PermenPANRB 16/2014, not modelled): None, no computed mutu."""
    if jumlah_unsur == len(IKM_UNSUR_2004):
        return IKM_25_2004
    if jumlah_unsur == len(IKM_UNSUR):
        return IKM_14_2017
    if tahun is None or tahun >= IKM_14_2017_FROM_YEAR:
        return IKM_14_2017
    return None


def predikat_ikm(nilai: float | None, regulasi: str | None = IKM_14_2017) -> Predikat | None:
    """Mutu letter and kinerja unit of an IKM on either scale under one regulation's bands."""
    if nilai is None or fmt.missing(nilai) or regulasi is None:
        return None
    nik = float(fmt.bulatkan(ikm_to_nik(nilai), 2))
    for lower, code, label in IKM_SCALES[regulasi]:
        if nik >= lower:
            return Predikat(code, label, SUMBER_HITUNG, regulasi)
    return Predikat(*IKM_LOWEST, SUMBER_HITUNG, regulasi)


def mutu_ikm(nilai: float | None, regulasi: str | None = IKM_14_2017) -> tuple[str, str] | None:
    """Mutu letter and kinerja unit for an IKM on either scale (scale detected by value range)."""
    p = predikat_ikm(nilai, regulasi)
    return None if p is None else (p.kode, p.label)


# --- §2.4 Nilai Kematangan Perangkat Daerah (Permendagri 99/2018) ------------------------------

KEMATANGAN_VARIABLES = (
    "Perencanaan Pembangunan Daerah",
    "Monitoring dan Pengendalian Pelaksanaan Tugas",
    "Penjaminan Mutu Layanan",
    "Standar Operasional Prosedur (SOP) Pelayanan",
    "Pendidikan dan Pelatihan Aparatur",
    "Analisis Kebijakan dan Pemecahan Masalah Tugas",
    "Manajemen Sumber Daya Peralatan dan Perlengkapan Kerja yang Terukur",
    "Manajemen Risiko Pelaksanaan Tugas",
    "Pengukuran Kinerja",
    "Pengembangan Inovasi Layanan",
    "Budaya Organisasi",
)
KEMATANGAN_LEVEL_RANGE = (1, 5)
KEMATANGAN_SCALE = ((46.1, "Sangat Tinggi"), (37.1, "Tinggi"), (28.1, "Sedang"), (19.1, "Rendah"))
KEMATANGAN_LOWEST = "Sangat Rendah"
KEMATANGAN_AMBIGUOUS = 46.0  # guide says Tinggi, wp-eval-sakip says Sangat Tinggi: flag it


KEMATANGAN_REGULATION = "Permendagri 99/2018"


def kategori_kematangan(nilai: float | None) -> str | None:
    """The guide's table (§2.4 default). Scores between bands (e.g. 19.05) fall to the lower one."""
    if nilai is None or fmt.missing(nilai):
        return None
    for lower, label in KEMATANGAN_SCALE:
        if nilai >= lower:
            return label
    return KEMATANGAN_LOWEST


def kematangan_ambigu(nilai: float | None) -> bool:
    """§2.4: exactly 46 is Tinggi in the guide and Sangat Tinggi in practice: flag it."""
    return nilai is not None and nilai == KEMATANGAN_AMBIGUOUS


def level_kematangan(levels: Iterable[int | float | None]) -> int | None:
    """§2.4 staging rule: the unit's maturity level is its lowest variable's level (I–V as 1–5).

    None when no variable has a level or any level lies outside 1–5 (the review reports that)."""
    values = [v for v in levels if v is not None and not fmt.missing(v)]
    lo, hi = KEMATANGAN_LEVEL_RANGE
    if not values or any(not (lo <= v <= hi) or float(v) != int(v) for v in values):
        return None
    return int(min(values))


def level_romawi(level: int | None) -> str | None:
    return None if level is None else ("I", "II", "III", "IV", "V")[level - 1]


# --- categories by key -------------------------------------------------------------------------


def kategori_skor(jenis: str, nilai: float | None, tahun: int | None = None) -> str | None:
    """The computed category label a dashboard shows next to a key score (`tahun` = the evaluation
    or survey year, which selects the regulation; unknown → today's)."""
    if jenis == "IKM":
        ikm = predikat_ikm(nilai, regulasi_ikm(tahun))
        return ikm.teks() if ikm else None
    if jenis == "SAKIP":
        pred = predikat_sakip_hitung(nilai, tahun)
        return pred.teks() if pred else None
    if jenis == "KEMATANGAN":
        return kategori_kematangan(nilai)
    raise ValueError(f"unknown score kind {jenis!r}")


def predikat_skor(jenis: str, nilai: float | None, tahun: int | None = None, tertulis: str | None = None) -> Predikat | None:
    """§2.2: a predicate printed in the document wins; else the computed one, naming its regulation."""
    if tertulis and tertulis.strip():
        text = " ".join(tertulis.split())
        code = text.split(" ", 1)[0].strip("()") if jenis in {"IKM", "SAKIP"} else text
        return Predikat(code, text, SUMBER_DOKUMEN, None)
    if jenis == "IKM":
        return predikat_ikm(nilai, regulasi_ikm(tahun))
    if jenis == "SAKIP":
        return predikat_sakip_hitung(nilai, tahun)
    if jenis == "KEMATANGAN":
        label = kategori_kematangan(nilai)
        return None if label is None else Predikat(label, label, SUMBER_HITUNG, KEMATANGAN_REGULATION)
    raise ValueError(f"unknown score kind {jenis!r}")


# --- §1.5 clamped averages of capaian ----------------------------------------------------------

CAPAIAN_CAP = (0.0, 100.0)  # §1.5: the Permendagri 86/2017 scale tops out at 100


def batasi_capaian(pct: float, batas: tuple[float, float] = CAPAIAN_CAP) -> float:
    lo, hi = batas
    return min(max(pct, lo), hi)


@dataclass(frozen=True)
class RataCapaian:
    nilai: float | None  # mean of the capaian clamped to `batas`: what averages and rankings show
    tanpa_batas: float | None  # the plain mean, shown beside it
    jumlah: int  # indicators averaged
    dibatasi: int  # indicators whose capaian lay outside `batas`

    @property
    def catatan(self) -> str | None:
        """The footnote a table or chart carries when the clamp changed anything."""
        if not self.dibatasi:
            return None
        lo, hi = CAPAIAN_CAP
        return (
            f"Rata-rata capaian dihitung dengan tiap capaian dibatasi {fmt.angka(lo)}–{fmt.angka(hi)}% "
            f"({fmt.angka(self.dibatasi)} dari {fmt.angka(self.jumlah)} indikator di luar batas); tanpa batas {fmt.persen(self.tanpa_batas)}."
        )


def rata_rata_capaian(values: Iterable[float | None], batas: tuple[float, float] = CAPAIAN_CAP) -> RataCapaian:
    """§1.5: the mean of capaian each clamped to `batas`, with the unclamped mean beside it."""
    items = [float(v) for v in values if v is not None and not fmt.missing(v)]
    if not items:
        return RataCapaian(None, None, 0, 0)
    clamped = [batasi_capaian(v, batas) for v in items]
    outside = sum(1 for v, c in zip(items, clamped) if v != c)
    return RataCapaian(sum(clamped) / len(clamped), sum(items) / len(items), len(items), outside)


# --- §3 budget efficiency ---------------------------------------------------------------------

EFFICIENCY_SELISIH = "selisih"  # capaian − serapan (convention of an LKjIP cited in domain.md §3)
EFFICIENCY_RASIO = "rasio"  # capaian / serapan
EFFICIENCY_SERAPAN = "serapan"  # serapan only
EFFICIENT_MARGIN_PP = 5.0  # naufalpi: difference > 5 → efisien, |d| ≤ 5 → cukup efisien


def serapan(pagu: float | None, realisasi: float | None) -> float | None:
    """§3 penyerapan = realisasi / pagu × 100, the one definition of every page, query and check.

    realisasi 0 → 0 %; realisasi missing → None (not reported is not 0 %); pagu missing, 0 or
    negative → None (never inf)."""
    if pagu is None or realisasi is None or fmt.missing(pagu) or fmt.missing(realisasi) or not pagu > 0:
        return None
    return realisasi / pagu * 100


def efisiensi(capaian_pct: float | None, serapan_pct: float | None, convention: str) -> float | None:
    """§3 conventions: selisih = capaian − serapan (points); rasio = capaian / serapan (None at
    serapan 0); serapan alone. App/document conventions, not regulation: label them on charts."""
    if capaian_pct is None or serapan_pct is None or fmt.missing(capaian_pct) or fmt.missing(serapan_pct):
        return None
    if convention == EFFICIENCY_SELISIH:
        return capaian_pct - serapan_pct
    if convention == EFFICIENCY_RASIO:
        return None if serapan_pct == 0 else capaian_pct / serapan_pct
    if convention == EFFICIENCY_SERAPAN:
        return serapan_pct
    raise ValueError(f"unknown efficiency convention {convention!r}")


def kategori_efisiensi(selisih_pp: float | None) -> str | None:
    """§3 (naufalpi's convention): selisih > 5 → Efisien, |selisih| ≤ 5 → Cukup Efisien, else Tidak Efisien."""
    if selisih_pp is None or fmt.missing(selisih_pp):
        return None
    if selisih_pp > EFFICIENT_MARGIN_PP:
        return "Efisien"
    if abs(selisih_pp) <= EFFICIENT_MARGIN_PP:
        return "Cukup Efisien"
    return "Tidak Efisien"


SUSPICIOUS_MULTIPLES = (2.0, 3.0, 4.0)  # §3: realisasi exactly 200/300/400 % of pagu


def rounding_tolerance(*printed: str | None) -> float:
    """Half a unit of the last printed digit of the least precise input (for review tolerances)."""
    decimals = []
    for text in printed:
        if not text:
            continue
        t = text.strip().rstrip("%").strip()
        if "," in t:
            decimals.append(len(t.rsplit(",", 1)[1]))
        elif "." in t and len(t.rsplit(".", 1)[1]) != 3:
            decimals.append(len(t.rsplit(".", 1)[1]))
        else:
            decimals.append(0)
    return 0.5 * 10 ** (-min(decimals)) if decimals else 0.005


# --- indicator identity ------------------------------------------------------------------------


def kunci_indikator(kunci: str | None, indikator: str | None) -> str:
    """§1.6: one indicator across tables and documents: its key-score key (IKM, SAKIP, …) where it
    has one, else its wording folded (lower-case ASCII letters and digits, single spaces)."""
    return kunci or fold(indikator or "")


# §5: the PK in force for a year, unit and indicator is its latest version: the PK Perubahan where
# one exists, else the PK.
PK_VERSIONS = ("PK", "PK_PERUBAHAN")


def versi_berlaku(versions: Iterable[str | None]) -> str | None:
    """Which agreement version of one year, unit and indicator is in force (the views' berlaku)."""
    present = {v for v in versions if v in PK_VERSIONS}
    return "PK_PERUBAHAN" if "PK_PERUBAHAN" in present else ("PK" if present else None)


# --- SQL forms --------------------------------------------------------------------------------
# The same rules as SQL expressions, for etl/schema.sql's views and queries/*.sql: write them there
# as `sql(SQL_SERAPAN, pagu="pagu", realisasi="realisasi")` prints them, so a grep finds every copy
# and tests/rules/test_rules_agree.py checks each copy against the Python form above.

SQL_SERAPAN = "case when {pagu} > 0 and {realisasi} is not null then {realisasi} / {pagu} * 100 end"
SQL_IKM_NIK = "case when {nilai} <= 4 then {nilai} * 25 else {nilai} end"
SQL_CAPAIAN_POSITIF = "case when {target} <> 0 then {realisasi} / {target} * 100 end"
SQL_CAPAIAN_NEG_2T = "case when {target} = 0 and {realisasi} = 0 then 100.0 when {target} <> 0 then (2 * {target} - {realisasi}) / {target} * 100 end"
SQL_CAPAIAN_DIBATASI = "least(greatest({capaian}, 0), 100)"
# kunci_indikator: etl.text.fold in SQL (accents stripped, other non-ASCII characters dropped, every
# run of other characters one space); agrees with fold outside compatibility characters (ﬁ, ²)
SQL_KUNCI_INDIKATOR = (
    "coalesce({kunci}, trim(regexp_replace(lower(regexp_replace(strip_accents(coalesce({indikator}, '')), "
    "'[^\\x00-\\x7f]', '', 'g')), '[^a-z0-9]+', ' ', 'g')))"
)


def sql(form: str, **columns: str) -> str:
    """One SQL form with its column names filled in."""
    return form.format(**columns)
