"""Column blocks: a table that a converter wrote one column after the other, read back by slots.

``pdftotext`` without ``-layout`` writes a ruled table in its reading order, which for many
tables is column by column: the label of the name column and every name line, then the label of
each value column and its values, the values often one row after the other::

    TUJUAN / SASARAN        ← the name column's label (one label of the vocabulary)
    / PROGRAM
    PROGRAM                 ← names; a row starts where a line starts with the first name's
    PELAYANAN                 level word ('Program', 'Kegiatan', 'Sub') or with a row number
    PROGRAM
    PEMBINAA
    N DESA
    ANGGARAN                ← value labels (etl/vocab/slot_datar.csv roles), in column order
    Keterangan
    Rp 1.000.000            ← values: each row takes them in slot order, by shape (an amount
    APBD                      for a number slot, a short word for a fund slot)
    Rp 2.000.000
    APBD

The rows are only read when the names and the value rows agree in number; a total (an amount
that sums the rows above it) is a row without a name. Anything else (a value that fits no slot,
a different number of names and value rows) and the block is left to the other readers: the
word order of such text does not say which value belongs to which name, and nothing is guessed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence

from etl.layout import flat
from etl.model import Line
from etl.numbers import parse_amount
from etl.text import clean_cell, fold

MAX_NAME_LINES = 80  # lines of names a column block may hold
MAX_VALUE_LINES = 120  # lines of values (and their labels) after the names
MAX_GAP = 2  # blank lines between two lines of one block
_COLUMN_NUMBER = re.compile(r"^\(\d{1,2}\)$")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}[.)]?|[A-Za-z][.)])(?:\s+\S|$)")
_AMOUNT = re.compile(r"^(?:rp\.?\s*)?\d[\d.,]*(?:,-|\.-)?%?$", re.IGNORECASE)
_FUND = re.compile(r"^[A-Za-z]{2,8}$")


def _is_label_line(text: str, label_word: Callable[[str], bool]) -> bool:
    tokens = flat._label_tokens(text)
    return bool(tokens) and all(flat._role(t) or label_word(t) for t in tokens)


def _value_role(text: str, label_word: Callable[[str], bool]) -> str | None:
    """The role of a value column's label line ('ANGGARAN' → angka, 'Sumber Dana' → dana)."""
    if not _is_label_line(text, label_word):
        return None
    roles = [flat._role(t) for t in flat._label_tokens(text)]
    found = [r for r in roles if r in flat.VALUE_ROLES]
    return found[0] if len(found) == 1 and not any(r == "nama" for r in roles) else None


def _name_label(lines: Sequence[Line], i: int, label_word: Callable[[str], bool]) -> tuple[str, int] | None:
    """The name column's label at ``lines[i]`` (with a wrapped end, '/ PROGRAM') and the index
    after it, or None."""
    text = clean_cell(lines[i].text)
    if not text or "\t" in lines[i].text or not _is_label_line(text, label_word):
        return None
    tokens = flat._label_tokens(text)
    if flat._name_columns(tokens) != 1 or any(flat._role(t) in flat.VALUE_ROLES for t in tokens):
        return None
    j = i + 1
    if j < len(lines) and clean_cell(lines[j].text).startswith("/"):
        text = f"{text} {clean_cell(lines[j].text)}"
        j += 1
    return text, j


def _next_text(lines: Sequence[Line], j: int) -> int:
    """The index of the next non-blank line from ``j`` (at most :data:`MAX_GAP` blanks), or -1."""
    gap = 0
    while j < len(lines) and not lines[j].text.strip():
        gap += 1
        if gap > MAX_GAP:
            return -1
        j += 1
    return j if j < len(lines) else -1


def read_block_table(
    lines: Sequence[Line],
    i: int,
    label_word: Callable[[str], bool],
    ends: Callable[[str], bool],
    known: Mapping[str, int] | None = None,
) -> flat.FlatTable | None:
    """The column-block table whose name label stands at ``lines[i]``, or None."""
    found = _name_label(lines, i, label_word)
    if found is None:
        return None
    label, j = found
    known = known or {}
    # names: up to the first value label
    names: list[tuple[int, str]] = []
    while j < len(lines) and len(names) <= MAX_NAME_LINES:
        k = _next_text(lines, j)
        if k < 0:
            return None
        text = clean_cell(lines[k].text)
        if _value_role(text, label_word):
            j = k
            break
        if ends(lines[k].text) or "\t" in lines[k].text or flat._is_prose(text) or _AMOUNT.match(text):
            return None
        names.append((lines[k].no, text))
        j = k + 1
    else:
        return None
    starts = _row_starts(names)
    if not starts:
        return None
    # value labels and values, in the order written
    slots: list[flat.Slot] = []
    values: list[tuple[int, str]] = []
    end = j
    seen = 0
    while j < len(lines) and seen <= MAX_VALUE_LINES:
        k = _next_text(lines, j)
        if k < 0:
            break
        text = clean_cell(lines[k].text)
        role = _value_role(text, label_word)
        if role is not None:
            slots.append(flat.Slot(text, role))
        elif _COLUMN_NUMBER.match(text):
            pass
        elif _AMOUNT.match(text) or (_FUND.match(text) and (text.isupper() or text.istitle())):
            if not slots:
                return None
            values.append((lines[k].no, text))
        else:
            break
        seen += 1
        j = end = k + 1
    read = _value_rows(slots, values)
    if read is None:
        return None
    rows, totals = read
    if len(rows) != len(starts):
        return None  # names and value rows disagree: which value is whose is not written
    out: list[flat.FlatRow] = []
    for (first_line, _), name, r in zip(starts, _split_names(names, starts, known), rows, strict=True):
        cells = [name, *(v for v, _ in r)]
        where = [first_line, *(no or first_line for _, no in r)]
        out.append(flat.FlatRow(cells=cells, line=first_line, lines=[first_line], cell_lines=where))
    first_number = next(k for k, s in enumerate(slots) if s.role == "angka") if any(s.role == "angka" for s in slots) else None
    for value, no in totals:  # a total: a row without a name, after the rows it sums
        if first_number is None:
            return None
        cells = ["", *(value if k == first_number else "" for k in range(len(slots)))]
        out.append(flat.FlatRow(cells=cells, line=no, lines=[no], cell_lines=[no] * len(cells)))
    columns = [label, *(s.label for s in slots)]
    return flat.FlatTable(
        columns=columns,
        header_line=lines[i].no,
        rows=out,
        end=end,
        dibaca="blok kolom: teks yang ditulis kolom demi kolom, nilai diambil menurut urutan slot",
    )


def _row_starts(names: Sequence[tuple[int, str]]) -> list[tuple[int, int]]:
    """(line, index into names) of each row's first name line: lines that start with a row number,
    or else with the first name's level word ('Program', 'Kegiatan', 'Sub')."""
    if not names:
        return []
    if all(_ROW_NUMBER.match(t) is None for _, t in names[:1]):
        first = fold(names[0][1]).split()[:1]
        if not first or flat._roles().get(first[0]) not in ("nama", "label"):
            return []
        return [(no, k) for k, (no, t) in enumerate(names) if fold(t).split()[:1] == first]
    return [(no, k) for k, (no, t) in enumerate(names) if _ROW_NUMBER.match(t)]


def _split_names(names: Sequence[tuple[int, str]], starts: Sequence[tuple[int, int]], known: Mapping[str, int]) -> list[str]:
    out: list[str] = []
    bounds = [k for _, k in starts] + [len(names)]
    for a, b in itertools.pairwise(bounds):
        text = ""
        for _, t in names[a:b]:
            text = flat.mend(text, t, known) if text else t
        out.append(text)
    return out


Values = list[tuple[str, int]]


def _value_rows(slots: Sequence[flat.Slot], values: Sequence[tuple[int, str]]) -> tuple[list[Values], Values] | None:
    """The values one row after the other, by slot order and shape, and the totals among them
    (an amount that sums the rows above it), or None when a value fits no slot."""
    rows: list[Values] = []
    totals: Values = []
    current: Values = [("", 0)] * len(slots)
    filled = -1
    amounts: list[float] = []  # the first number of each row since the last total

    def fits(k: int, text: str) -> bool:
        role = slots[k].role
        if role == "angka":
            return bool(_AMOUNT.match(text))
        return role == "dana" and bool(_FUND.match(text))

    for no, text in values:
        k = next((s for s in range(filled + 1, len(slots)) if fits(s, text)), None)
        if k is None:  # the row is done: this value starts the next one, or totals the rows above
            if filled < 0:
                return None
            if _AMOUNT.match(text) and _is_sum(text, amounts, current):
                totals.append((text, no))
                continue
            rows.append(current)
            amounts.append(parse_amount(next((v for v, _ in current if v), "")) or 0.0)
            current, filled = [("", 0)] * len(slots), -1
            k = next((s for s in range(len(slots)) if fits(s, text)), None)
            if k is None:
                return None
        current = [*current[:k], (text, no), *current[k + 1 :]]
        filled = k
    if filled >= 0:
        rows.append(current)
    return rows, totals


def _is_sum(text: str, amounts: Sequence[float], current: Sequence[tuple[str, int]]) -> bool:
    if not amounts:
        return False  # a total sums two rows at least
    total = parse_amount(text)
    here = parse_amount(next((v for v, _ in current if v), ""))
    if total is None or here is None:
        return False
    return abs(sum(amounts) + here - total) < 0.5
