"""Quarterly realisation reports on the Permendagri 86/2017 form ("evaluasi hasil Renja").

One long table, several units (kecamatan) per file::

    name \\t indicator \\t K-I \\t Rp-I \\t K-II \\t Rp-II \\t K-III \\t Rp-III \\t K-IV \\t Rp-IV \\t unit

split by the unit's own header row ("KECAMATAN X \\t\\t\\t 4.504.316.352 ...") which carries the
unit total, the unit repeated in the last column ("Kec. X"). Pure functions, no I/O.

Rules learnt from the two real files 001 and 002 of ../shared/real-documents (one kota, TW I-II
2023), written so they hold for any file of this form:

* "-" in a cell is zero (stored 0, teks "-"); an empty cell is not reported (None).
* Amounts are per quarter, not cumulative.
* A program row's second indicator ("Predikat SAKIP") is a row with an indicator and nothing else:
  it is kept as ``indikator_lain`` of the program and never becomes a value.
* Level (``tingkat``): the unit header row is ``total``; a row whose name starts with "PROGRAM" is a
  ``program``; below a program the rows are split into blocks "kegiatan + its sub_kegiatan" so that
  each kegiatan's Rp equals, for every quarter it fills, the sum of its sub-kegiatan (the first row
  under a program is always a kegiatan, every kegiatan has at least one sub-kegiatan). See
  ``assign_levels`` for how ties and slips are resolved; a row whose level differs between equally
  good splits is marked ``tingkat_pasti=False``.
* Rows the PDF reader left spread over several lines (the first row of a page, in these files) are
  joined here: see ``_mend_group``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from etl.model import Line
from etl.numbers import parse_amount, parse_decimal
from etl.text import fold

TRIWULAN = (1, 2, 3, 4)
TINGKAT = ("total", "program", "kegiatan", "sub_kegiatan")

_RE_TITLE = re.compile(r"realisasi\s+kinerja\s+pada\s+triwulan", re.I)
_RE_YEAR = re.compile(r"triwulan\s+I\s*[-–]\s*IV\s+tahun\s+((?:19|20)\d\d)", re.I)
_RE_ANY_YEAR = re.compile(r"tahun\s+((?:19|20)\d\d)", re.I)
_RE_INDICATOR_HEAD = re.compile(r"indikator\s+kinerja\s+program\s*\(outcome\)", re.I)
_RE_OUTPUT_HEAD = re.compile(r"kegiatan\s*\(output\)", re.I)
_RE_UNIT = re.compile(r"^Kec\.\s*\S")  # the unit column of a kecamatan: "Kec. X"
_RE_UNIT_PREFIX = re.compile(r"^(?:kec\.|kecamatan\b)\s*", re.I)
_RE_RP = re.compile(r"^(?:-|\d{1,3}(?:\.\d{3})+(?:,\d+)?)$")
# K as printed: a count or a percentage with a decimal comma ("0", "44", "21,50%"); a dot followed by
# three digits is a thousands group, i.e. an amount ("717.400")
_RE_K = re.compile(r"^\d+(?:,\d+)?\s*%?$")
# Words an indicator begins with: used only to split a cell where the reader ran the name and the
# indicator of a row together ("Koordinasi Penerapan dan Jumlah koordinasi ...").
_INDICATOR_START = (
    "jumlah",
    "jumah",
    "persentase",
    "prosentase",
    "tersedianya",
    "cakupan",
    "nilai",
    "predikat",
    "indeks",
    "rasio",
    "tingkat",
    "angka",
)
_NAME_WIDTH_FLOOR = 20  # characters; the name column's width where a document shows none
_NAME_WIDTH_SLACK = 3
# A wrapped name cell of the form holds at most ~26 characters (001/002: "Tentara Nasional Indonesia",
# "Ikhtisar Realisasi Kinerja"); longer name cells on a continuation line are the reader's own
# joins and must not widen the column.
_NAME_WIDTH_CAP = 28


@dataclass
class NilaiTriwulan:
    """K and Rp of one quarter, as printed and as numbers."""

    triwulan: int
    kinerja: float | None
    kinerja_teks: str | None
    realisasi_rp: float | None
    realisasi_rp_teks: str | None


@dataclass
class QuarterlyRow:
    urutan: int
    unit_kerja: str  # as printed, prefix "Kec."/"KECAMATAN" removed: "X"
    tingkat: str  # total | program | kegiatan | sub_kegiatan
    tingkat_pasti: bool  # False: the arithmetic left the level open (see assign_levels)
    nama: str
    indikator: str | None
    nilai: list[NilaiTriwulan]  # always four, triwulan 1..4
    indikator_lain: list[str] = field(default_factory=list)  # name-only indicator rows (no values)
    sumber_baris: int = 0
    sumber_halaman: int | None = None
    baris_akhir: int = 0  # last source line of a row the reader spread over several lines
    induk_urutan: int | None = None  # the program of a kegiatan, the kegiatan of a sub-kegiatan ...

    def rp(self, triwulan: int) -> float | None:
        return self.nilai[triwulan - 1].realisasi_rp

    def k(self, triwulan: int) -> float | None:
        return self.nilai[triwulan - 1].kinerja


@dataclass
class QuarterlyReport:
    tahun: int | None
    unit_kerja: list[str]  # in the order of the document
    baris: list[QuarterlyRow]
    catatan: list[str] = field(default_factory=list)  # lines seen but not used, in Indonesian

    def rows_of(self, unit: str) -> list[QuarterlyRow]:
        return [r for r in self.baris if r.unit_kerja == unit]

    def triwulan_terisi(self) -> list[int]:
        return [q for q in TRIWULAN if any(r.rp(q) is not None for r in self.baris)]


@dataclass
class Temuan:
    """One finding of ``check_quarterly`` (maps onto core_temuan: jenis → kode)."""

    jenis: str  # anak_induk | total_unit | berkas_terpotong | beda_triwulan | tingkat_ragu
    tingkat: str  # galat | peringatan | info
    unit_kerja: str
    triwulan: int | None
    pesan: str
    sumber_baris: int
    angka_tertulis: float | None = None  # the parent as printed
    angka_hitung: float | None = None  # the sum of its rows
    baris_terkait: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return self.pesan


# --------------------------------------------------------------------------- recognition


def is_quarterly_report(lines: Sequence[Line]) -> bool:
    """The Permendagri 86/2017 realisation form: title, K/Rp sub-columns and the indicator header."""
    head = [ln.text for ln in lines[:400]]
    text = "\n".join(head)
    if not _RE_TITLE.search(text):
        return False
    if not (_RE_INDICATOR_HEAD.search(text) or _RE_OUTPUT_HEAD.search(text)):
        return False
    return any(_is_k_rp_header(t) for t in head)


def _is_k_rp_header(text: str) -> bool:
    cells = [c.strip() for c in text.split("\t") if c.strip()]
    return len(cells) >= 4 and all(c in ("K", "Rp", "Rp.") for c in cells) and cells.count("K") >= 2


def _is_header_line(text: str) -> bool:
    cells = [c.strip() for c in text.split("\t") if c.strip()]
    if not cells:
        return True
    if _RE_TITLE.search(text) or _RE_INDICATOR_HEAD.search(text) or _is_k_rp_header(text):
        return True
    if all(c in ("I", "II", "III", "IV") for c in cells):
        return True
    return len(cells) >= 4 and all(c.isdigit() and len(c) <= 2 for c in cells)  # column numbers


# --------------------------------------------------------------------------- reading rows


@dataclass
class _Raw:
    no: int
    halaman: int | None
    last_no: int
    unit: str
    nama: str
    indikator: str
    k: list[str]  # as printed, "" = empty, quarter order
    rp: list[str]


def _unit_name(printed: str) -> str:
    return _RE_UNIT_PREFIX.sub("", printed.strip()).strip() or printed.strip()


def _cells(text: str) -> list[str]:
    return [c.replace("\u2029", " ").strip() for c in text.split("\t")]


def _join(parts: Iterable[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def _is_value(cell: str) -> bool:
    return bool(_RE_RP.match(cell) or _RE_K.match(cell))


def _split_merged(text: str, width: int, *, first: bool) -> tuple[str, str]:
    """Split a cell holding name and indicator text run together (the reader lost the gap).

    On a row's first line the indicator starts with an indicator word ("Jumlah", "Persentase" ...);
    elsewhere a line that repeats its own start ("Penyelenggaraan Kegiatan Penyelenggaraan
    Kegiatan") is split at the repetition; else the name part is the longest start that fits the
    name column's width (in characters, measured on this document's wrapped name cells).
    """
    words = text.split()
    at = _indicator_word_at(text) if first else None
    if at is not None:
        return " ".join(words[:at]), " ".join(words[at:])
    for i in range(1, len(words)):
        m = min(i, len(words) - i)
        if m >= 1 and words[i : i + m] == words[:m] and len(" ".join(words[:i])) >= 8:
            return " ".join(words[:i]), " ".join(words[i:])
    best = 1
    for i in range(1, len(words)):
        if len(" ".join(words[:i])) <= width:
            best = i
    return " ".join(words[:best]), " ".join(words[best:])


def _indicator_word_at(text: str) -> int | None:
    """Index of the first word (not the first) that starts an indicator, if any."""
    words = text.split()
    for i, w in enumerate(words[1:], start=1):
        if fold(w) in _INDICATOR_START:
            return i
    return None


def _name_width(groups: list[list[Line]]) -> int:
    """Width of the name column in characters: the longest name cell on a wrapped line."""
    widths = [_NAME_WIDTH_FLOOR]
    for g in groups:
        for ln in g[1:]:
            cells = _cells(ln.text)
            texts = [c for c in cells if c and not _is_value(c)]
            if len(texts) >= 2 and cells[0]:
                widths.append(len(cells[0]))
    return min(max(widths) + _NAME_WIDTH_SLACK, _NAME_WIDTH_CAP)


def _mend_group(group: list[Line], width: int) -> _Raw:
    """One table row from its anchor line (the one ending in the unit) and the lines below it.

    A full anchor line (11 cells) is read by position. Otherwise the reader spread the row over
    several lines and lost the column positions; then:
    * text cells: on a line with two text cells the first is the name, the second the indicator;
      a line starting with a tab continues the indicator; a single text longer than the name column
      is name and indicator run together (``_split_merged``); a shorter one continues the name;
    * values: K-like cells ("0", "44", "21,50%") are the K of quarters I, II, ... in reading order;
      Rp-like cells ("-", "1.234.567") too, except that amounts printed on the row's first line
      come after those printed below it (in files 001 and 002 a split row prints its TW II amount
      on the first line and its TW I amount on a later one, e.g. 001 page 4 "Koordinasi Penerapan
      dan Penegakan ...": 19.147.680 above, 12.201.840 below, key TW I = 12.201.840).
    """
    anchor = group[0]
    cells = _cells(anchor.text)
    unit = cells[-1]
    if len(cells) == 11:
        nama, indikator = [cells[0]], [cells[1]]
        k = [cells[2], cells[4], cells[6], cells[8]]
        rp = [cells[3], cells[5], cells[7], cells[9]]
        for ln in group[1:]:
            more = _cells(ln.text)
            nama.append(more[0])
            if len(more) > 1:
                indikator.append(more[1])
        return _Raw(anchor.no, anchor.halaman, group[-1].no, unit, _join(nama), _join(indikator), k, rp)

    nama_parts: list[str] = []
    ind_parts: list[str] = []
    k_tokens: list[str] = []
    rp_first: list[str] = []
    rp_below: list[str] = []
    for idx, ln in enumerate(group):
        cs = _cells(ln.text)
        if idx == 0:
            cs = cs[:-1]
        leading_tab = ln.text.startswith("\t")
        texts: list[str] = []
        for c in cs:
            if not c:
                continue
            if _RE_RP.match(c):
                (rp_first if idx == 0 else rp_below).append(c)
            elif _RE_K.match(c):
                k_tokens.append(c)
            else:
                texts.append(c)
        if not texts:
            continue
        if len(texts) >= 2:
            nama_parts.append(texts[0])
            ind_parts.append(_join(texts[1:]))
        elif leading_tab:
            ind_parts.append(texts[0])
        elif len(texts[0]) > width or (idx == 0 and _indicator_word_at(texts[0]) is not None):
            a, b = _split_merged(texts[0], width, first=idx == 0)
            nama_parts.append(a)
            if b:
                ind_parts.append(b)
        else:
            nama_parts.append(texts[0])
    rp_tokens = rp_below + rp_first if rp_below else rp_first
    k = ([*k_tokens, "", "", "", ""])[:4]
    rp = ([*rp_tokens, "", "", "", ""])[:4]
    return _Raw(anchor.no, anchor.halaman, group[-1].no, unit, _join(nama_parts), _join(ind_parts), k, rp)


def _is_anchor(text: str, known_units: set[str]) -> bool:
    cells = _cells(text)
    if len(cells) < 2:
        return False
    last = cells[-1]
    if not last or _is_value(last):
        return False
    return len(cells) == 11 or last in known_units or bool(_RE_UNIT.match(last))


def _groups(lines: Sequence[Line]) -> tuple[list[list[Line]], list[str]]:
    groups: list[list[Line]] = []
    notes: list[str] = []
    known: set[str] = set()
    current: list[Line] | None = None
    for ln in lines:
        text = ln.text
        if not text.strip() or _is_header_line(text):
            current = None
            continue
        if _is_anchor(text, known):
            current = [ln]
            groups.append(current)
            known.add(_cells(text)[-1])
        elif current is not None and current[-1].halaman == ln.halaman:
            current.append(ln)
        else:
            notes.append(f"baris {ln.no}: teks di luar baris tabel, tidak dibaca: {text[:80]!r}")
    return groups, notes


# --------------------------------------------------------------------------- values


def _value(k: str, rp: str, q: int) -> NilaiTriwulan:
    k = k.strip()
    rp = rp.strip()
    kin: float | None = None
    if k:
        kin = 0.0 if k == "-" else parse_decimal(k)
    rpv: float | None = None
    if rp:
        rpv = 0.0 if rp == "-" else parse_amount(rp)
    return NilaiTriwulan(q, kin, k or None, rpv, rp or None)


def _is_total_name(nama: str, unit: str) -> bool:
    folded = fold(nama)
    return folded.startswith("kecamatan ") or folded == fold(unit)


def _is_program(nama: str) -> bool:
    return nama.strip().upper().startswith("PROGRAM")


def extract_quarterly(lines: Sequence[Line], tahun_hint: int | None = None) -> QuarterlyReport:
    head = "\n".join(ln.text for ln in lines[:50])
    m = _RE_YEAR.search(head) or _RE_ANY_YEAR.search(head)
    tahun = int(m.group(1)) if m else tahun_hint

    groups, notes = _groups(lines)
    width = _name_width(groups)
    units: list[str] = []
    rows: list[QuarterlyRow] = []
    for g in groups:
        raw = _mend_group(g, width)
        unit = _unit_name(raw.unit)
        if unit not in units:
            units.append(unit)
        nilai = [_value(raw.k[i], raw.rp[i], i + 1) for i in range(4)]
        has_values = any(v.kinerja_teks or v.realisasi_rp_teks for v in nilai)
        if not raw.nama and not has_values:
            # name-only indicator row: a further indicator of the row above, never a value
            if rows and rows[-1].unit_kerja == unit and raw.indikator:
                rows[-1].indikator_lain.append(raw.indikator)
            elif raw.indikator:
                notes.append(f"baris {raw.no}: indikator tanpa baris induk: {raw.indikator!r}")
            continue
        if _is_total_name(raw.nama, unit) and not raw.indikator:
            tingkat = "total"
            if fold(_unit_name(raw.nama)) != fold(unit):
                notes.append(
                    f"baris {raw.no}: judul unit {raw.nama!r} tidak sama dengan kolom perangkat daerah "
                    f"{raw.unit!r}; dipakai kolom perangkat daerah"
                )
        elif _is_program(raw.nama):
            tingkat = "program"
        else:
            tingkat = "kegiatan"  # decided below
        rows.append(
            QuarterlyRow(
                urutan=len(rows) + 1,
                unit_kerja=unit,
                tingkat=tingkat,
                tingkat_pasti=True,
                nama=raw.nama,
                indikator=raw.indikator or None,
                nilai=nilai,
                sumber_baris=raw.no,
                sumber_halaman=raw.halaman,
                baris_akhir=raw.last_no,
            )
        )
    _levels_below_programs(rows)
    _link_parents(rows)
    return QuarterlyReport(tahun=tahun, unit_kerja=units, baris=rows, catatan=notes)


def _link_parents(rows: list[QuarterlyRow]) -> None:
    depth = {"total": 0, "program": 1, "kegiatan": 2, "sub_kegiatan": 3}
    open_at: dict[int, QuarterlyRow] = {}
    unit = None
    for r in rows:
        if r.unit_kerja != unit:
            open_at, unit = {}, r.unit_kerja
        d = depth[r.tingkat]
        parent = next((open_at[k] for k in range(d - 1, -1, -1) if k in open_at), None)
        r.induk_urutan = parent.urutan if parent else None
        open_at = {k: v for k, v in open_at.items() if k < d}
        open_at[d] = r


def realisasi_records(report: QuarterlyReport) -> list[dict[str, object]]:
    """One record per row and quarter where K or Rp is printed: the columns of core_realisasi_triwulan
    (without dokumen_id, kabupaten, kode_kecamatan, which the loader adds)."""
    out: list[dict[str, object]] = []
    for r in report.baris:
        for v in r.nilai:
            if v.kinerja_teks is None and v.realisasi_rp_teks is None:
                continue
            out.append(
                {
                    "urutan": r.urutan,
                    "unit_kerja": r.unit_kerja,
                    "tahun": report.tahun,
                    "triwulan": v.triwulan,
                    "tingkat": r.tingkat,
                    "tingkat_pasti": r.tingkat_pasti,
                    "nama": r.nama,
                    "indikator": r.indikator,
                    "kinerja": v.kinerja,
                    "kinerja_teks": v.kinerja_teks,
                    "realisasi_rp": v.realisasi_rp,
                    "realisasi_rp_teks": v.realisasi_rp_teks,
                    "induk_urutan": r.induk_urutan,
                    "sumber_baris": r.sumber_baris,
                    "sumber_halaman": r.sumber_halaman,
                }
            )
    return out


# --------------------------------------------------------------------------- levels


def _rp_vector(row: QuarterlyRow) -> list[float | None]:
    return [row.rp(q) for q in TRIWULAN]


def block_fit(parent: Sequence[float | None], children: Sequence[Sequence[float | None]]) -> str:
    """How children fit a parent: "sama" (equal in every quarter the parent fills), "geser" (equal
    over the filled quarters together, not quarter by quarter: an amount booked in another quarter)
    or "beda". A parent that fills no quarter fits only children that fill none with an amount.
    """
    filled = [i for i, v in enumerate(parent) if v is not None]
    sums = [sum((c[i] or 0.0) for c in children) for i in range(len(parent))]
    if not filled:
        return "sama" if all(s == 0 for s in sums) else "beda"
    if all(abs(sums[i] - (parent[i] or 0.0)) < 0.5 for i in filled):
        return "sama"
    if abs(sum(sums[i] for i in filled) - sum(parent[i] or 0.0 for i in filled)) < 0.5:
        return "geser"
    return "beda"


_COST = {"sama": 0, "geser": 1, "beda": 10}
_MAX_SPLITS = 400


def assign_levels(
    program: Sequence[float | None] | None,
    children: Sequence[Sequence[float | None]],
    known: Sequence[str | None] | None = None,
) -> tuple[list[str], list[bool]]:
    """Levels of the rows under one program: ``kegiatan`` or ``sub_kegiatan``, and whether certain.

    The rows are cut into blocks [kegiatan, sub_kegiatan, ...] (each block at least two rows, the
    first row a kegiatan). A block costs 0 when the kegiatan equals the sum of its sub-kegiatan in
    every quarter it fills, 1 when only the sum over the quarters matches (an amount booked in
    another quarter, as in 001, third kecamatan, "Perencanaan, Penganggaran, dan Evaluasi Kinerja"), 10
    otherwise. Of the cheapest splits, those whose kegiatan add up to the program are preferred; among
    them the first found wins, trying longer blocks first (a row of zeros after a complete block is
    taken as one more sub-kegiatan, not as a new kegiatan). A row whose level differs between the
    preferred splits is uncertain (``False``).
    """
    n = len(children)
    if n == 0:
        return [], []
    if n == 1:  # a kegiatan without its sub-kegiatan (a file cut short): certain only by name
        return ["kegiatan"], [known is not None and known[0] == "kegiatan"]
    inf = 10**9
    best = [inf] * (n + 1)
    best[n] = 0
    fit: dict[tuple[int, int], int] = {}
    for i in range(n - 2, -1, -1):
        for j in range(i + 1, n):  # block = children[i..j]
            c = _COST[block_fit(children[i], children[i + 1 : j + 1])]
            fit[(i, j)] = c
            if best[j + 1] < inf:
                best[i] = min(best[i], c + best[j + 1])
    if best[0] >= inf:  # cannot happen for n >= 2, kept for safety
        return ["kegiatan"] + ["sub_kegiatan"] * (n - 1), [False] * n

    splits: list[list[int]] = []  # each: the kegiatan indices

    def walk(i: int, acc: list[int]) -> None:
        if len(splits) >= _MAX_SPLITS:
            return
        if i == n:
            splits.append(list(acc))
            return
        for j in range(n - 1, i, -1):  # longer blocks first
            if (i, j) in fit and best[j + 1] < inf and fit[(i, j)] + best[j + 1] == best[i]:
                acc.append(i)
                walk(j + 1, acc)
                acc.pop()

    walk(0, [])

    def adds_up(ks: list[int]) -> bool:
        return program is not None and block_fit(program, [children[k] for k in ks]) == "sama"

    preferred = [s for s in splits if adds_up(s)] or splits
    levels_per = [["kegiatan" if i in set(s) else "sub_kegiatan" for i in range(n)] for s in preferred]
    if known is not None and len(levels_per) > 1:
        agree = [sum(1 for i in range(n) if known[i] is not None and known[i] == lv[i]) for lv in levels_per]
        top = max(agree)
        levels_per = [lv for lv, a in zip(levels_per, agree, strict=True) if a == top]
    chosen = levels_per[0]
    certain = [all(lv[i] == chosen[i] for lv in levels_per) for i in range(n)]
    if best[0] >= _COST["beda"]:
        certain = [False] * n
    return chosen, certain


def _levels_below_programs(rows: list[QuarterlyRow]) -> None:
    """Levels by arithmetic (``assign_levels``), in two passes: where the arithmetic leaves a row
    open (zeros can close a block or open a new one), the level the same name has where the
    arithmetic decided it, elsewhere in the same document, breaks the tie (002: a
    "Koordinasi Upaya Penyelenggaraan Ketenteraman ..." at 0/0 is a kegiatan, as it is by its
    numbers in another kecamatan of the file)."""
    _level_pass(rows, None)
    seen: dict[str, set[str]] = {}
    for r in rows:
        if r.tingkat in ("kegiatan", "sub_kegiatan") and r.tingkat_pasti:
            seen.setdefault(_name_key(r.nama), set()).add(r.tingkat)
    known = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
    _level_pass(rows, known)


def _name_key(nama: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(nama))


def _level_pass(rows: list[QuarterlyRow], known: dict[str, str] | None) -> None:
    for r in rows:
        if r.tingkat in ("kegiatan", "sub_kegiatan"):
            r.tingkat = "kegiatan"
    i = 0
    while i < len(rows):
        r = rows[i]
        if r.tingkat != "program":
            if r.tingkat == "kegiatan":  # a row before any program of its unit
                r.tingkat_pasti = False
            i += 1
            continue
        j = i + 1
        while j < len(rows) and rows[j].tingkat == "kegiatan" and rows[j].unit_kerja == r.unit_kerja:
            j += 1
        block = rows[i + 1 : j]
        hints = None if known is None else [known.get(_name_key(b.nama)) for b in block]
        levels, certain = assign_levels(_rp_vector(r), [_rp_vector(b) for b in block], hints)
        for b, lv, ok in zip(block, levels, certain, strict=True):
            b.tingkat = lv
            b.tingkat_pasti = ok
        i = j


# --------------------------------------------------------------------------- checks


def _rupiah(v: float) -> str:
    return f"{v:,.0f}".replace(",", ".")


def _children(rows: list[QuarterlyRow], i: int, level: str) -> list[QuarterlyRow]:
    """Direct children of rows[i] (a total, program or kegiatan) at ``level``."""
    parent = rows[i]
    stop = {"total": ("total",), "program": ("total", "program"), "kegiatan": ("total", "program", "kegiatan")}
    out = []
    for r in rows[i + 1 :]:
        if r.unit_kerja != parent.unit_kerja or r.tingkat in stop[parent.tingkat]:
            break
        if r.tingkat == level:
            out.append(r)
    return out


def check_quarterly(report: QuarterlyReport) -> list[Temuan]:
    """The report's own arithmetic, per unit and quarter; messages in Indonesian."""
    found: list[Temuan] = []
    rows = report.baris
    quarters = report.triwulan_terisi()
    last_unit = report.unit_kerja[-1] if report.unit_kerja else None
    for i, r in enumerate(rows):
        if r.tingkat == "total":
            kids = _children(rows, i, "program")
            for q in quarters:
                parent = r.rp(q)
                if parent is None:
                    continue
                s = sum(k.rp(q) or 0.0 for k in kids)
                if abs(s - parent) < 0.5:
                    continue
                if r.unit_kerja == last_unit:
                    found.append(
                        Temuan(
                            "berkas_terpotong",
                            "galat",
                            r.unit_kerja,
                            q,
                            f"Kec. {r.unit_kerja}, TW {_roman(q)}: total {_rupiah(parent)} ≠ jumlah "
                            f"{len(kids)} program yang tercetak {_rupiah(s)} (selisih {_rupiah(parent - s)}); "
                            f"unit terakhir dalam berkas, tabel berakhir pada baris {rows[-1].baris_akhir} "
                            f"(hlm. {rows[-1].sumber_halaman}) — berkas terpotong? Baris yang hilang tidak diisi.",
                            r.sumber_baris,
                            parent,
                            s,
                            [k.sumber_baris for k in kids],
                        )
                    )
                else:
                    found.append(
                        Temuan(
                            "total_unit",
                            "galat",
                            r.unit_kerja,
                            q,
                            f"Kec. {r.unit_kerja}, TW {_roman(q)}: total {_rupiah(parent)} ≠ jumlah "
                            f"program {_rupiah(s)} (selisih {_rupiah(parent - s)}).",
                            r.sumber_baris,
                            parent,
                            s,
                            [k.sumber_baris for k in kids],
                        )
                    )
        elif r.tingkat in ("program", "kegiatan"):
            level = "kegiatan" if r.tingkat == "program" else "sub_kegiatan"
            kids = _children(rows, i, level)
            if not kids:
                continue
            fit = block_fit(_rp_vector(r), [_rp_vector(k) for k in kids])
            if fit == "sama":
                continue
            if fit == "geser" and r.tingkat == "kegiatan":
                found.append(_shifted(r, kids, quarters))
                continue
            for q in quarters:
                parent = r.rp(q)
                if parent is None:
                    continue
                s = sum(k.rp(q) or 0.0 for k in kids)
                if abs(s - parent) >= 0.5:
                    found.append(
                        Temuan(
                            "anak_induk",
                            "galat",
                            r.unit_kerja,
                            q,
                            f"Kec. {r.unit_kerja}, TW {_roman(q)}: {r.tingkat} “{r.nama}” {_rupiah(parent)} ≠ "
                            f"jumlah {len(kids)} {level.replace('_', ' ')} {_rupiah(s)} "
                            f"(selisih {_rupiah(parent - s)}).",
                            r.sumber_baris,
                            parent,
                            s,
                            [k.sumber_baris for k in kids],
                        )
                    )
        if not r.tingkat_pasti:
            found.append(
                Temuan(
                    "tingkat_ragu",
                    "peringatan",
                    r.unit_kerja,
                    None,
                    f"Kec. {r.unit_kerja}, baris {r.sumber_baris}: tingkat “{r.nama}” tidak dapat dipastikan "
                    f"dari angkanya (dibaca sebagai {r.tingkat.replace('_', ' ')}).",
                    r.sumber_baris,
                )
            )
    return found


def _shifted(keg: QuarterlyRow, subs: list[QuarterlyRow], quarters: list[int]) -> Temuan:
    """A kegiatan and its sub-kegiatan agree over the year so far but not quarter by quarter."""
    diffs = {q: (keg.rp(q) or 0.0) - sum(s.rp(q) or 0.0 for s in subs) for q in quarters if keg.rp(q) is not None}
    parts = [
        f"TW {_roman(q)}: kegiatan {_rupiah(keg.rp(q) or 0.0)}, jumlah sub kegiatan {_rupiah((keg.rp(q) or 0.0) - d)}"
        for q, d in diffs.items()
        if abs(d) >= 0.5
    ]
    # the sub-kegiatan that may carry the moved amount: those with at least that amount in a quarter
    # where the sub-kegiatan exceed the kegiatan
    over = [q for q, d in diffs.items() if d <= -0.5]
    moved = max((abs(d) for d in diffs.values()), default=0.0)
    suspects = [s.nama for s in subs if any((s.rp(q) or 0.0) >= moved - 0.5 for q in over)]
    named = "; ".join(f"“{n}”" for n in suspects) or "tidak dapat ditunjuk"
    return Temuan(
        "beda_triwulan",
        "peringatan",
        keg.unit_kerja,
        None,
        f"Kec. {keg.unit_kerja}: kegiatan “{keg.nama}” dan sub kegiatannya mencatat jumlah yang sama "
        f"selama tahun berjalan tetapi pada triwulan berbeda ({'; '.join(parts)}; bergeser "
        f"{_rupiah(moved)}). Sub kegiatan yang mungkin mencatatnya di triwulan lain: {named}.",
        keg.sumber_baris,
        None,
        moved,
        [s.sumber_baris for s in subs],
    )


def _roman(q: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV"}[q]


# --------------------------------------------------------------------------- kabupaten


@dataclass(frozen=True, order=True)
class KabupatenKota:
    kabupaten: str  # without "Kabupaten"/"Kota"
    jenis_daerah: str  # Kabupaten | Kota
    provinsi: str


def resolve_kabupaten(kecamatan: Iterable[str], hint: str | None = None) -> list[KabupatenKota]:
    """The kabupaten/kota holding every named kecamatan (``etl.reference.wilayah()``).

    One element: resolved. Several: ambiguous (the CLI's ``--kabupaten`` hint narrows them; a hint
    matching none is ignored by returning the candidates unfiltered). Empty: no kabupaten holds all.
    """
    from etl.reference import wilayah

    ref = wilayah()
    candidates: set[tuple[str, str, str]] | None = None
    for name in kecamatan:
        key = fold(_unit_name(name))
        held = {(k.kabupaten, k.jenis_daerah, k.provinsi) for k in ref.by_kecamatan.get(key, ())}
        candidates = held if candidates is None else candidates & held
    out = sorted(KabupatenKota(*c) for c in (candidates or set()))
    if hint and len(out) > 1:
        h = fold(re.sub(r"^(kabupaten|kab\.?|kota)\s+", "", hint.strip(), flags=re.I))
        narrowed = [w for w in out if fold(w.kabupaten) == h]
        # "Kota Sorong" and "Kabupaten Sorong" are two places: a prefix given decides between them
        kind = "Kota" if fold(hint).startswith("kota ") else "Kabupaten" if fold(hint) != h else None
        narrowed = [w for w in narrowed if kind in (None, w.jenis_daerah)]
        if narrowed:
            return narrowed
    return out
