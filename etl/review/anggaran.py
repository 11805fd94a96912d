"""Budget children against parents (sub-kegiatan → kegiatan → program → total), realisasi against
pagu, and realisasi an exact multiple of pagu (domain.md §3, §6.6)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from etl import rules
from etl.model import Anggaran, Dokumen
from etl.review.finding import GALAT, Temuan, angka, persen, tertulis
from etl.review.tolerance import judge

KATEGORI = "anggaran"
TINGKAT_NAMA = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan", "total": "total"}


def review(doc: Dokumen) -> list[Temuan]:
    found: list[Temuan] = []
    for _, rows in groupby(doc.anggaran, key=lambda a: (a.bagian, a.unit_kerja, a.jenis_pk, a.tahap)):
        found.extend(check_table(list(rows)))
    for a in doc.anggaran:
        if a.peran == "baris":
            found.extend(check_realisasi(a))
    return found


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


def check_table(rows: list[Anggaran]) -> list[Temuan]:
    """One budget table: every parent against its lines, every printed total against the top lines."""
    children: dict[int, list[Anggaran]] = {}
    for a in rows:
        if a.induk_urutan is not None:
            children.setdefault(a.induk_urutan, []).append(a)
    found: list[Temuan] = []
    for name in ("pagu", "realisasi"):
        get = _field(name)
        for parent in rows:
            kids = children.get(parent.urutan, [])
            printed = get(parent)
            if not kids or printed is None:
                continue
            values = [_effective(k, children, get) for k in kids]
            if any(v is None for v in values):
                continue
            found.extend(_compare(name, parent, kids, printed, sum(v for v in values if v is not None)))
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
