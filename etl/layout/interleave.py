"""Interleaved cells: a table with several text columns, copied out of a PDF viewer, read back.

A viewer's copy keeps each visual line of a table as one line of words joined by single spaces.
Where a row's cells wrap, every line holds the next piece of *each* cell still going on, side by
side, so the text of two or more text columns is interleaved line by line::

    NO. SASARAN/ INDIKATOR TARGET FORMULASI       ← header: one label word per column
    PROGRAM KINERJA                               ← its wrapped labels
    1 Meningkatnya Persentase 100% Formulasi :    ← a row: number, the first piece of each cell,
    Mutu Layanan surat keluar surat selesai         the target; then the cells' next pieces
    Pengadministras yang diselesai dibagi …

The word processor wrapped each cell greedily at its column's width, so the pieces can be told
apart by width, measured in the metrics of the sans-serif face that office suites substitute
for Arial (:data:`WIDTHS`; other faces differ by a few percent, inside the tolerance):

* a piece is never wider than its column, and the piece above it would have taken the piece's
  first word had it fitted (the cell wraps greedily);
* cells are top-aligned: a cell's pieces stand on the row's first lines without a gap, so a
  column missing from a line has ended for that row;
* a row starts at a line whose value columns (``angka`` roles of etl/vocab/slot_datar.csv:
  Target, Anggaran …) hold one printed value each, and whose number column, when the header has
  one, holds a row number or nothing (a cell spanning rows, as a Sasaran beside its second
  indicator); text columns may be empty only at the left (those spanning cells);
* a spanning cell is top-aligned in its merged cell, so a long one goes on beside the rows it
  spans: a new row's first piece in the first text column may be the spanning cell's next words
  (it starts in lower case, as a cell's own first word does not, and the row has a name cell of
  its own after it); those words go to the row above, and a doubt about the row beside them is a
  doubt about the spanning cell and every row it spans;
* a name's next piece never ends in a value: that is a row's first line (``Persentase % 100``).

The column widths are not printed anywhere: they are estimated from the lines themselves (the
widest lines hold a piece of every column) and refined from the pieces read, a few rounds. Among
the readings of the lines the one that breaks these rules least is kept (a beam search over the
lines). A line that no reading fits (a paragraph wider than the table, a signature) ends the
table, and so does a table written in column blocks after it (a lone 'Program', its names, then
'Anggaran' and the amounts: :mod:`etl.layout.blocks`). Values are only ever tokens printed on a
row's first line; a reading that would need a number anywhere else is not a reading.

Nothing is guessed: a row that another reading explains as well (costs within :data:`TIE`, or
read otherwise when a column is taken a little narrower or wider) is not loaded but said, with
every value printed on its lines, as a catatan (``FlatTable.notes``); so are the rows below it
that share its spanning cell. A table with fewer than :data:`MIN_ROWS` rows (its widths are not
determined), with a column no row fills, with more than :data:`MAX_NAME_COLUMNS` name columns
(nested spanning cells, centred) or whose cuts no width per column explains is left to the other
readers. The costs besides the widths are general properties of the cells: a word broken over
two lines only when it fills its line alone; a cell does not start or end with a conjunction, nor
say a word twice in a row; a name holds no formula sign and rarely a bare number; words the
document prints side by side elsewhere (outside the table, and in the whole document's running
text when the table stands in one part of it) are likelier one cell's, within a line and across a
line break (a cell that ends just before a word it is printed with elsewhere likelier goes on).
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etl.layout import flat, geometry
from etl.model import Line
from etl.text import clean_cell, fold

# Advance widths (thousandths of an em) of the Helvetica/Arial metrics, which Liberation Sans and
# Arimo share: the face office suites print with when a document asks for Arial.
_W = {
    **dict.fromkeys("ijl'|", 222),
    **dict.fromkeys(" ./,:;!fIt[]\\", 278),
    **dict.fromkeys("r-()`", 333),
    **dict.fromkeys('"', 355),
    **dict.fromkeys("*", 389),
    **dict.fromkeys("ckszvxyJ", 500),
    **dict.fromkeys("=+<>~", 584),
    **dict.fromkeys("abdeghnopqu0123456789$#_?L", 556),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("mM", 833),
    **dict.fromkeys("%", 889),
    **dict.fromkeys("W", 944),
    **dict.fromkeys("@", 1015),
}
WIDTHS: Mapping[str, int] = _W
SPACE = _W[" "] / 1000
OVERFLOW = 0.06  # a piece may be this much wider than its column's estimate (faces, kerning, estimate)
ROOM_SCALE = 0.1  # room (share of the width) left by the piece above at which a cut costs fully
ROUNDS = 4  # width estimates refined from the pieces read, then searched
SEARCH = (0.9, 1.1, 1.3)  # factors tried on each text column's width
MAX_LINE_WORDS = 14
MAX_NAME_COLUMNS = 2
MIN_ROWS = 3  # fewer rows leave the columns' widths undetermined (two readings fit as well)
FIT_SLACK = 0.02  # measuring error allowed by :func:`consistent`
PARAGRAPHS = 2  # cuts per column with room left (paragraph breaks in a cell) that a reading may hold
COST_UNREAD = 3.0
PERTURB = (0.97, 1.03)  # each text column's width a little off: a row read otherwise is doubtful
STABLE_MARGIN = 1.0  # a line of the table's extent left unread
BEAM = 40
MAX_ROW_LINES = 120
MAX_BLANKS = 2
MAX_HEAD_LINES = 4
COST_NEW_ROW = 0.5
COST_BROKEN = 3.0  # a broken word's tail after a piece with room for the whole word
COST_ROOM = 1.0  # the piece above had room for this one's first word: a paragraph break, or a wrong cut
COST_BARE = 0.3  # a value as a text cell's next piece, or inside a name's: likelier a row's own value
COST_EMPTY = 2.0
COST_DANGLING = 0.5
COST_ROW_TAIL = 1.5  # a name's next piece ending in a value: a row's first line, read as a wrap
COST_LOWER = 1.0  # a name cell of its own starting in lower case where the spanning cell above could go on
COST_REPEAT = 0.5  # a word said twice in a row inside a cell ('kecamatan' / 'Kecamatan'): parallel cells, cut wrong
DANGLING = frozenset({"dan", "atau", "serta", "yang", "di", "ke", "dari", "pada", "untuk", "dengan", "terhadap", "dalam"})
TIE = 0.05  # readings this close in cost are equally good: the row is doubtful, nothing is guessed
DOUBT_NOTE = (
    "baris tabel yang selnya saling bersisipan (teks salinan dari penampil PDF) dapat dibaca dengan dua cara "
    "(baris {lines}); nilai {values} tidak dimuat, periksa dokumen aslinya"
)  # readings this close in cost are equally good: the row is doubtful, nothing is guessed
COST_PHRASE = 0.3  # a cut inside a phrase the document prints elsewhere
PHRASE_CHARS = 4
PROSE_WORDS = 9  # a line this long is running text, whose word pairs are phrases (:func:`prose_pairs`)
PHRASE_SEEN = 1  # times two words stand side by side outside the table to make a phrase

_VALUE = re.compile(r"^(?:rp\.?\s*)?[-+]?\d[\d.,]*(?:,-|\.-)?(?:\s*%)?$|^-$", re.IGNORECASE)
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[A-Za-z]|[IVX]{1,5})[.)]?$")
_COLUMN_NUMBER = re.compile(r"(?:^|\s)\(\d{1,2}\)(?:\s|$)")
_UNIT = re.compile(r"^(?:[A-Za-z]{1,12}|%|\(%\))$")  # one short word: 'Angka', 'dokumen', 'orang', '%'
_COLUMN_NUMBERS = re.compile(r"^(?:\(?\d{1,2}\)?\s+)+\(?\d{1,2}\)?$")


COMPOUNDS = Path(__file__).resolve().parent.parent / "vocab" / "label_majemuk.csv"


@lru_cache(maxsize=1)
def compound_labels() -> frozenset[str]:
    """Two name words that head one column ('Sasaran Program': the sasaran of the program level),
    not two columns ('Sasaran Indikator'): etl/vocab/label_majemuk.csv."""
    with COMPOUNDS.open(encoding="utf-8") as fh:
        return frozenset(fold(r["kata"]) for r in csv.DictReader(fh))


@lru_cache(maxsize=65536)
def text_width(text: str) -> float:
    """Width of ``text`` in ems of the Arial metrics (unknown characters as a digit)."""
    return sum(_W.get(ch, 556) for ch in text) / 1000


@dataclass
class Column:
    label: str
    role: str  # 'nomor', 'angka' (a value), 'satuan' (a unit word beside it) or 'teks'
    width: float = 0.0

    @property
    def name(self) -> bool:
        """A column of names (Sasaran, Indikator, Program): written in one case style throughout."""
        return self.role == "teks" and flat._name_columns([self.label]) >= 1


@dataclass
class _Row:
    start: int  # index into the body lines
    pieces: list[list[tuple[str, int]]]  # per column: (piece, line number)
    owners: set[int] = field(default_factory=set)  # rows above whose spanning cell goes on beside this one


# one line's reading: (line number, body index, starts a row, ((column, piece), ...), columns whose
# piece still belongs to a row above: a spanning cell going on beside the rows it spans)
_Event = tuple[int, int, bool, tuple[tuple[int, str], ...], frozenset[int]]


@dataclass(frozen=True)
class _State:
    cost: float
    open: tuple[bool, ...]  # columns that may still take a piece in the current row
    last: tuple[str, ...]  # each column's piece on the line before ('' if none)
    trail: tuple[object, ...] | None  # (trail before, event): the lines read so far
    rows: int = 0
    tied: bool = False  # another reading of the current row costs as little
    doubtful: tuple[int, ...] = ()  # rows (0-based) that another reading explains as well
    carried: frozenset[int] = frozenset()  # columns whose open cell is a row above's (a spanning cell)


def _rows_of(trail: tuple[object, ...] | None, k: int) -> list[_Row]:
    events: list[_Event] = []
    while trail is not None:
        before, event = trail
        events.append(event)  # type: ignore[arg-type]
        trail = before  # type: ignore[assignment]
    rows: list[_Row] = []
    for no, at, starts, split, carried in reversed(events):
        if starts:
            rows.append(_Row(at, [[] for _ in range(k)]))
        for c, piece in split:
            # a spanning cell's piece beside a later row belongs to the last row that opened it
            owner = next((r for r in reversed(rows[:-1]) if r.pieces[c]), rows[-1]) if c in carried else rows[-1]
            owner.pieces[c].append((piece, no))
            if owner is not rows[-1]:
                rows[-1].owners.add(rows.index(owner))
    return rows


@dataclass
class Reading:
    columns: list[Column]
    rows: list[_Row] = field(default_factory=list)
    end: int = 0  # index into the body lines of the first line not read
    cost: float = 0.0
    doubtful: list[int] = field(default_factory=list)  # rows another reading explains as well


def _column_role(token: str) -> str | None:
    """The role of a header word that starts a column: 'nomor', 'angka' or 'teks'; None for a word
    that continues the label before it ('Kinerja', 'Dana') or is no header word."""
    f = fold(token)
    words = f.split()
    if not words:
        return None
    role = flat._role(token) or flat._roles().get(words[0])
    if role == "nomor":
        return "nomor"
    if role == "angka":
        return "angka"
    if role == "satuan":
        return "satuan"
    if role in ("nama", "dana", "kategori"):
        return "teks"
    return None


def parse_head(text: str, label_word: Callable[[str], bool]) -> list[Column] | None:
    """A header line whose words each start a column ('NO. TUJUAN/ INDIKATOR TARGET FORMULASI'),
    with two text columns or more and a value column; None otherwise. Header words the vocabulary
    knows only as labels (etl/vocab/kata_kepala.csv: 'Formulasi', 'Penjelasan') start a text column."""
    if "\t" in text:
        return None
    tokens = _head_tokens(text)
    if len(tokens) < 3 or len(tokens) > flat.MAX_HEAD_WORDS:
        return None
    columns: list[Column] = []
    for tok in tokens:
        if columns and f"{fold(columns[-1].label.split()[-1])} {fold(tok)}" in compound_labels():
            columns[-1].label += f" {tok}"  # two name words that are one label: 'Sasaran Program'
            continue
        role = _column_role(tok)
        if role is None and flat._role(tok) is None and label_word(tok) and not _continues(tok):
            role = "teks"
        if role is None:
            if not columns or not (label_word(tok) or flat._role(tok)):
                return None
            columns[-1].label += f" {tok}"
            continue
        columns.append(Column(tok, role))
    names = sum(1 for c in columns if c.role == "teks" and flat._name_columns([c.label]) >= 1)
    if names < 2 or sum(1 for c in columns if c.role == "teks") < 2 or not any(c.role == "angka" for c in columns):
        return None
    if any(c.role == "nomor" for c in columns[1:]) or sum(1 for c in columns if c.role == "satuan") > 1:
        return None
    if sum(1 for c in columns if c.name) > MAX_NAME_COLUMNS:
        return None  # Tujuan, Sasaran and Indikator side by side: nested spanning cells, centred, no top line to read by
    return columns


def _head_tokens(text: str) -> list[str]:
    """A header line's words: unlike a flattened header's (:func:`etl.layout.flat._label_tokens`),
    'TUJUAN/ INDIKATOR' is two columns here, the first label wrapped after its slash, while
    'TUJUAN / SASARAN' (a slash standing alone) is one label of alternatives."""
    out: list[str] = []
    glue = False
    for tok in clean_cell(text).split():
        if tok == "/" and out:
            out[-1] += "/"
            glue = True
        elif glue or (tok.startswith("/") and out):
            out[-1] += tok
            glue = False
        else:
            out.append(tok)
    return out


def _continues(token: str) -> bool:
    """A header word that continues the label before it ('Kinerja', 'Dana', 'Strategis')."""
    return flat._roles().get(fold(token)) == "label"


def _head_lines(lines: Sequence[Line], j: int, columns: list[Column], label_word: Callable[[str], bool]) -> int:
    """The wrapped label lines under the header ('SASARAN/ KINERJA', 'PROGRAM') and a line of
    column numbers ('1 2 3 4 5'): their words go to the labels they continue; the index after them."""
    for _ in range(MAX_HEAD_LINES):
        while j < len(lines) and not lines[j].text.strip():
            j += 1
        if j >= len(lines):
            return j
        text = clean_cell(lines[j].text)
        if _COLUMN_NUMBERS.match(text):
            numbers = [int(n.strip("()")) for n in text.split()]
            consecutive = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
            # a column left unnumbered ('(2) (3) (4)' under four labels, the first cell blank) is
            # still the numbering; more numbers than labels is a row of values
            if not consecutive or not len(columns) - 1 <= len(numbers) <= len(columns):
                return j
            j += 1
            continue
        tokens = _head_tokens(text)
        if not tokens or not all(label_word(t) or flat._role(t) for t in tokens) or "\t" in lines[j].text:
            return j
        if any(_column_role(t) in ("nomor", "angka") and not _continues(t) for t in tokens):
            return j  # a second header, not the wrapped labels of this one
        at = 0
        for tok in tokens:
            k = next((k for k in range(at, len(columns)) if _accepts(columns[k], tok)), None)
            if k is None:
                continue
            columns[k].label += tok if columns[k].label.endswith("/") or tok.startswith("/") else f" {tok}"
            at = k + 1
        j += 1
    return j


def _accepts(column: Column, token: str) -> bool:
    """Whether a wrapped header word continues this column's label: any word after a slash
    ('TUJUAN/' / 'SASARAN/'), a label word ('Kinerja') after a column's word, a name word
    ('PROGRAM') after a name column's ('SASARAN')."""
    if column.label.endswith("/") or token.startswith("/"):
        return True
    if column.role == "nomor":
        return False
    if _continues(token):
        return True
    return flat._role(token) == "nama" and flat._name_columns([column.label]) >= 1


# --- reading the body -----------------------------------------------------------------------


def _splits(tokens: Sequence[str], cols: Sequence[int], columns: Sequence[Column]) -> list[list[tuple[int, str, float]]]:
    """Every way to cut ``tokens`` into contiguous non-empty pieces, one for each column of an
    ordered subset of ``cols``, each piece fitting its column: lists of (column, piece, cost)."""
    out: list[list[tuple[int, str, float]]] = []

    def go(at: int, ci: int, acc: list[tuple[int, str, float]]) -> None:
        if at == len(tokens):
            if acc:
                out.append(list(acc))
            return
        for cj in range(ci, len(cols)):
            for end in range(at + 1, len(tokens) + 1):
                piece = " ".join(tokens[at:end])
                cost = _piece_cost(piece, columns[cols[cj]])
                if cost is None:
                    if columns[cols[cj]].role == "teks":
                        break  # longer pieces are wider still
                    continue
                acc.append((cols[cj], piece, cost))
                go(end, cj + 1, acc)
                acc.pop()

    go(0, 0, [])
    return out


def _piece_cost(piece: str, col: Column) -> float | None:
    if _COLUMN_NUMBER.search(piece):
        return None  # '(3)': the header's column numbering, never a cell's text
    if col.role == "satuan":
        return 0.0 if _UNIT.match(piece) else None
    if col.role == "angka":
        return 0.0 if _VALUE.match(piece) else None
    if col.role == "nomor":
        return 0.0 if _ROW_NUMBER.match(piece) else None
    w = text_width(piece)
    if w > col.width * (1 + OVERFLOW):
        return None
    if col.name and "=" in piece:
        return None  # a formula's sign: names (Sasaran, Indikator, Program) hold none
    if any(_stub(t) for t in piece.split()[1:]):
        return None  # the tail of a word broken over two lines starts its piece ('n Pemerintahan')
    return max(0.0, w - col.width) / col.width * 10


def _stub(token: str) -> bool:
    """One or two lower-case letters that are no word: the tail of a word the converter broke
    ('x' is the times sign of a formula, '20% x realisasi')."""
    return len(token) <= 2 and token.isalpha() and token.islower() and token not in flat.SHORT_WORDS | {"x"}


def _dangling(piece: str) -> float:
    """A cell ending in a conjunction or preposition ('… pelayanan dan') is no cell's end."""
    return COST_DANGLING if piece and piece.split()[-1].lower() in DANGLING else 0.0


def _repeat_cost(above: str, piece: str) -> float:
    """A word said twice in a row inside one cell, over a line break or within a piece: two
    parallel cells ('pemerintahan kecamatan' beside 'Pemerintah Kecamatan') cut in the wrong place."""
    words = [*above.split()[-1:], *piece.split()]
    return COST_REPEAT * sum(1 for a, b in itertools.pairwise(words) if a.lower() == b.lower() and a.isalpha())


def _room_cost(above: str, piece: str, col: Column) -> float:
    """The piece above had room for this piece's first word, so the cell would not have wrapped
    there: the more room, the likelier a wrong cut (or a paragraph break)."""
    if not above:
        return 0.0
    room = col.width - _cut_width(above, piece)
    if _stub(piece.split()[0]) and (room > 0 or len(above.split()) > 1):
        # a word is broken only when it does not fit a line of its own: its head stands alone on
        # the line above and fills it
        return COST_BROKEN
    return COST_ROOM * min(1.0, max(0.0, room) / (ROOM_SCALE * col.width))


def _cut_width(above: str, piece: str) -> float:
    """Width the piece above would have had with the next piece's first word: with a space, or
    without one when that word is the tail of a word broken over the two lines."""
    first = piece.split()[0]
    return text_width(above) + (0.0 if _stub(first) else SPACE) + text_width(first)


_Splits = Callable[[tuple[int, ...]], list[list[tuple[int, str, float]]]]


def _phrase_cuts(split: Sequence[tuple[int, str, float]], pairs: Mapping[tuple[str, str], int]) -> int:
    """Cuts between two pieces of a line that separate words the document prints side by side
    elsewhere too ('capaian' | 'kinerja'): a phrase, likelier inside one cell. Only words of
    :data:`PHRASE_CHARS` letters or more: 'dan', 'di', 'yang' stand beside anything."""
    return sum(1 for (_, left, _), (_, right, _) in itertools.pairwise(split) if _is_phrase(left, right, pairs))


def _is_phrase(left: str, right: str, pairs: Mapping[tuple[str, str], int]) -> bool:
    """Whether ``left``'s last word and ``right``'s first stand side by side elsewhere in the
    document, both of :data:`PHRASE_CHARS` letters or more."""
    a, b = _bare(left.split()[-1].lower()), _bare(right.split()[0].lower())
    return len(a) >= PHRASE_CHARS and len(b) >= PHRASE_CHARS and pairs.get((a, b), 0) >= PHRASE_SEEN


def _step(
    state: _State, tokens: list[str], columns: list[Column], splits: _Splits, pairs: Mapping[tuple[str, str], int]
) -> list[tuple[float, tuple[bool, ...], tuple[str, ...], bool, list[tuple[int, str, float]], frozenset[int]]]:
    """The readings of one line after ``state``: (cost, open columns, last pieces, starts a row, split,
    columns whose piece belongs to a row above)."""
    out = []
    k = len(columns)
    # the current row goes on: text columns still open take the pieces
    if state.rows:
        open_cols = tuple(c for c in range(k) if state.open[c] and columns[c].role == "teks")
        for split in splits(open_cols):
            cost = state.cost
            used = set()
            for c, piece, pc in split:
                cost += pc + _room_cost(state.last[c], piece, columns[c]) + _repeat_cost(state.last[c], piece)
                if _VALUE.match(piece) or (columns[c].name and any(_VALUE.match(t) for t in piece.split())):
                    cost += COST_BARE
                if columns[c].name and _ends_like_row(piece):
                    cost += COST_ROW_TAIL
                used.add(c)
            cost += COST_PHRASE * _phrase_cuts(split, pairs)
            cost += sum(_dangling(state.last[c]) for c in open_cols if c not in used)  # cells that end here
            cost += COST_PHRASE * _phrases_left(state, split, open_cols, used, pairs)
            opened = tuple(state.open[c] and c in used for c in range(k))  # a column left out has ended
            last = tuple(next((p for cc, p, _ in split if cc == c), "") for c in range(k))
            out.append((cost, opened, last, False, split, state.carried & used))
    # a new row starts here
    if not any(_VALUE.match(t) for t in tokens):
        return out
    values = [c for c in range(k) if columns[c].role == "angka"]
    texts = [c for c in range(k) if columns[c].role == "teks"]
    numbers = [c for c in range(k) if columns[c].role == "nomor"]
    for split in splits(tuple(range(k))):
        used = {c for c, _, _ in split}
        if (len(values) == 1 and values[0] not in used) or not any(c in used for c in values):
            continue
        filled = [c for c in texts if c in used]
        if not filled:
            continue
        if numbers and numbers[0] not in used and _ROW_NUMBER.match(split[0][1].split()[0]):
            continue  # a row number is the number column's, never the start of a name
        # text columns may be empty only as a leading run (cells spanning rows)
        cost = (
            state.cost
            + COST_NEW_ROW
            + sum(pc + _repeat_cost("", p) for _, p, pc in split)
            + COST_PHRASE * _phrase_cuts(split, pairs)
        )
        cost += sum(_dangling(state.last[c]) for c in range(k) if state.open[c])  # the row before ends
        cost += sum(COST_DANGLING for c, p, _ in split if columns[c].role == "teks" and p.split()[0].lower() in DANGLING)
        cost += COST_EMPTY * sum(1 for c in texts if c > filled[0] and c not in used)
        cost += COST_EMPTY * sum(1 for c in range(k) if columns[c].role == "satuan" and c not in used)
        opened = tuple(c in used and columns[c].role == "teks" for c in range(k))
        last = tuple(next((p for cc, p, _ in split if cc == c), "") for c in range(k))
        carry = _carry_cost(state, split, columns, texts)
        if carry is not None:
            # the first text column's piece may go on with the spanning cell of the rows above
            # ('… urusan pemerintahan' / 'daerah' beside the second indicator): then this row's own
            # cell there is empty. A name's own cell starts with a capital; a lower-case start is
            # likelier the spanning cell's next word.
            c0, piece0 = split[0][0], split[0][1]
            own = cost - sum(pc for c, _, pc in split if c == c0) - _dangling(state.last[c0])
            own -= COST_DANGLING if piece0.split()[0].lower() in DANGLING else 0.0
            own -= _repeat_cost("", piece0)  # counted again, with the word above, by _carry_cost
            out.append((own + carry, opened, last, True, split, frozenset({c0})))
            cost += COST_LOWER
        out.append((cost, opened, last, True, split, frozenset()))
    return out


def _phrases_left(
    state: _State,
    split: Sequence[tuple[int, str, float]],
    open_cols: Sequence[int],
    used: set[int],
    pairs: Mapping[tuple[str, str], int],
) -> int:
    """Cells ending here whose last word the document prints elsewhere beside the first word of a
    piece on this line ('pengelolaan' | 'anggaran'): the phrase likelier goes on in that cell."""
    return sum(
        1
        for c in open_cols
        if c not in used and state.last[c] and any(_is_phrase(state.last[c], piece, pairs) for _, piece, _ in split)
    )


def _ends_like_row(piece: str) -> bool:
    """Whether a name's piece ends in a value, where a row's own first line has its values
    ('Persentase % 100', 'kali 12', '12'): a row's first line read as a wrap."""
    tokens = _tokens(piece)
    return bool(tokens) and bool(_VALUE.match(tokens[-1]))


def _carry_cost(state: _State, split: Sequence[tuple[int, str, float]], columns: list[Column], texts: list[int]) -> float | None:
    """What it costs that a new row's first piece goes on with the cell above it in the first text
    column (a cell spanning the rows beside it), or None when it cannot: the cell above must still be
    open, the piece start with a lower-case letter, and the row have a name cell of its own after it."""
    if not state.rows or not texts or not split:
        return None
    c0, piece0, pc0 = split[0]
    if c0 != texts[0] or not state.open[c0] or not state.last[c0] or not piece0[:1].islower():
        return None
    if not any(c in texts and c != c0 for c, _, _ in split[1:]):
        return None
    return pc0 + _room_cost(state.last[c0], piece0, columns[c0]) + _repeat_cost(state.last[c0], piece0)


def _bare(word: str) -> str:
    """A word without the punctuation after it ('anggaran,' is 'anggaran' beside the next word)."""
    return word.rstrip(",.;:")


def prose_pairs(lines: Sequence[Line]) -> dict[tuple[str, str], int]:
    """Word pairs of a document's running text: lines of :data:`PROSE_WORDS` words or more, which no
    interleaved table holds (its lines carry a piece of each cell, a few words each)."""
    return word_pairs([ln for ln in lines if len(ln.text.split()) >= PROSE_WORDS])


def word_pairs(lines: Sequence[Line]) -> dict[tuple[str, str], int]:
    """How often each two words stand side by side on a line of the document (lower case)."""
    out: dict[tuple[str, str], int] = {}
    for ln in lines:
        words = [_bare(w) for w in clean_cell(ln.text).lower().split()]
        for pair in itertools.pairwise(words):
            out[pair] = out.get(pair, 0) + 1
    return out


def _decode(body: Sequence[Line], columns: list[Column], pairs: Mapping[tuple[str, str], int]) -> Reading:
    k = len(columns)
    beam = [_State(0.0, tuple(False for _ in columns), tuple("" for _ in columns), None)]
    best: _State | None = None
    best_end = 0
    last_tied = False
    blanks = 0
    for at, ln in enumerate(body):
        text = clean_cell(ln.text)
        if not text:
            blanks += 1
            if blanks > MAX_BLANKS:
                break
            continue
        blanks = 0
        tokens = _tokens(text)
        if len(tokens) > MAX_LINE_WORDS:
            break  # a paragraph, not a line of a table
        cache: dict[tuple[int, ...], list[list[tuple[int, str, float]]]] = {}

        def splits(cols: tuple[int, ...], tokens: list[str] = tokens, cache: dict = cache) -> list[list[tuple[int, str, float]]]:
            if cols not in cache:
                cache[cols] = _splits(tokens, cols, columns)
            return cache[cols]

        # readings that leave the same open columns and last pieces have the same future: keep the
        # cheapest, and remember when the other cost as little (the row before, or this row, is then
        # read two ways equally well)
        merged: dict[
            tuple[tuple[bool, ...], tuple[str, ...]],
            tuple[float, _State, bool, list[tuple[int, str, float]], bool, frozenset[int]],
        ] = {}
        for s in beam:
            for cost, opened, last, starts, split, carried in _step(s, tokens, columns, splits, pairs):
                key = (opened, last)
                if key not in merged:
                    merged[key] = (cost, s, starts, split, False, carried)
                    continue
                held = merged[key]
                tie = abs(cost - held[0]) <= TIE
                if cost < held[0]:
                    merged[key] = (cost, s, starts, split, tie, carried)
                elif tie:
                    merged[key] = (*held[:4], True, held[5])
        if not merged:
            break
        chosen = sorted(merged.items(), key=lambda kv: kv[1][0])[:BEAM]
        beam = []
        for (opened, last), (cost, s, starts, split, tie, carried) in chosen:
            if starts:  # the row before is closed: doubtful if it was tied, or its readings tie here
                doubtful = (*s.doubtful, s.rows - 1) if s.rows and (s.tied or tie) else s.doubtful
                tied = False
            else:
                doubtful, tied = s.doubtful, s.tied or tie
            event = (ln.no, at, starts, tuple((c, p) for c, p, _ in split), carried)
            rows = s.rows + (1 if starts else 0)
            beam.append(_State(cost, opened, last, (s.trail, event), rows, tied, doubtful, carried))
        if beam[0].rows:
            best, best_end = beam[0], at + 1
            runner = next((b for b in beam[1:] if b.rows), None)
            last_tied = best.tied or (runner is not None and runner.cost - best.cost <= TIE)
    if best is None:
        return Reading(columns, [], 0, 0.0)
    ends_tied = {best.rows - 1} if last_tied else set()
    read_rows = _rows_of(best.trail, k)
    return Reading(columns, read_rows, best_end, best.cost, _with_owners(set(best.doubtful) | ends_tied, read_rows))


def _with_owners(doubtful: set[int], rows: Sequence[_Row]) -> list[int]:
    """The doubtful rows and the rows whose spanning cell goes on beside one of them: some of that
    cell's words may be the doubtful row's."""
    return sorted(doubtful | {o for r in doubtful if r < len(rows) for o in rows[r].owners})


def _tokens(text: str) -> list[str]:
    """A line's words, 'Rp' and a lone '%' kept with their number ('Rp 50.750.000', '60 %')."""
    raw = text.split()
    out: list[str] = []
    k = 0
    while k < len(raw):
        tok = raw[k]
        if re.match(r"^rp\.?$", tok, re.IGNORECASE) and k + 1 < len(raw) and _VALUE.match(raw[k + 1]):
            out.append(f"{tok} {raw[k + 1]}")
            k += 2
            continue
        if tok == "%" and out and re.match(r"^\d[\d.,]*$", out[-1]):
            out[-1] = f"{out[-1]} %"
            k += 1
            continue
        out.append(tok)
        k += 1
    return out


def _initial_widths(body: Sequence[Line], columns: list[Column]) -> None:
    for col in columns:
        if col.role != "teks":
            col.width = max(text_width(w) for w in col.label.split())  # a value's column: never measured
    # the widest line of the table (no paragraph) holds a piece of every column
    starts = [clean_cell(ln.text) for ln in body]
    starts = [t for t in starts if t and len(_tokens(t)) <= MAX_LINE_WORDS]
    if not starts:
        return
    widest = max(text_width(t) for t in starts)
    texts = [c for c in columns if c.role == "teks"]
    others = sum(c.width + SPACE for c in columns if c.role != "teks")
    share = max(1.0, (widest - others - SPACE * (len(texts) - 1)) / len(texts))
    for col in texts:
        col.width = share * 1.4


def _refine(reading: Reading) -> bool:
    """Each text column's width from the pieces read: at least the widest piece, less than any
    piece with the next piece's first word (it wrapped there); the middle of the two when they
    agree. True when an estimate changed."""
    changed = False
    for c, col in enumerate(reading.columns):
        if col.role != "teks":
            continue
        pieces = [[p for p, _ in r.pieces[c]] for r in reading.rows]
        if sum(len(p) - 1 for p in pieces if p) < 3:
            continue
        lower = max(text_width(p) for ps in pieces for p in ps)
        cuts = [_cut_width(a, b) for ps in pieces for a, b in itertools.pairwise(ps)]
        upper = min((x for x in cuts if x > lower), default=lower)
        w = (lower + upper) / 2 if upper > lower else lower
        if abs(w - col.width) > 0.01:
            col.width = w
            changed = True
    return changed


def read(
    lines: Sequence[Line],
    i: int,
    label_word: Callable[[str], bool],
    ends: Callable[[str], bool],
    phrases: Mapping[tuple[str, str], int] | None = None,
) -> tuple[list[Column], int, Reading] | None:
    """The interleaved table whose header stands at ``lines[i]``: its columns, the index of its
    first body line, and the rows read; None when the line is no such header. ``phrases`` are word
    pairs of the whole document's running text (:func:`prose_pairs`), when ``lines`` are one part
    of it."""
    columns = parse_head(lines[i].text, label_word)
    if columns is None:
        return None
    j = _head_lines(lines, i + 1, columns, label_word)
    end = j
    while end < len(lines) and end - j < MAX_ROW_LINES * 4:
        t = lines[end].text
        if ends(t) or (clean_cell(t) and parse_head(t, label_word) is not None) or "\t" in t.strip():
            break
        if clean_cell(t) and flat.parse_head(t, label_word) is not None:
            break
        if _starts_block_table(lines, end, label_word, ends):
            break
        end += 1
    body = lines[j:end]
    if not body:
        return None
    _initial_widths(body, columns)
    # phrases are counted outside the table: its own lines pair the first words of parallel cells
    pairs = word_pairs([*lines[:i], *lines[end:]])
    for pair, n in (phrases or {}).items():
        pairs[pair] = pairs.get(pair, 0) + n
    reading = _fit(body, columns, pairs)
    if (
        len(reading.rows) < MIN_ROWS
        or len(reading.doubtful) == len(reading.rows)
        or any(not any(r.pieces[c] for r in reading.rows) for c in range(len(columns)))  # a column no row fills
        or not consistent(reading)
    ):
        return None  # no reading keeps the wrapping rules: left to the other readers, nothing guessed
    return columns, j, reading


def _starts_block_table(lines: Sequence[Line], k: int, label_word: Callable[[str], bool], ends: Callable[[str], bool]) -> bool:
    """Whether a table written one column block after another starts at ``lines[k]`` (a lone name
    label, 'Program', its names, then 'Anggaran' and the amounts): the table above has ended there,
    and its rows must not be read on into the next table's cells."""
    words = clean_cell(lines[k].text).split()
    if not words or len(words) > 3 or not all(label_word(w) or flat._role(w) for w in words):
        return False
    from etl.layout import blocks

    return blocks.read_block_table(lines, k, label_word, ends) is not None


def _objective(reading: Reading, body: Sequence[Line]) -> float:
    unread = sum(1 for ln in body[reading.end :] if clean_cell(ln.text))
    return reading.cost + COST_UNREAD * unread


def _fit(body: Sequence[Line], columns: list[Column], pairs: Mapping[tuple[str, str], int]) -> Reading:
    """Read the body, the text columns' widths refined from the pieces read and then searched
    column by column (a little narrower, a little wider) while the reading gets better: fewer
    lines left unread, fewer broken rules."""
    reading = _decode(body, columns, pairs)
    for _ in range(ROUNDS):
        if not reading.rows or not _refine(reading):
            break
        reading = _decode(body, columns, pairs)
    best = _objective(reading, body)
    texts = [c for c in columns if c.role == "teks"]
    for _ in range(ROUNDS):
        improved = False
        for col in texts:
            for factor in SEARCH:
                was = col.width
                col.width = was * factor
                trial = _decode(body, columns, pairs)
                score = _objective(trial, body)
                if trial.rows and score < best - 1e-6:
                    reading, best, improved = trial, score, True
                else:
                    col.width = was
        if not improved:
            break
    _unstable_rows(reading, best, body, columns, pairs)
    return reading


def _row_key(row: _Row) -> tuple[object, ...]:
    return tuple(tuple(p for p, _ in pieces) for pieces in row.pieces), min(no for ps in row.pieces for _, no in ps)


def _unstable_rows(
    reading: Reading, best: float, body: Sequence[Line], columns: list[Column], pairs: Mapping[tuple[str, str], int]
) -> None:
    """Rows that a slightly narrower or wider column reads otherwise, at a cost within
    :data:`STABLE_MARGIN` of the best: the widths do not decide them, so they are doubtful."""
    keep = {_row_key(r) for r in reading.rows}
    for col in [c for c in columns if c.role == "teks"]:
        for factor in PERTURB:
            was = col.width
            col.width = was * factor
            trial = _decode(body, columns, pairs)
            col.width = was
            if trial.rows and _objective(trial, body) <= best + STABLE_MARGIN:
                keep &= {_row_key(r) for r in trial.rows}
    doubtful = set(reading.doubtful) | {k for k, r in enumerate(reading.rows) if _row_key(r) not in keep}
    reading.doubtful = _with_owners(doubtful, reading.rows)


def consistent(reading: Reading) -> bool:
    """Whether one width per text column explains every cut of the reading: no piece wider than the
    column's widest, and no piece above a cut with room for the next piece's first word (a cell wraps
    greedily), allowing :data:`PARAGRAPHS` cuts per column for a paragraph break inside a cell."""
    for c, col in enumerate(reading.columns):
        if col.role != "teks":
            continue
        widest = max((text_width(p) for r in reading.rows for p, _ in r.pieces[c]), default=0.0)
        room = 0
        for r in reading.rows:
            pieces = [p for p, _ in r.pieces[c]]
            for above, piece in itertools.pairwise(pieces):
                if _stub(piece.split()[0]) and (_cut_width(above, piece) <= widest or len(above.split()) > 1):
                    return False  # a word broken where it fitted whole, or beside another word
                if _cut_width(above, piece) < widest * (1 - FIT_SLACK):
                    room += 1
        if room > PARAGRAPHS:
            return False
    return True


def spaced_slashes(lines: Sequence[Line]) -> frozenset[str]:
    """Words the document prints with a space after their slash inside a line ('rencana/ agenda'),
    as :func:`etl.layout.geometry.glued_break` takes them: a line break after such a word is a space."""
    out: set[str] = set()
    for ln in lines:
        words = clean_cell(ln.text).split()
        out.update(fold(a) + " " for a, _ in itertools.pairwise(words) if a.endswith("/") and len(a) > 1)
    return frozenset(out)


def _join(text: str, piece: str, known: Mapping[str, int], spaced: frozenset[str]) -> str:
    if not text:
        return piece
    if geometry.glued_break(text.split()[-1], piece.split()[0], spaced):
        return text + piece
    return flat.mend(text, piece, known)


def cells(
    reading: Reading, known: Mapping[str, int], spaced: frozenset[str] = frozenset()
) -> list[tuple[list[str], list[int], list[int]]]:
    """Each row read as (cells, lines, cell lines): a cell's pieces joined, a word broken over two
    pieces mended (:func:`etl.layout.flat.mend`), no space where a line broke without one
    (:func:`etl.layout.geometry.glued_break`: after a slash or a compound's hyphen, before a glued
    operator)."""
    out = []
    for r in reading.rows:
        texts: list[str] = []
        where: list[int] = []
        row_lines: set[int] = set()
        first = min(no for p in r.pieces for _, no in p)
        for pieces in r.pieces:
            text = ""
            for piece, no in pieces:
                text = _join(text, piece, known, spaced)
                row_lines.add(no)
            texts.append(text)
            where.append(pieces[0][1] if pieces else first)
        out.append((texts, sorted(row_lines), where))
    return out


def read_table(
    lines: Sequence[Line],
    i: int,
    label_word: Callable[[str], bool],
    ends: Callable[[str], bool],
    known: Mapping[str, int] | None = None,
    phrases: Mapping[tuple[str, str], int] | None = None,
) -> flat.FlatTable | None:
    """The interleaved table whose header stands at ``lines[i]`` as a :class:`flat.FlatTable`
    (one cell per header column, as the text version has them), or None."""
    found = read(lines, i, label_word, ends, phrases)
    if found is None:
        return None
    columns, j, reading = found
    rows, notes = [], []
    doubtful = False
    for k, (texts, row_lines, where) in enumerate(cells(reading, known or {}, spaced_slashes(lines))):
        spanned = not texts[next(c for c, col in enumerate(columns) if col.role == "teks")]
        # a row that two readings fit as well is said, not guessed; so are the rows below it that
        # share its spanning cell (their Sasaran is its Sasaran)
        doubtful = k in reading.doubtful or (doubtful and spanned)
        if doubtful:  # every value printed on its lines is named: a row the doubt swallowed is said too
            by_no = {ln.no: ln.text for ln in lines[j : j + reading.end]}
            printed = [t for no in row_lines for t in _tokens(clean_cell(by_no.get(no, ""))) if _VALUE.match(t)]
            span = f"{row_lines[0]}-{row_lines[-1]}" if len(row_lines) > 1 else str(row_lines[0])
            values = ", ".join(f"'{t}'" for t in printed) or "-"
            notes.append((row_lines[0], DOUBT_NOTE.format(values=values, lines=span)))
            continue
        rows.append(flat.FlatRow(cells=texts, line=row_lines[0], lines=row_lines, cell_lines=where))
    table = flat.FlatTable(
        columns=[c.label for c in columns],
        header_line=lines[i].no,
        rows=rows,
        end=j + reading.end,
        dibaca="sel bersisipan: salinan penampil PDF, potongan tiap sel dipilah menurut lebar kolomnya",
    )
    table.notes = notes
    return table
