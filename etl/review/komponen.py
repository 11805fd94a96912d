"""Components against totals and weights (domain.md §2.2–2.4, §6.3–6.5): SAKIP components and
sub-components, the 11 kematangan variables, IKM unsur."""

from __future__ import annotations

from collections import defaultdict

from etl import rules
from etl.model import Dokumen, Komponen
from etl.review.finding import GALAT, PERINGATAN, Temuan, angka, tertulis
from etl.review.tolerance import half_unit, judge, sum_bounds
from etl.text import fold

KATEGORI = "komponen"


def review(doc: Dokumen) -> list[Temuan]:
    groups: dict[tuple[int, str], list[Komponen]] = defaultdict(list)
    for k in doc.komponen:
        groups[(k.tahun, k.jenis)].append(k)
    found: list[Temuan] = []
    for (_, jenis), rows in groups.items():
        if jenis == "SAKIP":
            found.extend(check_sakip(rows))
        elif jenis == "KEMATANGAN":
            found.extend(check_kematangan(rows))
        elif jenis == "IKM":
            found.extend(check_ikm(rows))
    return found


def _sum_finding(kode: str, kunci: str, what: str, parts: list[Komponen], total: Komponen) -> list[Temuan]:
    """Printed parts against their printed total, with each part's own rounding allowed for."""
    values = [(p.nilai, half_unit(p.nilai_teks, 0.0)) for p in parts if p.nilai is not None]
    if total.nilai is None or len(values) != len(parts) or not parts:
        return []
    computed = sum(v for v, _ in values)
    verdict = judge(total.nilai, total.nilai_teks, computed, sum_bounds(values))
    if verdict.tingkat is None:
        return []
    digits = max((len(p.nilai_teks.rsplit(",", 1)[1]) for p in parts if p.nilai_teks and "," in p.nilai_teks), default=0)
    terms = " + ".join(tertulis(p.nilai or 0.0, p.nilai_teks) for p in parts)
    tail = "" if verdict.tingkat == GALAT else f"; {verdict.alasan}"
    return [
        Temuan(
            kode,
            verdict.tingkat,
            f"{what} {terms} = {angka(computed, digits)} padahal jumlah tertulis {tertulis(total.nilai, total.nilai_teks)}{tail}.",
            tertulis(total.nilai, total.nilai_teks),
            angka(computed, digits),
            total.sumber_baris,
            baris_terkait=tuple(p.sumber_baris for p in parts),
            kategori=KATEGORI,
            kunci=kunci,
            angka_tertulis=total.nilai,
            angka_hitung=computed,
        )
    ]


def check_sakip(rows: list[Komponen]) -> list[Temuan]:
    comps = [k for k in rows if k.peran == "komponen"]
    subs = [k for k in rows if k.peran == "sub"]
    grand = next((k for k in rows if k.peran == "jumlah" and k.induk is None), None)
    column_totals = [k for k in rows if k.peran == "jumlah" and k.induk is not None]
    found: list[Temuan] = []
    grand_found = _sum_finding("sakip_jumlah", "SAKIP", "Nilai komponen SAKIP", comps, grand) if grand is not None else []
    sub_sums: dict[str, float] = {}
    for comp in comps:
        mine = [s for s in subs if s.induk == comp.komponen]
        if mine:
            sub_found = _sum_finding("sakip_sub", "SAKIP", f"Sub-komponen {comp.komponen}", mine, comp)
            if sub_found and all(s.nilai is not None for s in mine):
                sub_sums[comp.komponen] = sum(s.nilai or 0.0 for s in mine)
            found += sub_found
    # a component printed against its own sub-components, where the grand total agrees with the
    # sub-components: the component's cell is the typo, and the grand total's finding is that slip
    if grand_found and grand is not None and grand.nilai is not None and len(sub_sums) == 1:
        ((name, fixed),) = sub_sums.items()
        corrected = sum(fixed if c.komponen == name else (c.nilai or 0.0) for c in comps)
        values = [(fixed if c.komponen == name else (c.nilai or 0.0), half_unit(c.nilai_teks, 0.0)) for c in comps]
        if judge(grand.nilai, grand.nilai_teks, corrected, sum_bounds(values)).tingkat != GALAT:
            comp = next(c for c in comps if c.komponen == name)
            for t in found:
                if t.kode == "sakip_sub" and t.sumber_baris == comp.sumber_baris:
                    t.slip = f"sakip:{comp.sumber_baris}"
                    t.pesan = t.pesan.rstrip(".") + (
                        f"; jumlah {tertulis(grand.nilai, grand.nilai_teks)} di baris {grand.sumber_baris} juga dihitung dari "
                        f"{angka(fixed, 2)} ({angka(corrected, 2)}): nilai komponen {name} inilah yang salah tulis."
                    )
            for t in grand_found:
                t.slip = f"sakip:{comp.sumber_baris}"
    found += grand_found
    for col in column_totals:
        mine = [s for s in subs if s.komponen == col.komponen]
        if mine:
            for t in _sum_finding("sakip_kolom", "SAKIP", f"Kolom sub-komponen {col.komponen}", mine, col):
                t.slip = f"sakip_kolom:{col.sumber_baris}"  # one row of column totals: one slip
                found.append(t)
    for k in [*comps, *subs]:
        if k.nilai is not None and k.bobot is not None and k.nilai > k.bobot + half_unit(k.nilai_teks, 0.0):
            name = k.komponen if k.peran == "komponen" else f"{k.komponen} pada {k.induk}"
            found.append(
                Temuan(
                    "sakip_bobot",
                    GALAT,
                    f"Nilai {name} tertulis {tertulis(k.nilai, k.nilai_teks)} melebihi bobotnya {angka(k.bobot)}.",
                    tertulis(k.nilai, k.nilai_teks),
                    angka(k.bobot),
                    k.sumber_baris,
                    kategori=KATEGORI,
                    kunci="SAKIP",
                    angka_tertulis=k.nilai,
                    angka_hitung=k.bobot,
                )
            )
    return found


def check_kematangan(rows: list[Komponen]) -> list[Temuan]:
    variables = [k for k in rows if k.peran == "komponen"]
    total = next((k for k in rows if k.peran == "jumlah"), None)
    low, high = rules.KEMATANGAN_LEVEL_RANGE
    found: list[Temuan] = []
    for v in variables:
        if v.nilai is not None and not (low <= v.nilai <= high and float(v.nilai).is_integer()):
            found.append(
                Temuan(
                    "kematangan_rentang",
                    GALAT,
                    f"Skor variabel {v.komponen} tertulis {tertulis(v.nilai, v.nilai_teks)} padahal level kematangan adalah bilangan bulat {low} sampai {high}.",
                    tertulis(v.nilai, v.nilai_teks),
                    f"{low}–{high}",
                    v.sumber_baris,
                    kategori=KATEGORI,
                    kunci="KEMATANGAN",
                    angka_tertulis=v.nilai,
                )
            )
    expected_count = len(rules.KEMATANGAN_VARIABLES)
    if variables and len(variables) != expected_count:
        found.append(
            Temuan(
                "kematangan_jumlah",
                PERINGATAN,
                f"Tabel kematangan memuat {len(variables)} variabel padahal Permendagri 99/2018 menilai {expected_count} variabel.",
                str(len(variables)),
                str(expected_count),
                variables[0].sumber_baris,
                baris_terkait=tuple(v.sumber_baris for v in variables),
                kategori=KATEGORI,
                kunci="KEMATANGAN",
            )
        )
    if total is None:
        return found
    found += _sum_finding("kematangan_jumlah", "KEMATANGAN", "Skor variabel kematangan", variables, total)
    if total.nilai is not None and total.mutu_dilaporkan:
        expected = rules.kategori_kematangan(total.nilai)
        if total.nilai == rules.KEMATANGAN_AMBIGUOUS:
            found.append(
                Temuan(
                    "kematangan_kategori",
                    PERINGATAN,
                    f"Nilai kematangan {angka(total.nilai)} tepat di batas Tinggi/Sangat Tinggi (pedoman dan aplikasi berbeda); kategori tertulis '{total.mutu_dilaporkan}'.",
                    total.mutu_dilaporkan,
                    expected,
                    total.sumber_baris,
                    kategori="predikat",
                    kunci="KEMATANGAN",
                    angka_tertulis=total.nilai,
                )
            )
        elif expected and fold(expected) != fold(total.mutu_dilaporkan):
            found.append(
                Temuan(
                    "kematangan_kategori",
                    GALAT,
                    f"Kategori kematangan tertulis '{total.mutu_dilaporkan}' padahal nilai {angka(total.nilai)} termasuk '{expected}'.",
                    total.mutu_dilaporkan,
                    expected,
                    total.sumber_baris,
                    kategori="predikat",
                    kunci="KEMATANGAN",
                    angka_tertulis=total.nilai,
                )
            )
    return found


def _mutu_matches(printed: str, nilai: float) -> bool:
    mutu = rules.mutu_ikm(nilai)
    return mutu is None or fold(printed) in {fold(mutu[0]), fold(mutu[1]), fold(f"{mutu[0]} ({mutu[1]})")}


def check_ikm(rows: list[Komponen]) -> list[Temuan]:
    unsur = [k for k in rows if k.peran == "komponen" and k.nilai is not None]
    total = next((k for k in rows if k.peran == "jumlah" and k.nilai is not None), None)
    found: list[Temuan] = []
    if not unsur:
        return found
    scale_nrr = all(k.nilai is not None and k.nilai <= 4 for k in unsur)
    low, high = (1.0, 4.0) if scale_nrr else (25.0, 100.0)
    outside = [k for k in unsur if k.nilai is not None and not low <= k.nilai <= high]
    if outside:
        # one slip: the column does not hold unsur values on the IKM scale; the total, the mean and
        # the range all show it, so it is one finding listing every unsur line
        listed = ", ".join(tertulis(k.nilai or 0.0, k.nilai_teks) for k in outside)
        tail = ""
        if total is not None and total.nilai is not None:
            mean_all = sum(k.nilai or 0.0 for k in unsur) / len(unsur)
            tail = (
                f"; rata-rata {len(unsur)} unsur yang tercetak = {angka(mean_all)}, bukan IKM tertulis "
                f"{tertulis(total.nilai, total.nilai_teks)} (baris {total.sumber_baris})"
            )
        first = outside[0]
        found.append(
            Temuan(
                "ikm_rentang",
                GALAT,
                f"Kolom nilai unsur IKM memuat {len(outside)} nilai di luar rentang {angka(low)}–{angka(high)} yang mungkin "
                f"menurut PermenPANRB 14/2017 ({listed}){tail}: kolom ini bukan nilai unsur (NRR × 25).",
                tertulis(first.nilai or 0.0, first.nilai_teks),
                f"{angka(low)}–{angka(high)}",
                first.sumber_baris,
                baris_terkait=tuple(k.sumber_baris for k in [*unsur, *([total] if total else [])]),
                kategori=KATEGORI,
                kunci="IKM",
                angka_tertulis=first.nilai,
                slip=f"ikm:{first.sumber_baris}",
            )
        )
    for k in [*unsur, *([total] if total else [])]:
        if k.mutu_dilaporkan and k.nilai is not None and not _mutu_matches(k.mutu_dilaporkan, k.nilai):
            mutu = rules.mutu_ikm(k.nilai)
            assert mutu is not None
            found.append(
                Temuan(
                    "ikm_mutu",
                    GALAT,
                    f"Mutu tertulis '{k.mutu_dilaporkan}' untuk nilai {tertulis(k.nilai, k.nilai_teks)} padahal nilai itu bermutu {mutu[0]} ({mutu[1]}).",
                    k.mutu_dilaporkan,
                    mutu[0],
                    k.sumber_baris,
                    kategori="predikat",
                    kunci="IKM",
                    angka_tertulis=k.nilai,
                )
            )
    if total is None or total.nilai is None or len(unsur) != len(rules.IKM_UNSUR):
        return found
    mean = sum(rules.ikm_to_nik(k.nilai or 0.0) for k in unsur) / len(unsur)
    weighted = sum(rules.ikm_to_nik(k.nilai or 0.0) * rules.IKM_WEIGHT_PRINTED for k in unsur)
    printed = rules.ikm_to_nik(total.nilai)
    tolerance = rules.IKM_TOLERANCE_PCT / 100
    if any(abs(printed - ref) <= tolerance * ref for ref in (mean, weighted)):
        return found
    found.append(
        Temuan(
            "ikm_rerata",
            GALAT,
            f"IKM tertulis {tertulis(total.nilai, total.nilai_teks)} padahal rata-rata {len(unsur)} unsur yang tercetak = {angka(mean)} (dengan bobot 0,11: {angka(weighted)}).",
            tertulis(total.nilai, total.nilai_teks),
            angka(mean),
            total.sumber_baris,
            baris_terkait=tuple(k.sumber_baris for k in unsur),
            kategori=KATEGORI,
            kunci="IKM",
            angka_tertulis=total.nilai,
            angka_hitung=mean,
            slip=f"ikm:{outside[0].sumber_baris}" if outside else None,
        )
    )
    return found
