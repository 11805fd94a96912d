"""The same quantity stated twice in one document with different values: a target in the agreement
and in its penjelasan (table or sentence) or the report's copy, a capaian in a detail table, in a
sentence and in the closing summary, an official's name or NIP written two ways, an agreement signed
on two dates. Officials, dates and sentences are facts of etl.documents.pejabat / pernyataan."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from etl.documents.pejabat import Pejabat
from etl.documents.pernyataan import NILAI_KALIMAT, TANGGAL, Pernyataan
from etl.evidence import SUMBER_JUDUL_PERJANJIAN as TITLE_ONLY
from etl.header import MONTHS
from etl.indicators import OWN_UNITS, own_unit
from etl.model import Anggaran, Dokumen, Perjanjian
from etl.review.finding import GALAT, INFO, PERINGATAN, Temuan, tertulis
from etl.review.tolerance import half_unit
from etl.text import fold

KATEGORI = "ganda"


def review(doc: Dokumen) -> list[Temuan]:
    return [
        *check_targets(doc),
        *check_realisasi(doc),
        *check_program_budgets(doc),
        *check_officials(doc.pejabat),
        *check_signing_dates(doc.pernyataan, doc.perjanjian),
    ]


@dataclass(frozen=True)
class Stated:
    value: float
    text: str | None
    line: int
    label: str


def _differ(a: Stated, b: Stated) -> bool:
    return abs(a.value - b.value) > max(half_unit(a.text, 0.0), half_unit(b.text, 0.0)) + 1e-9


def _disagreements(
    kode: str, what: str, groups: dict[tuple[object, ...], list[Stated]], kunci_of: Callable[[tuple[object, ...]], str | None]
) -> list[Temuan]:
    """Within each group the value stated most often (the first one on a tie) is the reference;
    every statement that differs from it beyond rounding is a finding."""
    found: list[Temuan] = []
    for key, items in groups.items():
        if len(items) < 2:
            continue
        counts = Counter(round(s.value, 6) for s in items)
        best = max(counts.values())
        ref = next(s for s in items if counts[round(s.value, 6)] == best)
        for s in items:
            if s is ref or not _differ(s, ref):
                continue
            found.append(
                Temuan(
                    kode,
                    GALAT,
                    f"{what} {s.label} tertulis {tertulis(s.value, s.text)} di baris {s.line}, padahal di baris {ref.line} tertulis {tertulis(ref.value, ref.text)}.",
                    tertulis(s.value, s.text),
                    tertulis(ref.value, ref.text),
                    s.line,
                    baris_terkait=(ref.line,),
                    kategori=KATEGORI,
                    kunci=kunci_of(key),
                    angka_tertulis=s.value,
                    angka_hitung=ref.value,
                )
            )
    return found


def _restated(doc: Dokumen, ukuran: str) -> list[Pernyataan]:
    return [s for s in doc.pernyataan if s.jenis == NILAI_KALIMAT and s.ukuran == ukuran]


def _indicator_key(kunci: str | None, indikator: str) -> str:
    return kunci or fold(indikator)


def check_targets(doc: Dokumen) -> list[Temuan]:
    """One agreement version, one unit, one indicator: one target, wherever it is printed."""
    groups: dict[tuple[object, ...], list[Stated]] = defaultdict(list)
    for t in doc.target:
        if t.target is None:
            continue
        key = (t.jenis_pk, t.unit_kerja, _indicator_key(t.kunci, t.indikator))
        groups[key].append(Stated(t.target, t.target_teks, t.sumber_baris, f"'{t.indikator}'"))
    # a target restated in a sentence of the agreement (its penjelasan): facts of etl.documents.pernyataan
    agreements = {p.urutan: p for p in doc.perjanjian}
    for s in _restated(doc, "target"):
        p = agreements.get(s.perjanjian_urutan or -1)
        if p is not None and s.nilai is not None and s.kunci:
            groups[(p.jenis_pk, p.unit_kerja, s.kunci)].append(
                Stated(s.nilai, s.nilai_teks, s.sumber_baris, f"'{s.subjek}' (kalimat)")
            )
    return _disagreements("ganda_target", "Target", groups, lambda k: k[2] if k[2] in {"IKM", "SAKIP", "KEMATANGAN"} else None)  # type: ignore[return-value]


def check_realisasi(doc: Dokumen) -> list[Temuan]:
    """One indicator, one year: the same target, realisasi and capaian in every table and summary."""
    found: list[Temuan] = []
    for field, what in (("target", "Target"), ("realisasi", "Realisasi"), ("capaian_dilaporkan", "Capaian")):
        groups: dict[tuple[object, ...], list[Stated]] = defaultdict(list)
        for r in doc.realisasi:
            value = getattr(r, field)
            if value is None or r.riwayat:
                continue
            text = {"target": r.target_teks, "realisasi": r.realisasi_teks, "capaian_dilaporkan": r.capaian_teks}[field]
            groups[(r.tahun, r.unit_kerja, _indicator_key(r.kunci, r.indikator))].append(
                Stated(value, text, r.sumber_baris, f"'{r.indikator}'")
            )
        ukuran = {"target": "target", "realisasi": "realisasi", "capaian_dilaporkan": "capaian"}[field]
        for s in _restated(doc, ukuran):
            if s.perjanjian_urutan is None and s.nilai is not None and s.kunci:  # the report's own text
                groups[(doc.tahun, own_unit(doc), s.kunci)].append(
                    Stated(s.nilai, s.nilai_teks, s.sumber_baris, f"'{s.subjek}' (kalimat)")
                )
        if field == "capaian_dilaporkan":
            for a in doc.anggaran_sasaran:
                if a.kunci and a.capaian_dilaporkan is not None:
                    groups[(doc.tahun, own_unit(doc), a.kunci)].append(
                        Stated(a.capaian_dilaporkan, None, a.sumber_baris, f"'{a.indikator or a.sasaran}'")
                    )
        found += _disagreements(
            f"ganda_{field.split('_')[0]}", what, groups, lambda k: k[2] if k[2] in {"IKM", "SAKIP", "KEMATANGAN"} else None
        )  # type: ignore[return-value]
    return found


# names of one program printed in two tables differ by typing slips ("Penujang", "Penunjang"): two
# names are the same program when their first 40 letters are this similar
SAME_PROGRAM = 0.85


def _program_name(nama: str) -> str:
    return fold(nama).removeprefix("program ").strip()[:40]


def _stage_from_evidence(doc: Dokumen) -> dict[tuple[str, str | None], list[Anggaran]]:
    """The agreements titled PK Perubahan whose budget the evidence shows to be the murni one
    (etl.evidence decides a budget's stage from its own heading or a total it equals, not from the
    agreement's title: a PK Perubahan issued for a change of IKU keeps the murni budget; domain.md
    §5). Source (bagian, jenis_pk) → its program lines."""
    by_source: dict[tuple[str, str | None], list[Anggaran]] = defaultdict(list)
    for a in doc.anggaran:
        if (
            a.jenis_pk == "PK_PERUBAHAN"
            and a.tahap == "murni"
            and a.tingkat == "program"
            and a.peran == "baris"
            and a.pagu is not None
        ):
            by_source[(a.bagian, a.jenis_pk)].append(a)
    return dict(by_source)


def _stage_from_title_only(a: Anggaran) -> bool:
    return a.jenis_pk is not None and (a.sumber_tahap or "").startswith(TITLE_ONLY)


def check_program_budgets(doc: Dokumen) -> list[Temuan]:
    """One program, one stage (murni / perubahan): one pagu, in every table and agreement of the
    kecamatan's own budget that prints it. The stage of an agreement's budget is taken from its
    amounts where they show it (``_stage_from_evidence``), else from its title; a disagreement
    that rests on a stage read from the title only is a ``peringatan``."""
    evidenced = _stage_from_evidence(doc)
    found: list[Temuan] = []
    for rows in evidenced.values():
        first, last = min(a.sumber_baris for a in rows), max(a.sumber_baris for a in rows)
        found.append(
            Temuan(
                "tahap_anggaran",
                INFO,
                f"Anggaran PK Perubahan di baris {first}–{last} adalah anggaran murni ({rows[0].sumber_tahap}), seperti PK "
                "Perubahan yang diterbitkan karena perubahan IKU, sehingga dibandingkan dengan anggaran murni, bukan dengan "
                "anggaran setelah perubahan.",
                tertulis(rows[0].pagu or 0.0, rows[0].pagu_teks),
                None,
                rows[0].sumber_baris,
                baris_terkait=tuple(a.sumber_baris for a in rows),
                kategori=KATEGORI,
            )
        )
    # clusters of (stage, name) → statements; one statement per table (bagian + version) at most
    clusters: list[tuple[str, str, dict[tuple[object, ...], Stated]]] = []
    from_title: set[int] = set()
    for a in doc.anggaran:
        if a.tingkat != "program" or a.peran != "baris" or a.pagu is None or a.unit_kerja not in OWN_UNITS:
            continue
        name, source = _program_name(a.nama), (a.bagian, a.jenis_pk)
        tahap = a.tahap
        if _stage_from_title_only(a):
            from_title.add(a.sumber_baris)
        stated = Stated(a.pagu, a.pagu_teks, a.sumber_baris, f"program '{a.nama}' ({tahap})")
        home = next(
            (
                c
                for c in clusters
                if c[0] == tahap and source not in c[2] and SequenceMatcher(None, c[1], name).ratio() >= SAME_PROGRAM
            ),
            None,
        )
        if home is None:
            clusters.append((tahap, name, {source: stated}))
        else:
            home[2][source] = stated
    groups: dict[tuple[object, ...], list[Stated]] = {
        (k,): sorted(c[2].values(), key=lambda s: s.line) for k, c in enumerate(clusters)
    }
    for t in _disagreements("ganda_pagu", "Pagu", groups, lambda _: None):
        t.slip = f"anggaran:{t.sumber_baris}"
        if {t.sumber_baris, *t.baris_terkait} & from_title:
            t.tingkat = PERINGATAN
            t.pesan += (
                " Tahap anggaran perjanjian ini hanya diketahui dari judulnya; PK Perubahan yang diterbitkan untuk "
                "perubahan indikator dapat memuat anggaran murni, jadi selisih ini belum tentu salah tulis."
            )
        found.append(t)
    return found


# --- officials: names and NIP (facts of etl.documents.pejabat) -------------------------------------


@dataclass(frozen=True)
class Mention:
    raw: str
    name: str  # normalised: capitals, titles and degrees removed
    nip: str | None  # digits and letters as printed, spaces removed
    nip_raw: str | None
    line: int  # line of the NIP, or of the name where no NIP follows it
    name_line: int


def mentions(officials: Sequence[Pejabat]) -> list[Mention]:
    return [Mention(p.nama, p.nama_baku, p.nip_baku, p.nip, p.sumber_baris, p.baris_nama) for p in officials]


def nip_problem(nip: str) -> str | None:
    """Why a NIP cannot be a PNS number (18 digits: birth date, TMT year-month, sex, sequence)."""
    if not nip.isdigit():
        return "memuat huruf"
    if len(nip) != 18:
        return f"terdiri atas {len(nip)} angka, bukan 18"
    try:
        dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return f"tanggal lahirnya ({nip[:8]}) tidak mungkin"
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not (1950 <= tmt_year <= 2100 and 1 <= tmt_month <= 12):
        return f"TMT-nya ({nip[8:14]}) bukan tahun dan bulan"
    if nip[14] not in "12":
        return f"kode jenis kelaminnya ({nip[14]}) bukan 1 atau 2"
    return None


def _people(found: list[Mention]) -> list[list[Mention]]:
    """Mentions of one person: linked by the same written name or the same NIP."""
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_name: dict[str, int] = {}
    by_nip: dict[str, int] = {}
    for i, m in enumerate(found):
        for index, key in ((by_name, m.name), (by_nip, m.nip)):
            if key is None:
                continue
            if key in index:
                parent[root(i)] = root(index[key])
            else:
                index[key] = i
    clusters: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(found):
        clusters[root(i)].append(m)
    return list(clusters.values())


def check_officials(officials: Sequence[Pejabat]) -> list[Temuan]:
    """Mentions of one person (same written name or same NIP) must agree on name and NIP, and a
    NIP must be a PNS number."""
    found: list[Temuan] = []
    for person in _people(mentions(officials)):
        if not any(m.nip for m in person):
            continue
        usual_name = Counter(m.name for m in person).most_common(1)[0][0]
        owner = next(m.raw for m in person if m.name == usual_name)
        nips = Counter(m.nip for m in person if m.nip)
        valid = [n for n, _ in nips.most_common() if nip_problem(n) is None]
        usual_nip = valid[0] if valid else nips.most_common(1)[0][0]
        usual_nip_line = next(m for m in person if m.nip == usual_nip)
        for nip in nips:
            here = [m for m in person if m.nip == nip]
            problem = nip_problem(nip)
            if problem:
                elsewhere = f" (di baris {usual_nip_line.line}: '{usual_nip_line.nip_raw}')" if nip != usual_nip else ""
                found.append(
                    Temuan(
                        "nip_format",
                        GALAT,
                        f"NIP {owner} tertulis '{here[0].nip_raw}', yang {problem}{elsewhere}.",
                        here[0].nip_raw,
                        usual_nip_line.nip_raw if nip != usual_nip else None,
                        here[0].line,
                        baris_terkait=tuple(m.line for m in here),
                        kategori=KATEGORI,
                    )
                )
            elif nip != usual_nip:
                found.append(
                    Temuan(
                        "ganda_nip",
                        GALAT,
                        f"NIP {owner} ditulis '{here[0].nip_raw}' di baris {here[0].line}, padahal di baris {usual_nip_line.line} ditulis '{usual_nip_line.nip_raw}' ({nips[usual_nip]} kali).",
                        here[0].nip_raw,
                        usual_nip_line.nip_raw,
                        here[0].line,
                        baris_terkait=(*(m.line for m in here), usual_nip_line.line),
                        kategori=KATEGORI,
                    )
                )
        names = Counter(m.name for m in person)
        ref = next(m for m in person if m.name == usual_name)
        for name in names:
            if name == usual_name:
                continue
            here = [m for m in person if m.name == name]
            found.append(
                Temuan(
                    "ganda_nama",
                    GALAT,
                    f"Nama ditulis '{here[0].raw}' di baris {here[0].name_line}, padahal di baris {ref.name_line} ditulis '{ref.raw}' ({names[usual_name]} kali).",
                    here[0].raw,
                    ref.raw,
                    here[0].name_line,
                    baris_terkait=(*(m.name_line for m in here), ref.name_line),
                    kategori=KATEGORI,
                )
            )
    return found


# --- signing dates (facts of etl.documents.pernyataan) ------------------------------------------


def check_signing_dates(statements: Sequence[Pernyataan], perjanjian: Sequence[Perjanjian]) -> list[Temuan]:
    """Each agreement is signed once: its signature dates must not disagree."""
    found: list[Temuan] = []
    units = {p.urutan: p.unit_kerja for p in perjanjian}
    by_agreement: dict[int, list[Pernyataan]] = defaultdict(list)
    for s in statements:
        if s.jenis == TANGGAL and s.perjanjian_urutan is not None and s.tanggal_teks:
            by_agreement[s.perjanjian_urutan].append(s)
    for urutan, dates in by_agreement.items():
        first = dates[0]
        y0, mo0 = _year_month(first.tanggal_teks or "")
        for s in dates[1:]:
            y, mo = _year_month(s.tanggal_teks or "")
            d, d0 = (s.tanggal.day if s.tanggal else None), (first.tanggal.day if first.tanggal else None)
            if (y, mo) != (y0, mo0) or (d is not None and d0 is not None and d != d0):
                found.append(
                    Temuan(
                        "ganda_tanggal",
                        GALAT,
                        f"Perjanjian kinerja {units.get(urutan, '')} bertanggal {s.tanggal_teks} di baris {s.sumber_baris}, padahal di baris {first.sumber_baris} bertanggal {first.tanggal_teks}.",
                        s.tanggal_teks,
                        first.tanggal_teks,
                        s.sumber_baris,
                        baris_terkait=(first.sumber_baris,),
                        kategori=KATEGORI,
                    )
                )
    return found


def _year_month(teks: str) -> tuple[int, int]:
    words = teks.split()
    return int(words[-1]), MONTHS[words[-2].lower()]
