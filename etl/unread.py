"""Numbers that no reader took: said, never dropped without a word.

The readers load what they recognise as a table; a table in a form they do not recognise (cells
written one per line in pdftotext's raw order, cells of several columns interleaved line by line)
leaves its values outside every table read. A document with *some* facts passes the coverage
check of :func:`etl.extract._check_coverage`, so these values would be lost silently. This module
finds them by their form, whatever the table was:

* **a line of values only** (``88``, ``100%``, ``8 Org``, ``Rp 283.000.000,00``, ``79,6  81``)
  outside the lines of every table read: in running text a number stands inside a sentence, so a
  line holding nothing but values is a table's cell;
* **the lines under a table header that no reader could read** (a header line
  :mod:`etl.layout.flat` or :mod:`etl.layout.interleave` recognises, outside every table read):
  the values ending those lines are the table's value column.

A row of a table kind the extractors load (target, anggaran, realisasi …) that gave neither a fact
nor a catatan was not read either. Not cells: a lone amount ending a sentence wrapped above it, a
bare number beside a running header or footer (a page number), numbering written one cell per
line (1, 2, 3 …), years, row numbers ('1.'), and a number beside a word of
etl/vocab/kata_bukan_sel.csv ('Tabel 3.25', '100% Type').

Each run of such lines becomes one catatan naming the lines and the values printed there, so a
person checks them against the document (or fills them in with the template); ten values or more
add one catatan on the first line that says what to do. Lines a reader already spoke about (a
catatan on that line) are left to that catatan.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from etl.layout import flat, interleave
from etl.model import Catatan, Dokumen, Line
from etl.tables import VOCAB, Table, _is_label_word, is_terminator
from etl.text import clean_cell, fold

GAP = 12  # lines between two unread values that still make one run (one catatan)
SHOWN = 8  # values named in a catatan; the rest are counted
NUMBERING_RUN = 3  # bare integers counting up one by one this long are a numbering
SUMMARY_VALUES = 10  # this many unread values in a document: a catatan on its first line says what to do
HEAD_REACH = 160  # lines under an unread header searched for its values
PROSE_WORDS = 14  # a line of more words is a sentence: it ends the region under an unread header
SENTENCE_WORDS = 8  # a line above of this many words, not ending its sentence, carries a lone value on
FURNITURE_REPEATS = 3  # a line printed this often is a running header or footer
_NUMBER = re.compile(r"\d")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_ROW_NUMBER = re.compile(r"^\(?\d{1,3}[.)]$")
_BARE_INT = re.compile(r"^\d{1,3}$")
_CURRENCY = re.compile(r"^rp\.?(?:\s*-)?$", re.IGNORECASE)  # 'Rp', 'Rp.', and 'Rp -' (a nil amount)
_UNIT_WORD = re.compile(r"^[A-Za-z]{2,12}\.?$")


def _not_units() -> frozenset[str]:
    """Words beside a number that make it no table cell (etl/vocab/kata_bukan_sel.csv, each with
    where it was learnt): the document's structure ('Tabel 3.25', 'Lampiran 1') and a formula's
    words ('100% Type', 'dikali 100%')."""
    with (VOCAB / "kata_bukan_sel.csv").open(encoding="utf-8") as fh:
        return frozenset(row["kata"].strip().lower() for row in csv.DictReader(fh))


NOT_UNITS = _not_units()


def _values(text: str) -> list[str]:
    """The values of a line made of values only, one unit word after them at most ('8 Org',
    '10 Laporan'), else []."""
    tokens = interleave._tokens(clean_cell(text))
    if not tokens or len(tokens) > 8:
        return []
    values = [
        t for t in tokens if (interleave._VALUE.match(t) and _NUMBER.search(t)) or (_CURRENCY.fullmatch(t) and t.endswith("-"))
    ]
    words = [t for t in tokens if t not in values and not _CURRENCY.fullmatch(t)]
    if not values or len(words) > 1:
        return []
    if words:
        unit = words[0]
        if tokens[-1] != unit or not _UNIT_WORD.match(unit):
            return []  # 'x 100%', '100% Type': a formula's words, no unit
        if fold(unit).rstrip(".") in NOT_UNITS:
            return []
    kept = [v for v in values if not _YEAR.match(v) and not _ROW_NUMBER.match(v)]
    if len(kept) >= 2 and all(_BARE_INT.match(v) for v in kept) and [int(v) for v in kept] == list(range(1, len(kept) + 1)):
        return []  # '1 2 3 4 5': the columns' numbering
    if kept and words:
        return [" ".join(tokens)]  # '8 Org': the value with its unit, as printed
    return kept


def _trailing_values(text: str) -> list[str]:
    """The values ending a line, a table row's value cells ('3 Persentase Formulasi : 95%' →
    ['95%']; '1 Perencana 30,00 4,20 6,30' → ['30,00', '4,20', '6,30'])."""
    tokens = interleave._tokens(clean_cell(text))
    if len(tokens) < 2 or len(tokens) > PROSE_WORDS:
        return []
    out: list[str] = []
    for tok in reversed(tokens[1:]):
        if not (interleave._VALUE.match(tok) and _NUMBER.search(tok)) or _YEAR.match(tok) or _ROW_NUMBER.match(tok):
            break
        out.append(tok)
    return out[::-1]


def _is_head(text: str) -> bool:
    """A table header written as one line of words: one the flattened or interleaved readers
    recognise, or one made of column labels only (etl/vocab/kata_kepala.csv) with a name column
    and a value column ('Tujuan Strategis Sasaran Indikator Kinerja Satuan Target')."""
    if "\t" in text:
        return False
    words = clean_cell(text).split()
    if not 2 <= len(words) <= flat.MAX_HEAD_WORDS or not any(flat._role(w) == "angka" for w in words):
        return False  # every header of a table with values names a value column ('Target', 'Anggaran')
    if interleave.parse_head(text, _is_label_word) is not None or flat.parse_head(text, _is_label_word) is not None:
        return True
    unknown = sum(1 for w in words if not (_is_label_word(w) or flat._role(w)))
    if len(words) < 3 or unknown > (1 if len(words) >= 5 else 0):
        return False  # one word the vocabulary lacks among five ('Rencana Anggaran') still makes a header
    roles = {flat._role(w) for w in words}
    return "nama" in roles and "angka" in roles


# tables whose rows the extractors turn into facts: a row of theirs that gave none was not read
LOADED_KINDS = frozenset({"target", "anggaran", "realisasi", "efisiensi", "sakip_komponen", "ikm_unsur", "kematangan"})


def _covered(doc: Dokumen, tables: Iterable[Table]) -> tuple[set[int], set[int]]:
    """Lines of a table read (its header, its rows' lines), and lines a fact or a catatan names;
    and the header lines of tables found without a row (the lines under them were not read).
    A line between a table's rows that no row holds was not read: it is not covered; nor are the
    lines of a row of a loaded kind (:data:`LOADED_KINDS`) that gave no fact and no catatan."""
    named: set[int] = {c.baris for c in doc.catatan}
    for facts in (doc.target, doc.realisasi, doc.anggaran, doc.anggaran_sasaran, doc.komponen, doc.skor):
        named.update(f.sumber_baris for f in facts)
    out: set[int] = set(named)
    empty: set[int] = set()
    for t in tables:
        rows = [{*r.lines, *r.cell_lines, r.line} for r in t.rows]
        if t.kind in LOADED_KINDS:
            rows = [r for r in rows if r & named]
        if rows:  # a header with no row under it may be a data line read as one ('4 Persentase … 80%')
            out.add(t.header_line)
        else:
            empty.add(t.header_line)
        for r in rows:
            out.update(r)
    return out, empty - out


def _runs(found: Sequence[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    runs: list[list[tuple[int, str]]] = []
    for no, value in found:
        if runs and no - runs[-1][-1][0] <= GAP:
            runs[-1].append((no, value))
        else:
            runs.append([(no, value)])
    return runs


def _neighbour(lines: Sequence[Line], k: int, step: int) -> str:
    """The nearest non-blank line before (step -1) or after (step 1) ``lines[k]``, cleaned."""
    j = k + step
    while 0 <= j < len(lines) and abs(j - k) <= 3:
        if text := clean_cell(lines[j].text):
            return text
        j += step
    return ""


def _in_sentence(lines: Sequence[Line], k: int) -> bool:
    """A value-only line that ends a sentence wrapped before it ('… dengan total anggaran sebesar' /
    'Rp. 4.898.294.083,-'): the line above is prose and does not end its sentence."""
    above = _neighbour(lines, k, -1)
    return len(above.split()) >= SENTENCE_WORDS and not above.endswith((".", "!", "?"))


def _page_number(lines: Sequence[Line], k: int, repeated: Collection[str]) -> bool:
    """A bare number beside a running header or footer (a line printed on many pages): the page's number."""
    if not _BARE_INT.match(clean_cell(lines[k].text)):
        return False
    return _neighbour(lines, k, -1) in repeated or _neighbour(lines, k, 1) in repeated


def unread_values(lines: Sequence[Line], covered: Collection[int], heads: Collection[int] = frozenset()) -> list[tuple[int, str]]:
    """(line, value) of every value printed outside the tables read, by the two rules above;
    ``heads``: lines known to be the header of a table read without a row."""
    found: dict[tuple[int, str], None] = {}
    repeated = {t for t, n in Counter(clean_cell(ln.text) for ln in lines).items() if n >= FURNITURE_REPEATS and len(t) > 10}
    for k, ln in enumerate(lines):
        if ln.no in covered:
            continue
        if not _in_sentence(lines, k) and not _page_number(lines, k, repeated):
            for v in _values(ln.text):
                found[(ln.no, v)] = None
        if ln.no in heads or _is_head(ln.text):  # a header no reader took: the values ending the lines under it
            j = k + 1
            while j < len(lines) and j - k <= HEAD_REACH:
                below = lines[j]
                text = clean_cell(below.text)
                if below.no in covered or is_terminator(below.text) or _is_head(below.text):
                    break
                if len(text.split()) > PROSE_WORDS:
                    break
                for v in _trailing_values(below.text):
                    found[(below.no, v)] = None
                j += 1
    return _without_numbering(sorted(found))


def _without_numbering(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Without the bare integers that count up one by one ('1', '2', '3' …, each on its own line):
    the rows' or columns' numbers written one cell per line, not values."""
    bare = [(no, int(v)) for no, v in found if _BARE_INT.match(v)]
    numbering: set[int] = set()
    chain: list[int] = []
    for k, (no, v) in enumerate(bare):
        if chain and v == bare[chain[-1]][1] + 1 and no - bare[chain[-1]][0] <= GAP:
            chain.append(k)
        else:
            if len(chain) >= NUMBERING_RUN:
                numbering.update(bare[i][0] for i in chain)
            chain = [k]
    if len(chain) >= NUMBERING_RUN:
        numbering.update(bare[i][0] for i in chain)
    return [(no, v) for no, v in found if not (_BARE_INT.match(v) and no in numbering)]


def note_unread(doc: Dokumen) -> None:
    """One peringatan per run of values no reader took (see the module's docstring)."""
    covered, heads = _covered(doc, doc.tabel)
    found = unread_values(doc.lines, covered, heads)
    runs = _runs(found)
    for run in runs:
        first, last = run[0][0], run[-1][0]
        shown = ", ".join(f"'{v}'" for _, v in run[:SHOWN])
        more = f" dan {len(run) - SHOWN} lainnya" if len(run) > SHOWN else ""
        span = f"baris {first}-{last}" if last != first else f"baris {first}"
        doc.catatan.append(
            Catatan(
                first,
                "peringatan",
                f"angka di {span} tidak terbaca sebagai bagian tabel mana pun (bentuk tabelnya tidak dikenali): "
                f"{shown}{more} tidak dimuat; periksa dokumen aslinya",
            )
        )
    if len(found) >= SUMMARY_VALUES:  # one sentence on top that says what to do about all of them
        advice = (
            "teks ini tampaknya salinan dari penampil PDF atau keluaran pdftotext yang tabelnya tidak lagi "
            "berkolom: muat berkas PDF atau DOCX aslinya"
            if doc.format == "txt"
            else "periksa tabelnya pada dokumen aslinya"
        )
        doc.catatan.append(
            Catatan(
                1,
                "peringatan",
                f"{len(found)} angka di {len(runs)} tempat tidak terbaca sebagai bagian tabel; {advice}, "
                "atau lengkapi dengan templat isian (python -m etl template)",
            )
        )
