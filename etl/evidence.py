"""Evidence over guesses: what the document prints decides; a guess only fills a gap, and says so.

* **Capaian formula** (domain.md §1, §6.1): the formula that reproduces the printed capaian is the
  formula; the indicator's wording is a hint used only where no capaian is printed.
* **Predicate** of a key score or of a capaian: the one printed wins over the one computed; a
  computed one names the regulation it follows.
* **Budget stage** (murni / perubahan): from the budget table's own heading, or from its total
  being the document's after-change total (or the murni one) — not from the title of the agreement
  it is printed in (a PK Perubahan signed for an IKU change carries the murni budget).
* **Budget totals**: where a parent line and its children disagree, the level that reconciles with
  the printed grand total is the one summed; the disagreement is kept as a fact
  (:class:`etl.model.AnggaranJumlah`) for the review and the dashboard.

Everything here is pure: it reads and updates one :class:`etl.model.Dokumen`, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import groupby

from etl import rules
from etl.indicators import OWN_UNITS
from etl.model import Anggaran, AnggaranJumlah, Dokumen, Line, Realisasi, Skor
from etl.numbers import parse_amount
from etl.text import fold

# --- capaian formula -----------------------------------------------------------------------------

SUMBER_RUMUS_TERCETAK = "capaian tercetak"
SUMBER_RUMUS_KATA = "petunjuk kata"
SUMBER_RUMUS_TIPE = "tipe perhitungan tercetak"
SUMBER_RUMUS_BAWAAN = "bawaan: positif (tanpa capaian tercetak dan tanpa petunjuk kata)"
SUMBER_RUMUS_POSITIF = "tanpa petunjuk kata: positif"
SUMBER_RUMUS_TIDAK_COCOK = "capaian tercetak tidak cocok dengan rumus mana pun"
SUMBER_RUMUS_TANPA_UJI = "capaian tercetak tanpa target dan realisasi untuk mengujinya"


def hint_word(indikator: str) -> str | None:
    """The word of the indicator's name that makes the wording hint negative, else None."""
    return rules.polarity_hint_word(indikator)


def _matching_formulas(target: float | None, realisasi: float | None, reported: float | None) -> list[str]:
    """Every formula of domain.md §1 that reproduces the printed capaian (T = R fits several)."""
    if reported is None:
        return []
    return [
        f
        for f in rules.FORMULAS
        if (value := rules.capaian(target, realisasi, f)) is not None and abs(value - reported) <= rules.CAPAIAN_MATCH_PP
    ]


def choose_formula(
    indikator: str, target: float | None, realisasi: float | None, reported: float | None, declared: str | None = None
) -> tuple[str, str]:
    """(formula, its source): the printed capaian decides; then the polarity the agreement declares
    for the indicator (``declared``: its printed "tipe perhitungan", "Progres Negatif"); the wording
    only where neither is printed. Where the printed value fits several formulas, the next evidence
    chooses among those."""
    word = hint_word(indikator)
    polarity = fold(declared or "")
    if "negatif" in polarity or "positif" in polarity:
        hinted = rules.formula_polaritas(rules.polaritas(indikator, declared))  # the printed polarity wins
        hint_source = f"{SUMBER_RUMUS_TIPE}: '{declared}'"
    else:
        hinted = rules.formula_polaritas(rules.polarity_hint(indikator))  # negative exactly when `word` is set
        hint_source = f"{SUMBER_RUMUS_KATA}: '{word}'" if word else SUMBER_RUMUS_POSITIF
    matches = _matching_formulas(target, realisasi, reported)
    if len(matches) == 1:
        return matches[0], SUMBER_RUMUS_TERCETAK
    if matches:
        if hinted in matches:
            return hinted, f"{SUMBER_RUMUS_TERCETAK} (cocok dengan beberapa rumus) dan {hint_source}"
        return matches[0], f"{SUMBER_RUMUS_TERCETAK} (cocok dengan beberapa rumus)"
    if reported is not None and target is not None and realisasi is not None:
        return hinted, f"{SUMBER_RUMUS_TIDAK_COCOK}; {hint_source}"
    if reported is not None:
        return hinted, f"{SUMBER_RUMUS_TANPA_UJI}; {hint_source}"
    return hinted, SUMBER_RUMUS_BAWAAN if hint_source == SUMBER_RUMUS_POSITIF else hint_source


def settle_capaian(r: Realisasi, declared: str | None = None) -> None:
    """Formula, computed capaian and predicate of one realisasi row, from its own evidence."""
    formula, source = choose_formula(r.indikator, r.target, r.realisasi, r.capaian_dilaporkan, declared)
    r.rumus_capaian, r.sumber_rumus = formula, source
    r.rumus_terdeteksi = rules.detect_formula(r.target, r.realisasi, r.capaian_dilaporkan)
    r.capaian = rules.capaian(r.target, r.realisasi, formula)
    r.predikat_hitung = rules.predikat_capaian(r.capaian)
    r.predikat, r.sumber_predikat = predikat_capaian(r.kategori_dilaporkan, r.capaian)


# --- predicates -----------------------------------------------------------------------------------

SUMBER_PREDIKAT_TERCETAK = "tercetak"
# The capaian scale's regulation (domain.md §2.1); the key scores name theirs per year (rules.Predikat).
_REGULATION = {"CAPAIAN": "Permendagri 86/2017"}


def sumber_dihitung(jenis: str) -> str:
    return f"dihitung ({_REGULATION[jenis]})"


def predikat_skor(s: Skor, jumlah_unsur: int | None = None) -> tuple[str | None, str | None]:
    """(predicate, source) of a key score: the printed category wins over the computed one; a
    computed one uses the bands of its year's regulation (rules.predikat_skor: SAKIP by evaluation
    year, IKM by its number of unsur, else its year) and names that regulation."""
    p = rules.predikat_skor(s.jenis, s.nilai, s.tahun, s.kategori_dilaporkan)
    if s.jenis == "IKM" and not (s.kategori_dilaporkan or "").strip():
        p = rules.predikat_ikm(s.nilai, rules.regulasi_ikm(s.tahun, jumlah_unsur))
    if p is None:
        return None, None
    if p.sumber == rules.SUMBER_DOKUMEN:
        return (s.kategori_dilaporkan or "").strip(), SUMBER_PREDIKAT_TERCETAK
    return p.teks(), f"dihitung ({p.regulasi})"


def _capaian_words() -> set[str]:
    labels = {lbl for _, lbl in rules.CAPAIAN_SCALE} | {rules.CAPAIAN_LOWEST}
    return {fold(x) for x in labels | set(rules.CAPAIAN_LABELS_BAIK.values())}


def predikat_capaian(printed: str | None, capaian: float | None) -> tuple[str | None, str | None]:
    """A printed criterion wins where it is a word of the capaian scale (a score's own category
    printed next to its value, "BB", is not a capaian predicate); else the computed one."""
    text = (printed or "").strip()
    if text and fold(text) in _capaian_words():
        return text, SUMBER_PREDIKAT_TERCETAK
    computed = rules.predikat_capaian(capaian)
    return (computed, sumber_dihitung("CAPAIAN")) if computed else (None, None)


# --- budget stage ---------------------------------------------------------------------------------

MURNI, PERUBAHAN = "murni", "perubahan"
SUMBER_JUDUL = "judul tabel"
SUMBER_JUDUL_PERJANJIAN = "judul perjanjian"  # the stage known from the agreement's title only
_AGREEMENT_TITLE = re.compile(r"perjanjian kinerja perubahan|\bpk perubahan\b")
_PERUBAHAN_WORDS = re.compile(r"\b(perubahan|perubhn|p apbd|apbd p)\b")
_MURNI_WORDS = re.compile(r"\b(murni|sebelum perubahan|apbd induk|anggaran induk)\b")
SAME_AMOUNT = 0.5  # Rupiah: two printed totals are the same amount


def stage_from_heading(heading: str) -> str | None:
    """The stage a budget table's own heading or column labels state ("Anggaran Perubahan …",
    "Pagu setelah perubahan", "Anggaran Murni"); the agreement's title is not the budget's."""
    f = _AGREEMENT_TITLE.sub(" ", fold(heading))
    if _MURNI_WORDS.search(f):
        return MURNI
    if _PERUBAHAN_WORDS.search(f):
        return PERUBAHAN
    return None


def heading_source(heading: str) -> str:
    return f"{SUMBER_JUDUL}: '{' '.join(heading.split())[:120]}'"


def context_source(jenis_pk: str | None, bagian: str, tahap: str) -> str:
    """Why a table without its own evidence has the stage of its context."""
    if bagian == "perjanjian":
        title = "PK Perubahan" if jenis_pk == "PK_PERUBAHAN" else "PK"
        return f"{SUMBER_JUDUL_PERJANJIAN} ({title}), tanpa bukti pada tabel"
    if tahap == PERUBAHAN:
        return "laporan memuat Perjanjian Kinerja Perubahan, tanpa bukti pada tabel"
    return "tanpa keterangan tahap pada tabel: dianggap murni"


_RP_AMOUNT = re.compile(r"rp\.?\s*(\d{1,3}(?:[.,]\d{3})+(?:,\d{1,2})?)", re.IGNORECASE)


@dataclass
class StatedTotal:
    stage: str
    amount: float
    where: str
    line: int


def stated_totals(lines: list[Line]) -> list[StatedTotal]:
    """Totals stated in sentences: "anggaran … setelah perubahan sebesar Rp. 2.500.000.000"."""
    out = []
    for ln in lines:
        m = _RP_AMOUNT.search(ln.text)
        if not m:
            continue
        before = fold(ln.text[: m.start()])
        if ("anggaran" not in before and "pagu" not in before) or "realisasi" in before:
            continue  # a realised amount is no pagu
        before = _AGREEMENT_TITLE.sub(" ", before)
        stage = MURNI if _MURNI_WORDS.search(before) else PERUBAHAN if _PERUBAHAN_WORDS.search(before) else None
        amount = parse_amount(m.group(1))
        if stage and amount:
            out.append(StatedTotal(stage, amount, f"kalimat baris {ln.no}", ln.no))
    return out


@dataclass
class BudgetTable:
    """The rows of one budget table as extracted (consecutive rows of one bagian and agreement)."""

    rows: list[Anggaran]
    strong: bool = False  # the stage comes from the table's own heading
    totals: set[float] = field(default_factory=set)
    dokumen: str | None = None  # the file, for a table of another document

    @property
    def stage(self) -> str:
        return self.rows[0].tahap

    @property
    def unit(self) -> str:
        return self.rows[0].unit_kerja

    @property
    def where(self) -> str:
        r = self.rows[0]
        if r.bagian == "perjanjian":
            title = "PK Perubahan" if r.jenis_pk == "PK_PERUBAHAN" else "PK"
            name = f"{title} {r.unit_kerja}"
        else:
            label = re.match(r"tabel\s+[\w.]+", r.bagian, re.IGNORECASE)
            name = label.group(0) if label else " ".join(r.bagian.split())[:60]
        return f"{name}, baris {r.sumber_baris}" + (f", dokumen {self.dokumen}" if self.dokumen else "")


def budget_tables(rows: list[Anggaran], dokumen: str | None = None) -> list[BudgetTable]:
    """The document's budget tables, with the evidence each carries for its stage and its totals."""
    tables = [BudgetTable(list(g), dokumen=dokumen) for _, g in groupby(rows, key=lambda a: (a.bagian, a.unit_kerja, a.jenis_pk))]
    for t in tables:
        for r in t.rows:
            if r.sumber_tahap is None:
                r.sumber_tahap = context_source(r.jenis_pk, r.bagian, r.tahap)
        t.strong = all((r.sumber_tahap or "").startswith(SUMBER_JUDUL) for r in t.rows)
        t.totals = {x for x in table_totals(t.rows) if abs(x) >= SAME_AMOUNT}  # an empty table proves nothing
    return tables


def settle_stage(doc: Dokumen, others: list[BudgetTable] | None = None) -> list[BudgetTable]:
    """Stage of every budget table of the document from the evidence it carries (heading), then
    from its total being one the document (or another document of the same unit and year, in
    ``others``) states for a stage; the agreement's title last. Returns the document's tables."""
    tables = budget_tables(doc.anggaran)
    stated = stated_totals(doc.lines)
    decide_stages(tables, tables + list(others or []), stated)
    return tables


def decide_stages(tables: list[BudgetTable], refs: list[BudgetTable], stated: list[StatedTotal]) -> list[BudgetTable]:
    """Decide the stage of every table of ``tables`` without a heading of its own against ``refs``
    (tables of the same unit) and the stated totals; returns the tables whose stage changed."""
    changed = []
    for t in tables:
        if t.strong or not t.totals:
            continue
        others = [o for o in refs if o is not t and o.totals and o.unit == t.unit]
        own_unit = t.unit in OWN_UNITS
        after = [(o.where, o.totals) for o in others if o.strong and o.stage == PERUBAHAN]
        after += [(s.where, {s.amount}) for s in stated if s.stage == PERUBAHAN and own_unit]
        before = [(o.where, o.totals) for o in others if o.stage == MURNI and not _same(o.totals, after)]
        before += [(s.where, {s.amount}) for s in stated if s.stage == MURNI and own_unit]
        was = (t.stage, t.rows[0].sumber_tahap)
        hit_after = next((w for w, tot in after if _same(t.totals, [(w, tot)])), None)
        hit_before = next((w for w, tot in before if _same(t.totals, [(w, tot)])), None)
        if hit_after:
            _set_stage(t, PERUBAHAN, f"jumlah {_amount(max(t.totals))} sama dengan anggaran setelah perubahan ({hit_after})")
        elif hit_before and after:
            after_where, after_totals = after[0]
            _set_stage(
                t,
                MURNI,
                f"jumlah {_amount(max(t.totals))} sama dengan anggaran murni ({hit_before}), "
                f"bukan anggaran setelah perubahan {_amount(max(after_totals))} ({after_where})",
            )
        if (t.stage, t.rows[0].sumber_tahap) != was:
            changed.append(t)
    return changed


def _amount(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def _rp(x: float) -> str:
    return f"Rp{_amount(x)}"


def _same(totals: set[float], refs: list[tuple[str, set[float]]]) -> bool:
    return any(abs(a - b) < SAME_AMOUNT for _, ref in refs for a in totals for b in ref)


def _set_stage(t: BudgetTable, stage: str, source: str) -> None:
    for r in t.rows:
        r.tahap, r.sumber_tahap = stage, source


def table_totals(rows: list[Anggaran]) -> set[float]:
    """The pagu totals a table stands for: its printed total and the reconciled sum of its lines."""
    out: set[float] = set()
    rec = reconcile(rows, "pagu")
    if rec is not None:
        if rec.printed is not None:
            out.add(rec.printed)
        out.add(rec.used)
    return out


# --- budget totals reconciled to the document ----------------------------------------------------

MAX_OPTIONS = 256  # distinct sums kept per branch; a table has a handful of disagreeing lines


@dataclass(frozen=True)
class Option:
    value: float
    counted: frozenset[int]  # urutan of the lines summed
    own: frozenset[int]  # lines with children counted by their own printed value


@dataclass
class Reconciliation:
    measure: str  # pagu | realisasi
    printed: float | None  # the printed grand total
    printed_text: str | None
    printed_line: int | None
    printed_origin: str | None
    detail: float  # sum of the most detailed lines
    used: float  # sum of the lines counted
    counted: frozenset[int]
    own: frozenset[int]
    reconciled: bool | None  # used == printed; None when nothing is printed
    disagreements: list[tuple[Anggaran, float]]  # (parent line, its children's sum) where they differ
    suspects: list[int] = field(default_factory=list)  # lines the printed total shows to be the slip


def _value(a: Anggaran, measure: str) -> float | None:
    return a.pagu if measure == "pagu" else a.realisasi


def _text(a: Anggaran, measure: str) -> str | None:
    return a.pagu_teks if measure == "pagu" else a.realisasi_teks


def _combine(parts: list[list[Option]]) -> list[Option]:
    acc = [Option(0.0, frozenset(), frozenset())]
    for opts in parts:
        nxt: dict[float, Option] = {}
        for a in acc:
            for b in opts:
                o = Option(a.value + b.value, a.counted | b.counted, a.own | b.own)
                key = round(o.value, 2)
                if key not in nxt or len(o.own) < len(nxt[key].own):
                    nxt[key] = o
        acc = list(nxt.values())[:MAX_OPTIONS]
    return acc


def reconcile(rows: list[Anggaran], measure: str) -> Reconciliation | None:
    """Which lines to sum so that the table adds up to its printed grand total.

    Each parent line either counts by its own printed amount or by its children's; the default is
    the most detailed lines everywhere. The printed grand total is a "Jumlah" row, or a top line
    whose amount is the sum of the whole table (a total printed on the first program's line).
    Among the choices reaching it, the one departing least from the most detailed lines wins.
    """
    lines = [a for a in rows if a.peran == "baris"]
    if not any(_value(a, measure) is not None for a in lines):
        return None
    kids: dict[int | None, list[Anggaran]] = {}
    known = {a.urutan for a in lines}
    for a in lines:
        parent = a.induk_urutan if a.induk_urutan in known else None
        kids.setdefault(parent, []).append(a)
    memo: dict[int, list[Option]] = {}
    child_sums: dict[int, list[Option]] = {}

    def valued(a: Anggaran) -> bool:
        return _value(a, measure) is not None or any(valued(c) for c in kids.get(a.urutan, []))

    def options(a: Anggaran) -> list[Option]:
        if a.urutan in memo:
            return memo[a.urutan]
        own = _value(a, measure)
        # children printed without amounts are no evidence against their parent's amount
        children = [c for c in kids.get(a.urutan, []) if valued(c)]
        if not children:
            out = [Option(own or 0.0, frozenset({a.urutan}) if own is not None else frozenset(), frozenset())]
        else:
            below = _combine([options(c) for c in children])
            child_sums[a.urutan] = below
            out = list(below)
            if own is not None and not any(abs(o.value - own) < SAME_AMOUNT for o in below):
                out.append(Option(own, frozenset({a.urutan}), frozenset({a.urutan})))
        memo[a.urutan] = out
        return out

    top = kids.get(None, [])
    totals = _combine([options(a) for a in top])
    detail = totals[0]  # children first everywhere: the most detailed lines
    printed: tuple[float, str | None, int, str] | None = None
    jumlah = [a for a in rows if a.peran == "jumlah" and _value(a, measure) is not None]
    chosen: Option | None = None
    if jumlah:
        j = jumlah[-1]
        printed = (_value(j, measure) or 0.0, _text(j, measure), j.sumber_baris, "baris jumlah")
        chosen = _closest(totals, printed[0])
    else:
        for k, p in enumerate(top):
            own = _value(p, measure)
            if own is None or p.urutan not in child_sums or len(top) < 2:
                continue
            rest = _combine([options(c) for c in top[:k] + top[k + 1 :]])
            whole = _combine([child_sums[p.urutan], rest])
            hit = _closest(whole, own)
            if hit is not None:
                printed = (own, _text(p, measure), p.sumber_baris, f"baris '{p.nama[:60]}' memuat jumlah seluruh tabel")
                chosen = hit
                break
    used = chosen or detail
    disagreements = []
    for a in lines:
        own = _value(a, measure)
        if own is None or a.urutan not in child_sums:
            continue
        if printed and printed[2] == a.sumber_baris and printed[3] != "baris jumlah":
            continue
        below = child_sums[a.urutan][0].value
        if abs(below - own) >= SAME_AMOUNT:
            disagreements.append((a, below))
    suspects: list[int] = []
    if chosen is not None:
        for head, _below in disagreements:
            if head.urutan in used.own:  # the parent holds: its children's amounts are the slip
                suspects.extend(c.sumber_baris for c in kids.get(head.urutan, []) if valued(c))
            else:  # the children hold: the parent's amount is the slip
                suspects.append(head.sumber_baris)
    return Reconciliation(
        suspects=suspects,
        measure=measure,
        printed=printed[0] if printed else None,
        printed_text=printed[1] if printed else None,
        printed_line=printed[2] if printed else None,
        printed_origin=printed[3] if printed else None,
        detail=detail.value,
        used=used.value,
        counted=used.counted,
        own=used.own,
        reconciled=None if printed is None else chosen is not None,
        disagreements=disagreements,
    )


def _closest(options: list[Option], target: float) -> Option | None:
    hits = [o for o in options if abs(o.value - target) < SAME_AMOUNT]
    return min(hits, key=lambda o: len(o.own)) if hits else None


UKURAN = {"pagu": "pagu", "realisasi": "realisasi"}


def explain(rec: Reconciliation, rows: list[Anggaran]) -> str | None:
    """One Indonesian sentence: which total is used and why it differs from the sum of lines."""
    if rec.printed is None and not rec.disagreements:
        return None
    parts = []
    if rec.printed is not None:
        where = f"baris {rec.printed_line}"
        if rec.reconciled:
            parts.append(f"Jumlah {rec.measure} tercetak {_rp(rec.printed)} ({where}) dipakai")
        else:
            parts.append(
                f"Jumlah {rec.measure} tercetak {_rp(rec.printed)} ({where}) tidak dapat dicocokkan dengan baris mana pun"
            )
    if abs(rec.detail - rec.used) >= SAME_AMOUNT:
        parts.append(f"jumlah baris paling rinci {_rp(rec.detail)} (selisih {_rp(abs(rec.detail - rec.used))})")
    for parent, below in rec.disagreements:
        if parent.urutan in rec.own:
            parts.append(
                f"{parent.tingkat.replace('_', '-')} '{parent.nama[:50]}' (baris {parent.sumber_baris}) dipakai "
                f"{_rp(_value(parent, rec.measure) or 0.0)}, bukan jumlah rinciannya {_rp(below)}"
            )
        else:
            parts.append(
                f"rincian {parent.tingkat.replace('_', '-')} '{parent.nama[:50]}' dipakai {_rp(below)}, "
                f"bukan {_rp(_value(parent, rec.measure) or 0.0)} tertulis (baris {parent.sumber_baris})"
            )
    return "; ".join(parts) + "."


def settle_totals(doc: Dokumen) -> None:
    """Which lines of each budget table count in its totals, and one fact per table and measure."""
    doc.anggaran_jumlah = []
    for t in budget_tables(doc.anggaran):
        for measure in ("pagu", "realisasi"):
            rec = reconcile(t.rows, measure)
            flag = "masuk_jumlah_pagu" if measure == "pagu" else "masuk_jumlah_realisasi"
            for a in t.rows:
                setattr(a, flag, None if rec is None or a.peran != "baris" else a.urutan in rec.counted)
            if rec is None:
                continue
            first = t.rows[0]
            doc.anggaran_jumlah.append(
                AnggaranJumlah(
                    urutan=len(doc.anggaran_jumlah) + 1,
                    bagian=first.bagian,
                    unit_kerja=first.unit_kerja,
                    jenis_pk=first.jenis_pk,
                    tahap=first.tahap,
                    ukuran=measure,
                    jumlah_tertulis=rec.printed,
                    jumlah_tertulis_teks=rec.printed_text,
                    asal_jumlah=rec.printed_origin,
                    jumlah_rinci=rec.detail,
                    jumlah_dipakai=rec.used,
                    cocok=rec.reconciled,
                    jumlah_beda=len(rec.disagreements),
                    baris_beda=", ".join(str(p.sumber_baris) for p, _ in rec.disagreements) or None,
                    baris_salah=", ".join(map(str, rec.suspects)) or None,
                    keterangan=explain(rec, t.rows),
                    baris_awal=first.sumber_baris,
                    sumber_baris=rec.printed_line or first.sumber_baris,
                )
            )


# --- the whole document ---------------------------------------------------------------------------


def settle_scores(doc: Dokumen) -> None:
    """Category and predicate of every key score under the bands of its own year (domain.md §2.2,
    §2.3: an IKM's regulation from the number of unsur of its year's table, else its year)."""
    unsur: dict[int, int] = {}
    for k in doc.komponen:
        if k.jenis == "IKM" and k.peran == "komponen":
            unsur[k.tahun] = unsur.get(k.tahun, 0) + 1
    for s in doc.skor:
        n_unsur = unsur.get(s.tahun) if s.jenis == "IKM" else None
        # the computed category of the year's bands, beside the predicate shown (printed first)
        s.kategori = predikat_skor(replace(s, kategori_dilaporkan=None), n_unsur)[0]
        s.predikat, s.sumber_predikat = predikat_skor(s, n_unsur)


def settle(doc: Dokumen) -> Dokumen:
    """Apply every rule of evidence to a document (idempotent: a second call changes nothing)."""
    declared = {
        fold(t.indikator): t.tipe_perhitungan
        for t in doc.target
        if t.tipe_perhitungan and ("negatif" in fold(t.tipe_perhitungan) or "positif" in fold(t.tipe_perhitungan))
    }
    for r in doc.realisasi:
        settle_capaian(r, declared.get(fold(r.indikator)))
    for a in doc.anggaran_sasaran:
        name = a.indikator or a.sasaran
        a.rumus_capaian, a.sumber_rumus = choose_formula(
            name, a.target, a.realisasi_kinerja, a.capaian_dilaporkan, declared.get(fold(name))
        )
    settle_scores(doc)
    settle_stage(doc)
    settle_totals(doc)
    return doc
