"""Tables laid out with spaces → tab rows: pure functions over the lines of a text.

``pdftotext -layout`` (and anybody typing a table with the space bar) keeps a table's columns
apart by runs of spaces. :mod:`etl.tables` reads a table row as one line whose cells are joined
by tabs, so such text loses its tables unless the columns are found again. This module does that:

* **Block**: a run of consecutive lines, starting at a line with at least two pieces of text
  apart by :data:`MIN_GAP` spaces, that line up: no word of a data line covers a column boundary
  (a line may, while such *loose* lines stay few: :data:`LOOSE_SHARE`, for a cell a character too
  wide or a row that pdftotext set one character off). Prose (a phrase running from the block's
  left edge across its columns), more than :data:`MAX_BLANKS` blank lines or the next table's
  header end the block.
* **Columns** are the block's *whitespace valleys*: character columns blank in every line of its
  body (the loose lines left out). A valley one character wide must be proven by a cell starting
  right after it. Each line is cut there; a word belongs to the column it stands in.
* **Header**: a block is a table only when its first row, with its wrapped lines joined, reads
  as a table header (the caller's ``is_header``, :func:`etl.tables.is_header_cells`). The lines
  above the first data row (a value, a row number, the column numbers) are the header: a line
  whose text stands only under filled cells of the header row above continues those cells (a
  label wrapped in its cell: joined into that row, its own line left empty, a word broken over
  the two lines mended from the caller's label ``vocabulary``); any other line is a sub-header
  row (``Target | Realisasi`` under ``Indikator Kinerja``), kept as its own row, with a centred
  group label moved to the first column it spans, as :func:`etl.tables.combine_header` expects.
* **Body** lines stay one line each: a cell's wrapped lines are rows with text only in that
  column, which :mod:`etl.tables` mends into the row above, as it does for converters' output.
  Only a word broken over two lines of a cell ('Penyelenggaraa' / 'n', the tests of
  :mod:`etl.layout.geometry` with the document's own words) or an amount cut inside its digit
  groups ('176.110' / '.000') is joined on the upper line.
* **Pages**: a table that reaches the end of a page and goes on at the top of the next one
  (where ``pdftotext`` lays out the columns anew, often a few characters apart) continues with
  the same columns: the new page's columns are matched to the table's by position. A header
  left at the bottom of a page is read with the rows of the next.
* **Fields** laid out ``Nama   :   value`` under each other (no table header) become one tab
  row each, their wrapped label and value lines joined in: the text header.py reads.

Lines with tabs and pipe tables are never touched, and lines outside tables are returned as
they are; the result has exactly one line per input line, so line numbers keep pointing at the
file.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from etl.layout import geometry

MIN_GAP = 2  # a run of at least this many spaces separates two pieces of text on a line
MAX_BLANKS = 2  # blank lines a table may hold (under its header, between paragraphs of a cell)
# A word that ends this close to its column's right edge (a share of the column's width) filled
# its line: pdftotext sets proportional type on a grid of characters, so a line that reaches the
# cell's edge on paper may end some characters short of the column's widest line.
REACH_SHARE = 0.25
JITTER = 1  # characters by which pdftotext may set the cells of one column apart on different rows
LOOKAHEAD = 4  # lines looked at below a doubtful line to see whether the table goes on
# A line may cover one whitespace valley with a word (a cell a character too wide, a row set one
# character off) while such loose lines are at most this share of the block, counting the
# line itself (so a block of fewer than 4 lines admits none): the valleys must stay blank in
# nearly every line, else they are no columns.
LOOSE_SHARE = 0.25
MAX_HEADER_LINES = 8  # lines a header may take, its labels wrapped in narrow columns included
WRAP_WORDS = 2  # words per cell on a line that continues the labels of a header without data below
PAGE_TAIL = 3  # lines after a table at the bottom of a page (a page number) that still let it go on
# Lines at the top of the next page skipped before the table goes on there (a running header
# would be one): none, as such a line cannot be told from a cell continued at the page's top.
PAGE_LEAD = 0
MAX_EXTRA_COLUMNS = 1  # a continued page may show one column more than the table (a split cell)
# A column on a continued page is at most this much wider than the table's column it continues
# (pdftotext places columns anew on each page, but their widths change little): a line wider
# than that is the page's own text (a date, a signature), not a cell.
WIDTH_FACTOR = 1.5
WIDTH_SLACK = 3
BLANK = " \u00a0"  # characters that are whitespace on a laid-out line (NBSP: as clean_cell reads it)

_GAP = re.compile(f"[{BLANK}]{{{MIN_GAP},}}")
_WORD = re.compile(f"[^{BLANK}]+")
# a cell that is data, not a label: a number, amount or percentage (years and column numbers
# such as '2024' or '(3)' stay labels, as in etl.tables)
_NUMBER = re.compile(r"^(?:Rp\.?\s*)?[-+]?\d[\d.,]*\s*%?(?:,-)?$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ROW_MARKER = re.compile(r"^(?:\d{1,3}[.)]?|[IVX]{1,5}[.)]?|[a-zA-Z][.)])$")  # '1', '2.', 'IV', 'a.'
_AMOUNT_HEAD = re.compile(r"^(?:Rp\.?)?\d{1,3}(?:\.\d{3})*$")  # '176.110': whole groups so far
_AMOUNT_TAIL = re.compile(r"^[.,]\d")  # '.000', ',00': a number cannot start with its separator
_CUT_GROUP = re.compile(r"^(?:Rp\.?)?\d{1,3}(?:\.\d{3})+\.\d{1,2}$")  # '1.714.4': a group of three cut short
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")  # '(1)' or '1' in a row numbering the columns
_CAPTION = re.compile(r"^\s*(?:tabel|table|gambar|grafik)\s+\d", re.IGNORECASE)

Span = tuple[int, int]  # [start, end) in character columns
IsHeader = Callable[[Sequence[str]], bool]


def is_blank(line: str) -> bool:
    return not line.strip(BLANK)


def phrases(line: str) -> list[tuple[int, int, str]]:
    """Pieces of text apart by at least MIN_GAP spaces, with their [start, end) columns."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for gap in [*_GAP.finditer(line), None]:
        end = gap.start() if gap else len(line)
        piece = line[pos:end]
        if piece.strip(BLANK):
            lead = len(piece) - len(piece.lstrip(BLANK))
            text = piece.strip(BLANK)
            out.append((pos + lead, pos + lead + len(text), text))
        pos = gap.end() if gap else len(line)
    return out


def words(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(line)]


def segments(lines: Sequence[str]) -> list[Span]:
    """The columns of an aligned block: maximal runs of character columns holding text in at
    least one of ``lines``. What lies between two of them is a whitespace valley. A valley one
    character wide is a column boundary only where some line starts a cell right after it
    (:func:`_cell_starts`, give or take :data:`JITTER`); where every line has a single space
    there, it is a space between two words."""
    width = max((len(t) for t in lines), default=0)
    used = [False] * width
    for t in lines:
        for s, e, _ in words(t):
            for k in range(s, e):
                used[k] = True
    raw: list[Span] = []
    start = None
    for k, u in enumerate([*used, False]):
        if u and start is None:
            start = k
        elif not u and start is not None:
            raw.append((start, k))
            start = None
    if not raw:
        return []
    starts = _cell_starts(lines)
    out = [raw[0]]
    for seg in raw[1:]:
        valley = (out[-1][1], seg[0])
        if valley[1] - valley[0] >= MIN_GAP or valley[1] in starts or valley[1] + JITTER in starts:
            out.append(seg)
        else:
            out[-1] = (out[-1][0], seg[1])
    return out


def _cell_starts(lines: Sequence[str]) -> set[int]:
    """Where pieces of text start after MIN_GAP spaces or more, in lines that are not column
    numbers: a column number centred under its label is no cell boundary."""
    return {s for t in lines if not is_numbering([p[2] for p in phrases(t)]) for s, _, _ in phrases(t) if s >= MIN_GAP}


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _distance(a: Span, b: Span) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def column_of(span: Span, segs: Sequence[Span]) -> int:
    """The column a piece of text belongs to: the one it overlaps most, else the nearest."""
    best = max(range(len(segs)), key=lambda k: (_overlap(span, segs[k]), -_distance(span, segs[k]), -k))
    return best


def cut(line: str, segs: Sequence[Span]) -> list[str]:
    """The cells of ``line`` under the columns ``segs``: each word goes to its column; the words
    of one column are joined by single spaces."""
    cells: list[list[str]] = [[] for _ in segs]
    for s, e, w in words(line):
        cells[column_of((s, e), segs)].append(w)
    return [" ".join(c) for c in cells]


def row_text(cells: Sequence[str]) -> str:
    """Cells as one tab row, written like the other readers' rows (etl.read.docx.row_line):
    trailing empty cells dropped, at least one tab kept."""
    out = list(cells)
    while out and not out[-1]:
        out.pop()
    if len(out) < 2:
        out = [*out, ""] if out else ["", ""]
    return "\t".join(out)


def is_data(cell: str) -> bool:
    """A cell holding a value (number, amount, percentage) rather than a label."""
    c = cell.strip()
    return bool(_NUMBER.match(c)) and not _YEAR.match(c)


def is_numbering(cells: Sequence[str]) -> bool:
    """A row that numbers the columns under a header: '(1) (2) (3)' or '1 2 3'."""
    filled = [c for c in cells if c]
    return len(filled) >= 2 and all(_COLUMN_NUMBER.match(c) for c in filled)


def starts_data(line: str, left: int) -> bool:
    """Whether a line of a block is data rather than header: it holds a value, numbers the
    columns, or starts with a row number at the block's left edge (``left``)."""
    ps = phrases(line)
    if not ps:
        return False
    texts = [p[2] for p in ps]
    if is_numbering(texts):
        return True
    first = ps[0]
    if first[0] <= left + 1 and _ROW_MARKER.match(first[2].split()[0]):
        return True
    return any(is_data(t) or any(is_data(w) for w in t.split()) for t in texts)


def crossings(line: str, segs: Sequence[Span]) -> int | None:
    """How many whitespace valleys between the columns ``segs`` a word of ``line`` covers (0: the
    line fits the columns), or None for a line that fits no columns: prose running from the
    left edge across them, or a phrase over more than two columns."""
    if not segs:
        return 0
    ps = phrases(line)
    for s, e, _ in ps:
        over = [k for k, seg in enumerate(segs) if _overlap((s, e), seg)]
        if len(over) > 2 or (len(over) == 2 and len(ps) == 1 and s <= segs[0][0] + 1):
            return None
    valleys = [(a[1], b[0]) for a, b in itertools.pairwise(segs)]
    return sum(1 for v in valleys if any(ws <= v[0] and we >= v[1] for ws, we, _ in words(line)))


def _fits(line: str, segs: Sequence[Span]) -> bool:
    """Whether ``line`` lines up with the columns ``segs`` found so far."""
    return crossings(line, segs) == 0


def _lone_at_left(line: str, segs: Sequence[Span]) -> bool:
    """A single piece of text at the block's left edge: after a blank line, a caption or a
    paragraph rather than a cell, unless the table goes on right below it."""
    ps = phrases(line)
    return len(ps) == 1 and bool(segs) and ps[0][0] <= segs[0][0] + 1


def _is_header_line(line: str, is_header: IsHeader) -> bool:
    ps = phrases(line)
    return len(ps) >= 2 and is_header([p[2] for p in ps])


@dataclass
class Block:
    """An aligned block: line indexes of its header and body, and its columns."""

    start: int
    end: int  # index after the last line
    header: list[int] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    segs: list[Span] = field(default_factory=list)
    loose: set[int] = field(default_factory=set)  # lines with a word over a valley (left out of the valleys)

    def aligned(self, lines: Sequence[str], indexes: Sequence[int]) -> list[str]:
        """The lines at ``indexes`` that the columns are found from (the loose ones left out)."""
        return [lines[i] for i in indexes if i not in self.loose]


def grow(
    lines: Sequence[str],
    start: int,
    is_header: IsHeader,
    *,
    continued: bool = False,
    vocabulary: Collection[str] = (),
) -> Block:
    """The aligned block that starts at ``lines[start]`` (its body not yet told from its
    header). ``continued``: the block goes on with a table of the page before, so a header
    line in it starts the next table.

    Lines are measured against the columns of the data lines above them (a header's labels,
    centred or spanning several columns, do not line up with its columns); header lines only
    must not be prose. A data line whose word covers one valley (a cell a character too wide, a
    row that pdftotext set one character off) is taken as *loose* while loose lines stay few
    (:data:`LOOSE_SHARE`): the valleys are those of the other lines, blank in nearly every line."""
    block = Block(start=start, end=start + 1, body=[start])
    data: list[int] = [start] if continued else []
    blanks = 0
    left = phrases(lines[start])[0][0] if phrases(lines[start]) else 0
    j = start + 1
    while j < len(lines):
        line = lines[j]
        if is_blank(line):
            blanks += 1
            if blanks > MAX_BLANKS:
                break
            j += 1
            continue
        if _ends_block(line, bool(data), is_header):
            break
        segs = segments(block.aligned(lines, data or block.body))
        crossed = crossings(line, segs)
        if crossed is None:
            break
        if data and crossed > 1:
            break
        if data and crossed == 1:
            if len(phrases(line)) < 2 or len(block.loose) + 1 > LOOSE_SHARE * (len(data) + 1):
                break
            block.loose.add(j)
        if blanks and _lone_at_left(line, segs) and not _table_goes_on(lines, j + 1, segs, is_header):
            break
        if data and _lone_label(lines, j, segs, vocabulary):
            break
        if data or starts_data(line, left):
            data.append(j)
        block.body.append(j)
        blanks = 0
        j += 1
    block.end = block.body[-1] + 1
    return block


def _lone_label(lines: Sequence[str], j: int, segs: Sequence[Span], vocabulary: Collection[str]) -> bool:
    """A column label alone at the block's left edge with a blank line under it ('Sub Kegiatan'
    after a table's last row): the first label of the next table, its header flattened onto
    lines of their own (pdftotext sets each label of a borderless header apart), not a cell."""
    if not vocabulary or not _lone_at_left(lines[j], segs) or j + 1 >= len(lines) or not is_blank(lines[j + 1]):
        return False
    words = lines[j].split()
    return len(words) <= WRAP_WORDS and all(w.lower() in vocabulary for w in words)


def _ends_block(line: str, seen_data: bool, is_header: IsHeader) -> bool:
    """A tab row, or the header of the next table."""
    return "\t" in line or (seen_data and _is_header_line(line, is_header))


def _table_goes_on(lines: Sequence[str], j: int, segs: Sequence[Span], is_header: IsHeader) -> bool:
    """Whether a row of the table follows from ``j``: a line with several cells that fits,
    after at most LOOKAHEAD lines that fit (the rest of a wrapped cell) and no blank line."""
    for k in range(j, min(len(lines), j + LOOKAHEAD + 1)):
        line = lines[k]
        if is_blank(line) or _ends_block(line, True, is_header) or not _fits(line, segs):
            return False
        if len(phrases(line)) >= 2:
            return True
    return False


def _split_header(lines: Sequence[str], block: Block) -> None:
    """Tell the header lines of a block from its body: the lines above the first data row. A
    block without a data row near its top keeps as header its first line, and, when it ends
    the page (the header at a page's bottom, its rows on the next), the lines below that only
    continue its labels."""
    first_data = None
    left = min(p[0] for i in block.body for p in phrases(lines[i]))
    for k, i in enumerate(block.body[: MAX_HEADER_LINES + 1]):
        if k and starts_data(lines[i], left):
            first_data = k
            break
    if first_data is None and not _ends_page(lines, block):
        first_data = 1
    if first_data is None:
        segs = segments(block.aligned(lines, block.body))
        top = cut(lines[block.body[0]], segs)
        first_data = 1
        for i in block.body[1:MAX_HEADER_LINES]:
            cells = cut(lines[i], segs)
            if not all(top[k] and len(c.split()) <= WRAP_WORDS for k, c in enumerate(cells) if c):
                break
            first_data += 1
    block.header, block.body = block.body[:first_data], block.body[first_data:]


def join_label(top: str, more: str, vocabulary: Collection[str]) -> str:
    """A header label and its wrapped rest: joined by a space, or without one where the
    converter broke a word of the vocabulary over two lines ('Realis' + 'asi')."""
    if top and more and more[0].islower() and top[-1].isalpha():
        head, _, last = top.rpartition(" ")
        first, _, tail = more.partition(" ")
        word = f"{last}{first}"
        if _letters(word) in vocabulary and _letters(last) not in vocabulary:
            return " ".join(t for t in (head, word, tail) if t)
    return f"{top} {more}".strip()


def _letters(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalpha())


def header_rows(lines: Sequence[str], block: Block, vocabulary: Collection[str] = ()) -> list[tuple[int, list[str]]]:
    """The header rows of a block as (line index, cells), wrapped labels joined."""
    segs = block.segs
    rows: list[tuple[int, list[Span | None], list[str]]] = []
    for i in block.header:
        cells = [""] * len(segs)
        spans: list[Span | None] = [None] * len(segs)
        for s, e, text in phrases(lines[i]):
            k = column_of((s, e), segs)
            cells[k] = f"{cells[k]} {text}".strip()
            old = spans[k]
            spans[k] = (min(old[0], s), max(old[1], e)) if old else (s, e)
        if rows and all(rows[-1][2][k] for k, c in enumerate(cells) if c):
            top = rows[-1][2]
            for k, c in enumerate(cells):
                if c:
                    top[k] = join_label(top[k], c, vocabulary)
            continue
        rows.append((i, spans, cells))
    if len(rows) >= 2:
        _move_group_labels(rows[0][1], rows[0][2], rows[1][2], segs)
    return [(i, cells) for i, _, cells in rows]


def _move_group_labels(spans: list[Span | None], top: list[str], sub: list[str], segs: Sequence[Span]) -> None:
    """A label over several sub-header columns belongs to the first of them (etl.tables
    combine_header reads a group that way). A label that starts where its column starts is
    there already; a centred one owns the sub-columns nearest to it and moves to the first."""
    labels = [k for k, c in enumerate(top) if c and (sp := spans[k]) is not None and abs(sp[0] - segs[k][0]) > 1]
    k = 0
    while k < len(segs):
        if not sub[k]:
            k += 1
            continue
        run = [k]
        while run[-1] + 1 < len(segs) and sub[run[-1] + 1]:
            run.append(run[-1] + 1)
        k = run[-1] + 1
        extent = (segs[run[0]][0], segs[run[-1]][1])
        over = [g for g in labels if (sp := spans[g]) is not None and _overlap(sp, extent)]
        if not over:
            continue
        owner = {c: min(over, key=lambda g: (_distance(spans[g] or segs[g], segs[c]), g)) for c in run}
        for g in over:
            mine = [c for c in run if owner[c] == g]
            if mine and mine[0] != g and not top[mine[0]]:
                top[mine[0]], top[g] = top[g], ""
                spans[mine[0]], spans[g] = spans[g], None


def _columns(lines: Sequence[str], block: Block) -> list[Span]:
    """The columns of a block: its body's valleys, plus a column for a header label standing
    over no body text (a column left empty in every row)."""
    segs = segments(block.aligned(lines, block.body)) if block.body else []
    for i in block.header:
        for s, e, _ in phrases(lines[i]):
            if not any(_overlap((s, e), seg) for seg in segs) and not _between_columns((s, e), segs):
                segs.append((s, e))
    segs.sort()
    return segs or segments([lines[i] for i in block.header])


def _between_columns(span: Span, segs: Sequence[Span]) -> bool:
    """A label in the valley between two body columns whose text reaches right up to it: a
    label centred over both (a group), not a column of its own."""
    left = [seg for seg in segs if seg[1] <= span[0]]
    right = [seg for seg in segs if seg[0] >= span[1]]
    return bool(left and right) and span[0] - left[-1][1] <= 1 and right[0][0] - span[1] <= 1


@dataclass
class HeaderPart:
    """A table header that ends its page, its rows on the next: the page's lines and the header's."""

    lines: list[str]  # the page's lines as read
    result: list[str]  # the page's lines as written
    start: int
    end: int
    index: int  # its last row: the line and the cells that labels going on next page join
    cells: list[str]


@dataclass
class OpenTable:
    """A table that reached the bottom of a page: what its continuation must match."""

    segs: list[Span]
    active: set[int]  # columns holding text on its last line
    header: HeaderPart | None = None  # set when the page ended inside the table's header
    tail: LastLine | None = None  # its last line, where a word broken over the page break ends
    own_grid: GridRow | None = None  # set when its rows went on with a grid of their own: the last row


@dataclass
class GridRow:
    """The last row written of a grid of its own (:func:`regrid`): the page's written lines, the
    row's line and its cells, so that a row cut by the page break goes on overleaf."""

    result: list[str]
    index: int
    cells: list[str]


@dataclass
class LastLine:
    """The last line of a table on its page: its words per column of the table, where."""

    result: list[str]  # the page's lines as written
    index: int
    words: list[list[tuple[int, int, str]]]
    segs: list[Span]  # the table's columns as set on that page

    def write(self) -> None:
        self.result[self.index] = row_text([" ".join(w for _, _, w in col) for col in self.words])


def _map_columns(segs: Sequence[Span], table: OpenTable, last_active: set[int]) -> list[int] | None:
    """Which of the table's columns each column of a continued page is (None: the page does not
    go on with the table): equal counts in order; fewer columns onto the ones still being
    written, else onto the nearest in order. Each must be about as wide as its column."""
    mapping = _order_columns(segs, table, last_active)
    if mapping is None or len(segs) >= len(table.segs):
        return mapping
    for seg, k in zip(segs, mapping):
        ref = table.segs[k]
        if seg[1] - seg[0] > WIDTH_FACTOR * (ref[1] - ref[0]) + WIDTH_SLACK:
            return None
    return mapping


def _order_columns(segs: Sequence[Span], table: OpenTable, last_active: set[int]) -> list[int] | None:
    n, m = len(table.segs), len(segs)
    if m == n:
        return list(range(n))
    if m > n + MAX_EXTRA_COLUMNS:
        return None
    if m < n and len(last_active) == m:
        return sorted(last_active)
    # order-preserving assignment by position (dynamic programming over both lists)
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(m + 1)]
    back: list[list[int]] = [[-1] * (n + 1) for _ in range(m + 1)]
    for k in range(n + 1):
        cost[0][k] = 0.0
    for i in range(1, m + 1):
        for k in range(1, n + 1):
            here = _distance(segs[i - 1], table.segs[k - 1]) + abs(segs[i - 1][0] - table.segs[k - 1][0]) / 4
            best, arg = inf, -1
            for kk in range(0, k + 1):  # previous page column on kk (same column allowed when m > n)
                if kk == k and m <= n:
                    continue
                c = cost[i - 1][kk] + (0 if kk < k else 2)
                if c < best:
                    best, arg = c, kk
            cost[i][k] = best + here
            back[i][k] = arg
    k = min(range(1, n + 1), key=lambda kk: cost[m][kk])
    out = [0] * m
    for i in range(m, 0, -1):
        out[i - 1] = k - 1
        k = back[i][k]
    return out


def _placed(line: str, segs: Sequence[Span]) -> list[list[tuple[int, int, str]]]:
    """The words of ``line`` under each column, with their positions."""
    cols: list[list[tuple[int, int, str]]] = [[] for _ in segs]
    for s, e, w in words(line):
        cols[column_of((s, e), segs)].append((s, e, w))
    return cols


def _emit_body(
    lines: Sequence[str],
    block: Block,
    out: list[str],
    mapping: Sequence[int] | None,
    width: int,
    known: frozenset[str],
    above: LastLine | None = None,
) -> None:
    """Write the block's body lines as tab rows (in the table's columns: ``mapping``), words
    broken over two lines mended, also over the page break from the table's line ``above``."""
    placed = {i: _placed(lines[i], block.segs) for i in block.body}
    for i in block.body:
        if i + 1 in placed:
            _mend_breaks(placed[i], placed[i + 1], block.segs, known)
    if above is not None and block.body and mapping is not None and len(set(mapping)) == len(mapping):
        first = placed[block.body[0]]
        lower: list[list[tuple[int, int, str]]] = [[] for _ in range(width)]
        for k, target in enumerate(mapping):
            lower[target] = first[k]
        _mend_breaks(above.words, lower, above.segs, known)
        for k, target in enumerate(mapping):
            first[k] = lower[target]
        above.write()
    rows: dict[int, list[str]] = {}
    for i in block.body:
        cells = [" ".join(w for _, _, w in col) for col in placed[i]]
        if mapping is not None:
            wide = [""] * width
            for k, c in enumerate(cells):
                if c:
                    wide[mapping[k]] = f"{wide[mapping[k]]} {c}".strip()
            cells = wide
        rows[i] = cells
    for i in block.body:
        rows[i] = _without_numbering(rows[i])
    taken = _split_totals(block.body, rows, known) | _wrapped_beside_row(block.body, rows, known)
    _name_below_row(block.body, rows, known)
    for i in block.body:
        out[i] = EMPTY_ROW if i in taken else row_text(rows[i]) if any(rows[i]) else ""


def _split_totals(body: Sequence[int], rows: dict[int, list[str]], known: frozenset[str]) -> set[int]:
    """A row of its own printed beside the wrapped name of the row above: pdftotext sets a
    total's line where the name above still runs ('Kerentanan dan' beside '1.691.725.000',
    'Daerah' beside 'JUMLAH … 33'). The row of its own is a whole amount under a whole amount (a
    budget line has one amount; the total under it, as :mod:`etl.layout.wordtable` reads it in a
    PDF), or a label with values in the column that numbers the rows above ('Nilai Akuntabilitas
    Kinerja' under '4'). Its text in the name columns goes into the row above where that line was
    full (the name's next word would not have fitted in its column's widest line), and so do those
    columns of the text-only lines under it; their text in the label's column goes on with the
    label. The name columns are those left of the line's first value. Returns the lines whose
    cells went elsewhere (left as empty rows)."""
    taken: set[int] = set()
    width = max((len(r) for r in rows.values()), default=0)
    widths = [max((len(r[k]) for r in rows.values() if k < len(r)), default=0) for k in range(width)]
    for a, i in itertools.pairwise(body):
        up, here = rows[a], rows[i]
        if i != a + 1 or len(up) != len(here) or i in taken:
            continue
        filled = [k for k, c in enumerate(here) if c]
        if not filled:
            continue
        lead = filled[0]
        totals = [k for k in filled if geometry.is_whole_amount(here[k]) and geometry.is_whole_amount(up[k].split(" ")[-1])]
        label = (
            not totals
            and not is_data(here[lead])
            and not _ROW_MARKER.match(here[lead].split()[0])
            and bool(_ROW_MARKER.match(up[lead]))
            and any(is_data(here[k]) and is_data(up[k]) for k in filled[1:])
        )
        if not totals and not label:
            continue
        first_value = min((k for k in filled if is_data(here[k])), default=len(here))
        texts = [k for k in filled if k < first_value and k not in totals and not (label and k == lead) and not is_data(here[k])]
        if not texts or any(not up[k] or is_data(up[k]) for k in texts) or _ROW_MARKER.match(here[texts[0]].split()[0]):
            continue
        if any(len(up[k]) + 1 + len(here[k].split()[0]) <= widths[k] for k in texts):
            continue  # the line above ended although the next word would have fitted: a row of its own
        for k in texts:
            up[k], here[k] = join_cell(up[k], here[k], known), ""
        for j in body[body.index(i) + 1 :]:
            more = rows[j]
            cells = [k for k, c in enumerate(more) if c]
            if j - 1 not in rows or not cells or any(is_data(more[k]) for k in cells):
                break
            if not set(cells) <= set(texts) | ({lead} if label else set()):
                break
            if _ROW_MARKER.match(more[cells[0]].split()[0]) or more[cells[0]][:1].isdigit():
                break
            for k in cells:
                target = here if label and k == lead else up
                target[k], more[k] = join_cell(target[k], more[k], known), ""
            taken.add(j)
    return taken


# words that never end a cell's text: a line ending in one was wrapped (Indonesian conjunctions and
# prepositions)
OPEN_ENDS = frozenset(
    [
        "dan",
        "atau",
        "serta",
        "yang",
        "dengan",
        "di",
        "ke",
        "dari",
        "untuk",
        "pada",
        "dalam",
        "oleh",
        "terhadap",
        "bagi",
        "sesuai",
        "tentang",
        "antara",
        "melalui",
    ]
)
SPAN_WORDS = 4  # words of a cell line that goes on with a cell spanning rows (as etl.tables)


def _wrapped_beside_row(body: Sequence[int], rows: dict[int, list[str]], known: frozenset[str]) -> set[int]:
    """Cells that go on with the row above although their line starts a row of its own (it holds
    a value): pdftotext sets the next row's first line beside the rest of a wrapped cell ('dengan' /
    'Pelayanan' beside 'Terlaksananya … 11'; 'kegiatan' / 'pemberdayaan' beside 'Prosentase … 100'
    under a Sasaran spanning both rows). A name cell (left of the line's first value) goes on
    with the cell above where that cell ends in a word that never ends a text
    (:data:`OPEN_ENDS`), or where it goes on in lower case while the new row names itself further
    right (a cell in capitals there) and every name cell left of it goes on too. Those cells, and
    the same columns of the text-only lines under it, are moved to the line above (which
    :mod:`etl.tables` mends into its row). Returns the lines left empty."""
    taken: set[int] = set()
    for a, i in itertools.pairwise(body):
        up, here = rows[a], rows[i]
        if i != a + 1 or len(up) != len(here) or i in taken:
            continue
        filled = [k for k, c in enumerate(here) if c]
        values = [k for k in filled if is_data(here[k])]
        if not values or not filled or _ROW_MARKER.match(here[filled[0]].split()[0]):
            continue
        names = [k for k in filled if k < values[0]]
        moved: list[int] = []
        for n, k in enumerate(names):
            if not up[k] or is_data(up[k]):
                continue
            if up[k].split()[-1].lower() in OPEN_ENDS:
                moved.append(k)
                continue
            left_go_on = all(
                j in moved or (up[j] and not is_data(up[j]) and len(here[j].split()) <= SPAN_WORDS) for j in names[:n]
            )
            own_name = any(here[j][:1].isupper() for j in names[n + 1 :])
            if here[k][:1].islower() and left_go_on and own_name:
                moved.append(k)
        if not moved:
            continue
        left = names[0]
        if left not in moved and names.index(moved[0]) == 1 and up[left] and len(here[left].split()) <= SPAN_WORDS:
            moved.insert(0, left)  # the spanning cell left of it goes on too ('Desa dan' / 'Kelurahan')
        for k in moved:
            up[k], here[k] = join_cell(up[k], here[k], known), ""
        for j in body[body.index(i) + 1 :]:
            more = rows[j]
            cells = [k for k, c in enumerate(more) if c]
            if j - 1 not in rows or not cells or any(is_data(more[k]) for k in cells) or not set(cells) & set(moved):
                break
            if _ROW_MARKER.match(more[cells[0]].split()[0]):
                break
            for k in cells:
                if k in moved:
                    up[k], more[k] = join_cell(up[k], more[k], known), ""
            if not any(more):
                taken.add(j)
    return taken


_NUMBERED_CELL = re.compile(r"^\((\d{1,2})\)(?:\s+(.*))?$")  # '(4) Indeks': a column number and the row's text


def _without_numbering(cells: list[str]) -> list[str]:
    """A line where pdftotext set a row's first line on the column numbers ('(1)  (2)  (4) Indeks
    (5) Angka  (6) 88,00'): every cell starts with its column number, in order, and some go on
    with text. The numbers only number the columns; the cells keep the row's text."""
    found = [(k, _NUMBERED_CELL.match(c)) for k, c in enumerate(cells) if c]
    numbers = [int(m.group(1)) for _, m in found if m]
    if len(numbers) < 2 or len(numbers) != len(found) or numbers != sorted(set(numbers)):
        return cells
    if not any(m and m.group(2) for _, m in found):
        return cells
    out = list(cells)
    for k, m in found:
        assert m is not None
        out[k] = m.group(2) or ""
    return out


def _name_below_row(body: Sequence[int], rows: dict[int, list[str]], known: frozenset[str]) -> None:
    """A row's name cell that starts one line below the row's values: pdftotext sets the row's
    first line where it has room ('(4) Indeks  (5) Angka  (6) 88,00' on the line of the column
    numbers, the name 'Meningkatnya' under the '(1)'). Where a line with values leaves a name
    cell (left of its first value) empty and the next line, without values or a row number,
    starts text there while its other cells go on under text, that text goes up into the row's
    line: the cells of a row start on one line, as in the PDF reader."""
    for a, i in itertools.pairwise(body):
        up, here = rows[a], rows[i]
        if i != a + 1 or len(up) != len(here):
            continue
        values = [k for k, c in enumerate(up) if c and is_data(c)]
        filled = [k for k, c in enumerate(here) if c]
        if not values or not filled or any(is_data(here[k]) for k in filled):
            continue
        if _ROW_MARKER.match(here[filled[0]].split()[0]):
            continue
        empty = [k for k in filled if k < values[0] and not up[k]]
        if not empty or not all(up[k] and not is_data(up[k]) for k in filled if k not in empty):
            continue
        for k in empty:
            up[k], here[k] = here[k], ""


def _mend_breaks(
    upper: list[list[tuple[int, int, str]]], lower: list[list[tuple[int, int, str]]], segs: Sequence[Span], known: frozenset[str]
) -> None:
    """Words the converter broke over two lines of a cell, joined on the upper line: a word too
    long for its column ('Penyelenggaraa' / 'n'), a line broken after a hyphen or before a lone
    '%' (the tests of :mod:`etl.layout.geometry`, which the PDF reader uses, in characters), and
    an amount broken inside its digit groups ('176.110' / '.000'). Not where the lower line
    starts a row of its own: it has a row number, or a value under a value of the upper line."""
    if lower and lower[0] and _ROW_MARKER.match(lower[0][0][2]):
        return  # the lower line is numbered: a row of its own
    if any(
        _has_value(up) and _has_value(low) and not _broken_amount(up[-1][2], low[0][2])
        for up, low in zip(upper, lower, strict=True)
    ):
        return  # values under values: a row of its own
    for k, seg in enumerate(segs):
        if not upper[k] or not lower[k]:
            continue
        s, e, last = upper[k][-1]
        ns, ne, first = lower[k][0]
        reaches = e >= seg[1] - max(JITTER, REACH_SHARE * (seg[1] - seg[0]))
        word = geometry.Word(s, e, 0.0, 1.0, last, 1.0)
        nxt = geometry.Word(ns, ne, 1.0, 2.0, first, 1.0)
        if (
            geometry.glued_break(last, first)
            or (reaches and len(upper[k]) == 1 and geometry.broken_word(word, seg[0] + JITTER, e, nxt, known))
            or (reaches and _broken_amount(last, first))
            or (len(upper[k]) == 1 and _known_break(last, first, known))
        ):
            upper[k][-1] = (s, ne, f"{last}{first}")
            lower[k] = lower[k][1:]


def _known_break(last: str, first: str, known: frozenset[str]) -> bool:
    """A lone word broken one or two letters before its end although it seems not to reach its
    cell's edge (pdftotext sets proportional type on a grid of characters, so a line that filled
    its cell may end well short of the column's widest line): the lower line's word is a stub of
    :data:`etl.layout.geometry.MAX_FRAGMENT` lower-case letters that is no short word of its own,
    and the two together are a word of the document ('Daera' / 'h' where it writes 'Daerah')."""
    return (
        last.isalpha()
        and first.isalpha()
        and first.islower()
        and len(first) <= geometry.MAX_FRAGMENT
        and first not in geometry.SHORT_WORDS
        and (last + first).lower() in known
    )


def _has_value(col: Sequence[tuple[int, int, str]]) -> bool:
    return bool(col) and is_data(" ".join(w for _, _, w in col))


def _broken_amount(last: str, first: str) -> bool:
    """'176.110' / '.000', '1.714.4' / '90.000': an amount cut inside its digit groups."""
    return bool(_AMOUNT_HEAD.match(last) and _AMOUNT_TAIL.match(first)) or bool(
        _CUT_GROUP.match(last) and re.match(r"^\d", first)
    )


def _table_block(
    lines: Sequence[str], i: int, is_header: IsHeader, vocabulary: Collection[str]
) -> tuple[Block, list[tuple[int, list[str]]]] | None:
    """The table whose header starts at ``lines[i]``, with its header rows, or None."""
    ps = phrases(lines[i])
    if "\t" in lines[i] or len(ps) < 2 or starts_data(lines[i], ps[0][0]):
        return None
    block = grow(lines, i, is_header, vocabulary=vocabulary)
    _split_header(lines, block)
    block.segs = _columns(lines, block)
    if len(block.segs) < 2:
        return None
    rows = header_rows(lines, block, vocabulary)
    if not rows or not is_header([c for c in rows[0][1] if c]):
        return None
    return block, rows


def tabulate_pages(
    pages: Sequence[Sequence[str]],
    is_header: IsHeader,
    vocabulary: Collection[str] = (),
    known: frozenset[str] = frozenset(),
) -> list[list[str]]:
    """Every page's lines with its aligned tables rewritten as tab rows (one line per line).

    ``is_header`` tells a table's header row from other cells; ``vocabulary`` (lower-case
    words of header labels) mends a label word that the converter broke over two lines;
    ``known`` (the document's own words, :func:`etl.layout.geometry.vocabulary`) mends such a
    word in a cell."""
    out: list[list[str]] = []
    table: OpenTable | None = None
    for page in pages:
        lines = list(page)
        result = list(lines)
        i = 0
        went_on = None
        if table is not None and table.header is not None:
            went_on = _header_goes_on(table.header, lines, result, is_header, vocabulary, known)
        if went_on is not None:
            i, table = went_on
        elif table is not None:
            i, table = _continue(lines, result, table, is_header, vocabulary, known)
        while i < len(lines):
            found = _table_block(lines, i, is_header, vocabulary)
            if found is None:
                i = _fields(lines, i, result)
                continue
            block, rows = found
            _write_table(lines, result, block, rows, known)
            table = _open_at_page_end(lines, block, result)
            if table is not None and not block.body:
                table.header = HeaderPart(lines, result, block.start, block.end, rows[-1][0], rows[-1][1])
            i = block.end
            more = regrid(lines, block, is_header) if block.body else None
            if more is not None:
                table = _open_grid(lines, more, result, _emit_regrid(lines, more, result, known))
                i = more.end
        out.append(result)
    return out


# A line whose cells went into the row above it: an empty row (a tab), not a blank line, so that a
# table whose rows wrap over many lines is not ended by the lines its rows took (etl.tables).
EMPTY_ROW = "\t"
REGRID_BLANKS = 2 * MAX_BLANKS  # blank lines before the first row of a grid of its own (after an empty row)
PROSE_WORDS = 5  # a phrase of this many words reaching the table's value columns is running text


def regrid(lines: Sequence[str], table: Block, is_header: IsHeader) -> Block | None:
    """The rows after ``table`` that go on with a grid of their own, as
    :func:`etl.layout.wordtable._regrid` reads them in a PDF (rows of a word processor's table
    that merge or split cells differently from the header's: a budget table whose later rows put
    the name across the number and name columns, so their values stand one column left). The
    lines after at most :data:`REGRID_BLANKS` blank lines, up to more than :data:`MAX_BLANKS`
    blank lines, a tab row, a header, a caption, a line left of the table or running text
    reaching its value columns, are a block; its whitespace valleys cut it into columns, and it
    goes on with the table when it has at least two, every one but the first holds only values,
    and it is no wider than the table (give or take :data:`WIDTH_SLACK` characters). Its lines
    are written with their own cells (as the text version writes such rows)."""
    segs = table.segs
    if len(segs) < 3:
        return None
    j, blanks = table.end, 0
    while j < len(lines) and is_blank(lines[j]):
        blanks += 1
        j += 1
    if not blanks or blanks > REGRID_BLANKS:
        return None
    body: list[int] = []
    blanks = 0
    while j < len(lines):
        line = lines[j]
        if is_blank(line):
            blanks += 1
            if blanks > MAX_BLANKS:
                break
            j += 1
            continue
        ps = phrases(line)
        if (
            "\t" in line
            or _is_header_line(line, is_header)
            or _CAPTION.match(line)
            or ps[0][0] < segs[0][0] - JITTER
            or any(len(t.split()) >= PROSE_WORDS and e > segs[-2][0] for _, e, t in ps)
        ):
            break
        body.append(j)
        blanks = 0
        j += 1
    if len(body) < 2:
        return None
    own = segments([lines[i] for i in body])
    if not 2 <= len(own) <= len(segs) or own[-1][1] > segs[-1][1] + WIDTH_SLACK:
        return None
    cells = [cut(lines[i], own) for i in body]
    if not all(is_data(c) for row in cells for c in row[1:] if c):
        return None
    if not any(sum(1 for c in row if c) >= 2 for row in cells):
        return None
    return Block(start=body[0], end=body[-1] + 1, body=body, segs=own)


def _emit_regrid(
    lines: Sequence[str], block: Block, result: list[str], known: frozenset[str], above: GridRow | None = None
) -> GridRow | None:
    """The rows of a grid of its own (:func:`regrid`), each written on the line where it starts
    with its wrapped lines joined in (those lines left empty), as the PDF reader joins a row's
    lines: a row starts at a row number ('b.', 'C.', '1.') or at a line with values in cells the
    row has filled already; a line of values only fills the row's empty cells; any other line
    continues the row's cells (a word broken over the lines mended: :func:`join_cell`). ``above``:
    the last row of the page before, which the first lines of this page may continue. Returns
    the last row."""
    rows: list[GridRow] = [above] if above is not None else []
    for i in block.body:
        cells = cut(lines[i], block.segs)
        first = cells[0].split()[0] if cells[0] else ""
        if rows and not _ROW_MARKER.match(first) and len(rows[-1].cells) == len(cells):
            row = rows[-1].cells
            values = [k for k, c in enumerate(cells) if c and k > 0]
            if not values or (not cells[0] and all(not row[k] for k in values)):
                for k, c in enumerate(cells):
                    if c:
                        row[k] = join_cell(row[k], c, known)
                result[i] = EMPTY_ROW
                continue
        rows.append(GridRow(result, i, cells))
    for grid_row in rows:
        grid_row.result[grid_row.index] = row_text(grid_row.cells)
    return rows[-1] if rows else None


def join_cell(text: str, more: str, known: frozenset[str]) -> str:
    """A cell's text and its next wrapped line: joined without a space where a word was broken
    over the two (:func:`etl.layout.geometry.glued_break`; a stub of one or two letters, or a
    piece in lower case, that makes a word of the document with the word before it), else with one."""
    if not text:
        return more
    last, first = text.split()[-1], more.split()[0]
    tail = re.match(r"^[^\W\d_]+", first)
    same_case = first[:1].islower() or (last.isupper() and first[:1].isupper())
    if geometry.glued_break(last, first, known) or (
        tail is not None
        and last[-1:].isalpha()
        and same_case
        and (len(tail.group()) <= geometry.MAX_FRAGMENT or last.lower() not in known)
        and fold_word(last + tail.group()) in known
    ):
        return f"{text}{more}"
    return f"{text} {more}"


def fold_word(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalpha())


def _write_table(
    lines: Sequence[str], result: list[str], block: Block, rows: Sequence[tuple[int, list[str]]], known: frozenset[str]
) -> None:
    for line_no, cells in rows:
        result[line_no] = row_text(cells)
    for h in block.header:
        if h not in {r[0] for r in rows}:
            result[h] = ""  # a wrapped header label, joined into the row above
    _emit_body(lines, block, result, None, len(block.segs), known)


def _header_goes_on(
    header: HeaderPart,
    lines: list[str],
    result: list[str],
    is_header: IsHeader,
    vocabulary: Collection[str],
    known: frozenset[str],
) -> tuple[int, OpenTable | None] | None:
    """A page that goes on with a header left at the bottom of the page before, where the
    header's labels stand over this page's columns (pdftotext set both pages alike): the
    header's lines and this page read as one block (the page break a blank line between them),
    each line written back to its page. Returns where to go on on this page and the table if
    it goes on to the next page, or None where the columns moved (see :func:`_continue`)."""
    head = header.lines[header.start : header.end]
    combined = [*head, "", *lines]
    found = _table_block(combined, 0, is_header, vocabulary)
    if found is None or found[0].end <= len(head) + 1:
        return None
    block, rows = found
    body = segments(block.aligned(combined, block.body))
    if not all(any(_overlap((s, e), seg) for seg in body) for t in head for s, e, _ in phrases(t)):
        return None  # a label over no column of this page: the columns moved
    written = list(combined)
    _write_table(combined, written, block, rows, known)
    header.result[header.start : header.end] = written[: len(head)]
    result[:] = written[len(head) + 1 :]
    table = _open_at_page_end(combined, block, written)
    if table is not None and table.tail is not None:  # its last line stands on this page
        table.tail.result, table.tail.index = result, table.tail.index - len(head) - 1
    return block.end - len(head) - 1, table


def _ends_page(lines: Sequence[str], block: Block) -> bool:
    """Whether nothing but a few short lines (a page number) follows the block on its page."""
    tail = [t for t in lines[block.end :] if not is_blank(t)]
    return len(tail) <= PAGE_TAIL and all(len(phrases(t)) <= 1 for t in tail)


def _open_at_page_end(
    lines: Sequence[str],
    block: Block,
    result: list[str],
    mapping: Sequence[int] | None = None,
    before: OpenTable | None = None,
) -> OpenTable | None:
    """The table as it goes on to the next page, when the block reaches the page's end."""
    if not _ends_page(lines, block):
        return None
    last = block.body[-1] if block.body else block.end - 1
    placed = _placed(lines[last], block.segs)
    if mapping is None or before is None:
        segs, words_at = list(block.segs), placed
    else:
        segs = list(before.segs)  # columns not seen on this page keep their last place
        words_at = [[] for _ in segs]
        for k, target in enumerate(mapping):
            segs[target] = block.segs[k]
            words_at[target] = words_at[target] + placed[k]
    active = {k for k, col in enumerate(words_at) if col}
    tail = LastLine(result, last, words_at, segs) if block.body else None
    return OpenTable(segs=segs, active=active, tail=tail)


def _open_grid(lines: Sequence[str], block: Block, result: list[str], last: GridRow | None) -> OpenTable | None:
    """A grid of its own as it goes on to the next page (its rows joined there: :func:`_emit_regrid`)."""
    table = _open_at_page_end(lines, block, result)
    if table is not None:
        table.tail, table.own_grid = None, last
    return table


def _continue(
    lines: Sequence[str],
    result: list[str],
    table: OpenTable,
    is_header: IsHeader,
    vocabulary: Collection[str],
    known: frozenset[str],
) -> tuple[int, OpenTable | None]:
    """The top of a page that goes on with the table of the page before: (where to go on
    looking for tables, the table if it goes on to the next page too). Where the page before
    ended inside the header, the labels going on at the top are joined into its last row."""
    starts = [k for k, t in enumerate(lines) if not is_blank(t)][: PAGE_LEAD + 1]
    for start in starts:
        if "\t" in lines[start] or _is_header_line(lines[start], is_header):
            return start, None
        if _lone_label(lines, start, table.segs, vocabulary):
            return start, None
        block = grow(lines, start, is_header, continued=True)
        block.segs = segments(block.aligned(lines, block.body))
        if not block.segs:
            continue
        mapping = _map_columns(block.segs, table, table.active)
        if mapping is None:
            continue
        if table.header is not None:
            _go_on_with_header(lines, block, mapping, table.header, result, vocabulary)
        if table.own_grid is not None and mapping == list(range(len(table.segs))):
            last = _emit_regrid(lines, block, result, known, table.own_grid)
            return block.end, _open_grid(lines, block, result, last)
        _emit_body(lines, block, result, mapping, len(table.segs), known, table.tail)
        more = regrid(lines, block, is_header)
        if more is not None:
            return more.end, _open_grid(lines, more, result, _emit_regrid(lines, more, result, known))
        return block.end, _open_at_page_end(lines, block, result, mapping, table)
    return 0, None


def _go_on_with_header(
    lines: Sequence[str], block: Block, mapping: Sequence[int], header: HeaderPart, result: list[str], vocabulary: Collection[str]
) -> None:
    """Label lines at the top of a page that continue the header row of the page before."""
    left = min(p[0] for i in block.body for p in phrases(lines[i]))
    while block.body:
        i = block.body[0]
        cells = [""] * len(header.cells)
        for k, c in enumerate(cut(lines[i], block.segs)):
            if c:
                cells[mapping[k]] = f"{cells[mapping[k]]} {c}".strip()
        if starts_data(lines[i], left) or not all(header.cells[k] for k, c in enumerate(cells) if c):
            return
        for k, c in enumerate(cells):
            if c:
                header.cells[k] = join_label(header.cells[k], c, vocabulary)
        header.result[header.index] = row_text(header.cells)
        result[i] = ""
        block.body.pop(0)


def _field_start(line: str) -> tuple[int, int] | None:
    """(label start, colon column) of a 'label   :   value' line laid out in columns."""
    ps = phrases(line)
    if "\t" in line or len(ps) < 2 or ":" in ps[0][2]:
        return None
    colon = ps[1][2]
    return (ps[0][0], ps[1][0]) if colon == ":" or colon.startswith(": ") else None


def _fields(lines: Sequence[str], i: int, result: list[str]) -> int:
    """A block of fields at ``lines[i]`` ('Nama  :  …', 'Jabatan  :  …' with their colons one
    under the other), each written as one tab row with the lines its label or value wrapped
    onto joined in (those lines left empty): the text header.py reads as 'Jabatan : …'. Returns
    the index to go on from."""
    start = _field_start(lines[i])
    if start is None:
        return _flat_field(lines, i, result)
    label_at, colon_at = start
    rows: list[tuple[int, list[str], list[int]]] = []  # (line, cells, start column of each cell)
    j = i
    while j < len(lines) and not is_blank(lines[j]):
        ps = phrases(lines[j])
        here = _field_start(lines[j])
        if here and abs(here[0] - label_at) <= JITTER and abs(here[1] - colon_at) <= JITTER:
            cells = [ps[0][2], ps[1][2], *(p[2] for p in ps[2:])]
            rows.append((j, cells, [p[0] for p in ps]))
        elif rows and _continues_field(ps, label_at, colon_at):
            _, cells, at = rows[-1]
            for s, _, text in ps:
                k = 0 if s < colon_at else max(k for k in range(1, len(at)) if at[k] <= s + JITTER or k == 1)
                k = min(k, len(cells) - 1)
                cells[k] = f"{cells[k]} {text}"
            result[j] = ""
        else:
            break
        j += 1
    for line, cells, _ in rows:
        result[line] = row_text(cells)
    return j


_FLAT_FIELD = re.compile(r"^\s*[A-Za-z][A-Za-z .]{1,30}?\s*:\s*(?P<v>\S.*?)\s*$")
_CAPS_LINE = re.compile(r"^[A-Z][A-Z .,&/'-]*$")
DEGREE_CHARS = 12  # a degree wrapped after a name's comma ('M.Si', 'S.Kom., M.M') is short
FIELD_WRAPS = 3  # lines an upper-case field value ('KEPALA SUB BAGIAN' / 'PERENCANAAN DAN' / …) may wrap onto


def _flat_field(lines: Sequence[str], i: int, result: list[str]) -> int:
    """A field written 'Jabatan : KEPALA SUB BAGIAN' with its upper-case value wrapped onto the
    next lines, with no columns to tell them apart (text copied out of a PDF viewer): the
    wrapped lines (upper case, short, no colon) are joined onto the field's line and left empty,
    when ordinary text follows them (the agreement's 'selanjutnya disebut …'). Returns the index
    to go on from."""
    m = _FLAT_FIELD.match(lines[i])
    if m is None or "\t" in lines[i]:
        return i + 1
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if m.group("v").endswith(",") and nxt and ":" not in nxt and len(nxt) <= DEGREE_CHARS and len(nxt.split()) <= 2:
        # 'Nama : Dr. A, S.Sos.,' / 'M.Si': a name's last degree wrapped after its comma
        result[i] = f"{lines[i].rstrip()} {nxt}"
        result[i + 1] = ""
        return i + 2
    if not _CAPS_LINE.match(m.group("v")):
        return i + 1
    j = i + 1
    while j < len(lines) and j - i <= FIELD_WRAPS and _CAPS_LINE.match(t := lines[j].strip()) and len(t.split()) <= 4:
        j += 1
    after = lines[j].strip() if j < len(lines) else ""
    if j == i + 1 or j - i > FIELD_WRAPS or not after or _CAPS_LINE.match(after) or ":" in after:
        return i + 1
    result[i] = " ".join([lines[i].rstrip(), *(lines[k].strip() for k in range(i + 1, j))])
    for k in range(i + 1, j):
        result[k] = ""
    return j


def _continues_field(ps: Sequence[tuple[int, int, str]], label_at: int, colon_at: int) -> bool:
    """A line that goes on with the field above: text under its value, and perhaps under its
    label (both wrapped), nothing over the colon column."""
    value = [p for p in ps if p[0] >= colon_at]  # ': value' starts the value cell at the colon
    label = [p for p in ps if p[0] < colon_at]
    return bool(value) and all(abs(p[0] - label_at) <= JITTER and p[1] < colon_at for p in label) and len(label) <= 1


def tabulate(
    lines: Sequence[str], is_header: IsHeader, vocabulary: Collection[str] = (), known: frozenset[str] = frozenset()
) -> list[str]:
    """One page (or a text without pages): :func:`tabulate_pages` of a single page."""
    return tabulate_pages([lines], is_header, vocabulary, known)[0]


def fields(lines: Sequence[str]) -> list[str]:
    """A page's lines with its blocks of fields ('Nama  :  …') written as tab rows (see
    :func:`_fields`); every other line as it is."""
    result = list(lines)
    i = 0
    while i < len(lines):
        i = _fields(lines, i, result) if not is_blank(lines[i]) else i + 1
    return result
