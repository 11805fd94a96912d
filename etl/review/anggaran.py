"""Budget children against parents (sub-kegiatan → kegiatan → program → total), realisasi against
pagu, and realisasi an exact multiple of pagu (domain.md §3, §6.6)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby

from etl import rules
from etl.model import Anggaran, Dokumen
from etl.review.finding import GALAT, Temuan, angka, persen, tertulis
from etl.review.tolerance import judge

KATEGORI = "anggaran"
TINGKAT_NAMA = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan", "total": "total"}


def review(doc: Dokumen) -> list[Temuan]:
    found: list[Temuan] = []
    printed = printed_amounts(doc)
    for _, rows in groupby(doc.anggaran, key=lambda a: (a.bagian, a.unit_kerja, a.jenis_pk, a.tahap)):
        found.extend(check_table(list(rows), printed))
    for a in doc.anggaran:
        if a.peran == "baris":
            found.extend(check_realisasi(a))
    return found


Getter = Callable[[Anggaran], float | None]


def _field(name: str) -> Callable[[Anggaran], float | None]:
    return lambda a: getattr(a, name)


def _effective(row: Anggaran, children: dict[int, list[Anggaran]], get: Callable[[Anggaran], float | None]) -> float | None:
    """The printed value, or for a line printed without one, the sum of its own lines."""
    value = get(row)
    if value is not None:
        return value
    kids = children.get(row.urutan, [])
    values = [_effective(k, children, get) for k in kids]
    return sum(v for v in values if v is not None) if kids and all(v is not None for v in values) else None


def _texts(name: str, row: Anggaran) -> str | None:
    return row.pagu_teks if name == "pagu" else row.realisasi_teks


def printed_amounts(doc: Dokumen) -> dict[float, int]:
    """Every rupiah amount the document prints in a budget table (amount → first line): the
    restatements that show which of two disagreeing cells is the typo."""
    out: dict[float, int] = {}
    for a in doc.anggaran:
        for v in (a.pagu, a.realisasi):
            if v:
                out.setdefault(v, a.sumber_baris)
    for s in doc.anggaran_sasaran:
        for v in (s.pagu, s.realisasi):
            if v:
                out.setdefault(v, s.sumber_baris)
    return out


@dataclass
class _Dispute:
    parent: Anggaran
    kids: list[Anggaran]
    printed: float
    computed: float
    wrong: str = "?"  # induk | rincian | jumlah (the row carries the total of every row) | ?
    witnesses: list[str] = field(default_factory=list)


def _pct_fits(row: Anggaran, name: str, value: float) -> bool:
    """The row's printed percentage is the serapan of ``value`` (in place of its printed amount)."""
    if row.persen_dilaporkan is None:
        return False
    pagu, real = (value, row.realisasi) if name == "pagu" else (row.pagu, value)
    if pagu is None or real is None:
        return False
    expected = rules.serapan(pagu, real)
    return expected is not None and judge(row.persen_dilaporkan, row.persen_teks, expected).tingkat != GALAT


def _level_sum(
    rows: list[Anggaran], level: str, children: dict[int, list[Anggaran]], get: Getter, override: dict[int, float]
) -> float | None:
    total = 0.0
    for r in rows:
        if r.tingkat != level or r.peran != "baris":
            continue
        v = override.get(r.urutan, _effective(r, children, get))
        if v is None:
            return None
        total += v
    return total


def _resolve(
    name: str, rows: list[Anggaran], children: dict[int, list[Anggaran]], disputes: list[_Dispute], printed: dict[float, int]
) -> None:
    """Decide which cell of each parent/lines disagreement is the typo, from what else the
    document prints: the percentage beside each amount, and the printed grand total — the sum
    of the parents' level that some other row prints, with each parent taken as printed or as
    the sum of its lines."""
    get = _field(name)
    by_level: dict[str, list[_Dispute]] = {}
    for d in disputes:
        by_level.setdefault(d.parent.tingkat, []).append(d)
    for level, group in by_level.items():
        if len(group) > 6:
            continue
        own = {v for r in rows if r.tingkat == level for v in (get(r),) if v is not None}
        matches = []
        for choice in itertools.product((False, True), repeat=len(group)):
            override = {d.parent.urutan: (d.computed if c else d.printed) for d, c in zip(group, choice, strict=True)}
            total = _level_sum(rows, level, children, get, override)
            if total is not None and total not in own and total in printed:
                matches.append((choice, total))
        if len(matches) == 1:
            choice, total = matches[0]
            for d, c in zip(group, choice, strict=True):
                d.wrong = "induk" if c else "rincian"
                d.witnesses.append(
                    f"jumlah tertulis {angka(total)} di baris {printed[total]} hanya cocok dengan {angka(d.computed if c else d.printed)}"
                )
    for d in disputes:
        parent_pct_says_kids = _pct_fits(d.parent, name, d.computed) and not _pct_fits(d.parent, name, d.printed)
        if parent_pct_says_kids and d.wrong in {"?", "induk"}:
            d.wrong = "induk"
            d.witnesses.append(
                f"persentase {tertulis(d.parent.persen_dilaporkan or 0.0, d.parent.persen_teks, True)} di baris {d.parent.sumber_baris} dihitung dari {angka(d.computed)}"
            )
        elif d.wrong == "rincian" and d.parent.persen_dilaporkan is not None and _pct_fits(d.parent, name, d.printed):
            d.witnesses.append(
                f"persentase {tertulis(d.parent.persen_dilaporkan, d.parent.persen_teks, True)} di baris {d.parent.sumber_baris} dihitung dari {angka(d.printed)}"
            )


def _carries_total(
    d: _Dispute, rows: list[Anggaran], children: dict[int, list[Anggaran]], get: Getter, fixes: dict[int, float]
) -> list[Anggaran] | None:
    """A top line whose printed amount is the sum of every top line (its own lines included): the
    row carries the table's grand total, not its own amount."""
    if d.parent.induk_urutan is not None:
        return None
    tops = [r for r in rows if r.induk_urutan is None and r.peran == "baris"]
    total = 0.0
    for r in tops:
        v = d.computed if r is d.parent else fixes.get(r.urutan, _effective_fixed(r, children, get, fixes))
        if v is None:
            return None
        total += v
    return tops if len(tops) > 1 and abs(total - d.printed) < 0.5 else None


def _effective_fixed(row: Anggaran, children: dict[int, list[Anggaran]], get: Getter, fixes: dict[int, float]) -> float | None:
    if row.urutan in fixes:
        return fixes[row.urutan]
    value = get(row)
    if value is not None:
        return value
    kids = children.get(row.urutan, [])
    values = [_effective_fixed(k, children, get, fixes) for k in kids]
    return sum(v for v in values if v is not None) if kids and all(v is not None for v in values) else None


def check_table(rows: list[Anggaran], printed_elsewhere: dict[float, int] | None = None) -> list[Temuan]:
    """One budget table: every parent against its lines, every printed total against the top lines."""
    children: dict[int, list[Anggaran]] = {}
    for a in rows:
        if a.induk_urutan is not None:
            children.setdefault(a.induk_urutan, []).append(a)
    found: list[Temuan] = []
    for name in ("pagu", "realisasi"):
        get = _field(name)
        disputes: list[_Dispute] = []
        for parent in rows:
            kids = children.get(parent.urutan, [])
            printed = get(parent)
            if not kids or printed is None:
                continue
            values = [_effective(k, children, get) for k in kids]
            if any(v is None for v in values):
                continue
            computed = sum(v for v in values if v is not None)
            if judge(printed, _texts(name, parent), computed).tingkat is not None:
                disputes.append(_Dispute(parent, kids, printed, computed))
        nested = [d for d in disputes if d.parent.induk_urutan is not None]
        _resolve(name, rows, children, nested, printed_elsewhere or {})
        fixes = {d.parent.urutan: d.computed for d in nested if d.wrong == "induk"}
        for d in disputes:
            if d.parent.induk_urutan is None and (tops := _carries_total(d, rows, children, get, fixes)):
                d.wrong = "jumlah"
                d.kids = tops
        for d in disputes:
            if d.wrong == "?" and fixes and d.parent.urutan not in fixes:
                fixed = [_effective_fixed(k, children, get, fixes) for k in d.kids]
                if all(v is not None for v in fixed) and abs(sum(v or 0.0 for v in fixed) - d.printed) < 0.5:
                    continue  # a total that holds once the wrong line below it is corrected: that line's slip
            found.extend(_dispute_finding(name, d, get))
        # a printed "Jumlah" closes the lines above it that have no parent
        top: list[Anggaran] = []
        for a in rows:
            if a.peran == "jumlah":
                printed = get(a)
                values = [_effective(t, children, get) for t in top]
                if printed is not None and top and all(v is not None for v in values):
                    found.extend(_compare(name, a, top, printed, sum(v for v in values if v is not None)))
                top = []
            elif a.induk_urutan is None:
                top.append(a)
    return found


def _dispute_finding(name: str, d: _Dispute, get: Getter) -> list[Temuan]:
    what = "Pagu" if name == "pagu" else "Realisasi"
    parent, text = d.parent, _texts(name, d.parent)
    owner = f"{TINGKAT_NAMA.get(parent.tingkat, parent.tingkat)} '{_short(parent.nama)}'"
    why = "; ".join(d.witnesses)
    if d.wrong == "jumlah":
        others = [k for k in d.kids if k is not parent]
        return [
            Temuan(
                "anggaran_induk",
                GALAT,
                f"Baris {owner} memuat jumlah seluruh tabel: {what.lower()} {tertulis(d.printed, text)} = kegiatannya sendiri "
                f"{angka(d.computed)} ditambah {len(others)} baris lain setingkatnya, sedangkan {what.lower()} {TINGKAT_NAMA.get(parent.tingkat, parent.tingkat)} itu sendiri {angka(d.computed)}.",
                tertulis(d.printed, text),
                angka(d.computed),
                parent.sumber_baris,
                baris_terkait=tuple(k.sumber_baris for k in d.kids),
                kategori=KATEGORI,
                angka_tertulis=d.printed,
                angka_hitung=d.computed,
                slip=f"anggaran:{parent.sumber_baris}",
            )
        ]
    if d.wrong == "rincian":
        level = TINGKAT_NAMA.get(d.kids[0].tingkat, d.kids[0].tingkat)
        diff = d.printed - d.computed
        suspects = [k for k in d.kids if get(k) is not None and (len(d.kids) == 1 or _pct_fits(k, name, (get(k) or 0.0) + diff))]
        if len(suspects) == 1:
            k = suspects[0]
            value = get(k) or 0.0
            ktext = _texts(name, k)
            pct = (
                f", dan persentase {tertulis(k.persen_dilaporkan or 0.0, k.persen_teks, True)} di baris {k.sumber_baris} dihitung dari {angka(value + diff)}"
                if _pct_fits(k, name, value + diff)
                else ""
            )
            return [
                Temuan(
                    "anggaran_induk",
                    GALAT,
                    f"{what} {level} '{_short(k.nama)}' tertulis {tertulis(value, ktext)}, padahal {owner} di atasnya tertulis "
                    f"{tertulis(d.printed, text)} ({why}{pct}): angka {level} inilah yang salah tulis, seharusnya {angka(value + diff)}.",
                    tertulis(value, ktext),
                    angka(value + diff),
                    k.sumber_baris,
                    baris_terkait=(parent.sumber_baris, *(c.sumber_baris for c in d.kids)),
                    kategori=KATEGORI,
                    angka_tertulis=value,
                    angka_hitung=value + diff,
                    slip=f"anggaran:{k.sumber_baris}",
                )
            ]
    found = _compare(name, parent, d.kids, d.printed, d.computed)
    for t in found:
        t.slip = f"anggaran:{parent.sumber_baris}"
        if d.wrong == "induk" and why:
            t.pesan = (
                t.pesan.rstrip(".")
                + f"; {why}: angka {TINGKAT_NAMA.get(parent.tingkat, parent.tingkat)} inilah yang salah tulis."
            )
    return found


def _compare(name: str, parent: Anggaran, kids: list[Anggaran], printed: float, computed: float) -> list[Temuan]:
    text = _texts(name, parent)
    if judge(printed, text, computed).tingkat is None:
        return []
    level = TINGKAT_NAMA.get(kids[0].tingkat, kids[0].tingkat)
    what = "Pagu" if name == "pagu" else "Realisasi"
    kode = "anggaran_total" if parent.peran == "jumlah" else "anggaran_induk"
    owner = (
        "jumlah" if parent.peran == "jumlah" else f"{TINGKAT_NAMA.get(parent.tingkat, parent.tingkat)} '{_short(parent.nama)}'"
    )
    return [
        Temuan(
            kode,
            GALAT,
            f"{what} {owner} tertulis {tertulis(printed, text)} padahal {len(kids)} {level} di bawahnya berjumlah {angka(computed)}.",
            tertulis(printed, text),
            angka(computed),
            parent.sumber_baris,
            baris_terkait=tuple(k.sumber_baris for k in kids),
            kategori=KATEGORI,
            angka_tertulis=printed,
            angka_hitung=computed,
        )
    ]


def _short(nama: str, width: int = 60) -> str:
    nama = " ".join(nama.split())
    return nama if len(nama) <= width else nama[: width - 1].rstrip() + "…"


def check_realisasi(a: Anggaran) -> list[Temuan]:
    if a.pagu is None or a.realisasi is None or a.pagu <= 0 or a.realisasi <= a.pagu:
        return []
    pct = rules.serapan(a.pagu, a.realisasi)
    assert pct is not None  # pagu > 0 and realisasi present (checked above)
    ratio = pct / 100
    base = dict(
        nilai_tertulis=tertulis(a.realisasi, a.realisasi_teks),
        sumber_baris=a.sumber_baris,
        kategori=KATEGORI,
        angka_tertulis=a.realisasi,
        angka_hitung=a.pagu,
    )
    multiple = next((m for m in rules.SUSPICIOUS_MULTIPLES if abs(ratio - m) < 1e-9), None)
    if multiple is not None:
        return [
            Temuan(
                kode="anggaran_kelipatan",
                tingkat=GALAT,
                pesan=f"Realisasi '{_short(a.nama)}' {angka(a.realisasi)} tepat {angka(multiple * 100)}% dari pagu {angka(a.pagu)}: tanda realisasi yang diketik ulang untuk beberapa indikator.",
                nilai_hitung=angka(a.pagu),
                **base,  # type: ignore[arg-type]
            )
        ]
    return [
        Temuan(
            kode="anggaran_lebih",
            tingkat=GALAT,
            pesan=f"Realisasi '{_short(a.nama)}' {angka(a.realisasi)} melebihi pagunya {angka(a.pagu)} ({persen(pct)}).",
            nilai_hitung=angka(a.pagu),
            **base,  # type: ignore[arg-type]
        )
    ]
