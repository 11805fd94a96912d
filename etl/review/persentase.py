"""Every printed percentage against the numbers it is computed from: penyerapan anggaran of budget
lines and of sasaran, the efficiency figure (domain.md §3), and survey shares (count / total)."""

from __future__ import annotations

from etl import rules
from etl.documents.survei import SebaranSurvei
from etl.model import AnggaranSasaran, Dokumen
from etl.review.finding import GALAT, PERINGATAN, Temuan, angka, persen, tertulis
from etl.review.tolerance import Verdict, half_unit, judge
from etl.text import fold

KATEGORI = "persentase"


def review(doc: Dokumen) -> list[Temuan]:
    found: list[Temuan] = []
    for a in doc.anggaran:
        if a.peran == "baris":
            found.extend(
                check_serapan(
                    a.pagu,
                    a.realisasi,
                    a.persen_dilaporkan,
                    a.persen_teks,
                    a.sumber_baris,
                    a.nama,
                    slip=f"anggaran:{a.sumber_baris}",
                )
            )
    for s in doc.anggaran_sasaran:
        pagu, pagu_line = _pagu_of(s, doc.anggaran_sasaran)
        extra = (pagu_line,) if pagu_line is not None and pagu_line != s.sumber_baris else ()
        found.extend(
            check_serapan(
                pagu,
                s.realisasi,
                s.serapan_dilaporkan,
                s.serapan_teks,
                s.sumber_baris,
                s.sasaran,
                extra,
                s.kunci,
                _slip_serapan(pagu, s),
            )
        )
    found.extend(check_efisiensi(doc.anggaran_sasaran))
    found.extend(check_efisiensi_masukan(doc.anggaran_sasaran))
    found.extend(check_shares(doc))
    return found


def _slip_serapan(pagu: float | None, row: AnggaranSasaran) -> str:
    """One wrong percentage of one pair of amounts, however many tables repeat it, is one slip."""
    return f"serapan:{pagu}:{row.realisasi}:{row.serapan_dilaporkan}"


def _pagu_of(row: AnggaranSasaran, rows: list[AnggaranSasaran]) -> tuple[float | None, int | None]:
    """A row that prints realisasi without its pagu takes the pagu printed with the same realisasi."""
    if row.pagu is not None:
        return row.pagu, row.sumber_baris
    for other in rows:
        if other.pagu is not None and row.realisasi is not None and other.realisasi == row.realisasi:
            return other.pagu, other.sumber_baris
    return None, None


def check_serapan(
    pagu: float | None,
    realisasi: float | None,
    printed: float | None,
    printed_teks: str | None,
    baris: int,
    nama: str | None,
    baris_lain: tuple[int, ...] = (),
    kunci: str | None = None,
    slip: str | None = None,
) -> list[Temuan]:
    if printed is None or pagu is None or realisasi is None:
        return []
    expected = rules.serapan(pagu, realisasi)
    if expected is None:  # pagu 0: nothing to divide by
        return []
    verdict = judge(printed, printed_teks, expected)
    if verdict.tingkat is None:
        return []
    what = f"Penyerapan anggaran {_short(nama)}" if nama else "Penyerapan anggaran"
    shown = tertulis(printed, printed_teks, percent=True)
    if verdict.tingkat == GALAT:
        pesan = f"{what} tertulis {shown} padahal {angka(realisasi)} dari {angka(pagu)} = {persen(expected)}."
    else:
        pesan = (
            f"{what} tertulis {shown}, sedangkan {angka(realisasi)} dari {angka(pagu)} = {persen(expected, 4)}; {verdict.alasan}."
        )
    return [
        Temuan(
            "serapan_persen",
            verdict.tingkat,
            pesan,
            shown,
            persen(expected),
            baris,
            baris_terkait=baris_lain,
            kategori=KATEGORI,
            kunci=kunci,
            angka_tertulis=printed,
            angka_hitung=expected,
            slip=slip,
        )
    ]


def _short(nama: str, width: int = 60) -> str:
    nama = " ".join(nama.split())
    return f"'{nama}'" if len(nama) <= width else f"'{nama[: width - 1].rstrip()}…'"


def check_efisiensi(rows: list[AnggaranSasaran]) -> list[Temuan]:
    """The document's efficiency figure reproduces its convention (capaian − serapan, §3), and the
    keterangan beside it still holds once the serapan is recomputed from the rupiah."""
    found: list[Temuan] = []
    for s in rows:
        if s.efisiensi_dilaporkan is not None and s.capaian_dilaporkan is not None and s.serapan_dilaporkan is not None:
            expected = rules.efisiensi(s.capaian_dilaporkan, s.serapan_dilaporkan, rules.EFFICIENCY_SELISIH)
            assert expected is not None
            verdict = judge(s.efisiensi_dilaporkan, angka(s.efisiensi_dilaporkan, 2), expected)
            if verdict.tingkat is not None:
                found.append(
                    Temuan(
                        "efisiensi_selisih",
                        verdict.tingkat,
                        f"Tingkat efisiensi tertulis {angka(s.efisiensi_dilaporkan)} padahal capaian {persen(s.capaian_dilaporkan)} dikurangi serapan {persen(s.serapan_dilaporkan)} = {angka(expected)}.",
                        angka(s.efisiensi_dilaporkan),
                        angka(expected),
                        s.sumber_baris,
                        kategori=KATEGORI,
                        kunci=s.kunci,
                        angka_tertulis=s.efisiensi_dilaporkan,
                        angka_hitung=expected,
                    )
                )
        pagu, pagu_line = _pagu_of(s, rows)
        if s.keterangan and s.capaian_dilaporkan is not None and s.serapan_dilaporkan is not None:
            said = rules.kategori_efisiensi(rules.efisiensi(s.capaian_dilaporkan, s.serapan_dilaporkan, rules.EFFICIENCY_SELISIH))
            true_serapan = rules.serapan(pagu, s.realisasi)
            if true_serapan is None:
                continue
            selisih = rules.efisiensi(s.capaian_dilaporkan, true_serapan, rules.EFFICIENCY_SELISIH)
            true_label = rules.kategori_efisiensi(selisih)
            if fold(s.keterangan) == fold(said or "") and true_label and fold(true_label) != fold(s.keterangan):
                found.append(
                    Temuan(
                        "efisiensi_kategori",
                        PERINGATAN,
                        f"Keterangan '{s.keterangan}' bertumpu pada serapan tertulis {persen(s.serapan_dilaporkan)}; dengan serapan {persen(true_serapan)} dari rupiahnya, selisih capaian dan serapan {angka(selisih)} poin termasuk '{true_label}'.",
                        s.keterangan,
                        true_label,
                        s.sumber_baris,
                        baris_terkait=(pagu_line,) if pagu_line else (),
                        kategori=KATEGORI,
                        kunci=s.kunci,
                        angka_hitung=selisih,
                        slip=_slip_serapan(pagu, s)
                        if judge(s.serapan_dilaporkan, s.serapan_teks, true_serapan).tingkat == GALAT
                        else None,
                        turunan=True,
                    )
                )
    return found


def check_efisiensi_masukan(rows: list[AnggaranSasaran]) -> list[Temuan]:
    """An efficiency figure that reproduces capaian − serapan as printed, where the printed serapan
    is itself wrong against its rupiah: the figure is derived from a wrong input (domain.md §3). It
    is part of the serapan's slip (same key), with its own sentence."""
    found: list[Temuan] = []
    for s in rows:
        if s.efisiensi_dilaporkan is None or s.capaian_dilaporkan is None or s.serapan_dilaporkan is None:
            continue
        pagu, pagu_line = _pagu_of(s, rows)
        true_serapan = rules.serapan(pagu, s.realisasi) if pagu is not None and s.realisasi is not None else None
        if true_serapan is None or judge(s.serapan_dilaporkan, s.serapan_teks, true_serapan).tingkat != GALAT:
            continue
        printed_basis = rules.efisiensi(s.capaian_dilaporkan, s.serapan_dilaporkan, rules.EFFICIENCY_SELISIH)
        if (
            printed_basis is None
            or judge(s.efisiensi_dilaporkan, angka(s.efisiensi_dilaporkan, 2), printed_basis).tingkat is not None
        ):
            continue  # not built from the printed serapan: checked by check_efisiensi
        true_value = rules.efisiensi(s.capaian_dilaporkan, true_serapan, rules.EFFICIENCY_SELISIH)
        found.append(
            Temuan(
                "efisiensi_masukan",
                GALAT,
                f"Tingkat efisiensi {angka(s.efisiensi_dilaporkan)} dihitung dari serapan tertulis {persen(s.serapan_dilaporkan)} "
                f"yang salah; dengan serapan {persen(true_serapan)} dari rupiahnya, capaian {persen(s.capaian_dilaporkan)} "
                f"dikurangi serapan = {angka(true_value)}.",
                angka(s.efisiensi_dilaporkan),
                angka(true_value),
                s.sumber_baris,
                baris_terkait=(pagu_line,) if pagu_line else (),
                kategori=KATEGORI,
                kunci=s.kunci,
                angka_tertulis=s.efisiensi_dilaporkan,
                angka_hitung=true_value,
                slip=_slip_serapan(pagu, s),
                turunan=True,
            )
        )
    return found


# --- survey shares: facts of etl.documents.survei ------------------------------------------------


def check_shares(doc: Dokumen) -> list[Temuan]:
    """Count/total shares printed under their counts (e.g. respondents per answer category)."""
    facts: list[SebaranSurvei] = doc.sebaran_survei
    found: list[Temuan] = []
    groups: dict[int, list[SebaranSurvei]] = {}
    for f in facts:
        groups.setdefault(f.kelompok, []).append(f)
    for rows in groups.values():
        first = rows[0]
        total = first.total
        if total is None or first.baris_total is None:
            continue  # shares printed without counts: nothing to divide
        counts = {k: f.jumlah for k, f in enumerate(rows) if f.jumlah is not None}
        baris_total = first.baris_total
        shares = {k: (f.persen, f.persen_teks or "") for k, f in enumerate(rows) if f.persen is not None}
        part_sum = sum(counts.values())
        share_line = next((f.baris_persen for f in rows if f.baris_persen is not None), first.baris_total)
        if part_sum != total:
            found.append(
                Temuan(
                    "bagian_jumlah",
                    GALAT,
                    f"Rincian {' + '.join(angka(v) for v in counts.values())} = {angka(part_sum)} tidak sama dengan total tertulis {angka(total)} ({_short(first.unsur, 50)}).",
                    angka(total),
                    angka(part_sum),
                    baris_total,
                    baris_terkait=(baris_total, share_line),
                    kategori=KATEGORI,
                    angka_tertulis=total,
                    angka_hitung=part_sum,
                )
            )
        to_hundred = _adjusted_to_hundred(shares, counts, total)
        for k, (value, text) in shares.items():
            f = rows[k]
            expected = counts[k] / total * 100
            verdict = judge(value, text, expected)
            if verdict.tingkat == GALAT and to_hundred:
                verdict = Verdict(PERINGATAN, ALASAN_SERATUS)
            tingkat = verdict.tingkat
            if tingkat is None:
                continue
            tail = "." if tingkat == GALAT else f"; {verdict.alasan}."
            found.append(
                Temuan(
                    "bagian_persen",
                    tingkat,
                    f"Persentase '{f.kategori}' pada {_short(f.unsur, 50)} tertulis {text} padahal {angka(counts[k])} dari {angka(total)} = {persen(expected)}{tail}",
                    text,
                    persen(expected),
                    f.baris_persen or f.baris_jumlah or baris_total,
                    baris_terkait=(f.baris_jumlah or baris_total,),
                    kategori=KATEGORI,
                    angka_tertulis=value,
                    angka_hitung=expected,
                )
            )
    return found


ALASAN_SERATUS = "persentase baris ini dibulatkan agar berjumlah tepat 100% (pembulatan, bukan salah tulis)"


def _adjusted_to_hundred(shares: dict[int, tuple[float, str]], counts: dict[int, float], total: float) -> bool:
    """Shares that add up to exactly 100 % with each within a few units of its last digit of
    count ÷ total: rounded so the row adds up to 100 (largest-remainder style), not mistyped."""
    if not shares or sum(counts.values()) != total:
        return False
    units = [2 * half_unit(text) for _, text in shares.values()]
    printed_sum = sum(v for v, _ in shares.values())
    if abs(printed_sum - 100) > max(units) / 2 + 1e-9:
        return False
    allowed = len(shares) * max(units)
    return all(abs(v - counts[i] / total * 100) <= allowed + 1e-9 for i, (v, _) in shares.items())
