"""Tables without ruling lines, read from the positions of their words.

A Word table exported without borders, or a spreadsheet printed with only an outer frame, leaves
no grid for :mod:`pdfplumber` to find; its cells are only words that line up. This module finds
such a table on the visual lines of one page and gives its rows with the words of each cell:

1. **Header**: a line whose runs of words (split at gaps wider than :data:`LABEL_GAP` font sizes)
   are table labels for :func:`etl.tables.is_header_cells` (at least two of NO, SASARAN,
   INDIKATOR, TARGET, PROGRAM, ANGGARAN, …). Label lines directly above or below it at line pitch
   ("TUJUAN/" / "SASARAN/" / "PROGRAM") belong to the header.
2. **Extent**: the lines below, until a vertical gap wider than :data:`TABLE_GAP` line pitches, a
   caption ("Tabel 3.1"), a signature or date line (:func:`etl.tables.is_terminator`), a new
   header, or prose: a run of :data:`PROSE_WORDS` words that covers the space between two header
   labels, or a line starting left of the table.
3. **Columns**: the x ranges that no word of the body covers (whitespace valleys at least
   :data:`MIN_VALLEY` font sizes wide) cut the body into segments. A header label names the
   segments it stands over; segments under one label are one column (a label spanning several
   labelled sub-columns is a group: "Anggaran > Realisasi"). A segment without a label is the row
   number column when it is the first and holds only numbers ("1", "2."); elsewhere it belongs to
   the neighbour whose label then sits best over its column (centred, left or right aligned), so
   that "Rp" printed apart from its amount stays in the amount's column.
4. **Rows**: a new row starts where the row number column gets text, or after a vertical gap
   wider than :data:`ROW_GAP` times the body's line pitch (when the line fills two columns or the
   table has no number column). A table with neither starts a row at every line that does not
   continue the cells above (a wrapped cell's next line, or values filling empty cells).

Each word goes to the column it overlaps most; a run of words crossing a column edge (a merged
cell, a total row) goes, whole, to the column it starts in, as a merged cell is read elsewhere.
A table that reaches the bottom of its page is returned ``open``: the next page can continue it
with the same columns (:func:`find_tables` ``carry``) when its first lines fit them. A header
standing alone at the foot of a page is returned open without rows: its rows, and so its
columns, are read from the top of the next page.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.layout.geometry import (
    CURRENCY,
    MAX_FRAGMENT,
    SHORT_WORDS,
    VisualLine,
    Word,
    ended_early,
    is_numberish,
    is_whole_amount,
    make_line,
    phrases,
    text_of,
    would_fit,
)
from etl.tables import HEADER_WORDS, is_header_cells, is_marker, is_terminator
from etl.text import fold

LABEL_GAP = 0.75  # header labels of adjacent columns are at least a cell padding apart (≥ 0.75 font
# sizes in the exports seen); words of one label are a space (0.28) apart
SPAN_JOIN = 0.45  # words of one cell are at most a (justified) space apart; a wider gap may be a cell edge
MIN_VALLEY = 0.5  # a column gap is wider than a space, so words of one cell never make a valley
ROW_GAP = 1.25  # a step this much above the body's line pitch is the padding between two rows
TABLE_GAP = 2.5  # a step of this many line pitches ends the table (a signature block, the next section)
HEADER_STEP = 1.3  # header label lines follow each other at line pitch (this much above it at most)
SUBHEADER_STEP = 2.5  # a row of sub-labels follows its spanning label after at most a row gap (line pitches)
MAX_HEADER_LINES = 5  # labels wrapped over more lines than this are not a header
PROSE_WORDS = 5  # a run of this many words across two columns is running text, not a cell
PROSE_REACH = 1.0  # font sizes a run must reach into the next label's place to cross into its column
OUTDENT = 1.0  # a line starting this many font sizes left of the table is running text
SPAN_NOISE = 0.1  # up to this share of a table's lines may cross a column gap (total rows, merged cells)
OVERLAP = 0.3  # a label stands over a segment when they share this share of the narrower width
CARRY_SLACK = 4.0  # font sizes a continued table's line may reach beyond the columns measured on its first page
DEFAULT_SIZE = 10.0  # points, only for an empty page
MIN_PITCH_STEPS = 3  # a continued table's body with fewer line steps than this keeps the pitch measured before the break
MIN_STEP = 0.9  # steps below this many font sizes are lines of different cells, not a line pitch
NUMBER_LABELS = {"", "no", "nomor", "no urut"}  # the label of a row number column (often none)
_CAPTION = re.compile(r"^\s*(?:tabel|table|gambar|grafik)\s+\d", re.IGNORECASE)
# the start of a signature block: "Bandung, 2016", "<tempat>, … Oktober 2024", "NIP. 19…"
_SIGNATURE = re.compile(r"^\s*(?:[A-Z][A-Za-z .'-]{2,40},\s+(?:[\w ]{0,20}\s)?(?:19|20)\d{2}\b|NIP\.?\s*:?\s*\d)")
_WEIGHT = re.compile(r"\(\d{1,3}(?:[.,]\d+)?\s*%\)")  # '(20%)' in a label: a weight, not a value
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


@dataclass
class Column:
    x0: float
    x1: float
    label: str = ""  # all its labels, top to bottom
    levels: list[str] = field(default_factory=list)  # its label in each header row


@dataclass
class WordRow:
    top: float
    cells: list[list[VisualLine]]  # per column, the cell's lines (top to bottom)


@dataclass
class WordTable:
    start: int  # index of its first line in the page's lines (the header, or the first row)
    end: int  # index after its last line
    columns: list[Column]
    header: list[list[str]] | None  # the header rows (labels per column), None for a table continued from the previous page
    header_tops: list[float]
    rows: list[WordRow] = field(default_factory=list)
    open: bool = False  # ran to the bottom of the page: it may continue on the next one
    numbered: bool = False  # its first column holds the row numbers: a row starts where it has one
    pitch: float = 0.0  # its body's line pitch (points): a continuation with few lines of its own keeps it
    head: _Header | None = field(default=None, repr=False)  # the header lines (to carry a lone header over)
    header_above: bool = False  # its header stands at the bottom of the previous page


@dataclass
class _Header:
    lines: list[VisualLine]
    start: int
    end: int  # index after the header lines
    labels: list[list[Word]]  # label runs of all header lines
    level_of: list[int]  # per label run, the header row it belongs to (rows are set apart by a row gap)
    tops: list[float]  # top of each header row

    @property
    def gaps(self) -> list[tuple[float, float]]:
        """The spaces between neighbouring labels (labels of all header lines overlaid)."""
        spans: list[list[float]] = []
        for x0, x1 in sorted((r[0].x0, max(w.x1 for w in r)) for r in self.labels):
            if spans and x0 <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], x1)
            else:
                spans.append([x0, x1])
        return [(a[1], b[0]) for a, b in itertools.pairwise(spans)]

    @property
    def x0(self) -> float:
        return min(w.x0 for r in self.labels for w in r)

    @property
    def x1(self) -> float:
        return max(w.x1 for r in self.labels for w in r)


def _runs(line: VisualLine, gap: float = LABEL_GAP) -> list[list[Word]]:
    return phrases(line.words, gap)


def _label_text(text: str) -> bool:
    """Could this run be (part of) a column label: words, a year, '%', '(%)', '(Rp)'?"""
    t = text.strip()
    if not t or len(t) > 60:
        return False
    tokens = fold(t).split()
    if len(tokens) > 6:
        return False
    if t in {"%", "(%)"} or _WEIGHT.fullmatch(t.split()[-1]):
        return all(not any(c.isdigit() for c in tok) for tok in fold(" ".join(t.split()[:-1])).split())
    return all(not any(c.isdigit() for c in tok) or _YEAR.match(tok) for tok in tokens)


def _known(text: str) -> bool:
    """Does a run hold a column label word (also when the converter split it: 'Keberadaa n')?"""
    f = fold(text)
    return any(re.search(rf"\b{re.escape(h)}\b", v) for h in HEADER_WORDS for v in (f, f.replace(" ", "")))


def _is_header_line(line: VisualLine) -> bool:
    runs = _runs(line)
    return len(runs) >= 2 and is_header_cells([text_of(r) for r in runs])


def _under_labels(line: VisualLine, labels: list[list[Word]]) -> bool:
    """Every run of ``line`` stands under (or over) a label: the continuation of wrapped labels."""
    for run in _runs(line):
        x0, x1 = run[0].x0, max(w.x1 for w in run)
        if not any(min(x1, max(w.x1 for w in lab)) - max(x0, lab[0].x0) > 0 for lab in labels):
            return False
    return True


def _row_number(text: str) -> bool:
    """'1', '2.', 'a.', 'IV' open a row; a bare lower-case letter is the end of a broken label."""
    return is_marker(text) and not (len(text) == 1 and text.islower())


def _known_run(run: list[Word], below: VisualLine | None) -> bool:
    """A known label word in the run, or in the run joined to the rest of its broken last word on
    the line below ('Keberadaa' / 'n (20%)')."""
    if _known(text_of(run)):
        return True
    if below is None:
        return False
    x0, x1 = run[0].x0, max(w.x1 for w in run)
    under = [w for w in below.words if _overlap(w.x0, w.x1, x0, x1) > 0]
    return bool(under) and under[0].text[:1].islower() and _known(text_of(run) + under[0].text)


def _label_line(line: VisualLine, labels: list[list[Word]], step: float, pitch: float, below: VisualLine | None = None) -> bool:
    """A further header line: labels only, either a wrapped label at line pitch under the labels
    above, or (after a row gap) a row of sub-labels that name columns ('Keberadaan (20%)' under a
    spanning 'Bobot Sub Komponen')."""
    runs = _runs(line)
    if (
        not runs
        or not all(_label_text(text_of(r)) for r in runs)
        or _row_number(runs[0][0].text)
        or _CAPTION.match(line.text)
        or is_terminator(line.text)
    ):
        return False
    if step <= HEADER_STEP * pitch:
        return _under_labels(line, labels)
    known = sum(1 for r in runs if _known_run(r, below))
    return step <= SUBHEADER_STEP * pitch and len(runs) >= 2 and 2 * known >= len(runs)


def _header_at(lines: Sequence[VisualLine], i: int, lo: int, pitch: float) -> _Header | None:
    line = lines[i]
    if not _is_header_line(line):
        return None
    labels = list(_runs(line))
    level_of = [0] * len(labels)
    tops = [line.top]
    start, end = i, i + 1
    while (
        end < len(lines)
        and end - start < MAX_HEADER_LINES
        and _label_line(
            lines[end],
            labels,
            lines[end].top - lines[end - 1].top,
            pitch * lines[end - 1].size,
            lines[end + 1] if end + 1 < len(lines) else None,
        )
    ):
        if lines[end].top - lines[end - 1].top > HEADER_STEP * pitch * lines[end - 1].size:
            tops.append(lines[end].top)  # after a row gap: a header row of its own (sub-labels)
        runs = _runs(lines[end])
        labels += runs
        level_of += [len(tops) - 1] * len(runs)
        end += 1
    while (
        start - 1 >= lo
        and end - start < MAX_HEADER_LINES
        and lines[start].top - lines[start - 1].top <= HEADER_STEP * pitch * lines[start].size
        and _label_line(lines[start - 1], labels, 0.0, pitch * lines[start].size)
    ):
        start -= 1
        runs = _runs(lines[start])
        labels += runs
        level_of += [0] * len(runs)
        tops[0] = lines[start].top
    return _Header(lines=list(lines[start:end]), start=start, end=end, labels=labels, level_of=level_of, tops=tops)


def _ends_table(line: VisualLine) -> bool:
    text = " ".join(line.text.split())
    return bool(_CAPTION.match(text) or _SIGNATURE.match(text)) or is_terminator(line.text)


def _covers(run: list[Word], x0: float, x1: float) -> bool:
    return run[0].x0 <= x0 and max(w.x1 for w in run) >= x1


def _is_prose(line: VisualLine, gaps: list[tuple[float, float]], left: float) -> bool:
    """Running text, not a row: it starts left of the table, or a run of it reaches from one
    label across the gap into the next label's place (a long cell under a short left-aligned
    label covers the gap, but stops before the next column)."""
    if line.x0 < left - OUTDENT * line.size:
        return True
    reach = PROSE_REACH * line.size
    for run in phrases(line.words, SPAN_JOIN):
        crossed = sum(1 for g0, g1 in gaps if _covers(run, g0, g1 + reach))
        if crossed >= 2 or (crossed == 1 and len(run) >= PROSE_WORDS):
            return True
    return False


def _body_pitch(lines: Sequence[VisualLine], fallback: float) -> float:
    """The most common step between the body's lines (points, to half a point): its line pitch.
    Most lines of a table are wrapped cell text; row gaps and offset lines are fewer."""
    steps = [round((b.top - a.top) * 2) / 2 for a, b in itertools.pairwise(lines) if b.top - a.top >= MIN_STEP * a.size]
    if not steps:
        return fallback
    counts = Counter(steps)
    return min(counts, key=lambda s: (-counts[s], s))


def _coverage(lines: Sequence[VisualLine]) -> list[tuple[float, float, int]]:
    """Elementary x ranges with the number of lines whose words cover them."""
    events: list[tuple[float, int]] = []
    for ln in lines:
        for run in phrases(ln.words, MIN_VALLEY):
            events += [(run[0].x0, 1), (max(w.x1 for w in run), -1)]
    events.sort()
    out: list[tuple[float, float, int]] = []
    depth = 0
    for (x, step), (nx, _) in itertools.pairwise(events):
        depth += step
        if nx > x:
            out.append((x, nx, depth))
    return out


def segments(lines: Sequence[VisualLine], gaps: Sequence[tuple[float, float]] = ()) -> list[tuple[float, float]]:
    """x ranges covered by the body's words, cut at whitespace valleys at least
    :data:`MIN_VALLEY` font sizes wide. Inside a gap between two header labels (``gaps``) a range
    that at most :data:`SPAN_NOISE` of the lines cross is a valley too: a total row or a merged
    cell may run across the column edge."""
    if not lines:
        return []
    size = statistics.median(ln.size for ln in lines)
    cover = _coverage(lines)
    noise = int(SPAN_NOISE * len(lines))
    open_: list[tuple[float, float]] = [(a, b) for a, b, n in cover if n == 0]
    for g0, g1 in gaps:
        inside = [(max(a, g0), min(b, g1), n) for a, b, n in cover if b > g0 and a < g1]
        if not inside or any(n == 0 and b - a >= MIN_VALLEY * size for a, b, n in inside):
            continue
        least = min(n for _, _, n in inside)
        if least <= noise:
            open_ += [(a, b) for a, b, n in inside if n == least]
    covered: list[list[float]] = []
    lo = min(w.x0 for ln in lines for w in ln.words)
    hi = max(w.x1 for ln in lines for w in ln.words)
    cuts = sorted((a, b) for a, b in open_ if b - a >= MIN_VALLEY * size and a > lo and b < hi)
    start = lo
    for a, b in cuts:
        if a > start:
            covered.append([start, a])
        start = max(start, b)
    if hi > start:
        covered.append([start, hi])
    return [(a, b) for a, b in covered]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _stands_over(label: list[Word], seg: tuple[float, float]) -> bool:
    x0, x1 = label[0].x0, max(w.x1 for w in label)
    ov = _overlap(x0, x1, *seg)
    return ov > 0 and ov >= OVERLAP * min(x1 - x0, seg[1] - seg[0])


def _misfit(label_x: tuple[float, float], col: tuple[float, float]) -> float:
    """How badly a label sits over a column: the best of centred, left and right alignment."""
    (l0, l1), (c0, c1) = label_x, col
    return min(abs((l0 + l1) - (c0 + c1)) / 2, abs(l0 - c0), abs(l1 - c1))


def _columns(header: _Header, body: Sequence[VisualLine]) -> list[Column]:
    segs = segments(body, header.gaps)
    if not segs:
        return []
    main = [lab for lab in header.labels]
    segs = sorted(segs + _empty_columns(main, segs))
    owners: list[list[int]] = [[k for k, lab in enumerate(main) if _stands_over(lab, s)] for s in segs]
    # groups of segments under one label (or the same set of labels) become one column
    cols: list[tuple[float, float, list[int]]] = []
    for s, own in zip(segs, owners, strict=True):
        if cols and own and cols[-1][2] and set(own) & set(cols[-1][2]) and not _splits(own, cols[-1][2], main):
            x0, _, o = cols[-1]
            cols[-1] = (x0, s[1], sorted(set(o) | set(own)))
        else:
            cols.append((s[0], s[1], own))
    # unlabelled segments: the first, holding row numbers, is a column of its own; others join a neighbour
    k = 0
    while k < len(cols):
        x0, x1, own = cols[k]
        if own or len(cols) == 1:
            k += 1
            continue
        if k == 0 and _numbers_only(body, x0, x1):
            k += 1
            continue
        if k == len(cols) - 1 and _values_beside_words(body, (x0, x1), cols[k - 1][:2]):
            k += 1  # values printed right of the last label's words on the same lines: a column of their own
            continue
        if 0 < k < len(cols) - 1:
            join = k - 1 if _fit_cost(cols, main, k - 1, k) <= _fit_cost(cols, main, k + 1, k) else k + 1
        else:
            join = k - 1 if k > 0 else k + 1
        a, b = sorted((join, k))
        merged = (cols[a][0], cols[b][1], sorted(set(cols[a][2]) | set(cols[b][2])))
        cols[a : b + 1] = [merged]
        k = a if a < k else k
    # a label over several columns (a merged header cell) is read once, in the first of them
    first: dict[int, int] = {}
    for c, (_, _, own) in enumerate(cols):
        for i in own:
            first.setdefault(i, c)
    by_top = lambda i: (main[i][0].top, main[i][0].x0)  # noqa: E731
    out = []
    for c, (x0, x1, own) in enumerate(cols):
        mine = sorted((i for i in own if first[i] == c), key=by_top)
        levels = [_join_label([main[i] for i in mine if header.level_of[i] == lv]) for lv in range(len(header.tops))]
        out.append(Column(x0, x1, " ".join(lv for lv in levels if lv), levels))
    return out


def _values_beside_words(body: Sequence[VisualLine], seg: tuple[float, float], left: tuple[float, float]) -> bool:
    """An unlabelled last segment holding only values, on lines where the segment left of it
    holds words (not a currency sign): the rows of a table shifted one cell right of its header
    (a word processor's row that starts with an empty, merged-away cell) put their last cells
    there, so it is a column of its own and not part of the last label's column. The first
    document that needed it: the LKjIP's 'Anggaran Per Sasaran Strategis' table exported without
    borders (its later rows start one column right)."""
    if not _numbers_only(body, *seg):
        return False
    for ln in body:
        inside = [w for w in ln.words if _overlap(w.x0, w.x1, *seg) > 0]
        beside = [w for w in ln.words if _overlap(w.x0, w.x1, *left) > 0]
        if inside and any(not is_numberish(w.text) and fold(w.text) not in CURRENCY for w in beside):
            return True
    return False


def _empty_columns(labels: list[list[Word]], segs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Columns no word of the body stands in (a cell left empty on this page): where their labels
    are, labels stacked over each other taken together."""
    spans: list[list[float]] = []
    for lab in sorted(labels, key=lambda r: r[0].x0):
        x0, x1 = lab[0].x0, max(w.x1 for w in lab)
        if any(_overlap(x0, x1, *sg) > 0 for sg in segs):
            continue
        if spans and x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], x1)
        else:
            spans.append([x0, x1])
    return [(a, b) for a, b in spans]


def _join_label(runs: list[list[Word]]) -> str:
    """The runs of one header cell, top to bottom, as one label; a word broken over two lines of a
    narrow header cell ('Keberadaa' / 'n (20%)') is joined again."""
    out = ""
    for run in runs:
        text = text_of(run)
        if out and _broken_label(out.split()[-1], run[0].text):
            out += text
        else:
            out = f"{out} {text}".strip()
    return out


def _broken_label(last: str, nxt: str) -> bool:
    if not (last[-1:].isalpha() and nxt[:1].islower() and nxt.isalpha()):
        return False
    return _known(last + nxt) or (len(nxt) <= MAX_FRAGMENT and nxt not in SHORT_WORDS)


def _splits(own: list[int], prev: list[int], labels: list[list[Word]]) -> bool:
    """Two segments whose label sets differ by a label of their own are separate sub-columns."""
    return bool(set(own) - set(prev)) and bool(set(prev) - set(own))


def _fit_cost(cols: list[tuple[float, float, list[int]]], labels: list[list[Word]], target: int, k: int) -> float:
    """Misfit of the labels of column ``target`` once segment ``k`` has joined it."""
    x0 = min(cols[target][0], cols[k][0])
    x1 = max(cols[target][1], cols[k][1])
    own = cols[target][2]
    if not own:
        return float("inf")
    return sum(_misfit((labels[i][0].x0, max(w.x1 for w in labels[i])), (x0, x1)) for i in own) - sum(
        _misfit((labels[i][0].x0, max(w.x1 for w in labels[i])), (cols[target][0], cols[target][1])) for i in own
    )


def _numbers_only(body: Sequence[VisualLine], x0: float, x1: float) -> bool:
    words = [w for ln in body for w in ln.words if _overlap(w.x0, w.x1, x0, x1) > 0]
    return bool(words) and all(is_marker(w.text) or is_numberish(w.text) for w in words)


def _column_of(run: list[Word], columns: list[Column]) -> int:
    first = run[0]
    best = max(range(len(columns)), key=lambda k: _overlap(first.x0, first.x1, columns[k].x0, columns[k].x1))
    if _overlap(first.x0, first.x1, columns[best].x0, columns[best].x1) > 0:
        return best
    return min(range(len(columns)), key=lambda k: min(abs(first.center - columns[k].x0), abs(first.center - columns[k].x1)))


def _split_line(line: VisualLine, columns: list[Column]) -> list[list[Word]]:
    cells: list[list[Word]] = [[] for _ in columns]
    for run in phrases(line.words, SPAN_JOIN):
        homes = {_column_of([w], columns) for w in run}
        if len(homes) == 1:
            cells[homes.pop()].extend(run)
        else:  # runs of one cell may still straddle: give each word its column unless the run is a merged cell
            by_word = [_column_of([w], columns) for w in run]
            if sorted(by_word) == by_word and _crosses_valley(run, columns):
                cells[by_word[0]].extend(run)
            else:
                for w, k in zip(run, by_word, strict=True):
                    cells[k].append(w)
    return cells


def split_line(line: VisualLine, columns: list[Column]) -> list[list[Word]]:
    """The words of ``line`` in the table's columns (each run to the column it stands in)."""
    return _split_line(line, columns)


def _crosses_valley(run: list[Word], columns: list[Column]) -> bool:
    return any(_covers(run, a.x1, b.x0) for a, b in itertools.pairwise(columns) if b.x0 > a.x1)


def _continues(cells: list[list[Word]], row: list[list[VisualLine]], columns: list[Column], nums: set[int]) -> bool:
    """Does a line (split into cells) continue the row above: every filled cell either wraps the
    cell above (its first word would not have fitted there) or fills a cell still empty?"""
    for k, words in enumerate(cells):
        if not words:
            continue
        above = row[k]
        if not above:
            continue
        last = above[-1]
        room = columns[k].x1 - columns[k].x0
        if k in nums or would_fit(last.x1 - last.x0, words[0].width, room, last.size):
            return False
    return True


def _is_numbered(body: Sequence[VisualLine], columns: list[Column]) -> bool:
    return fold(columns[0].label) in NUMBER_LABELS and len(columns) > 1 and _numbers_only(body, columns[0].x0, columns[0].x1)


def _top(line: VisualLine) -> float:
    """Where a line stands: the median top of its words (a word set a little higher, a second
    paragraph of a neighbouring cell, does not move the line)."""
    return statistics.median(w.top for w in line.words)


def _value_under_value(above: list[VisualLine], words: list[Word]) -> bool:
    """A cell holding one whole amount ("1.691.725.000") under a cell whose last word is a whole
    amount too: two rows (a budget line has one amount; the total under the last line), not one
    amount broken over two lines ("1.714.4" / "90.000", "176.110" / ".000" are broken). Targets
    are not split so: one cell may stack the targets of the indicators stacked beside it ("100%" /
    "100%" beside two indicators in one cell)."""
    if not above or not above[-1].words or len(words) != 1:
        return False
    return is_whole_amount(above[-1].words[-1].text) and is_whole_amount(words[0].text)


INTERLEAVE_SLACK = 0.15  # font sizes: a cell's next line follows its last one at the line pitch within this


def _runs_on(
    cells: list[list[Word]], filled: list[int], rows: list[WordRow], line: VisualLine, pitch: float, columns: list[Column]
) -> set[int]:
    """Cells of ``line`` that go on with the row *before* the current one: the current row has
    nothing in that column yet, and the row before has a cell there whose last line stands exactly
    one line pitch above and ran to its cell's edge. A row whose text runs down past its printed
    height (a fixed row height in the word processor) prints its last lines between the next
    row's, a fraction of a line apart; in a table whose rows do not overlap, a row's second line
    stands at least a row gap plus a pitch below the row above, so this never takes a line there."""
    if len(rows) < 2:
        return set()
    out = set()
    for k in filled:
        above = rows[-2].cells[k]
        if rows[-1].cells[k] or not above:
            continue
        last = above[-1]
        step = _top(line) - _top(last)
        if abs(step - pitch) <= INTERLEAVE_SLACK * line.size and not ended_early(
            last, cells[k][0].width, columns[k].x0, columns[k].x1
        ):
            out.add(k)
    return out


def _overleaf(before: WordRow | None, rows: list[WordRow], k: int) -> list[VisualLine]:
    """The cell of the row cut by the page break (``before``, the last row of the page before)
    while the first row of this page may still be its rest: a value under its value starts a row
    of its own although the rest of the cut row's name has no value beside it."""
    return before.cells[k] if before is not None and len(rows) == 1 else []


def _rows(
    body: Sequence[VisualLine],
    columns: list[Column],
    pitch: float,
    numbered: bool,
    before: WordRow | None = None,
    padded: bool = True,
) -> list[WordRow]:
    """Body lines → rows. Per line and column: does the cell above wrap into this line (directly
    above, and its next word would not have fitted), or does the column start afresh after a row
    gap? In a table whose rows are set apart by padding, a cell that wraps on beside a new row is a
    merged cell running down past it: its lines stay with the row it belongs to."""
    steps = [_top(b) - _top(a) for a, b in itertools.pairwise(body)]
    gap = ROW_GAP * pitch
    gapped = padded and any(s > gap for s in steps)
    rows: list[WordRow] = []
    prev: VisualLine | None = None
    for line in body:
        cells = _split_line(line, columns)
        filled = [k for k, c in enumerate(cells) if c]
        back = _runs_on(cells, filled, rows, line, pitch, columns)
        for k in back:
            rows[-2].cells[k].append(make_line(cells[k]))
        filled = [k for k in filled if k not in back]
        if not filled:
            continue
        new, wraps = not rows, set()
        if rows:
            row, top = rows[-1], _top(line)
            after_gap = padded and prev is not None and top - _top(prev) > gap
            for k in filled:
                if row.cells[k]:
                    last = row.cells[k][-1]
                    if padded and top - _top(last) > gap:
                        after_gap = True
                    elif not ended_early(last, cells[k][0].width, columns[k].x0, columns[k].x1):
                        wraps.add(k)
            if numbered and cells[0] and all(is_marker(w.text) or is_numberish(w.text) for w in cells[0]):
                new, wraps = True, set()  # a numbered row is a row of its own, all of it
            elif all(_value_under_value(row.cells[k] or _overleaf(before, rows, k), cells[k]) for k in filled):
                new, wraps = True, set()  # whole values under whole values: a row of its own (a total)
            elif all(not row.cells[k] and all(is_numberish(w.text) for w in cells[k]) for k in filled):
                new = False  # values filling the row's empty cells (set at the cells' bottom or middle)
            elif after_gap:
                new = len(filled) - len(wraps) >= (2 if numbered else 1)
            elif not (numbered or gapped):
                nums = {k for k, c in enumerate(cells) if c and all(is_numberish(w.text) for w in c)}
                new = not _continues(cells, row.cells, columns, nums)
        if new:
            stays = rows[-1] if rows and gapped else None
            rows.append(WordRow(top=line.top, cells=[[] for _ in columns]))
        for k in filled:
            target = stays if new and stays is not None and k in wraps else rows[-1]
            target.cells[k].append(make_line(cells[k]))
        prev = line
    return rows


GRID_ALIGN = 0.3  # font sizes: a cell's text starts this close to its column's left edge


def _on_grid(line: VisualLine, starts: Sequence[float]) -> bool:
    """Does ``line`` fill two or more columns of the table's grid, each of its runs starting at a
    column's left edge (``starts``: the columns of a table carried over, or its left-aligned
    labels)? Such a line is a row of the table even after a wide gap: a row whose printed height
    is larger than its text (a fixed row height, an empty row) leaves that gap inside the table."""
    hits = set()
    for run in _runs(line):
        near = [k for k, x in enumerate(starts) if abs(run[0].x0 - x) <= GRID_ALIGN * line.size]
        if not near:
            return False
        hits.add(near[0])
    return len(hits) >= 2


def _read(
    lines: Sequence[VisualLine],
    header: _Header | None,
    begin: int,
    carry: WordTable | None,
    pitch: float,
    padded: bool = True,
) -> WordTable | None:
    """The table whose body starts at ``lines[begin]``: below ``header``, or continuing ``carry``
    (a table left open at the bottom of the previous page: same columns, same row numbering)."""
    columns = carry.columns if carry is not None else None
    size = lines[begin].size if begin < len(lines) else DEFAULT_SIZE
    if header is not None:
        gaps = header.gaps
        left = min(header.x0, lines[begin].x0) if begin < len(lines) else header.x0
    elif columns:
        gaps = [(a.x1, b.x0) for a, b in itertools.pairwise(columns) if b.x0 > a.x1]
        left = columns[0].x0
    else:
        return None
    body: list[VisualLine] = []
    line_pitch = pitch * size
    starts = [c.x0 for c in columns] if columns else [r[0].x0 for r in header.labels] if header else []
    j = begin
    prev_top = header.lines[-1].top if header else None
    while j < len(lines):
        ln = lines[j]
        far = prev_top is not None and ln.top - prev_top > TABLE_GAP * max(line_pitch, _body_pitch(body, line_pitch))
        if far and not (body and all(is_numberish(w.text) for w in ln.words)) and not _on_grid(ln, starts):
            break  # a gap ends the table, unless only values follow it (a cell set at its bottom) or a row of its grid
        if _ends_table(ln) or _is_header_line(ln) or _is_prose(ln, gaps, left):
            break
        if columns is not None and (ln.x0 < columns[0].x0 - OUTDENT * ln.size or ln.x1 > columns[-1].x1 + CARRY_SLACK * ln.size):
            break
        body.append(ln)
        prev_top = ln.top
        j += 1
    if not body:
        if header is not None and begin == len(lines):  # a header at the foot of the page: its rows follow overleaf
            rows = [
                [text_of(r) for r, lv in zip(header.labels, header.level_of, strict=True) if lv == k]
                for k in range(len(header.tops))
            ]
            return WordTable(header.start, begin, [], rows, header.tops, open=True, head=header)
        return None
    cols = columns if columns is not None else (_columns(header, body) if header else [])
    if len(cols) < 2:
        return None
    numbered = carry.numbered if carry is not None else _is_numbered(body, cols)
    own_steps = sum(1 for a, b in itertools.pairwise(body) if b.top - a.top >= MIN_STEP * a.size)
    carried = carry is not None and carry.pitch > 0 and own_steps < MIN_PITCH_STEPS
    body_pitch = carry.pitch if carry is not None and carried else _body_pitch(body, line_pitch)
    table = WordTable(
        start=header.start if header else begin,
        end=j,
        columns=cols,
        header=[[c.levels[k] if k < len(c.levels) else "" for c in cols] for k in range(len(header.tops))] if header else None,
        header_tops=header.tops if header else [body[0].top],
        rows=_rows(body, cols, body_pitch, numbered, carry.rows[-1] if carry is not None and carry.rows else None, padded),
        pitch=body_pitch,
        open=j == len(lines),
        numbered=numbered,
        head=header,
    )
    if header and not any(sum(1 for c in r.cells if c) >= 2 for r in table.rows):
        return None  # labels over a single column of text: not a table
    return table


REGRID_GAP = 2 * TABLE_GAP  # line pitches before the first row of a grid of its own (after an empty row)


def _regrid(lines: Sequence[VisualLine], i: int, table: WordTable, pitch: float, padded: bool = True) -> WordTable | None:
    """The rows after ``table`` ended at ``lines[i]`` that go on with a grid of their own: in a
    word processor's table, rows may merge or split cells differently from the header's (a
    budget table whose later rows put the name across the number and name columns and the values
    one column left). Those lines fit no column of the header, so they end the table; read on:
    the lines up to a caption, a signature, a new header, a gap of :data:`TABLE_GAP` line pitches
    (:data:`REGRID_GAP` before the first),
    a line left of the table or running text across its value columns are one block; whitespace
    valleys cut it into segments, and the block is a continuation when it has at least two
    segments, every segment but the first holds only values, and it is no wider than the table.
    Its rows are written with its own cells (as the text version writes such rows: a row with
    fewer cells than the header). The first document that needed it: the LKjIP's 'Anggaran dan
    Realisasi Anggaran … Per Sasaran Program' table exported without borders."""
    cols = table.columns
    if not cols or i >= len(lines) or table.end != i:
        return None
    left, right = cols[0].x0, cols[-1].x1
    reach = cols[-2].x0 if len(cols) >= 3 else right
    block: list[VisualLine] = []
    j = i
    while j < len(lines):
        ln = lines[j]
        prev = block[-1] if block else lines[i - 1] if i > 0 else None
        limit = TABLE_GAP if block else REGRID_GAP  # the first row may follow an empty row
        if prev is not None and ln.top - prev.top > limit * max(pitch * ln.size, table.pitch):
            break
        if _ends_table(ln) or _is_header_line(ln) or ln.x0 < left - OUTDENT * ln.size:
            break
        if any(len(run) >= PROSE_WORDS and max(w.x1 for w in run) > reach for run in phrases(ln.words, SPAN_JOIN)):
            break
        block.append(ln)
        j += 1
    if len(block) < 2:
        return None
    segs = segments(block)
    if not 2 <= len(segs) <= len(cols) or segs[-1][1] > right + CARRY_SLACK * block[0].size:
        return None
    if not all(_numbers_only(block, x0, x1) for x0, x1 in segs[1:]):
        return None
    columns = [Column(x0, x1) for x0, x1 in segs]
    rows = _rows(block, columns, table.pitch or _body_pitch(block, pitch * block[0].size), False, padded=padded)
    if not any(sum(1 for c in r.cells if c) >= 2 for r in rows):
        return None
    return WordTable(
        start=i,
        end=j,
        columns=columns,
        header=None,
        header_tops=[block[0].top],
        rows=rows,
        open=j == len(lines),
        pitch=table.pitch,
        head=None,
    )


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


def _numbering_only(table: WordTable) -> bool:
    """Is the table's only row the column numbering under its header ("(1)" "(2)" … "(5)")? Its
    columns are then only as wide as those numbers: the next page measures them again from the
    header and its own rows, as for a header left alone at a page's foot."""
    if len(table.rows) != 1 or table.head is None:
        return False
    texts = [" ".join(ln.text for ln in c).strip() for c in table.rows[0].cells if c]
    found = [_COLUMN_NUMBER.match(t) for t in texts]
    numbers = [int(m.group(1)) for m in found if m]
    return len(numbers) == len(texts) >= 2 and numbers == sorted(set(numbers))


def find_tables(
    lines: Sequence[VisualLine], pitch: float, carry: WordTable | None = None, *, padded: bool = True
) -> list[WordTable]:
    """Tables without rulings among one page's visual lines (top to bottom, outside ruled tables).

    ``pitch`` is the document's line pitch in font sizes; ``carry`` a table left open at the
    bottom of the previous page, which the first lines of this page may continue."""
    tables: list[WordTable] = []
    i = 0
    if carry and lines and not _is_header_line(lines[0]):
        if (carry.rows and not _numbering_only(carry)) or carry.head is None:
            cont = _read(lines, None, 0, carry, pitch, padded)
        else:  # the previous page ended with this table's header: its rows start here
            cont = _read(lines, carry.head, 0, None, pitch, padded)
            if cont is not None:
                cont.start, cont.header_above = 0, True
        if cont is not None and cont.rows:
            tables.append(cont)
            i = cont.end
            more = _regrid(lines, i, cont, pitch, padded)
            if more is not None:
                tables.append(more)
                i = more.end
    while i < len(lines):
        header = _header_at(lines, i, tables[-1].end if tables else 0, pitch)
        if header is not None:
            table = _read(lines, header, header.end, None, pitch, padded)
            if table is not None:
                tables.append(table)
                i = table.end
                more = _regrid(lines, i, table, pitch, padded)
                if more is not None:
                    tables.append(more)
                    i = more.end
                continue
        i += 1
    return tables
