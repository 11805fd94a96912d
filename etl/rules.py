"""The rules of ../shared/domain.md, each written once.

ETL, review and dashboard all call these functions; nothing else restates a threshold or formula.
Section numbers refer to domain.md.
"""

from __future__ import annotations

from dataclasses import dataclass

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


NEGATIVE_HINTS = (
    "penurunan",
    "menurun",
    "angka kasus",
    "jumlah kasus",
    "pelanggaran",
    "waktu penyelesaian",
    "tingkat pengangguran",
    "gangguan",
)


def polarity_hint(indikator: str) -> str:
    """§1.3: wording hints only. Returns 'negatif' when the name suggests lower-is-better."""
    low = indikator.lower()
    if low.startswith(("persentase penanganan", "persentase penyelesaian", "jumlah penanganan")):
        return "positif"
    return "negatif" if any(h in low for h in NEGATIVE_HINTS) else "positif"


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
    if pct is None:
        return None
    for lower, label in CAPAIAN_SCALE:
        if pct >= lower:
            return label
    return CAPAIAN_LOWEST


# --- §2.2 Nilai SAKIP (PermenPANRB 88/2021) ---------------------------------------------------

SAKIP_SCALE = (
    (90.0, "AA", "Sangat Memuaskan"),
    (80.0, "A", "Memuaskan"),
    (70.0, "BB", "Sangat Baik"),
    (60.0, "B", "Baik"),
    (50.0, "CC", "Cukup"),
    (30.0, "C", "Kurang"),
)
SAKIP_LOWEST = ("D", "Sangat Kurang")


def predikat_sakip(nilai: float | None) -> tuple[str, str] | None:
    """Lower-exclusive, upper-inclusive bands: 80.00 → BB, 80.01 → A."""
    if nilai is None:
        return None
    for lower, code, label in SAKIP_SCALE:
        if nilai > lower:
            return code, label
    return SAKIP_LOWEST


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
# §2.2: evaluations before 2022 used PermenPANRB 12/2015 (five components); trends across it
# span a change of method.
SAKIP_METHOD_CHANGE_YEAR = 2022


# --- §2.3 IKM (PermenPANRB 14/2017) ------------------------------------------------------------

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
IKM_WEIGHT_PRINTED = 0.11  # 1/9 as printed; gives 0.99 × the exact mean
IKM_TOLERANCE_PCT = 1.0  # §2.3: accept both weightings within ±1 %
IKM_SCALE_NIK = ((88.31, "A", "Sangat Baik"), (76.61, "B", "Baik"), (65.00, "C", "Kurang Baik"))
IKM_LOWEST = ("D", "Tidak Baik")


def ikm_to_nik(nilai: float) -> float:
    """§2.3: a value on the 1–4 scale is converted to 25–100; values above 4 are already NIK."""
    return nilai * 25 if nilai <= 4 else nilai


def mutu_ikm(nilai: float | None) -> tuple[str, str] | None:
    """Mutu letter and kinerja unit for an IKM on either scale (scale detected by value range)."""
    if nilai is None:
        return None
    nik = ikm_to_nik(nilai)
    for lower, code, label in IKM_SCALE_NIK:
        if nik >= lower:
            return code, label
    return IKM_LOWEST


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


def kategori_kematangan(nilai: float | None) -> str | None:
    """The guide's table (§2.4 default). Scores between bands (e.g. 19.05) fall to the lower one."""
    if nilai is None:
        return None
    for lower, label in KEMATANGAN_SCALE:
        if nilai >= lower:
            return label
    return KEMATANGAN_LOWEST


# --- categories by key -------------------------------------------------------------------------


def kategori_skor(jenis: str, nilai: float | None) -> str | None:
    """The category label a dashboard shows next to a key score."""
    if jenis == "IKM":
        mutu = mutu_ikm(nilai)
        return f"{mutu[0]} ({mutu[1]})" if mutu else None
    if jenis == "SAKIP":
        pred = predikat_sakip(nilai)
        return f"{pred[0]} ({pred[1]})" if pred else None
    if jenis == "KEMATANGAN":
        return kategori_kematangan(nilai)
    raise ValueError(f"unknown score kind {jenis!r}")


# --- §3 budget efficiency ---------------------------------------------------------------------

EFFICIENCY_SELISIH = "selisih"  # capaian − serapan (convention of an LKjIP cited in domain.md §3)
EFFICIENCY_RASIO = "rasio"  # capaian / serapan
EFFICIENCY_SERAPAN = "serapan"  # serapan only
EFFICIENT_MARGIN_PP = 5.0  # naufalpi: difference > 5 → efisien, |d| ≤ 5 → cukup efisien


def serapan(pagu: float | None, realisasi: float | None) -> float | None:
    if pagu is None or realisasi is None or pagu == 0:
        return None
    return realisasi / pagu * 100


def efisiensi(capaian_pct: float | None, serapan_pct: float | None, convention: str) -> float | None:
    if capaian_pct is None or serapan_pct is None:
        return None
    if convention == EFFICIENCY_SELISIH:
        return capaian_pct - serapan_pct
    if convention == EFFICIENCY_RASIO:
        return None if serapan_pct == 0 else capaian_pct / serapan_pct
    if convention == EFFICIENCY_SERAPAN:
        return serapan_pct
    raise ValueError(f"unknown efficiency convention {convention!r}")


def kategori_efisiensi(selisih_pp: float | None) -> str | None:
    if selisih_pp is None:
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
