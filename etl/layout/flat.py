"""Typed rows: a table turned into running text, read back from its header's ordered slots.

Text copied out of a PDF viewer keeps each table row as one line of words separated by single
spaces, with the wrapped part of its name on the lines below (``1. Program Rp. 1.250.000,-
APBD`` / ``Penunjang urusan`` / ``Pemerintahan daerah``). No column survives, but the header
still tells what a row holds and in which order: one name column (Program, Sub Kegiatan,
Sasaran, Indikator), then the slots of its values (Satuan; Anggaran, Realisasi, %; Target,
Realisasi, Capaian; Sumber Dana). So:

* a **header** is a line of header words only (etl/vocab/slot_datar.csv gives each word its
  role: ``nama``, ``satuan``, ``angka``, ``dana``; other header words and years continue the
  label before them) with exactly one name column and at least one number slot. A header whose
  name part holds two name columns (``Sasaran Indikator``) is left alone: the words of two text
  columns cannot be told apart once flattened. Label lines right below (``Kinerja 2024``) are
  skipped, or, holding two number slots or more, are the slots (a sub-header under a group).
* a **row** starts at a line that ends in values: read from the right, an optional fund word,
  the numbers (``Rp.`` and a lone ``%`` joined to theirs), then for a ``Satuan`` slot the word
  before them; the words left are the name (with its row number). Number-less lines below are
  the name's wrapped lines (a word broken over two lines, ``PEMERINTAHA`` / ``N DAERAH``, is
  mended); a line of numbers only fills the row's slots still empty.
* values fill the slots in order; with fewer numbers than slots a percentage goes to the slot
  of percentages and amounts to the others from the left. A row with more numbers than slots,
  prose (a long line), a signature or date line, a source note ('Sumber: …'), or the next
  header ends the table.
* the header's words: a slash joins alternatives of one column ('TUJUAN / SASARAN'); a
  ``nomor`` word before the name ('No', 'NO.') is a column of its own and takes the rows'
  numbers (so does a bare '1 Indeks' under a header without one, in an unlabelled column); a
  ``kategori`` slot ('Mutu', 'Kinerja Unit', 'Kategori', 'Kriteria') takes the printed category
  at the end of a row — a letter grade, or a run of etl/vocab/kata_kategori.csv words — only
  when numbers stand before it; '%' after a percentage slot is its unit; years on the line
  under a header go to its number slots in order when there is one per slot.
* totals: a line whose words are a total word and header words ('Jumlah Anggaran', vocabulary
  role ``jumlah``) is a row of its own, and words below it end the table. On a wrapped name
  line of a numbered table, a full set of values is a total when its amount sums the rows above
  (the name lines below then go on above, until a line of capitals), a row without a number of
  its own otherwise; a total's label is the total words or the capitals before the wrapped
  name ('JUMLAH Daerah 33'). A last row without any value is a heading after the table. A bare
  year is never a value ('… Tahun 2024' ends a sentence).

Nothing is guessed beyond that: a value is only ever a token printed on the row's lines.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etl.model import Line
from etl.numbers import parse_amount
from etl.text import clean_cell, fold

VOCAB = Path(__file__).resolve().parent.parent / "vocab" / "slot_datar.csv"
CATEGORY_VOCAB = VOCAB.parent / "kata_kategori.csv"
VALUE_ROLES = ("satuan", "angka", "dana", "kategori")  # roles of a value slot; 'nama', 'label', 'jumlah' are not

MAX_HEAD_WORDS = 14  # a header line of a flattened table is short: its labels only
MAX_SUBHEAD_LINES = 3  # label lines under a header (wrapped labels, column numbers, a sub-header)
MAX_NAME_WORDS = 14  # words before a row's values: more is a sentence quoting a number
PROSE_WORDS = 9  # a number-less line this long is a paragraph after the table, not a wrapped name
PROSE_CHARS = 55
MAX_BLANKS = 3  # blank lines a flattened table may hold (a page break in the copied text)
FUND_CHARS = 8  # a fund word ('Dau', 'APBD') is short
UNIT_CHARS = 12  # a unit word ('Angka', 'Dokumen', '%') is short
SHORT_WORDS = frozenset({"di", "ke", "se", "&", "dan", "/"})  # short words that are words, not a broken one's tail

_NUMBER = re.compile(r"^[-+]?\d[\d.,]*(?:[.,]-|-)?%?$")
_YEAR = re.compile(r"^\(?(?:19|20)\d{2}\)?$")
_COLUMN_NUMBER = re.compile(r"^\(\d{1,2}\)$")
_RP = re.compile(r"^rp\.?$", re.IGNORECASE)
_MARK = re.compile(r"^(\d{1,3}[.)]?|[A-Za-z][.)]|[IVX]{1,5}[.)])\s+")  # a row's number before its name
_SOURCE_NOTE = re.compile(r"^(?:sumber|source)(?:\s+data)?\s*:", re.IGNORECASE)  # 'Sumber: data primer …' under a table
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}\.?$")  # a year as printed in running text, no separators
_BARE_MARK = re.compile(r"^\d{1,3}\s+\S")  # '1 Indeks': a number without a dot, from a column of its own
_SLASH = re.compile(r"\s*/\s*")  # 'TUJUAN / SASARAN' and 'TUJUAN/ SASARAN/' are one label: alternatives of one column
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}[.)]?|[A-Za-z][.)]|[IVX]{1,5}[.)])\s+\S")  # '1. Program', 'a. Kegiatan', '3 Program'


@lru_cache(maxsize=1)
def _roles() -> dict[str, str]:
    with VOCAB.open(encoding="utf-8") as fh:
        return {r["kata"]: r["peran"] for r in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _category_words() -> frozenset[str]:
    """Words of a printed category ('Sangat Baik', 'Memuaskan'), etl/vocab/kata_kategori.csv."""
    with CATEGORY_VOCAB.open(encoding="utf-8") as fh:
        return frozenset(r["kata"] for r in csv.DictReader(fh))


_GRADE = re.compile(r"^\(?(?:AA|BB|CC|[A-E])\)?$")  # a letter grade: IKM mutu A-D, SAKIP AA-D


@dataclass
class Slot:
    label: str
    role: str  # satuan | angka | dana | kategori


@dataclass
class Head:
    name: str
    slots: list[Slot]
    number: str | None = None  # the label of a row-number column before the name ('No', 'NO.')


@dataclass
class FlatRow:
    cells: list[str]  # name, then one value per slot ('' where the row left it empty)
    line: int
    lines: list[int] = field(default_factory=list)
    cell_lines: list[int] = field(default_factory=list)


@dataclass
class FlatTable:
    columns: list[str]
    header_line: int
    rows: list[FlatRow]
    end: int  # index of the first line after the table
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, why): rows seen and not read
    dibaca: str = "baris bertipe: teks datar dibaca menurut urutan slot kepala tabel"  # for --jelaskan


def _role(token: str) -> str | None:
    t = token.strip()
    if t in {"%", "(%)"}:
        return "angka"
    return _roles().get(fold(t))


def _name_columns(tokens: Sequence[str]) -> int:
    """Name columns among the words of a header's name part: 'Tujuan/Sasaran' is one, 'Sasaran
    Indikator' two."""
    return sum(1 for t in tokens if any(_roles().get(w) == "nama" for w in fold(t).split()))


def _label_tokens(text: str) -> list[str]:
    """The words of a label line, a slash and the words around it kept as one ('Tujuan / Sasaran'
    is one column of alternatives, '/ PROGRAM' the wrapped end of one), and two words that the
    vocabulary knows as one label ('Kinerja Unit', a column of its own) kept together."""
    tokens = _SLASH.sub("/", clean_cell(text)).split()
    out: list[str] = []
    k = 0
    while k < len(tokens):
        if k + 1 < len(tokens) and f"{fold(tokens[k])} {fold(tokens[k + 1])}" in _roles():
            out.append(f"{tokens[k]} {tokens[k + 1]}")
            k += 2
        else:
            out.append(tokens[k])
            k += 1
    return out


def parse_head(text: str, label_word: Callable[[str], bool]) -> Head | None:
    """A line of header words → the name label and the value slots in order, or None."""
    if "\t" in text:
        return None
    tokens = _label_tokens(text)
    if len(tokens) < 2 or len(tokens) > MAX_HEAD_WORDS:
        return None
    name: list[str] = []
    number: list[str] = []
    slots: list[Slot] = []
    for tok in tokens:
        f = fold(tok)
        role = _role(tok)
        if role == "nomor" and not name and not slots:
            number.append(tok)
            continue
        if role is None and not (_YEAR.match(tok) or label_word(tok) or any(_roles().get(w) for w in f.split())):
            return None  # a word no header has: a sentence
        if tok in {"%", "(%)"} and slots and _percent_slot(slots[-1]):
            slots[-1].label += f" {tok}"  # 'Capaian %': the unit of the slot before, not a slot
        elif role in VALUE_ROLES:
            slots.append(Slot(tok, role))
        elif slots:
            slots[-1].label += f" {tok}"
        else:
            name.append(tok)
    if not name or _name_columns(name) != 1 or not any(s.role == "angka" for s in slots):
        return None
    return Head(" ".join(name), slots, " ".join(number) or None)


def _sub_head(text: str, label_word: Callable[[str], bool]) -> list[Slot] | None:
    """A label line under a header: [] for wrapped labels or column numbers, the slots of a
    sub-header with two number slots or more, None for anything else."""
    tokens = _label_tokens(text)
    if not tokens or "\t" in text:
        return None
    if all(_COLUMN_NUMBER.match(t) for t in tokens):
        return []
    if not all(_YEAR.match(t) or label_word(t) or _role(t) for t in tokens):
        return None
    slots: list[Slot] = []
    for tok in tokens:
        role = _role(tok)
        if role in VALUE_ROLES:
            slots.append(Slot(tok, role))
        elif slots:
            slots[-1].label += f" {tok}"
    return slots if sum(1 for s in slots if s.role == "angka") >= 2 else []


def _years_under(head: Head, text: str) -> bool:
    """'Kinerja 2024 2023 2022 2021' under 'Indikator Satuan Realisasi Realisasi Realisasi
    Realisasi': one year per number slot, in order, added to their labels (the words before the
    years wrap the name label). False, and the head unchanged, when the years do not fit."""
    tokens = _label_tokens(text)
    years = [t for t in tokens if _YEAR.match(t)]
    number_slots = [s for s in head.slots if s.role == "angka"]
    if len(years) < 2 or len(years) != len(number_slots) or any(_YEAR.match(t) for t in tokens[: len(tokens) - len(years)]):
        return False
    if any(_YEAR.search(s.label.split()[-1]) for s in number_slots):
        return False  # the slots have their years already
    words = tokens[: len(tokens) - len(years)]
    for slot, year in zip(number_slots, years, strict=True):
        slot.label += f" {year}"
    if words:
        head.name += " " + " ".join(words)
    return True


def is_total(words: Sequence[str], label_word: Callable[[str], bool]) -> bool:
    """'Jumlah', 'Jumlah Anggaran', 'TOTAL PAGU': a total row's label, a total word first and
    header words after it. 'Jumlah laporan …' is an indicator's name, not a total."""
    folded = [w for t in words for w in fold(t).split()]
    if not folded or _roles().get(folded[0]) != "jumlah":
        return False
    return all(_roles().get(w) or label_word(w) for w in folded[1:])


def _total_lead(words: Sequence[str], label_word: Callable[[str], bool]) -> int:
    """How many words at the start of a line are a total's label ('JUMLAH Daerah' → 1)."""
    n = 0
    while n < len(words) and is_total(words[: n + 1], label_word):
        n += 1
    return n


def _sums_rows(vals: _Values, rows: Sequence[FlatRow], current: _Values, head: Head) -> bool:
    """Whether the first number of ``vals`` is the sum of the first number of the rows above (the
    table's rows since its last total, the current row included): a total printed beside the last
    row's wrapped name rather than a row of its own."""
    if not vals.numbers or not current.numbers:
        return False
    first = next(k for k, s in enumerate(head.slots) if s.role == "angka")
    at = first + (1 if head.number is None else 2)
    amounts: list[float | None] = [parse_amount(current.numbers[0][0])]
    for r in reversed(rows):
        label = r.cells[0 if head.number is None else 1]
        if not label.strip() or is_total(label.split(), lambda _w: True):
            break  # the last total: the sum starts after it
        amounts.append(parse_amount(r.cells[at]) if at < len(r.cells) else None)
    total = parse_amount(vals.numbers[0][0])
    if total is None or any(a is None for a in amounts):
        return False
    return abs(sum(a for a in amounts if a is not None) - total) < 0.5


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _capital_lead(words: Sequence[str], name: str) -> int:
    """'UNIT LAYANAN Pengaduan, 90,10 A': words in capitals before a name's wrapped end in mixed
    case are a total's label (2 words at least, and only under a name that is not in capitals)."""
    if not name or _capitals(name):
        return 0
    n = 0
    while n < len(words) - 1 and _capitals(words[n]):
        n += 1
    return n if n >= 2 else 0


def _is_number(token: str) -> bool:
    return bool(_NUMBER.match(token)) or token in {"-", "–"}


@dataclass
class _Values:
    numbers: list[tuple[str, int]] = field(default_factory=list)  # (printed value, line)
    categories: list[tuple[str, int]] = field(default_factory=list)  # ('A', line), ('Sangat Baik', line)
    unit: tuple[str, int] | None = None
    fund: tuple[str, int] | None = None


def _peel(tokens: list[str], line: int, head: Head) -> tuple[list[str], _Values]:
    """Split a row line's words into its name words and its values, read from the right."""
    vals = _Values()
    k = len(tokens)
    has_fund = any(s.role == "dana" for s in head.slots)
    if has_fund and k >= 2 and tokens[-1].isalpha() and len(tokens[-1]) <= FUND_CHARS and _is_number(tokens[-2]):
        vals.fund = (tokens[-1], line)
        k -= 1
    elif has_fund and k >= 2 and tokens[-1] in {"-", "–"} and _NUMBER.match(tokens[-2]):
        vals.fund = (tokens[-1], line)  # '0 -': an amount and a fund cell left empty with a dash
        k -= 1
    categories: list[str] = []
    if any(s.role == "kategori" for s in head.slots):
        k, categories = _peel_categories(tokens, k)
    numbers: list[str] = []
    while k > 0:
        tok = tokens[k - 1]
        if tok == "%" and k >= 2 and _NUMBER.match(tokens[k - 2]):
            numbers.insert(0, f"{tokens[k - 2]} %")
            k -= 2
        elif _NUMBER.match(tok) or (tok in {"-", "–"} and (numbers or (k >= 2 and _RP.match(tokens[k - 2])))):
            numbers.insert(0, tok)  # a dash is an empty value beside others or after 'Rp', else a hyphen
            k -= 1
        elif _RP.match(tok) and numbers:
            numbers[0] = f"{tok} {numbers[0]}"
            k -= 1
        else:
            break
    if categories and not numbers:  # words such as 'Baik' ending a name, not a row's category
        k, categories = k + sum(len(c.split()) for c in categories), []
    vals.numbers = [(n, line) for n in numbers]
    vals.categories = [(c, line) for c in categories]
    name = tokens[:k]
    if numbers and any(s.role == "satuan" for s in head.slots) and len(name) >= 2:
        unit = name[-1]
        if len(unit) <= UNIT_CHARS and (unit.isalpha() or unit in {"%", "(%)"}):
            vals.unit = (unit, line)
            name = name[:-1]
    return name, vals


def _peel_categories(tokens: Sequence[str], k: int) -> tuple[int, list[str]]:
    """The printed categories at the end of a row's words ('A Sangat Baik' → ['A', 'Sangat
    Baik']): a letter grade is one, a run of category words another; read from the right."""
    groups: list[str] = []
    words: list[str] = []
    while k > 0:
        tok = tokens[k - 1]
        if fold(tok) in _category_words() and fold(tok):
            words.insert(0, tok)
        elif _GRADE.match(tok) and k >= 2:
            if words:
                groups.insert(0, " ".join(words))
                words = []
            groups.insert(0, tok)
        else:
            break
        k -= 1
    if words:
        groups.insert(0, " ".join(words))
    return k, groups


def _percent_slot(slot: Slot) -> bool:
    f = slot.label.lower()
    return "%" in f or "capaian" in f or "persen" in f


def _fill(head: Head, vals: _Values) -> list[tuple[str, int | None]] | None:
    """The row's values by slot, or None when they do not fit the slots: percentages to the slots
    of percentages (from the right), the other numbers to the other slots in order."""
    out: list[tuple[str, int | None]] = [("", None)] * len(head.slots)
    number_slots = [k for k, s in enumerate(head.slots) if s.role == "angka"]
    numbers = list(vals.numbers)
    if len(numbers) > len(number_slots):
        return None
    pct_slots = [k for k in number_slots if _percent_slot(head.slots[k])]
    percents = [v for v in numbers if v[0].endswith("%")]
    if pct_slots and percents and len(percents) <= len(pct_slots):
        for k, v in zip(pct_slots[len(pct_slots) - len(percents) :], percents, strict=True):
            out[k] = v
        numbers = [v for v in numbers if not v[0].endswith("%")]
    free = [k for k in number_slots if not out[k][0]]
    if len(numbers) > len(free):
        return None
    for k, v in zip(free, numbers, strict=False):
        out[k] = v
    category_slots = [k for k, s in enumerate(head.slots) if s.role == "kategori"]
    if len(vals.categories) > len(category_slots):
        return None
    for k, v in zip(category_slots, vals.categories, strict=False):
        out[k] = v
    for role, word in (("satuan", vals.unit), ("dana", vals.fund)):
        at = next((k for k, s in enumerate(head.slots) if s.role == role), None)
        if word is not None:
            if at is None:
                return None
            out[at] = word
    return out


def mend(name: str, more: str, known: Mapping[str, int]) -> str:
    """A cell's text and its next wrapped line: a word broken over the two is joined again when
    the whole word is one the document uses elsewhere while a piece is not ('PENYELENGGA' /
    'RAAN', 'Kemat' / 'angan'; ``known``), or when the second piece cannot be a word of its own
    ('PEMERINTAHA' / 'N', 'Penerang' / 'an'), or the first ends in a hyphen ('Perundang-' /
    'undangan'). Two words that are words ('Sub' / 'kegiatan') stay two."""
    if not name:
        return more
    last = name.split()[-1]
    first = more.split()[0]
    if len(last) > 1 and last.endswith("-") and first[:1].islower():
        return name + more
    head = re.search(r"[A-Za-z]+$", last)
    tail = re.match(r"^[A-Za-z]+", first)
    if head is None or tail is None or len(head.group()) < 3:
        return f"{name} {more}"
    whole = (head.group() + tail.group()).lower()
    same_case = first.islower() or (tail.group().isupper() and head.group().isupper())
    broken_tail = len(tail.group()) <= 2 and tail.group() == first and fold(first) not in SHORT_WORDS
    # the whole word is used at least as often as a piece: two words ('Sub' / 'kegiatan') are not
    pieces = min(known.get(head.group().lower(), 0), known.get(tail.group().lower(), 0))
    if same_case and ((known.get(whole, 0) >= max(1, pieces)) or broken_tail):
        return name + more
    return f"{name} {more}"


def _is_prose(text: str) -> bool:
    return len(text) >= PROSE_CHARS and len(text.split()) >= PROSE_WORDS


def _full(head: Head, vals: _Values) -> bool:
    return len(vals.numbers) >= sum(1 for s in head.slots if s.role == "angka")


def read_flat_table(
    lines: Sequence[Line],
    i: int,
    label_word: Callable[[str], bool],
    ends: Callable[[str], bool],
    known: Mapping[str, int] | None = None,
    phrases: Mapping[tuple[str, str], int] | None = None,
) -> FlatTable | None:
    """The flattened table whose header stands at ``lines[i]``, or None. ``label_word`` tells a
    word of column labels (etl/vocab/kata_kepala.csv); ``ends`` a line that ends any table;
    ``known`` counts the document's own words (lower case), to mend a word broken over two lines;
    ``phrases`` the word pairs of the document's running text (interleaved cells)."""
    # several text columns whose wrapped cells interleave, or column blocks (pdftotext's reading
    # order): both build on this module
    from etl.layout import blocks, interleave

    woven = interleave.read_table(lines, i, label_word, ends, known, phrases)
    if woven is not None:
        return woven
    head = parse_head(lines[i].text, label_word)
    if head is None:
        return blocks.read_block_table(lines, i, label_word, ends, known)
    known = known or {}
    j = i + 1
    for _ in range(MAX_SUBHEAD_LINES):
        while j < len(lines) and not lines[j].text.strip():
            j += 1
        if j >= len(lines):
            break
        if _years_under(head, lines[j].text):
            j += 1
            continue
        sub = _sub_head(lines[j].text, label_word)
        if sub is None:
            break
        if sub:
            head.slots = sub
        j += 1
    rows: list[FlatRow] = []
    name = ""
    current: _Values | None = None
    row_lines: list[int] = []
    blanks = 0
    numbered = False  # the rows start with their number ('1.', 'a.', 'A.'): a line without one goes on
    after_total = False  # the last row was a total ('Jumlah …'): a line of words ends the table
    orphan = False  # the current row is a total printed beside the previous row's wrapped name

    def close() -> bool:
        if current is None:
            return True
        filled = _fill(head, current)
        if filled is None or not (name or current.numbers):
            return False
        cells = [name, *(v for v, _ in filled)]
        where = [row_lines[0], *(no if no is not None else row_lines[0] for _, no in filled)]
        if head.number is not None:  # the row's number in a column of its own, as the header has it
            mark = _MARK.match(name)
            cells = [mark.group(1) if mark else "", name[mark.end() :] if mark else name, *cells[1:]]
            where = [row_lines[0], *where]
        rows.append(FlatRow(cells=cells, line=row_lines[0], lines=list(row_lines), cell_lines=where))
        return True

    while j < len(lines):
        raw = lines[j].text
        text = clean_cell(raw)
        if not text:
            blanks += 1
            if blanks > MAX_BLANKS:
                break
            j += 1
            continue
        blanks = 0
        if "\t" in raw.strip() or ends(raw) or _SOURCE_NOTE.match(text) or parse_head(raw, label_word) is not None:
            break
        words, vals = _peel(text.split(), lines[j].no, head)
        if vals.numbers and words and all(_BARE_YEAR.match(v) for v, _ in vals.numbers):
            # '… nilai Kecamatan X Tahun 2024': a year ends a sentence or a name, no slot holds one
            words, vals = [*words, *(v for v, _ in vals.numbers)], _Values()
        marked = bool(_ROW_NUMBER.match(text))
        if not rows and current is None:
            numbered = marked
            if marked and head.number is None and _BARE_MARK.match(text):
                head.number = ""  # '1 Indeks …' under a header without 'No': its unlabelled number column
        if after_total and not vals.numbers and not marked:
            break  # words below a total row: a signature or a sentence, no name of the total's
        if vals.numbers and is_total(words, label_word):  # 'Jumlah Anggaran Rp …': a row of its own
            if current is not None and not close():
                current = None
                break
            name, current, row_lines = " ".join(words), vals, [lines[j].no]
            after_total, orphan = True, False
            j += 1
            continue
        after_total = False
        if vals.numbers and not words:  # numbers only: the slots the row left empty, or a total
            if current is None:
                break
            if _full(head, current):
                if not close():
                    break
                name, current, row_lines = "", vals, [lines[j].no]
            else:
                current.numbers += vals.numbers
                current.fund = vals.fund or current.fund
                row_lines.append(lines[j].no)
        elif vals.numbers and numbered and not marked and current is not None:
            # a wrapped name line beside a number: the row's empty slot, or a total row of its own
            lead = _total_lead(words, label_word) or _capital_lead(words, name)
            if lead and _full(head, current):  # 'JUMLAH Daerah 33': the total's label, then the name's end
                name = mend(name, " ".join(words[lead:]), known) if words[lead:] else name
                row_lines.append(lines[j].no)
                if not close():
                    current = None
                    break
                name, current, row_lines = " ".join(words[:lead]), vals, [lines[j].no]
                orphan = True  # the name lines below still go on above, until a line of capitals
                j += 1
                continue
            if _full(head, current) and _full(head, vals) and not _sums_rows(vals, rows, current, head):
                # 'Peningkatan 1.500.000 1.400.000 93,33%' under a full row: a row without a
                # number of its own (its first amount is no total of the rows above)
                if not close():
                    current = None
                    break
                name, current, row_lines = " ".join(words), vals, [lines[j].no]
                orphan = False
                j += 1
                continue
            name = mend(name, " ".join(words), known)
            row_lines.append(lines[j].no)
            if _full(head, current):
                if not close():
                    break
                name, current, row_lines = "", vals, [lines[j].no]
                orphan = True  # a total beside the wrapped name: the name lines below go on above
            else:
                current.numbers += vals.numbers
        elif vals.numbers or (marked and numbered and current is not None):
            if len(words) > MAX_NAME_WORDS or not close():
                current = None
                break
            name, current, row_lines = " ".join(words), vals, [lines[j].no]
            orphan = False
        else:
            if _is_prose(text) or current is None:
                break
            if orphan and rows and _capitals(text) and not _capitals(rows[-1].cells[0 if head.number is None else 1]):
                break  # 'KATEGORI SEDANG' under a total: a line of the table's foot, no name's end
            if orphan and rows and not marked:
                at = 0 if head.number is None else 1
                rows[-1].cells[at] = mend(rows[-1].cells[at], text, known)
                rows[-1].lines.append(lines[j].no)
            elif name:
                name = mend(name, text, known)
            else:
                name = text
            row_lines.append(lines[j].no)
        j += 1
    if current is not None and not (current.numbers or current.categories or current.unit or current.fund):
        current = None  # a last 'row' without any value: a heading after the table ('2. Langkah …')
        while j > i and row_lines and lines[j - 1].no >= row_lines[0]:
            j -= 1
    if current is not None and not close():
        rows_end = row_lines[0] if row_lines else None
        while j > i and rows_end is not None and lines[j - 1].no >= rows_end:
            j -= 1
    if not rows:
        return None
    columns = [head.name, *(s.label for s in head.slots)]
    if head.number is not None:
        columns = [head.number, *columns]
    return FlatTable(columns=columns, header_line=lines[i].no, rows=rows, end=j)
