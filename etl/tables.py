"""The table layouts seen in the wild → tables of rows of cells.

Two layouts come out of PDF/DOCX converters:

* **tab rows**: one table row per line, cells separated by tabs (also Markdown pipe rows, which
  are rewritten as tab rows). A row broken over two lines is mended: a line with only text in
  columns that the row above already has text in continues that row; a line with only numbers
  fills the empty number cells of the row above.
* **one cell per line**: the header is a block of short label lines, each row starts at a line
  holding only its number (``1.``, ``I.``) and its cells follow, one fragment per line.

A table starts at a header line or block (labels such as INDIKATOR, TARGET, ANGGARAN) and ends at
prose, a signature or date line, or the next header. What kind of table it is, is decided by
:func:`classify` from its column labels, never by its position in a document.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etl.layout import flat as flat_rows
from etl.model import Line
from etl.numbers import looks_like_amount, looks_like_percent, parse_decimal
from etl.text import MONTHS, PARA, clean_cell, fold

VOCAB = Path(__file__).resolve().parent / "vocab"


def _header_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words of table heads, and the strong ones that alone make a line a head candidate — data,
    each row with where it was learnt (etl/vocab/kata_kepala.csv)."""
    with (VOCAB / "kata_kepala.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(r["kata"] for r in rows), tuple(r["kata"] for r in rows if r["kuat"] == "ya")


HEADER_WORDS, STRONG_WORDS = _header_words()  # etl/vocab/kata_kepala.csv

_MARKER = re.compile(r"^\s*(?:\d{1,3}|[IVX]{1,5}|[A-Za-z])[.)]?\s*$")
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_NUM_PREFIX = re.compile(r"^\((\d{1,2})\)\s+")
# a place and date ('Kota, 1 Oktober 2024'; the year may wrap onto the next line of a copied text)
_DATE_LINE = re.compile(
    r"^[\s\t]*[A-Z][A-Za-z .'-]{2,40},\s+(?:\d{1,2}\s+)?(?:" + "|".join(MONTHS) + r")(?:\s+\d{4}|\s*$)", re.IGNORECASE
)
_PARTY = re.compile(r"^\s*(?:pihak\s+(?:pertama|kedua)|nama\s*:|jabatan\s*:)", re.IGNORECASE)
_LABEL_COLON = re.compile(r"^\s*[A-Z][A-Z .]{3,60}\t*\s*:\s*\S")
_TITLE = re.compile(r"perjanjian\s+kinerja|^\s*lampiran\b|penjelasan\s+kinerja|^\s*tabel\s+\d", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*tabel\s+\d+(?:\.\d+)*", re.IGNORECASE)
_OUTLINE = re.compile(r"^(?:[A-Z]|[IVX]+|\d+)\.\s|^bab\b", re.IGNORECASE)  # table-of-contents entries
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


@dataclass
class Row:
    cells: list[str]  # cleaned cells, positions as printed
    line: int  # first source line of the row
    lines: list[int] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)  # one-cell-per-line layout: cells in order
    marker: str | None = None  # "1", "a", "A", "I" where the row has a number of its own
    cell_lines: list[int] = field(default_factory=list)  # source line of each cell / fragment

    def line_at(self, index: int | None) -> int:
        """The source line of one cell: where a mended row's value really stands."""
        if index is not None and 0 <= index < len(self.cell_lines):
            return self.cell_lines[index]
        return self.line

    def line_of(self, text: str | None) -> int:
        """The source line of the cell holding ``text`` (the row's first line if none does)."""
        if text:
            for k, c in enumerate(self.cells):
                if c == text or (text in c and len(text) >= 3):
                    return self.line_at(k)
        return self.line

    @property
    def texts(self) -> list[str]:
        return self.fragments if self.fragments else [c for c in self.cells if c]


DIBACA_TAB = "baris bertab: sel dipisah tab (tabel Word, tabel PDF, teks berkolom yang sudah disejajarkan)"
DIBACA_SEL = "satu sel per baris: sel tabel ditulis berurutan, satu per baris"
# the same, without the tab that marks where a cell starts (pdftotext's raw order, a viewer's copy):
# a row's lines are read by the type of their text, so where one cell ends is the reader's reading
DIBACA_SEL_DATAR = "satu sel per baris tanpa tanda awal sel: isi baris dibaca menurut jenisnya"


@dataclass
class Table:
    columns: list[str]
    header_line: int
    caption: str
    layout: str  # tab | cells
    rows: list[Row] = field(default_factory=list)
    dibaca: str = ""  # how its rows were read, in words (python -m etl load --jelaskan)
    kind: str | None = None
    known: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)  # the document's words, counted
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, why): rows the reader saw and did not read

    def col(self, *words: str, exclude: Sequence[str] = ()) -> int | None:
        """Index of the first column whose label contains all ``words`` and none of ``exclude``."""
        for i, label in enumerate(self.columns):
            f = fold(label)
            if all(w in f for w in words) and not any(x in f for x in exclude):
                return i
        return None

    @property
    def aligned_rows(self) -> list[Row]:
        return [r for r in self.rows if len(r.cells) == len(self.columns)]


def is_marker(text: str) -> bool:
    return bool(_MARKER.match(text))


def marker_of(text: str) -> tuple[str | None, str]:
    """'a. Kegiatan X' → ('a', 'Kegiatan X'); '2. Program' → ('2', 'Program'); 'X' → (None, 'X')."""
    m = re.match(r"^\s*(?:-\s*)?(\d{1,3}|[IVX]{1,5}|[A-Za-z])[.)]\s+(\S.*)$", text)
    if m and not (len(m.group(1)) == 1 and m.group(1).isalpha() and m.group(2)[:1].islower() and text[1] != "."):
        return m.group(1), m.group(2).strip()
    m = re.match(r"^\s*(\d{1,3})\s+([A-Za-z].*)$", text)  # "1 Persentase ..." inside <p> cells
    if m:
        return m.group(1), m.group(2).strip()
    return None, text.strip()


def _label_like(cell: str) -> bool:
    if not cell:
        return True
    f = fold(cell)
    if not f:
        return cell.strip() in {"%", "(%)"}
    if parse_decimal(cell) is not None and not _YEAR.fullmatch(cell.strip()):
        return False
    if len(cell) > 60:
        return False
    return bool(re.fullmatch(r"[a-z0-9 ]+", f))


_STRONG_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in STRONG_WORDS) + r")\b")
_HEADER_RE = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in HEADER_WORDS) + r")(?:$|\s)")


def _spellings(cell: str) -> tuple[str, ...]:
    """A cell folded, plus the same without spaces when a converter split a word ("Tota l")."""
    f = fold(cell)
    if " " in f and any(len(tok) <= 2 and tok.isalpha() for tok in f.split()):
        return f, f.replace(" ", "")
    return (f,)


def _header_score(cells: Sequence[str]) -> int:
    return sum(1 for c in cells if c and any(_STRONG_RE.search(v) for v in _spellings(c)))


def is_header_cells(cells: Sequence[str]) -> bool:
    filled = [c for c in cells if c]
    if len(filled) < 2 or not all(_label_like(c) for c in filled):
        return False
    if any(looks_like_amount(c) or looks_like_percent(c) for c in filled):
        return False
    if any(c[:1].islower() for c in filled):
        return False  # 'komponen instalasi | komponen instalasi': a data row's wrapped words, no labels
    return _header_score(filled) >= 2 or (_header_score(filled) >= 1 and len(filled) >= 3 and _known_words(filled) >= 3)


def is_header_label(cell: str) -> bool:
    """One cell that reads as a column label of a table head (a header word of
    etl/vocab/kata_kepala.csv, no number, no row marker): for readers that meet head cells one
    at a time (etl/read/raw_blocks.py)."""
    c = cell.strip()
    if not c or c[:1].isdigit() or marker_of(c)[0] is not None or c[:1].islower():
        return False
    if not _label_like(c) or looks_like_amount(c) or looks_like_percent(c):
        return False
    return _header_score([c]) >= 1 or _known_words([c]) >= 1


def _known_words(cells: Sequence[str]) -> int:
    return sum(1 for c in cells if any(_HEADER_RE.search(v) for v in _spellings(c)) or c.strip() in {"%", "(%)"})


def is_numbering(cells: Sequence[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 2 or not all(_NUMBERING.match(c) for c in filled):
        return False
    nums = [int(c.strip("()")) for c in filled]
    return nums == sorted(nums) and nums[0] <= 2


PROSE_WORDS = 9  # a lone cell this many words long is a paragraph of running text, not a wrapped cell:
PROSE_CHARS = 55  # table columns are narrower than a text line (real-documents/009: prose after Tabel 2.3)
_CHAPTER = re.compile(r"^\s*bab\s+(?:[ivx]+|\d+)\b", re.IGNORECASE)


def is_terminator(text: str) -> bool:
    t = clean_cell(text)
    return bool(
        _DATE_LINE.match(t) or _PARTY.match(t) or _LABEL_COLON.match(text.strip()) or _TITLE.search(t) or _CHAPTER.match(t)
    )


def is_prose(cells: Sequence[str]) -> bool:
    """A line holding one long run of text: a paragraph that follows a table, which ends it."""
    filled = [c for c in cells if c]
    return len(filled) == 1 and len(filled[0]) >= PROSE_CHARS and len(filled[0].split()) >= PROSE_WORDS


def _under_spanning_cells(header: Sequence[str], sub: Sequence[str]) -> bool:
    """A sub-header row ('APBD Murni | APBD Perubahan') under a header cell that spans several
    columns ('Anggaran' followed by an empty cell): every label stands under that group or under an
    empty header cell, and none is a number (real-documents/009, Tabel 2.3)."""
    spanned = False
    for k, cell in enumerate(sub):
        if not cell:
            continue
        if _has_number(cell) and not _YEAR.fullmatch(cell.strip()):  # years under "Realisasi" are labels
            return False
        above = header[k] if k < len(header) else ""
        group = next((header[j] for j in range(min(k, len(header) - 1), -1, -1) if header[j]), "") if header else ""
        if above and not (k + 1 < len(header) and not header[k + 1]):
            return False
        spanned = spanned or (not above and bool(group))
    return spanned


def split_cells(text: str) -> list[str]:
    return [clean_cell(c) for c in text.split("\t")]


def pipe_to_tabs(text: str) -> str | None:
    """Markdown pipe rows → tab rows; separator rows → ''. Other lines → None."""
    s = text.strip()
    if s.startswith("- |"):
        s = s[2:].strip()
    if not (s.startswith("|") and s.count("|") >= 2):
        return None
    if re.fullmatch(r"[|\s:-]+", s):
        return ""
    return "\t".join(c.strip() for c in s.strip("|").split("|"))


def combine_header(top: list[str], sub: list[str]) -> list[str]:
    """Two header lines → one label per column ('Anggaran > Realisasi')."""
    width = max(len(top), len(sub))
    top = top + [""] * (width - len(top))
    sub = sub + [""] * (width - len(sub))
    out, group = [], ""
    for t, s in zip(top, sub, strict=True):
        if t:
            group = t
        if s:
            out.append(f"{group} > {s}" if (t or group) and (not t or t != s) else s)
        else:
            out.append(t)
            if not t:
                group = ""
    return out


def _caption_before(lines: Sequence[Line], index: int) -> str:
    parts: list[str] = []
    j, seen = index - 1, 0
    while j >= 0 and seen < 5:
        t = clean_cell(lines[j].text)
        if t:
            seen += 1
            if len(t) > 160 or "\t" in lines[j].text.strip():
                break
            parts.insert(0, t)
            if _CAPTION.match(t):
                return " ".join(parts)
        j -= 1
    return " ".join(parts[-2:]) if parts and not _CAPTION.match(parts[0]) else " ".join(parts)


def _prepared(lines: Sequence[Line]) -> list[Line]:
    out = []
    for ln in lines:
        piped = pipe_to_tabs(ln.text)
        out.append(Line(ln.no, piped if piped is not None else ln.text, ln.halaman, ln.cara_baca))
    return out


def _is_blank(text: str) -> bool:
    return not text.strip()


def _single_cell(text: str) -> str | None:
    """The one cell of a line in the one-cell-per-line layout, or None."""
    if text.strip() and "\t" in text.strip():
        return None
    t = clean_cell(text)
    return t or None


HEADER_BLANKS = 3  # blank lines between the labels of a header block (pdftotext -layout sets three between cells)


def _header_block(lines: Sequence[Line], i: int) -> tuple[list[str], int] | None:
    """A block of single-label lines starting at i → (labels, index after the block)."""
    if i > 0 and _LABEL_COLON.match(lines[i - 1].text.strip()):
        return None  # 'TAHUN : 2024' / 'ANGGARAN': the field's label wrapped, no column label
    labels: list[str] = []
    j, blanks = i, 0
    while j < len(lines):
        text = lines[j].text
        if _is_blank(text):
            blanks += 1
            if blanks > HEADER_BLANKS:
                break
            if text.strip() == "" and "\t" in text and labels:
                labels.append("")  # an empty header cell written as a lone tab
            j += 1
            continue
        cell = _single_cell(text)
        if (
            cell is None
            or not _label_like(cell)
            or len(cell) > 45
            or not _known_words([cell])
            or _OUTLINE.match(cell)
            or _LABEL_COLON.match(text.strip())  # "TAHUN ANGGARAN : 2024" is a field, not a column label
        ):
            break
        labels.append(cell)
        blanks = 0
        j += 1
    while labels and not labels[-1]:
        labels.pop()
    labels = [lab for k, lab in enumerate(labels) if lab or (0 < k < len(labels) - 1)]
    if len([lab for lab in labels if lab]) >= 3 and _header_score(labels) >= 2:
        return labels, j
    return None


def _numbering_block(lines: Sequence[Line], j: int) -> int:
    """Column numbers under a header ('(1)', '(2)', ' (3)', '(5)'): increasing, then stop.

    A bare '1' after '(4)' is the first row's number, not a column number."""
    k, last, seen = j, 0, 0
    while k < len(lines):
        t = lines[k].text.strip()
        if not t:
            k += 1
            continue
        if _NUMBERING.match(t) and int(t.strip("()")) > last:
            last = int(t.strip("()"))
            seen += 1
            k += 1
            continue
        break
    return k if seen >= 2 else j


def find_tables(lines: Sequence[Line], phrases: Mapping[tuple[str, str], int] | None = None) -> list[Table]:
    """Every table with a recognisable header, in document order. ``phrases``: the word pairs of
    the whole document's running text, when ``lines`` are a part of it (an agreement's annex)."""
    lines = _prepared(lines)
    known = Counter(w.lower() for ln in lines for w in re.findall(r"[A-Za-z]{3,}", ln.text))  # for broken words
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        text = lines[i].text
        if "\t" in text.strip() or (text.startswith("\t") and text.strip()):
            cells = split_cells(text)
            if is_header_cells(cells):
                table, i = _read_tab_table(lines, i, known)
                tables.append(table)
                continue
        flat = flat_rows.read_flat_table(lines, i, _is_label_word, is_terminator, known, phrases) if "\t" not in text else None
        if flat is not None:
            tables.append(_flat_table(lines, i, flat))
            i = flat.end
            continue
        labelled = _label_value_blocks(lines, i)
        if labelled:
            table, i = labelled
            tables.append(table)
            continue
        block = _header_block(lines, i)
        if block:
            labels, j = block
            table, i = _read_cell_table(lines, i, labels, j)
            tables.append(table)
            continue
        i += 1
    for t in tables:
        t.columns = [expand_label(c) for c in t.columns]
        t.kind = classify(t.columns, t.caption)
    return tables


_LABEL_WORDS = frozenset(w for entry in HEADER_WORDS for w in entry.split())


def _is_label_word(token: str) -> bool:
    """A word of column labels (etl/vocab/kata_kepala.csv), for the flattened tables' heads."""
    words = fold(token).split()
    return bool(words) and all(w in _LABEL_WORDS for w in words)


def _flat_table(lines: Sequence[Line], i: int, flat: flat_rows.FlatTable) -> Table:
    """A table read back from running text by its header's slots (:mod:`etl.layout.flat`), as the
    tab rows that the extractors read."""
    table = Table(
        columns=flat.columns, header_line=flat.header_line, caption=_caption_before(lines, i), layout="tab", dibaca=flat.dibaca
    )
    table.notes = list(flat.notes)
    for r in flat.rows:
        table.rows.append(Row(cells=r.cells, line=r.line, lines=r.lines, cell_lines=r.cell_lines))
    return table


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Header abbreviations (etl/vocab/kolom.csv, each row with the document that taught it)."""
    with (VOCAB / "kolom.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return tuple((re.compile(rf"(?<![\w]){re.escape(r['tertulis'])}(?![\w])", re.IGNORECASE), r["arti"]) for r in rows)


def expand_label(label: str) -> str:
    """'IKU' → 'IKU (Indikator Kinerja Utama)': the printed label stays, its meaning is added so
    that column roles are found by their words."""
    extra = [meaning for pattern, meaning in _abbreviations() if pattern.search(label) and fold(meaning) not in fold(label)]
    return f"{label} ({'; '.join(extra)})" if extra else label


_NAME_LABELS = {"program", "kegiatan", "sub kegiatan", "kegiatan dan sub kegiatan", "uraian"}
_VALUE_LABELS = {"anggaran", "pagu", "sumber dana", "keterangan", "realisasi"}


def _label_value_blocks(lines: Sequence[Line], i: int) -> tuple[Table, int] | None:
    """'Program' / its name lines / 'Anggaran' / amount lines / 'Sumber Dana' / …: a table written
    as one block per column, each block a label line followed by its values."""
    if fold(clean_cell(lines[i].text)) not in _NAME_LABELS or "\t" in lines[i].text.strip():
        return None
    blocks: list[tuple[str, list[tuple[int, str]]]] = []
    j = i
    while j < len(lines):
        t = clean_cell(lines[j].text)
        if not t:
            j += 1
            continue
        f = fold(t)
        if f in _NAME_LABELS | _VALUE_LABELS and "\t" not in lines[j].text.strip():
            if any(fold(label) == f for label, _ in blocks):
                break
            blocks.append((t, []))
        elif blocks and not is_terminator(lines[j].text) and "\t" not in lines[j].text.strip() and len(t) <= 120:
            blocks[-1][1].append((lines[j].no, t))
        else:
            break
        j += 1
    labels = [fold(label) for label, _ in blocks]
    if len(blocks) < 2 or not any(lab in ("anggaran", "pagu") for lab in labels) or not all(v for _, v in blocks):
        return None
    name_values = blocks[0][1]
    items: list[list[tuple[int, str]]] = []
    for no, t in name_values:
        if not items or marker_of(t)[0] is not None:
            items.append([(no, t)])
        else:
            items[-1].append((no, t))
    columns = [label for label, _ in blocks]
    per_column = [[" ".join(t for _, t in item) for item in items]] + [[t for _, t in vals] for _, vals in blocks[1:]]
    if any(len(col) != len(items) for col in per_column):
        return None
    table = Table(
        columns=columns,
        header_line=lines[i].no,
        caption=_caption_before(lines, i),
        layout="cells",
        dibaca="blok label–nilai: tiap label kolom diikuti nilai-nilainya",
    )
    for k, item in enumerate(items):
        frags = [col[k] for col in per_column]
        mark, _ = marker_of(frags[0])
        value_lines = [item[0][0]] + [vals[k][0] for _, vals in blocks[1:]]
        table.rows.append(
            Row(cells=frags, line=item[0][0], lines=[no for no, _ in item], fragments=frags, marker=mark, cell_lines=value_lines)
        )
    return table, j


def _strip_num_prefix(cells: list[str]) -> list[str]:
    """'(1) Meningkatnya …\t(2)\t(4) Indeks …': a column-number row fused with the first data row."""
    prefixed = sum(1 for c in cells if _NUM_PREFIX.match(c) or re.fullmatch(r"\(\d{1,2}\)", c))
    if prefixed >= max(2, len([c for c in cells if c]) - 1):
        return ["" if re.fullmatch(r"\(\d{1,2}\)", c) else _NUM_PREFIX.sub("", c) for c in cells]
    return cells


_QUANTITY = re.compile(r"^\s*[<>≤≥]?\s*\d+(?:[.,]\d+)*\s*(?:%|[A-Za-z])")
VALUE_CHARS = 25  # a value cell with its unit or category ("4 Dokumen", "BB (75,50)") is short


def _value_like(cell: str) -> bool:
    """A short cell holding a number with its unit or category: a value, never wrapped prose."""
    return bool(_QUANTITY.match(cell)) or (len(cell) <= VALUE_CHARS and any(ch.isdigit() for ch in cell))


def _has_number(cell: str) -> bool:
    if PARA in cell:  # '100% ¶ 100%': the targets of two indicators in one cell
        return all(_has_number(p) for p in cell.split(PARA) if p.strip())
    return parse_decimal(cell) is not None or looks_like_amount(cell) or looks_like_percent(cell)


def _read_tab_table(lines: Sequence[Line], i: int, known: Mapping[str, int] | None = None) -> tuple[Table, int]:
    header = split_cells(lines[i].text)
    header_line = lines[i].no
    caption = _caption_before(lines, i)
    j = i + 1
    # sub-header and numbering lines directly below
    while j < len(lines):
        if _is_blank(lines[j].text):
            j += 1
            continue
        cells = split_cells(lines[j].text)
        if is_numbering(cells):
            j += 1
            continue
        filled = [c for c in cells if c]
        if (
            "\t" in lines[j].text
            and filled
            and all(_label_like(c) for c in filled)
            and not cells[0]
            and (_known_words(filled) >= max(1, len(filled) - 1) or _under_spanning_cells(header, cells))
        ):
            header = combine_header(header, cells)
            j += 1
            continue
        break
    while header and not header[-1]:
        header.pop()
    table = Table(columns=header, header_line=header_line, caption=caption, layout="tab", known=known or {}, dibaca=DIBACA_TAB)
    blank_run = 0
    page = lines[j - 1].halaman if j else None
    while j < len(lines):
        raw = lines[j].text
        if _is_blank(raw) and "\t" not in raw:  # a line of tabs only is an empty row of the table
            blank_run += 1
            if blank_run > 3 and not _page_break_ahead(lines, j, page):
                break
            j += 1
            continue
        if lines[j].halaman != page:  # the blanks of a page break (and its furniture) are one gap
            blank_run, page = min(blank_run, 1), lines[j].halaman
        if "\t" not in raw or is_terminator(raw):
            break
        cells = split_cells(raw)
        if is_prose(cells):
            break
        if is_header_cells(cells):
            if [fold(c) for c in cells if c] == [fold(c) for c in header if c]:
                j += 1  # header repeated after a page break
                while j < len(lines) and (is_numbering(split_cells(lines[j].text)) or _is_blank(lines[j].text)):
                    j += 1
                continue
            break
        if is_numbering(cells):
            j += 1
            continue
        cells = _strip_num_prefix(cells)
        if not any(cells):
            j += 1
            continue
        _add_tab_row(table, cells, lines[j].no, blank_run)
        blank_run = 0
        j += 1
    return table, j


PAGE_BREAK_LOOKAHEAD = 12  # blank lines a page break may leave (footer, header and their spacing blanked)


def _page_break_ahead(lines: Sequence[Line], j: int, page: int | None) -> bool:
    """Whether the blank run at ``j`` ends on another page: a table goes on across the break."""
    if page is None:
        return False
    for k in range(j, min(len(lines), j + PAGE_BREAK_LOOKAHEAD)):
        if not _is_blank(lines[k].text):
            return lines[k].halaman not in (None, page)
    return False


_EMBEDDED_AMOUNT = re.compile(r"(?<=\S)\s+((?:Rp\.?\s*)?\d{1,3}(?:\.\d{3})+(?:,\d{2})?)(?=\s+\S)")


def _amount_out_of_name(table: Table, cells: list[str]) -> list[str]:
    """'2. Program 109.410.000,00 Penyelenggaraan …': a borderless reader set a budget table's
    amount among the words of the name beside it (the amount's column left empty). With no number
    elsewhere in the row and one amount inside one cell, the amount is moved to the cell after it."""
    if not any(w in fold(c) for c in table.columns for w in ("anggaran", "pagu")) or any(_has_number(c) for c in cells if c):
        return cells
    found = [(k, m) for k, c in enumerate(cells) for m in _EMBEDDED_AMOUNT.finditer(c)]
    if len(found) != 1:
        return cells
    k, m = found[0]
    out = list(cells)
    out[k] = clean_cell(cells[k][: m.start()] + " " + cells[k][m.end() :])
    if k + 1 < len(out) and not out[k + 1]:
        out[k + 1] = m.group(1)
    elif k + 1 >= len(out):
        out.append(m.group(1))
    else:
        return cells
    return out


def _add_tab_row(table: Table, cells: list[str], line_no: int, blank_before: int) -> None:
    cells = _amount_out_of_name(table, cells)
    prev = table.rows[-1] if table.rows else None
    marker = cells[0].rstrip(".)") if cells and cells[0] and is_marker(cells[0]) else None
    numeric = [k for k, c in enumerate(cells) if c and _has_number(c)]
    texts = [k for k, c in enumerate(cells) if c and not _has_number(c) and not (k == 0 and marker)]
    if prev is not None and marker is None and blank_before <= 2 and _continues_spanning_cell(table, cells, line_no):
        numeric = [k for k, c in enumerate(cells) if c and _has_number(c)]
        texts = [k for k, c in enumerate(cells) if c and not _has_number(c)]
        if not numeric and not texts:
            return
    if prev is not None and marker is None and blank_before <= 2:
        inline_marker, _ = marker_of(cells[texts[0]]) if texts else (None, "")
        prev_text = {k for k, c in enumerate(prev.cells) if c and not _has_number(c)}
        prev_nums = {k for k, c in enumerate(prev.cells) if c and _has_number(c)}
        first_col = next((k for k, c in enumerate(prev.cells) if c and not _has_number(c) and not (k == 0 and prev.marker)), 0)
        numbered = prev.marker is not None or (
            first_col < len(prev.cells) and marker_of(prev.cells[first_col].split(PARA)[0])[0] is not None
        )
        # '100 %' under 'dibagi jumlah permohonan X': a number inside a formula's words (never in
        # the row's name column, where a number alone is a total row)
        formula_number = (
            bool(numeric)
            and numbered
            and inline_marker is None
            and min(numeric) > first_col
            and all(len(prev.cells[k].split()) >= 2 for k in numeric if k < len(prev.cells))
            and set(numeric) <= prev_text
        )
        # Text continuation: only text, in columns where the row above has text. A cell that starts
        # with a quantity under a cell that did too ("4 Dokumen" / "3 Dokumen") is the next row's
        # value, not a wrapped line (real-documents/008: targets with their unit in one cell).
        new_quantity = any(_value_like(cells[k]) and _value_like(prev.cells[k]) for k in texts if k < len(prev.cells))
        if not numeric and texts and inline_marker is None and set(texts) <= prev_text and prev_nums and not new_quantity:
            for k in texts:
                prev.cells[k] = flat_rows.mend(prev.cells[k], cells[k], table.known)
            prev.lines.append(line_no)
            return
        # A numbered row wrapped over lines that carry numbers too (pdftotext -layout: a cell's
        # second paragraph '100%' beside the wrapped 'peran' / 'permohonan'): a line without a
        # row number whose first text goes on in lower case, every text under text of the row
        # above. A number under a number is the cell's next paragraph, as a second indicator
        # starting with its own number ('2 Persentase') is.
        goes_on = inline_marker is None and cells[texts[0]][:1].islower() if texts else False
        if texts and inline_marker is not None and numbered:
            # '2 Persentase' under '1 Persentase …' (beside cells going on in lower case): the
            # cell's next paragraph, not a new row
            above_mark, _ = marker_of(prev.cells[texts[0]].split(PARA)[-1]) if texts[0] < len(prev.cells) else (None, "")
            goes_on = (
                inline_marker.isdigit()
                and not numeric  # a number of its own: the next row ('3. Program …  1.250.000,00')
                and texts[0] > first_col  # never in the row's own name column: that is the next row
                and above_mark is not None
                and above_mark.isdigit()
                and int(inline_marker) == int(above_mark) + 1
                and all(cells[k][:1].islower() for k in texts[1:])
                and len(prev.lines) >= 2  # a row already wrapped; a one-line row is followed by the next
            )
        if formula_number and set(texts) <= prev_text and not new_quantity:
            _continue_cells(prev, cells, sorted(texts + numeric), line_no, as_text=True, known=table.known)
            return
        if (
            texts
            and numbered
            and goes_on
            and set(texts) <= prev_text
            and (numeric or inline_marker is not None or not any(_has_number(prev.cells[k]) for k in texts))
            and all(k < len(prev.cells) and (not prev.cells[k] or _has_number(prev.cells[k])) for k in numeric)
        ):
            _continue_cells(prev, cells, texts + numeric, line_no, known=table.known)
            return
        # Numbers continuation: only numbers, filling empty cells of the row above.
        if numeric and not texts and all(k >= len(prev.cells) or not prev.cells[k] for k in numeric) and prev_text:
            width = max(len(prev.cells), len(cells))
            prev.cells += [""] * (width - len(prev.cells))
            prev.cell_lines += [prev.line] * (width - len(prev.cell_lines))
            for k in numeric:
                prev.cells[k] = cells[k]
                prev.cell_lines[k] = line_no
            prev.lines.append(line_no)
            return
    table.rows.append(Row(cells=cells, line=line_no, lines=[line_no], marker=marker, cell_lines=[line_no] * len(cells)))


SPAN_WORDS = 4  # words of a wrapped line of a cell spanning several rows (a Sasaran beside its indicators)


def _continues_spanning_cell(table: Table, cells: list[str], line_no: int) -> bool:
    """A laid-out table whose first cell spans several rows (one Sasaran, several indicators):
    its wrapped lines stand beside the next rows ('daerah | Persentase temuan | % | 100',
    'Kabupaten/Kota | pengelolaan'). The leading cell of such a line goes on with the row that
    holds the spanning cell, when the rest of the line starts a row of its own (a number under a
    number) while it goes on in lower case, or the rest goes on in lower case itself. The cell is
    moved there and emptied in ``cells``; returns whether it was."""
    filled = [k for k, c in enumerate(cells) if c]
    if len(filled) < 2 or _has_number(cells[filled[0]]):
        return False
    lead = filled[0]
    owner = next((r for r in reversed(table.rows) if lead < len(r.cells) and r.cells[lead]), None)
    cell = cells[lead]
    if owner is None or _has_number(owner.cells[lead]) or len(cell.split()) > SPAN_WORDS or marker_of(cell)[0] is not None:
        return False
    prev = table.rows[-1]
    rest = filled[1:]
    numeric = [k for k in rest if _has_number(cells[k])]
    new_row = bool(numeric) and all(k < len(prev.cells) and _has_number(prev.cells[k]) for k in numeric)
    rest_goes_on = all(cells[k][:1].islower() for k in rest if not _has_number(cells[k]))
    if not ((new_row and cell[:1].islower()) or (not numeric and owner is not prev and (rest_goes_on or cell[:1].islower()))):
        return False
    owner.cells[lead] = f"{owner.cells[lead]} {cell}"
    owner.lines.append(line_no)
    cells[lead] = ""
    return True


def _continue_cells(
    prev: Row,
    cells: list[str],
    columns: list[int],
    line_no: int,
    *,
    as_text: bool = False,
    known: Mapping[str, int] | None = None,
) -> None:
    """Cells of a wrapped line added to the row above: text joined with a space, a number or a
    text starting with its own number ('2 Persentase') after a paragraph break."""
    width = max(len(prev.cells), len(cells))
    prev.cells += [""] * (width - len(prev.cells))
    prev.cell_lines += [prev.line] * (width - len(prev.cell_lines))
    for k in sorted(columns):
        above, here = prev.cells[k], cells[k]
        if not above:
            prev.cells[k] = here
            prev.cell_lines[k] = line_no
        elif not as_text and ((_has_number(here) and not re.search(r"[A-Za-z]{3,}", here)) or marker_of(here)[0] is not None):
            prev.cells[k] = f"{above} {PARA} {here}"
        else:
            prev.cells[k] = flat_rows.mend(above, here, known or {})
    prev.lines.append(line_no)


def _next_marker(cell: str, row: Row | None) -> bool:
    """A row number in the one-cell-per-line layout: the next in sequence, so that a target of
    '100' on a line of its own is not taken for row 100."""
    if not is_marker(cell):
        return False
    mark = cell.strip().rstrip(".)")
    if not mark.isdigit():
        return True
    if row is None or row.marker is None or not row.marker.isdigit():
        return int(mark) <= 3
    # the next number, or the same number printed twice ("7." … "7.") after a complete row
    complete = len(row.fragments) >= 2 or len(row.lines) >= 3  # a flattened row: its lines, cells come later
    return int(mark) == int(row.marker) + 1 or (int(mark) == int(row.marker) and complete)


CELL_TABLE_BLANKS = 6  # blank lines that end a one-cell-per-line table ...
CELL_TABLE_REACH = 12  # ... unless the next row number in sequence follows within this many lines: a
# PDF reader turns the space left by an empty row into blank lines by its height, so a gap the text
# version writes as six lines may come out as seven (the seeds' PK Perubahan forms, sub kegiatan table)


def _next_row_ahead(lines: Sequence[Line], j: int, row: Row | None) -> bool:
    """After a run of blanks at ``j``: is the next line the number of the table's next row?"""
    if row is None or row.marker is None or not row.marker.isdigit():
        return False
    for k in range(j + 1, min(len(lines), j + CELL_TABLE_REACH)):
        if not _is_blank(lines[k].text):
            mark = clean_cell(lines[k].text).rstrip(".)")
            return mark.isdigit() and int(mark) == int(row.marker) + 1
    return False


def _read_cell_table(lines: Sequence[Line], i: int, labels: list[str], j: int) -> tuple[Table, int]:
    table = Table(columns=labels, header_line=lines[i].no, caption=_caption_before(lines, i), layout="cells", dibaca=DIBACA_SEL)
    j = _numbering_block(lines, j)
    row: Row | None = None
    prev_blank = True
    blank_run = 0
    tabbed = False  # whether a cell line starts with a tab: the converters' mark of a new cell
    raw_rows: list[list[tuple[int, str]]] = []  # each row's lines after its number, for a flat re-read
    while j < len(lines):
        raw = lines[j].text
        if _is_blank(raw):
            prev_blank = True
            blank_run += 1
            if blank_run > CELL_TABLE_BLANKS and not _next_row_ahead(lines, j, row):
                break
            j += 1
            continue
        if (
            is_terminator(raw)
            or _header_block(lines, j)
            or (raw.strip() and "\t" in raw.strip() and is_header_cells(split_cells(raw)))
            or (not tabbed and flat_rows.parse_head(raw, _is_label_word) is not None)
        ):
            break
        cell = clean_cell(raw)
        starts_row = (
            _next_marker(cell, row)
            or bool(re.match(r"^\s*-\s+\S", raw) and row is None)
            or (re.match(r"^\s*-\s+\S", raw) is not None and row is not None and row.marker == "-")
        )
        if starts_row:
            if row:
                table.rows.append(row)
            mark = cell.rstrip(".)") if is_marker(cell) else "-"
            row = Row(cells=[], line=lines[j].no, lines=[lines[j].no], marker=mark)
            raw_rows.append([])
            if mark == "-":
                row.fragments.append(clean_cell(re.sub(r"^\s*-\s+", "", raw)))
                row.cell_lines.append(lines[j].no)
        elif row is not None:
            tabbed = tabbed or raw.startswith("\t")
            raw_rows[-1].append((lines[j].no, cell))
            continues = not prev_blank and not raw.startswith("\t") and row.fragments
            if continues:
                row.fragments[-1] = f"{row.fragments[-1]} {cell}".strip()
            else:
                new = [c for c in split_cells(raw) if c]
                row.fragments.extend(new)
                row.cell_lines.extend([lines[j].no] * len(new))
            row.lines.append(lines[j].no)
        prev_blank = False
        blank_run = 0
        j += 1
    if row:
        table.rows.append(row)
    if not tabbed:  # flattened text: no line marks where a cell starts, the header's slots do
        table.dibaca = DIBACA_SEL_DATAR
        slots = _text_slots(labels)
        page = {ln.no: ln.halaman for ln in lines[i:j]}
        for r, raw_lines in zip(table.rows, raw_rows, strict=True):
            if r.marker != "-" and raw_lines:
                frags, where = _typed_fragments(raw_lines, slots)
                r.fragments, r.cell_lines = _rupiah_rejoined(frags, where, [no for no, _ in raw_lines], page)
    for r in table.rows:
        r.cells = list(r.fragments)
    return table, j


# --- flattened one-cell-per-line rows -------------------------------------------------------------
# Text copied out of a PDF viewer (or pdftotext) keeps a table's cells one per line but loses the
# tabs that mark where a cell starts, so a wrapped name cannot be told from the next cell by its
# line alone. The header tells what a row holds, in order: runs of text columns (Sasaran,
# Indikator, Satuan) and value columns (Target, Anggaran, Realisasi). A row's lines are read by
# type: a value (a number, an amount, a quantity with its unit, 'Rp', a lone '-') is a cell of its
# own, and each run of text lines fills the run of text columns it stands for, its wrapped lines
# joined where a line plainly goes on (it starts in lower case, or the line above ends in a
# connective word or a hyphen).

_VALUE_COLUMN = re.compile(r"\b(?:target|anggaran|pagu|realisasi|capaian|bobot|persen|nilai|skor)\b|%")
_NUMBER_COLUMN = re.compile(r"^(?:no|nomor|no urut)$")
_GOES_ON = re.compile(
    r"(?:\b(?:dan|atau|yang|di|dengan|pada|dalam|serta|untuk|ke|dari|oleh|terhadap|bagi|per)|[/,&(-])$", re.IGNORECASE
)
_LONE_VALUE = re.compile(r"^(?:rp\.?|-|–)$", re.IGNORECASE)


def _text_slots(labels: Sequence[str]) -> list[int]:
    """Text columns between value columns, in order: 'No | Sasaran | Indikator | Target |
    Keterangan' gives [2, 1]; the row-number column is not one."""
    runs: list[int] = []
    last_text = False
    for k, label in enumerate(labels):
        f = fold(label)
        if not f or (k == 0 and _NUMBER_COLUMN.match(f.strip())):
            continue
        is_text = not _VALUE_COLUMN.search(f)
        if is_text and last_text:
            runs[-1] += 1
        elif is_text:
            runs.append(1)
        last_text = is_text
    return runs


def _is_value_line(text: str) -> bool:
    return bool(_LONE_VALUE.match(text)) or _has_number(text) or (bool(_QUANTITY.match(text)) and len(text) <= VALUE_CHARS)


def _typed_fragments(raw_lines: Sequence[tuple[int, str]], slots: Sequence[int]) -> tuple[list[str], list[int]]:
    """A flattened row's lines → its cells and the line of each, by type and the header's slots."""
    frags: list[str] = []
    where: list[int] = []
    run: list[tuple[int, str]] = []
    runs_seen = 0

    def flush() -> None:
        nonlocal runs_seen
        if not run:
            return
        k = slots[runs_seen] if runs_seen < len(slots) else 1
        runs_seen += 1
        for group in _join_wrapped(run, k):
            frags.append(_joined(group))
            where.append(group[0][0])
        run.clear()

    for no, text in raw_lines:
        if _is_value_line(text):
            flush()
            frags.append(text)
            where.append(no)
        else:
            run.append((no, text))
    flush()
    return frags, where


_LONE_RP = re.compile(r"^rp\.?$", re.IGNORECASE)
_FUND_WORD = re.compile(r"^[A-Za-z]{2,8}$")  # 'APBD', 'DAU': a source of funds, one short word


def _rupiah_rejoined(
    frags: list[str], where: list[int], row_lines: Sequence[int], page: Mapping[int, int | None]
) -> tuple[list[str], list[int]]:
    """A lone 'Rp' of a flattened row joined to its amount where one cell was broken at its gap.

    A PDF cell 'Rp.         13,691,650' can come out of pdftotext as two blocks with more space
    between them than between the row's cells ('Rp.', a blank line, '13,691,650' where the other
    cells follow line by line; or the row's fund word between, the text runs' order), where 'Rp' in
    a cell of its own stands from its amount as far as any two cells of the row do. So an amount
    farther from its 'Rp' than the row's closest cells are from each other (from the last line of
    one to the first of the next: `row_lines` are the row's lines, `where` each cell's first), on
    the same page, is one printed value with it. A page break is no such gap, and text without
    pages (a viewer's copy) cannot tell one from it: nothing is joined there."""
    out, lines = list(frags), list(where)

    def gap(x: int) -> int:  # blank lines and more between cell x and cell x + 1, plus one
        last = max((n for n in row_lines if n < lines[x + 1]), default=lines[x])
        return lines[x + 1] - max(last, lines[x])

    k = 0
    while k < len(out) - 1:
        j = k + 1
        while j < len(out) - 1 and _FUND_WORD.match(out[j]):
            j += 1
        others = [gap(x) for x in range(len(lines) - 1) if not k <= x < j]
        if (
            _LONE_RP.match(out[k])
            and looks_like_amount(out[j])
            and not out[j].lower().startswith("rp")
            and others
            and lines[j] - lines[k] > (j - k) * min(others)
            and page.get(lines[k]) is not None
            and page.get(lines[k]) == page.get(lines[j])
        ):
            out[j] = f"{out[k]} {out[j]}"
            del out[k], lines[k]
        k += 1
    return out, lines


def _join_wrapped(run: Sequence[tuple[int, str]], slots: int) -> list[list[tuple[int, str]]]:
    """The lines of a run of text columns → one group per column: a line that plainly goes on
    (lower case start, connective at the end of the line above) joins the line above, as does
    every line once each column has its group."""
    groups: list[list[tuple[int, str]]] = [[run[0]]]
    for no, text in run[1:]:
        above = groups[-1][-1][1]
        if len(groups) >= slots or text[:1].islower() or _GOES_ON.search(above):
            groups[-1].append((no, text))
        else:
            groups.append([(no, text)])
    return groups


def _joined(group: Sequence[tuple[int, str]]) -> str:
    """A cell's wrapped lines as one text: 'Perundang-' / 'undangan' is one word again."""
    out = ""
    for _, text in group:
        glued = re.search(r"\w-$", out) is not None and text[:1].islower()
        out = f"{out}{text}" if glued or not out else f"{out} {text}"
    return out


@dataclass(frozen=True)
class KindRule:
    """A table kind from the words of its head: all of ``every``, one of ``some``, none of ``never``.
    The first rule that holds decides; ``why`` says it in words for ``--jelaskan``."""

    kind: str | None
    every: tuple[str, ...] = ()
    some: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    why: str = ""

    def holds(self, head: str) -> bool:
        return (
            all(w in head for w in self.every)
            and (not self.some or any(w in head for w in self.some))
            and not any(w in head for w in self.never)
        )


KIND_RULES = (
    KindRule("skala", some=("interval", "nilai persepsi"), why="skala kategori dari peraturan (interval/nilai persepsi)"),
    KindRule("sakip_komponen", every=("komponen", "bobot"), why="kolom komponen dan bobot (PermenPANRB 88/2021)"),
    KindRule("ikm_sebaran", every=("unsur",), some=("tidak baik", "sangat baik"), why="unsur dengan sebaran jawaban"),
    KindRule(
        "ikm_unsur",
        every=("unsur",),
        some=("skm", "nrr", "ikm", "nilai", "indeks"),
        why="unsur dengan nilai (PermenPANRB 14/2017)",
    ),
    KindRule(
        "kematangan", every=("variabel",), some=("skor", "nilai", "level"), why="variabel dengan skor (Permendagri 99/2018)"
    ),
    KindRule(None, every=("relevansi",), why="tabel relevansi (cascading), bukan angka kinerja"),
    KindRule(
        "efisiensi", every=("indikator",), some=("anggaran", "pagu"), why="indikator bersama anggaran: efisiensi per sasaran"
    ),
    KindRule("realisasi", every=("indikator",), some=("realisasi", "capaian"), why="indikator dengan realisasi/capaian"),
    KindRule("target", every=("indikator", "target"), why="indikator dengan target"),
    KindRule("anggaran", some=("anggaran", "pagu"), never=("indikator",), why="anggaran/pagu tanpa indikator"),
)


def classify_with_reason(columns: Sequence[str], caption: str = "") -> tuple[str | None, str]:
    """The kind of a table from its column labels, and why."""
    # 'Tahun Anggaran' names the fiscal year (a page head's 'TAHUN ANGGARAN : 2024' beside the table
    # in pdftotext's raw order of a PK annex: docs/adding-a-layout.md), never a budget column
    head = re.sub(r"\btahun anggaran\b", "tahun", " | ".join(fold(c) for c in columns))
    # targets per month or quarter: a rencana aksi, not the agreement's targets (real-documents/003)
    if sum(1 for m in MONTHS if re.search(rf"\b{m}\b", head)) >= 3 or re.search(r"\btarget (?:bulan|triwulan|tw)\b", head):
        return "rencana_aksi", "target per bulan/triwulan: rencana aksi"
    for rule in KIND_RULES:
        if rule.holds(head):
            return rule.kind, rule.why
    return None, "kepala kolom tidak cocok dengan jenis tabel mana pun"


def classify(columns: Sequence[str], caption: str = "") -> str | None:
    """The kind of a table from its column labels."""
    return classify_with_reason(columns, caption)[0]
