"""Capaian as printed against realisasi / target (domain.md §1), and the predicate printed next to
a capaian against the Permendagri 86/2017 scale (§2.1, §6.7)."""

from __future__ import annotations

from collections.abc import Iterable

from etl import rules
from etl.model import AnggaranSasaran, Dokumen, Realisasi
from etl.review.finding import GALAT, INFO, PERINGATAN, Temuan, angka, persen
from etl.review.tolerance import bounds, half_unit, judge
from etl.text import fold

KATEGORI = "capaian"
RUMUS_NAMA = {
    rules.FORMULA_POSITIVE: "realisasi/target × 100",
    rules.FORMULA_NEG_2T: "(2·target − realisasi)/target × 100",
    rules.FORMULA_NEG_RATIO: "target/realisasi × 100",
    rules.FORMULA_NEG_DIFF: "(target − realisasi)/target × 100",
}


def review(doc: Dokumen) -> list[Temuan]:
    found: list[Temuan] = []
    for r in doc.realisasi:
        found.extend(
            check_capaian(
                r.target,
                r.target_teks,
                r.realisasi,
                r.realisasi_teks,
                r.capaian_dilaporkan,
                r.capaian_teks,
                r.rumus_capaian,
                r.sumber_baris,
                r.kunci,
            )
        )
    for a in doc.anggaran_sasaran:
        found.extend(
            check_capaian(
                a.target,
                None,
                a.realisasi_kinerja,
                None,
                a.capaian_dilaporkan,
                None,
                _rumus_of(a, doc.realisasi),
                a.sumber_baris,
                a.kunci,
            )
        )
    found.extend(check_predikat(doc.realisasi))
    return found


def _rumus_of(a: AnggaranSasaran, realisasi: list[Realisasi]) -> str:
    """The formula the ETL chose for the same indicator (by key), else the positive one."""
    for r in realisasi:
        if a.kunci and r.kunci == a.kunci:
            return r.rumus_capaian
    return rules.FORMULA_POSITIVE


def _input_half(text: str | None) -> float:
    """A target or realisasi printed with decimals may be rounded; a whole number is taken as exact."""
    return half_unit(text, 0.0) if text and "," in text else 0.0


def check_capaian(
    target: float | None,
    target_teks: str | None,
    realisasi: float | None,
    realisasi_teks: str | None,
    printed: float | None,
    printed_teks: str | None,
    rumus: str,
    baris: int,
    kunci: str | None = None,
) -> list[Temuan]:
    """One printed capaian against its own target and realisasi."""
    if printed is None or target is None or realisasi is None:
        return []
    inputs = [(target, _input_half(target_teks)), (realisasi, _input_half(realisasi_teks))]
    shown = printed_teks or angka(printed)
    expected = rules.capaian(target, realisasi, rumus)
    if expected is None:
        return [
            Temuan(
                "capaian_hitung",
                PERINGATAN,
                f"Capaian tertulis {persen(printed)} tidak dapat diperiksa: rumus {RUMUS_NAMA[rumus]} tidak terdefinisi untuk target {angka(target)} dan realisasi {angka(realisasi)}.",
                shown,
                None,
                baris,
                kategori=KATEGORI,
                kunci=kunci,
                angka_tertulis=printed,
                rumus=rumus,
            )
        ]
    verdict = judge(printed, printed_teks, expected, bounds(lambda t, r: rules.capaian(t, r, rumus), inputs))
    if verdict.tingkat is None:
        return []
    base = dict(
        nilai_tertulis=shown,
        sumber_baris=baris,
        kategori=KATEGORI,
        kunci=kunci,
        angka_tertulis=printed,
        slip=f"capaian:{target}:{realisasi}:{printed}",  # one capaian restated in several tables is one finding
    )
    # not exact under the chosen formula: does another formula of domain.md §1.2 reproduce it?
    for other in rules.FORMULAS:
        if other == rumus:
            continue
        value = rules.capaian(target, realisasi, other)
        if value is None:
            continue
        if judge(printed, printed_teks, value, bounds(lambda t, r, f=other: rules.capaian(t, r, f), inputs)).tingkat is None:
            return [
                Temuan(
                    kode="capaian_rumus",
                    tingkat=INFO,
                    pesan=f"Capaian tertulis {persen(printed)} sesuai rumus {RUMUS_NAMA[other]} ({persen(value)}), bukan rumus {RUMUS_NAMA[rumus]} ({persen(expected)}).",
                    nilai_hitung=persen(value),
                    angka_hitung=value,
                    rumus=other,
                    **base,  # type: ignore[arg-type]
                )
            ]
    if verdict.tingkat == PERINGATAN:
        return [
            Temuan(
                kode="capaian_hitung",
                tingkat=PERINGATAN,
                pesan=f"Capaian tertulis {persen(printed)}, sedangkan {angka(realisasi)} terhadap target {angka(target)} = {persen(expected, 4)}; {verdict.alasan}.",
                nilai_hitung=persen(expected),
                angka_hitung=expected,
                rumus=rumus,
                **base,  # type: ignore[arg-type]
            )
        ]
    return [
        Temuan(
            kode="capaian_hitung",
            tingkat=GALAT,
            pesan=f"Capaian tertulis {persen(printed)} padahal realisasi {angka(realisasi)} terhadap target {angka(target)} = {persen(expected)} (rumus {RUMUS_NAMA[rumus]}).",
            nilai_hitung=persen(expected),
            angka_hitung=expected,
            rumus=rumus,
            **base,  # type: ignore[arg-type]
        )
    ]


# --- predicate text against the scale -----------------------------------------------------------


def _capaian_labels(pct: float) -> set[str]:
    label = rules.predikat_capaian(pct)
    return {fold(label), fold(rules.CAPAIAN_LABELS_BAIK[label])} if label else set()


def _score_labels(kunci: str | None, nilai: float | None) -> set[str]:
    """Every way a score's category may be written: "B (Baik)" → {"b (baik)", "b", "baik"}."""
    if not kunci or nilai is None:
        return set()
    text = rules.kategori_skor(kunci, nilai)
    if not text:
        return set()
    out = {fold(text)}
    if "(" in text:
        code, label = text.split("(", 1)
        out |= {fold(code), fold(label.rstrip(")"))}
    return out


def known_labels() -> set[str]:
    """Every category word of domain.md's scales: a label outside them cannot be checked."""
    words = {fold(lbl) for _, lbl in rules.CAPAIAN_SCALE} | {fold(rules.CAPAIAN_LOWEST)}
    words |= {fold(v) for v in rules.CAPAIAN_LABELS_BAIK.values()}
    words |= {fold(lbl) for _, _, lbl in rules.SAKIP_SCALE} | {fold(rules.SAKIP_LOWEST[1])}
    words |= {fold(lbl) for _, lbl in rules.KEMATANGAN_SCALE} | {fold(rules.KEMATANGAN_LOWEST)}
    words |= {fold(lbl) for _, _, lbl in rules.IKM_SCALE_NIK} | {fold(rules.IKM_LOWEST[1])}
    return words


def _main_realisasi(rows: Iterable[Realisasi], kunci: str | None, tahun: int) -> Realisasi | None:
    for r in rows:
        if kunci and r.kunci == kunci and r.tahun == tahun and r.realisasi is not None and not r.riwayat:
            return r
    return None


def check_predikat(rows: list[Realisasi]) -> list[Temuan]:
    found: list[Temuan] = []
    known = known_labels()
    for r in rows:
        label = (r.kategori_dilaporkan or "").strip()
        pct = r.capaian_dilaporkan if r.capaian_dilaporkan is not None else r.capaian
        if not label or pct is None:
            continue
        f = fold(label)
        expected = rules.predikat_capaian(pct) or rules.CAPAIAN_LOWEST
        if f in _capaian_labels(pct) or f in _score_labels(r.kunci, r.realisasi):
            continue
        same = _main_realisasi(rows, r.kunci, r.tahun) if r.realisasi is None else None
        base = dict(nilai_tertulis=label, sumber_baris=r.sumber_baris, kategori="predikat", kunci=r.kunci, angka_tertulis=None)
        if same is not None and f in _score_labels(r.kunci, same.realisasi):
            found.append(
                Temuan(
                    kode="predikat_capaian",
                    tingkat=PERINGATAN,
                    pesan=f"Kriteria '{label}' untuk capaian {persen(pct)} tidak sesuai skala capaian (seharusnya {expected}); kriteria itu sesuai kategori nilai {angka(same.realisasi)} di baris {same.sumber_baris}.",
                    nilai_hitung=expected,
                    baris_terkait=(same.sumber_baris,),
                    **base,  # type: ignore[arg-type]
                )
            )
        elif f in known:
            found.append(
                Temuan(
                    kode="predikat_capaian",
                    tingkat=GALAT,
                    pesan=f"Kriteria tertulis '{label}' padahal capaian {persen(pct)} termasuk '{expected}' ({rules.CAPAIAN_LABELS_BAIK[expected]}) menurut skala Permendagri 86/2017.",
                    nilai_hitung=expected,
                    **base,  # type: ignore[arg-type]
                )
            )
        else:
            found.append(
                Temuan(
                    kode="predikat_capaian",
                    tingkat=PERINGATAN,
                    pesan=f"Kriteria '{label}' untuk capaian {persen(pct)} bukan label skala Permendagri 86/2017 (yang sesuai: '{expected}'), sehingga tidak dapat diperiksa.",
                    nilai_hitung=expected,
                    **base,  # type: ignore[arg-type]
                )
            )
    return found
