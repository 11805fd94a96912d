"""What the running text claims, against the numbers of the same document (facts of
``etl.documents.pernyataan``):

* ``narasi_target``     — a sentence saying the targets were met while the realisasi table shows
  indicators below 100 % capaian (every such sentence is one slip: the same claim);
* ``narasi_banding``    — a score or capaian said to lie below (above) a number it exceeds (does not reach);
* ``narasi_arah``       — "meningkat … dari X menjadi Y" with Y below X, or "menurun" with Y above X;
* ``narasi_jumlah``     — a count stated in words that a following table does not list, or whose number
  word says another number ("8 (tujuh)");
* ``narasi_kelompok``   — a budget grouped by sasaran in a table one way while the narrative lists the
  programs under the sasaran another way.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from etl.documents.pernyataan import (
    DI_ATAS,
    DI_BAWAH,
    JUMLAH_DISEBUT,
    KLAIM_TARGET,
    NAIK,
    PERBANDINGAN,
    PERUBAHAN,
    PROGRAM_SASARAN,
    TURUN,
    Pernyataan,
)
from etl.indicators import OWN_UNITS
from etl.model import Anggaran, AnggaranSasaran, Dokumen, Realisasi
from etl.review.finding import GALAT, Temuan, angka, persen, tertulis
from etl.review.tolerance import half_unit
from etl.text import fold

KATEGORI = "narasi"
MET = 100.0  # capaian at which a target is met (domain.md §1)
SAME_PROGRAM = 0.8  # name similarity of one program written in the narrative and in a budget table


def review(doc: Dokumen) -> list[Temuan]:
    facts: Sequence[Pernyataan] = doc.pernyataan
    return [
        *check_target_claims(facts, doc.realisasi, doc.tahun),
        *check_comparisons(facts, doc.realisasi, doc.tahun),
        *check_changes(facts),
        *check_counts(facts),
        *check_grouping(facts, doc.anggaran, doc.anggaran_sasaran),
    ]


def _indicators(realisasi: Sequence[Realisasi], tahun: int) -> list[tuple[Realisasi, float]]:
    """The year's indicators of the document's own unit, each once (its first statement), with the
    capaian printed, else computed."""
    seen: set[str] = set()
    out: list[tuple[Realisasi, float]] = []
    for r in realisasi:
        if r.riwayat or r.tahun != tahun or r.unit_kerja not in OWN_UNITS:
            continue
        pct = r.capaian_dilaporkan if r.capaian_dilaporkan is not None else r.capaian
        key = r.kunci or fold(r.indikator)
        if pct is None or key in seen:
            continue
        seen.add(key)
        out.append((r, pct))
    return out


def check_target_claims(facts: Sequence[Pernyataan], realisasi: Sequence[Realisasi], tahun: int) -> list[Temuan]:
    indicators = _indicators(realisasi, tahun)
    missed = [(r, pct) for r, pct in indicators if pct < MET - 1e-9]
    if not missed:
        return []
    listed = "; ".join(f"{r.indikator} {persen(pct)} (baris {r.sumber_baris})" for r, pct in missed)
    return [
        Temuan(
            "narasi_target",
            GALAT,
            f"Kalimat di baris {s.sumber_baris} menyatakan target kinerja tercapai, padahal {len(missed)} dari "
            f"{len(indicators)} indikator belum mencapai target: {listed}.",
            _claim_words(s.teks),
            f"{len(missed)} dari {len(indicators)} belum tercapai",
            s.sumber_baris,
            baris_terkait=tuple(r.sumber_baris for r, _ in missed),
            kategori=KATEGORI,
            slip="narasi_target",  # the same claim written twice is one slip
        )
        for s in facts
        if s.jenis == KLAIM_TARGET and _about_year(s, tahun)
    ]


def _about_year(s: Pernyataan, tahun: int) -> bool:
    """A sentence naming only other years ("pada tahun 2023 telah mencapai target") is not about
    the year the table reports."""
    years = set(re.findall(r"\b(?:19|20)\d{2}\b", s.teks))
    return not years or str(tahun) in years


def _claim_words(sentence: str) -> str:
    m = re.search(r"\b(?:telah|sudah|mampu|berhasil|dapat)\s+\S+\s+(?:seluruh\s+|semua\s+)?target\b", sentence, re.IGNORECASE)
    return m.group(0) if m else sentence[:60]


def _value_of(
    kunci: str | None, ukuran: str | None, realisasi: Sequence[Realisasi], tahun: int
) -> tuple[float, str | None, int] | None:
    for r, pct in _indicators(realisasi, tahun):
        if kunci and r.kunci == kunci:
            if ukuran == "capaian":
                return pct, r.capaian_teks, r.sumber_baris
            if r.realisasi is not None:
                return r.realisasi, r.realisasi_teks, r.sumber_baris
    return None


def check_comparisons(facts: Sequence[Pernyataan], realisasi: Sequence[Realisasi], tahun: int) -> list[Temuan]:
    found: list[Temuan] = []
    for s in facts:
        if s.jenis != PERBANDINGAN or s.nilai is None or s.arah not in {DI_BAWAH, DI_ATAS} or not _about_year(s, tahun):
            continue
        mine = _value_of(s.kunci, s.ukuran, realisasi, tahun)
        if mine is None:
            continue
        value, text, line = mine
        slack = max(half_unit(text, 0.0), half_unit(s.nilai_teks, 0.0))
        wrong = value > s.nilai + slack if s.arah == DI_BAWAH else value < s.nilai - slack
        if not wrong:
            continue
        said = "di bawah" if s.arah == DI_BAWAH else "di atas"
        truth = "lebih tinggi" if s.arah == DI_BAWAH else "lebih rendah"
        other = _value_of(s.kunci, "nilai" if s.ukuran == "capaian" else "capaian", realisasi, tahun)
        note = ""
        if other is not None and (other[0] < s.nilai if s.arah == DI_BAWAH else other[0] > s.nilai):
            other_name = "nilai" if s.ukuran == "capaian" else "capaian"
            note = f" (yang {said} {s.nilai_teks} adalah {other_name} {s.kunci} {angka(other[0])}, baris {other[2]})"
        shown = tertulis(value, text)
        found.append(
            Temuan(
                "narasi_banding",
                GALAT,
                f"Kalimat menyebut {s.subjek} berada {said} {s.nilai_teks}, padahal {s.ukuran} {s.kunci} {shown} "
                f"(baris {line}) {truth}{note}.",
                s.nilai_teks,
                shown,
                s.sumber_baris,
                baris_terkait=(line,),
                kategori=KATEGORI,
                kunci=s.kunci,
                angka_tertulis=s.nilai,
                angka_hitung=value,
            )
        )
    return found


def check_changes(facts: Sequence[Pernyataan]) -> list[Temuan]:
    found: list[Temuan] = []
    for s in facts:
        if s.jenis != PERUBAHAN or s.nilai is None or s.pembanding is None:
            continue
        if (s.arah == NAIK and s.nilai < s.pembanding) or (s.arah == TURUN and s.nilai > s.pembanding):
            found.append(
                Temuan(
                    "narasi_arah",
                    GALAT,
                    f"Kalimat menyebut {s.subjek} dari {s.pembanding_teks} menjadi {s.nilai_teks}, padahal "
                    f"{s.nilai_teks} {'lebih rendah' if s.arah == NAIK else 'lebih tinggi'} dari {s.pembanding_teks}.",
                    s.nilai_teks,
                    s.pembanding_teks,
                    s.sumber_baris,
                    kategori=KATEGORI,
                    kunci=s.kunci,
                    angka_tertulis=s.nilai,
                    angka_hitung=s.pembanding,
                )
            )
    return found


def check_counts(facts: Sequence[Pernyataan]) -> list[Temuan]:
    found: list[Temuan] = []
    by_statement: dict[int, list[Pernyataan]] = defaultdict(list)
    for s in facts:
        if (
            s.jenis == JUMLAH_DISEBUT
            and s.nilai is not None
            and s.pembanding is not None
            and s.subjek
            and "indikator" in s.subjek
        ):
            by_statement[s.sumber_baris].append(s)
    for line, items in by_statement.items():
        stated = items[0]
        words = [s for s in items if s.arah == "kata" and s.pembanding != s.nilai]
        tables = [s for s in items if s.arah == "tabel" and s.pembanding]
        off = [s for s in tables if s.pembanding != s.nilai]
        if words:
            w = words[0]
            found.append(
                Temuan(
                    "narasi_jumlah",
                    GALAT,
                    f"Kalimat menulis jumlah {stated.subjek} {angka(stated.nilai)} dengan kata '{w.pembanding_teks}' "
                    f"({angka(w.pembanding)}).",
                    stated.nilai_teks,
                    angka(w.pembanding),
                    line,
                    kategori=KATEGORI,
                    angka_tertulis=stated.nilai,
                    angka_hitung=w.pembanding,
                )
            )
        if off:
            same = [s for s in tables if s.pembanding == s.nilai]
            agree = (
                f"; tabel di baris {', '.join(str(s.baris_pembanding) for s in same)} memang memuat {angka(stated.nilai)}"
                if same
                else ""
            )
            listed = ", ".join(f"tabel di baris {s.baris_pembanding} memuat {angka(s.pembanding)}" for s in off)
            found.append(
                Temuan(
                    "narasi_jumlah",
                    GALAT,
                    f"Kalimat menyebut {stated.nilai_teks} {stated.subjek}, padahal {listed}{agree}.",
                    stated.nilai_teks,
                    angka(off[0].pembanding),
                    line,
                    baris_terkait=tuple(s.baris_pembanding for s in tables if s.baris_pembanding is not None),
                    kategori=KATEGORI,
                    angka_tertulis=stated.nilai,
                    angka_hitung=off[0].pembanding,
                )
            )
    return found


# --- budget by sasaran: the table's grouping against the narrative's -------------------------------

_STOP = {"meningkatnya", "meningkatkan", "kecamatan", "di", "dan", "yang", "nilai", "kinerja", "dengan", "indikator"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", fold(text)) if w not in _STOP and len(w) > 2}


def _program_key(name: str) -> str:
    return re.sub(r"\s+", " ", fold(name).removeprefix("program ")).split(" dengan ")[0].strip()[:40]


def _program_amounts(anggaran: Sequence[Anggaran], names: list[str]) -> dict[str, tuple[float, int]] | None:
    """The pagu of every listed program from one budget table that prints all of them (the report's
    own tables, after-change stage first)."""
    tables: dict[tuple[str, str], list[Anggaran]] = defaultdict(list)
    for a in anggaran:
        if a.tingkat == "program" and a.peran == "baris" and a.jenis_pk is None and a.pagu is not None:
            tables[(a.tahap, a.bagian)].append(a)
    for (_, _), rows in sorted(tables.items(), key=lambda kv: kv[0][0] != "perubahan"):
        found: dict[str, tuple[float, int]] = {}
        for n in names:
            key = _program_key(n)
            best = max(rows, key=lambda a: SequenceMatcher(None, key, _program_key(a.nama)).ratio())
            if SequenceMatcher(None, key, _program_key(best.nama)).ratio() >= SAME_PROGRAM and best.pagu is not None:
                found[n] = (best.pagu, best.sumber_baris)
        if len(found) == len(names):
            return found
    return None


def check_grouping(facts: Sequence[Pernyataan], anggaran: Sequence[Anggaran], sasaran: Sequence[AnggaranSasaran]) -> list[Temuan]:
    lists: dict[int, list[Pernyataan]] = defaultdict(list)
    for s in facts:
        if s.jenis == PROGRAM_SASARAN and s.baris_pembanding is not None:
            lists[s.baris_pembanding].append(s)
    tables: dict[str, list[AnggaranSasaran]] = defaultdict(list)
    for row in sasaran:
        if row.pagu is not None:
            tables[row.bagian].append(row)
    found: list[Temuan] = []
    for bagian, rows in tables.items():
        if len(rows) < 2 or len({fold(r.sasaran) for r in rows}) != len(rows):
            continue
        # each table row's distinctive words (not shared with the other rows) must all be in a heading
        words = {id(r): _words(r.sasaran) for r in rows}
        for r in rows:
            words[id(r)] -= set().union(*(words[id(o)] for o in rows if o is not r)) if len(rows) > 1 else set()
        matched: dict[int, list[Pernyataan]] = {}
        for r in rows:
            heads = [h for h, items in lists.items() if words[id(r)] and words[id(r)] <= _words(items[0].subjek or "")]
            if len(heads) == 1:
                matched[id(r)] = lists[heads[0]]
        if len(matched) != len(rows):
            continue
        names = [s.teks for items in matched.values() for s in items]
        amounts = _program_amounts(anggaran, names)
        if amounts is None:
            continue
        for r in rows:
            listed = matched[id(r)]
            narrative = sum(amounts[s.teks][0] for s in listed)
            assert r.pagu is not None
            if abs(narrative - r.pagu) < 0.5:
                continue
            diff = narrative - r.pagu
            moved = _subset(listed, amounts, diff) if diff > 0 else None
            where = f"baris {listed[0].sumber_baris}–{listed[-1].sumber_baris}"
            tail = ""
            if moved:
                tail = (
                    f"; selisih {angka(diff)} = {', '.join(repr(s.teks) for s in moved)} "
                    f"({' + '.join(angka(amounts[s.teks][0]) for s in moved)}), yang oleh tabel dimasukkan ke sasaran lain"
                )
            found.append(
                Temuan(
                    "narasi_kelompok",
                    GALAT,
                    f"{_table_name(bagian)} mencatat pagu sasaran '{r.sasaran}' {angka(r.pagu)}, padahal uraian ({where}) "
                    f"menempatkan {len(listed)} program pada sasaran ini, berjumlah {angka(narrative)}{tail}.",
                    angka(r.pagu),
                    angka(narrative),
                    r.sumber_baris,
                    baris_terkait=(*(s.sumber_baris for s in listed), *(amounts[s.teks][1] for s in listed)),
                    kategori=KATEGORI,
                    angka_tertulis=r.pagu,
                    angka_hitung=narrative,
                    # one grouping, however many tables print it, is one slip
                    slip="kelompok:"
                    + "|".join(f"{fold(o.sasaran)}={o.pagu}" for o in sorted(rows, key=lambda o: fold(o.sasaran))),
                )
            )
    return found


def _table_name(bagian: str) -> str:
    m = re.match(r"\s*(tabel\s+[\d.]*\d)", bagian, re.IGNORECASE)
    return m.group(1) if m else f"Tabel '{bagian[:50]}'"


def _subset(listed: list[Pernyataan], amounts: dict[str, tuple[float, int]], diff: float) -> list[Pernyataan] | None:
    for size in range(1, min(len(listed), 6) + 1):
        for combo in itertools.combinations(listed, size):
            if abs(sum(amounts[s.teks][0] for s in combo) - diff) < 0.5:
                return list(combo)
    return None
