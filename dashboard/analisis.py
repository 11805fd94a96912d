"""Figures the pages show, computed from query results: pure polars, no Streamlit.

Domain rules (scales, serapan, efisiensi) come from etl.rules; nothing here restates a threshold.
What the views store is read, never recomputed: a score's predicate (`predikat`, printed first,
with `sumber_predikat`), an IKM on the 25–100 scale (`nilai_skala`), each indicator's capaian.
Only aggregates over those stored values are computed here (means, sums, the serapan of a sum).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

import etl.rules as rules
from dashboard import format as fmt

JENIS_SKOR = ("IKM", "SAKIP", "KEMATANGAN")
KOLOM_SKOR = {"IKM": "IKM", "SAKIP": "SAKIP", "KEMATANGAN": "Kematangan"}  # short column heads in tables
KOLOM_RATA_CAPAIAN = "Rata-rata capaian (%)"  # clamped mean (domain.md §1.5)
KOLOM_RATA_CAPAIAN_MENTAH = "Rata-rata capaian tanpa batas (%)"


@dataclass(frozen=True)
class RataRata:
    nilai: float | None  # average over the selected kecamatan in the year
    perubahan: float | None  # change against the previous year, same kecamatan only
    jumlah: int  # kecamatan with a value


# --- polars forms of etl.rules (tests/rules/test_rules_agree.py pins them to the Python forms) ---


def serapan_expr(pagu: pl.Expr, realisasi: pl.Expr) -> pl.Expr:
    """rules.serapan: realisasi / pagu × 100; realisasi 0 → 0; pagu missing, 0 or below → null (domain.md §3)."""
    return pl.when((pagu > 0) & realisasi.is_not_null()).then(realisasi / pagu * 100).otherwise(None)


def capaian_dibatasi_expr(capaian: pl.Expr) -> pl.Expr:
    """rules.batasi_capaian: each capaian clamped to rules.CAPAIAN_CAP before it is averaged (domain.md §1.5)."""
    lo, hi = rules.CAPAIAN_CAP
    return capaian.clip(lo, hi)


SKALA = "nilai_skala"  # the view's value on the scale scores are compared on (IKM 1–4 → 25–100, domain.md §2.3)
KOLOM_SUMBER_PREDIKAT = "Sumber predikat"


def rata_rata_skor(skor: pl.DataFrame, jenis: str, tahun: int) -> RataRata:
    """Average achieved score of one kind in `tahun` (on the view's nilai_skala); change vs
    `tahun - 1` over kecamatan with both."""
    d = skor.filter((pl.col("jenis") == jenis) & pl.col(SKALA).is_not_null()).with_columns(pl.col(SKALA).alias("v"))
    now = d.filter(pl.col("tahun") == tahun).select("kabupaten", "kecamatan", "v")
    before = d.filter(pl.col("tahun") == tahun - 1).select("kabupaten", "kecamatan", pl.col("v").alias("v0"))
    if now.height == 0:
        return RataRata(None, None, 0)
    both = now.join(before, on=["kabupaten", "kecamatan"])
    change = _mean(both["v"]) - _mean(both["v0"]) if both.height else None
    return RataRata(_mean(now["v"]), change, now.height)


def _mean(values: pl.Series) -> float:
    items = values.drop_nulls().to_list()
    return sum(items) / len(items)


def bagian_tercapai(capaian: pl.DataFrame, tahun: int) -> tuple[float | None, int, int]:
    """Share (%) of indicators with capaian ≥ 100 in `tahun`: (share, at/above target, all)."""
    d = capaian.filter(pl.col("tahun") == tahun)
    if d.height == 0:
        return None, 0, 0
    ok = d.filter(pl.col("capaian") >= 100).height
    return ok / d.height * 100, ok, d.height


def rata_rata_capaian(capaian: pl.DataFrame, tahun: int) -> rules.RataCapaian:
    """The clamped mean capaian of all indicators in `tahun`, with the unclamped one and its note."""
    return rules.rata_rata_capaian(capaian.filter(pl.col("tahun") == tahun)["capaian"].to_list())


@dataclass(frozen=True)
class Anggaran:
    pagu: float | None
    realisasi: float | None
    serapan: float | None  # over the programs that report realisasi


def anggaran_total(program: pl.DataFrame, tahun: int) -> Anggaran:
    d = program.filter(pl.col("tahun") == tahun)
    if d.height == 0:
        return Anggaran(None, None, None)
    reported = d.filter(pl.col("realisasi").is_not_null())
    pagu_reported = float(reported["pagu"].sum()) if reported.height else None
    realisasi = float(reported["realisasi"].sum()) if reported.height else None
    return Anggaran(float(d["pagu"].sum()), realisasi, rules.serapan(pagu_reported, realisasi))


def _uang(rows: pl.DataFrame, keys: list[str], *more: pl.Expr, serapan: str = "Serapan (%)") -> pl.DataFrame:
    """Pagu and realisasi of `rows` (budget lines of one year) summed per `keys`, with the serapan
    of those sums over the lines that report realisasi (null where none does), and the further
    aggregates `more`."""
    reported = pl.col("realisasi").is_not_null()
    return (
        rows.group_by(keys)
        .agg(
            *more,
            pl.col("pagu").sum().alias("Pagu (Rp)"),
            pl.when(reported.any()).then(pl.col("realisasi").sum()).alias("Realisasi (Rp)"),
            pl.when(reported.any()).then(pl.col("pagu").filter(reported).sum()).alias("_pagu_lapor"),
        )
        .with_columns(serapan_expr(pl.col("_pagu_lapor"), pl.col("Realisasi (Rp)")).alias(serapan))
        .drop("_pagu_lapor")
    )


def tabel_kecamatan(skor: pl.DataFrame, capaian: pl.DataFrame, program: pl.DataFrame, tahun: int) -> pl.DataFrame:
    """One row per kecamatan: key scores with the view's predicate (printed where printed) and its
    source ('tercetak' / 'dihitung (<regulation>)'), average capaian (clamped to 0–100 %
    per indicator, the unclamped mean beside it), pagu and serapan."""
    year = skor.filter(pl.col("tahun") == tahun)
    keys = pl.concat(
        [
            year.select("kabupaten", "kecamatan"),
            capaian.filter(pl.col("tahun") == tahun).select("kabupaten", "kecamatan"),
            program.filter(pl.col("tahun") == tahun).select("kabupaten", "kecamatan"),
        ]
    ).unique()
    out = keys
    for jenis in JENIS_SKOR:
        part = year.filter(pl.col("jenis") == jenis).select(
            "kabupaten",
            "kecamatan",
            pl.col("nilai").alias(KOLOM_SKOR[jenis]),
            pl.col("predikat").alias(f"Kategori {KOLOM_SKOR[jenis]}"),
            pl.col("sumber_predikat").alias(f"{KOLOM_SUMBER_PREDIKAT} {KOLOM_SKOR[jenis]}"),
            pl.col("target").alias(f"Target {KOLOM_SKOR[jenis]}"),
        )
        out = out.join(part, on=["kabupaten", "kecamatan"], how="left")
    lo, hi = rules.CAPAIAN_CAP
    cap = (
        capaian.filter((pl.col("tahun") == tahun) & pl.col("capaian").is_not_null())
        .group_by("kabupaten", "kecamatan")
        .agg(
            capaian_dibatasi_expr(pl.col("capaian")).mean().alias(KOLOM_RATA_CAPAIAN),
            pl.col("capaian").mean().alias(KOLOM_RATA_CAPAIAN_MENTAH),
            ((pl.col("capaian") < lo) | (pl.col("capaian") > hi)).sum().cast(pl.Int64).alias("Indikator di luar 0–100%"),
            pl.len().alias("Jumlah indikator"),
        )
        .with_columns(
            pl.col(KOLOM_RATA_CAPAIAN).map_elements(rules.predikat_capaian, return_dtype=pl.String).alias("Predikat capaian")
        )
    )
    return (
        out.join(cap, on=["kabupaten", "kecamatan"], how="left")
        .join(
            _uang(program.filter(pl.col("tahun") == tahun), ["kabupaten", "kecamatan"]), on=["kabupaten", "kecamatan"], how="left"
        )
        .rename({"kabupaten": "Kabupaten/Kota", "kecamatan": "Kecamatan"})
        .sort("Kabupaten/Kota", "Kecamatan")
    )


KOLOM_KABUPATEN = "Kabupaten/Kota"
KOLOM_JUMLAH_KECAMATAN = "Kecamatan dengan data"
KOLOM_DI_BAWAH_TARGET = "Skor di bawah target"
KOLOM_TERCAPAI = "Indikator mencapai target (%)"


def tabel_kabupaten(
    kecamatan: pl.DataFrame, skor: pl.DataFrame, capaian: pl.DataFrame, program: pl.DataFrame, tahun: int
) -> pl.DataFrame:
    """One row per kabupaten/kota, for a selection too wide to read kecamatan by kecamatan: the
    kecamatan with data (rows of `kecamatan`, the frame of tabel_kecamatan), the mean key scores on
    the compared scale (nilai_skala, as the tiles), how many kecamatan scores lie below their PK
    target, the clamped mean capaian and the share of indicators at or above target, and the
    kabupaten's summed pagu and realisasi with the serapan of those sums. Every figure is an
    aggregate of stored values; none restates a threshold."""
    keys = kecamatan.group_by(KOLOM_KABUPATEN).agg(pl.len().alias(KOLOM_JUMLAH_KECAMATAN))
    year = skor.filter(pl.col("tahun") == tahun)
    scores = (
        year.filter(pl.col(SKALA).is_not_null())
        .group_by("kabupaten")
        .agg(pl.col(SKALA).filter(pl.col("jenis") == j).mean().alias(KOLOM_SKOR[j]) for j in JENIS_SKOR)
    )
    below = (
        year.filter(pl.col("nilai").is_not_null() & pl.col("target").is_not_null())
        .group_by("kabupaten")
        .agg((pl.col("nilai") < pl.col("target")).sum().cast(pl.Int64).alias(KOLOM_DI_BAWAH_TARGET))
    )
    cap = (
        capaian.filter((pl.col("tahun") == tahun) & pl.col("capaian").is_not_null())
        .group_by("kabupaten")
        .agg(
            capaian_dibatasi_expr(pl.col("capaian")).mean().alias(KOLOM_RATA_CAPAIAN),
            ((pl.col("capaian") >= 100).sum() / pl.len() * 100).alias(KOLOM_TERCAPAI),
        )
    )
    out = keys
    for part in (scores, below, cap, _uang(program.filter(pl.col("tahun") == tahun), ["kabupaten"])):
        out = out.join(part.rename({"kabupaten": KOLOM_KABUPATEN}), on=KOLOM_KABUPATEN, how="left")
    return out.sort(KOLOM_KABUPATEN)


KATEGORI_EFISIENSI = ("Efisien", "Cukup Efisien", "Tidak Efisien")  # rules.kategori_efisiensi, best first


def efisiensi_kabupaten(points: pl.DataFrame) -> pl.DataFrame:
    """Budget per sasaran (anggaran_efisiensi with tambah_efisiensi) summed up per kabupaten/kota:
    kecamatan and sasaran counted, the clamped mean capaian, the serapan of the summed pagu and
    realisasi, and how many sasaran fall in each efficiency category (selisih convention)."""
    return (
        _uang(
            points,
            ["kabupaten"],
            pl.col("kode_kecamatan").n_unique().alias(KOLOM_JUMLAH_KECAMATAN),
            pl.len().alias("Sasaran"),
            capaian_dibatasi_expr(pl.col("capaian")).mean().alias(KOLOM_RATA_CAPAIAN),
            *((pl.col("kategori_efisiensi") == k).sum().cast(pl.Int64).alias(k) for k in KATEGORI_EFISIENSI),
            serapan="Penyerapan (%)",
        )
        .rename({"kabupaten": KOLOM_KABUPATEN})
        .select(
            KOLOM_KABUPATEN,
            KOLOM_JUMLAH_KECAMATAN,
            "Sasaran",
            KOLOM_RATA_CAPAIAN,
            "Penyerapan (%)",
            *KATEGORI_EFISIENSI,
            "Pagu (Rp)",
            "Realisasi (Rp)",
        )
        .sort(KOLOM_KABUPATEN)
    )


def program_kabupaten(program: pl.DataFrame, tahun: int) -> pl.DataFrame:
    """The programs of `tahun` (anggaran_program) summed up per kabupaten/kota: kecamatan and
    program lines counted, pagu, realisasi and the serapan of those sums."""
    counts = (pl.col("kode_kecamatan").n_unique().alias(KOLOM_JUMLAH_KECAMATAN), pl.len().alias("Program"))
    return (
        _uang(program.filter(pl.col("tahun") == tahun), ["kabupaten"], *counts)
        .rename({"kabupaten": KOLOM_KABUPATEN})
        .sort(KOLOM_KABUPATEN)
    )


def tren_kabupaten(rows: pl.DataFrame) -> pl.DataFrame:
    """One score's trend (skor_tren rows of one jenis) per kabupaten/kota: the mean realisasi of
    its kecamatan per year on the compared scale (a column "Rata-rata <year>" each, oldest first),
    the kecamatan with a value in the latest year, and the change of the mean over the last two
    years, counted over the kecamatan with a value in both."""
    d = rows.filter(pl.col(SKALA).is_not_null())
    if d.height == 0:
        return pl.DataFrame(schema={KOLOM_KABUPATEN: pl.String})
    years = sorted(d["tahun"].unique().to_list())
    means = (
        d.group_by("kabupaten", "tahun")
        .agg(pl.col(SKALA).mean().alias("v"))
        .with_columns(pl.format("Rata-rata {}", pl.col("tahun")).alias("kolom"))
        .pivot(on="kolom", index="kabupaten", values="v")
    )
    last = d.filter(pl.col("tahun") == years[-1])
    out = means.join(last.group_by("kabupaten").agg(pl.len().alias(f"Kecamatan {years[-1]}")), on="kabupaten", how="left")
    if len(years) > 1:
        both = last.join(
            d.filter(pl.col("tahun") == years[-2]).select("kode_kecamatan", pl.col(SKALA).alias("_lalu")),
            on="kode_kecamatan",
        )
        change = both.group_by("kabupaten").agg(
            (pl.col(SKALA).mean() - pl.col("_lalu").mean()).alias(f"Perubahan {years[-2]}–{years[-1]} (poin)")
        )
        out = out.join(change, on="kabupaten", how="left")
    columns = [f"Rata-rata {y}" for y in years if f"Rata-rata {y}" in out.columns]
    rest = [c for c in out.columns if c != "kabupaten" and c not in columns]
    return out.select("kabupaten", *rest, *columns).rename({"kabupaten": KOLOM_KABUPATEN}).sort(KOLOM_KABUPATEN)


def lebar(kecamatan: int, kabupaten: int, batas: int) -> bool:
    """A selection too wide to read kecamatan by kecamatan: more than `batas` kecamatan, in more
    than one kabupaten/kota (a kabupaten of many kecamatan is still shown whole)."""
    return kecamatan > batas and kabupaten > 1


@dataclass(frozen=True)
class TingkatKematangan:
    level: int | None  # the lowest variable's level, 1–5 (domain.md §2.4)
    terendah: tuple[str, ...]  # the variable(s) at that level
    kategori: str | None  # the category of the total, a separate thing


def tingkat_kematangan(parts: pl.DataFrame) -> TingkatKematangan | None:
    """The kematangan level and category of one kecamatan-year from its variables (komponen rows)."""
    d = parts.filter((pl.col("jenis") == "KEMATANGAN") & (pl.col("peran") == "komponen") & pl.col("nilai").is_not_null())
    if d.height == 0:
        return None
    level = rules.level_kematangan(d["nilai"].to_list())
    weakest = tuple(d.filter(pl.col("nilai") == level)["komponen"].to_list()) if level is not None else ()
    return TingkatKematangan(level, weakest, rules.kategori_kematangan(float(d["nilai"].sum())))


def kalimat_kematangan(t: TingkatKematangan) -> str:
    """'Tingkat kematangan: level I (variabel terendah: …); kategori dari nilai total: Sedang.'"""
    if t.level is None:
        return "Tingkat kematangan tidak dapat ditentukan: ada variabel tanpa level 1–5."
    names = "; ".join(t.terendah)
    return (
        f"Tingkat kematangan: level {rules.level_romawi(t.level)} (variabel terendah: {names}); "
        f"kategori dari nilai total: {t.kategori or fmt.KOSONG}. Level mengikuti variabel terendah (Permendagri 99/2018)."
    )


def kalimat_perubahan(jenis: str, tahun: list[int], nilai: list[float]) -> str:
    """The change in words over the years with a value: 'Nilai SAKIP 60,00 → 65,50 (2022–2024), naik 5,50 poin'."""
    pts = [(t, v) for t, v in sorted(zip(tahun, nilai)) if v is not None]
    nama = fmt.NAMA_SKOR.get(jenis, jenis)
    if not pts:
        return f"{nama}: belum ada realisasi."
    if len(pts) == 1:
        return f"{nama} {fmt.skor(pts[0][1])} ({pts[0][0]}); belum ada tahun pembanding."
    (t0, v0), (t1, v1) = pts[0], pts[-1]
    return f"{nama} {fmt.skor(v0)} → {fmt.skor(v1)} ({t0}–{t1}), {fmt.arah_perubahan(v0, v1)}"


# --- Peringkat ------------------------------------------------------------------------------

METRIK = {
    "IKM (realisasi)": ("IKM", "nilai", "angka"),
    "Nilai SAKIP (realisasi)": ("SAKIP", "nilai", "angka"),
    "Nilai Kematangan (realisasi)": ("KEMATANGAN", "nilai", "angka"),
    "Target IKM": ("IKM", "target", "angka"),
    "Target Nilai SAKIP": ("SAKIP", "target", "angka"),
    "Target Nilai Kematangan": ("KEMATANGAN", "target", "angka"),
    "Penyerapan anggaran": ("ANGGARAN", "serapan", "%"),
}


def nilai_metrik(metrik: str, skor: pl.DataFrame, program: pl.DataFrame) -> pl.DataFrame:
    """kabupaten, kecamatan, tahun, nilai, nama_file for one metric of METRIK."""
    jenis, kolom, _ = METRIK[metrik]
    if jenis == "ANGGARAN":
        return (
            program.filter(pl.col("realisasi").is_not_null())
            .group_by("kabupaten", "kecamatan", "tahun")
            .agg(pl.col("realisasi").sum().alias("_r"), pl.col("pagu").sum().alias("_p"), pl.col("nama_file").first())
            .with_columns(serapan_expr(pl.col("_p"), pl.col("_r")).alias("nilai"))
            .select("kabupaten", "kecamatan", "tahun", "nilai", "nama_file")
        )
    d = skor.filter(pl.col("jenis") == jenis).with_columns(pl.col(SKALA if kolom == "nilai" else kolom).alias("nilai"))
    return d.select("kabupaten", "kecamatan", "tahun", "nilai", "nama_file")


def peringkat(values: pl.DataFrame, semua: list[tuple[str, str]], tahun: int) -> pl.DataFrame:
    """Rank kecamatan in `semua` by `nilai` in `tahun` (highest first; ties share the rank), with the
    rank of `tahun - 1` and the change. Kecamatan without a value are listed last, unranked."""
    base = pl.DataFrame(semua, schema={"kabupaten": pl.String, "kecamatan": pl.String}, orient="row")

    def ranked(year: int) -> pl.DataFrame:
        v = base.join(values.filter(pl.col("tahun") == year), on=["kabupaten", "kecamatan"], how="left")
        return v.with_columns(pl.col("nilai").rank(method="min", descending=True).cast(pl.Int64).alias("peringkat"))

    now = ranked(tahun)
    before = ranked(tahun - 1).select(
        "kabupaten", "kecamatan", pl.col("nilai").alias("nilai_lalu"), pl.col("peringkat").alias("peringkat_lalu")
    )
    out = now.join(before, on=["kabupaten", "kecamatan"], how="left").with_columns(
        (pl.col("peringkat_lalu") - pl.col("peringkat")).alias("naik_peringkat"),
        (pl.col("peringkat").is_not_null() & (pl.col("peringkat").count().over("peringkat") > 1)).alias("seri"),
    )
    return out.sort(pl.col("peringkat").is_null(), "peringkat", "kecamatan")


def tambah_efisiensi(df: pl.DataFrame, konvensi: str) -> pl.DataFrame:
    """Add `efisiensi` under the chosen convention and the selisih-based category (etl.rules)."""
    return df.with_columns(
        pl.struct("capaian", "serapan")
        .map_elements(lambda r: rules.efisiensi(r["capaian"], r["serapan"], konvensi), return_dtype=pl.Float64)
        .alias("efisiensi"),
        pl.struct("capaian", "serapan")
        .map_elements(
            lambda r: rules.kategori_efisiensi(rules.efisiensi(r["capaian"], r["serapan"], rules.EFFICIENCY_SELISIH)),
            return_dtype=pl.String,
        )
        .alias("kategori_efisiensi"),
    )


def batasi_kecamatan(rows: pl.DataFrame, n: int) -> pl.DataFrame:
    """The rows of at most `n` kecamatan: those with the highest latest realisasi first (then those
    with targets only, by name), so that a chart of a whole province stays readable."""
    keys = ["kabupaten", "kecamatan"]
    latest = (
        rows.sort("tahun")
        .group_by(keys, maintain_order=True)
        .agg(pl.col("nilai").drop_nulls().last().alias("_terakhir"))
        .sort(["_terakhir", "kecamatan"], descending=[True, False], nulls_last=True)
        .head(n)
        .select(keys)
    )
    return rows.join(latest, on=keys, how="semi")
