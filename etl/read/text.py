"""Plain text and Markdown, as converters and offices hand it over → numbered lines.

* **Encodings**: UTF-8 (with or without BOM), UTF-16 and UTF-32 in either byte order with or
  without BOM (Notepad's "Unicode" is UTF-16 LE with a BOM), Windows-1252 and Latin-1. A file
  without a BOM is taken as UTF-16/32 when its NUL bytes fall where the high bytes of ASCII
  characters stand in that encoding; NUL bytes in any other pattern are a binary file, refused.
* **Damaged UTF-8**: a UTF-8 file with a few bad bytes (a cut copy, one byte flipped) stays UTF-8:
  each bad byte becomes U+FFFD and :func:`damaged` names such lines (the extractor makes each a
  ``peringatan``), instead of the whole file turning into mojibake as Windows-1252. A file with
  bad bytes on more than :data:`MAX_DAMAGED_LINES` lines (and :data:`MAX_DAMAGED_SHARE` of them)
  is refused: it is not UTF-8 text. Text that is already mojibake (UTF-8 read as Windows-1252 by
  an earlier program: ``Ã©``, ``â€“``) is named by :func:`damaged` too.
* **Pages**: a form feed (``\\f``, as ``pdftotext`` writes between pages) starts a new page; when
  the text has one, every line knows its page (``halaman``), page N being the text after N-1 form
  feeds. The form feed itself is not a line.
* **Tables laid out with spaces** (``pdftotext -layout``, tables typed with the space bar): blocks
  whose columns line up are rewritten as tab rows by :mod:`etl.read.columns`, so
  :mod:`etl.tables` reads them like any other table. Lines with tabs, pipe tables and prose are
  kept as they are.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from etl import limits
from etl.layout import fields, furniture, geometry
from etl.model import DocumentError, Line
from etl.read import columns, raw_blocks
from etl.tables import HEADER_WORDS, is_header_cells

# single words of the header labels etl.tables knows, to mend a label word broken over two lines
LABEL_WORDS = frozenset(w for label in HEADER_WORDS for w in label.split() if w.isalpha())
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")  # tried in this order on text without NUL bytes
BINARY = "berkas biner, bukan teks: simpan sebagai .txt, .docx atau .pdf"
UNKNOWN_ENCODING = "teks dengan pengodean yang tidak dikenal (harap UTF-8)"
FORM_FEED = "\f"
REPLACEMENT = "\ufffd"  # what a byte that is not UTF-8 becomes in a damaged UTF-8 file
MAX_DAMAGED_LINES = 20  # a damaged UTF-8 file with bad bytes on more lines than this ...
MAX_DAMAGED_SHARE = 0.05  # ... and on more than this share of its lines is refused, not read
DAMAGED_ENCODING = (
    "teks dengan pengodean rusak: {n} baris berisi byte yang bukan UTF-8 (baris {first}): "
    "simpan ulang sebagai UTF-8 dari aplikasi aslinya"
)
# UTF-8 read as Windows-1252 or Latin-1: 'Ã' or 'Â' before what was a continuation byte, 'â€' for
# the dashes and quotes of U+2010..U+20AC. Indonesian text has no such pairs.
MOJIBAKE = re.compile(
    "Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|Â[\u00a0-\u00bf]|â€"
)

# Byte order marks of the wide encodings, longest first: the UTF-32 LE mark starts with the
# UTF-16 LE one. The UTF-8 mark is left to "utf-8-sig" (text without NUL bytes).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
PATTERN_BYTES = 4096  # bytes looked at to recognise UTF-16/32 without BOM from its NUL bytes
# In UTF-16/32 text of a Latin-script language nearly every character is below U+0100, so its
# high bytes are NUL and its low byte is not. These shares leave room for dashes, quotes and
# other characters above U+00FF (high byte not NUL) and for the odd NUL of a damaged file.
HIGH_NUL_SHARE = 0.7  # at least this share of the high-byte positions holds NUL
LOW_NUL_SHARE = 0.05  # at most this share of the low-byte positions holds NUL
# (code unit size, offsets of the high bytes, offset of the low byte) per encoding without BOM
NUL_PATTERNS = (
    ("utf-32-le", 4, (1, 2, 3), 0),
    ("utf-32-be", 4, (0, 1, 2), 3),
    ("utf-16-le", 2, (1,), 0),
    ("utf-16-be", 2, (0,), 1),
)


def _share_of_nul(data: bytes, unit: int, offset: int) -> float:
    picked = data[offset::unit]
    return picked.count(0) / len(picked) if picked else 0.0


def wide_encoding(data: bytes) -> tuple[str, int] | None:
    """UTF-16/32 recognised from a byte order mark or, without one, from where the NUL bytes
    stand: (encoding, length of the mark), or None for anything else."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    head = data[:PATTERN_BYTES]
    if b"\x00" not in head:
        return None
    for encoding, unit, highs, low in NUL_PATTERNS:
        low_ok = len(head) >= unit and _share_of_nul(head, unit, low) <= LOW_NUL_SHARE
        if low_ok and all(_share_of_nul(head, unit, k) >= HIGH_NUL_SHARE for k in highs):
            return encoding, 0
    return None


def decode(data: bytes, path: str, *, partial: bool = False) -> str:
    """The text of a file's bytes. ``partial``: ``data`` is only the head of the file, so a
    character cut at its end is not an error (for sniffing the format)."""
    wide = wide_encoding(data)
    if wide is not None:
        encoding, bom = wide
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(data[bom:], final=not partial)
        except UnicodeDecodeError as exc:
            raise DocumentError(path, None, BINARY) from exc
        if "\x00" in text:  # NUL characters: a binary whose NUL bytes happened to fall in line
            raise DocumentError(path, None, BINARY)
        return text
    if b"\x00" in data[:PATTERN_BYTES]:
        raise DocumentError(path, None, BINARY)
    if _damaged_utf8(data):
        return codecs.getincrementaldecoder("utf-8-sig")(errors="replace").decode(data, final=not partial)
    for encoding in ENCODINGS:
        try:
            return codecs.getincrementaldecoder(encoding)().decode(data, final=not partial)
        except UnicodeDecodeError:
            continue
    raise DocumentError(path, None, UNKNOWN_ENCODING)


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 with bad bytes rather than a single-byte encoding: the file is not valid UTF-8, but
    it holds valid UTF-8 characters beyond ASCII (a Windows-1252 text practically never does:
    that takes a capital accented letter followed by a curly quote or a dash)."""
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count(REPLACEMENT)
    good = sum(1 for c in text if c > "\x7f") - bad
    return good > 0


def damaged(text: str) -> str | None:
    """Why a line's text cannot be trusted (bytes that were not UTF-8, mojibake), in words for
    the user; None for a sound line."""
    if REPLACEMENT in text:
        return f"baris berisi byte yang tidak dapat dibaca dalam pengodean berkas (ditampilkan sebagai {REPLACEMENT})"
    if m := MOJIBAKE.search(text):
        return f"baris berisi teks rusak pengodean (mojibake '{m.group()}', UTF-8 yang terbaca sebagai Windows-1252)"
    return None


def read_text(path: Path) -> list[Line]:
    text = decode(path.read_bytes(), str(path))
    limits.check_text_lines(path, text)
    if REPLACEMENT in text:
        bad = [no for no, t in enumerate(text.split("\n"), start=1) if REPLACEMENT in t]
        if len(bad) > MAX_DAMAGED_LINES and len(bad) > MAX_DAMAGED_SHARE * (text.count("\n") + 1):
            raise DocumentError(str(path), None, DAMAGED_ENCODING.format(n=len(bad), first=", ".join(map(str, bad[:5])) + " …"))
    return lines_of(text)


def lines_of(text: str) -> list[Line]:
    """Numbered lines of a decoded text: pages from form feeds, aligned tables as tab rows.

    A form feed ends its page with an empty line, as :func:`etl.read.pdf.read_pdf` ends each
    page (and as splitting the text into lines always did), so a page break keeps two pages'
    text apart while a table that goes on over it is still mended (one blank line).

    Paged text loses its running headers, footers and page numbers (:mod:`etl.layout.furniture`,
    their lines left empty). They are looked for once the tables are tab rows, so that a table
    header repeated on every page is known as such and kept; the tables are then found again
    without the furniture, which would otherwise stand between a table and its next page."""
    pages = [page.splitlines() for page in text.split(FORM_FEED)]
    if len(pages) > 1 and not any(t.strip() for t in pages[-1]):
        pages.pop()  # the form feed after the last page
    if fields.has_field_blocks(pages):  # pdftotext's reading order: 'Nama' / ':' / value apart
        pages = [fields.mend_fields(page) for page in pages]
    pages = [raw_blocks.rebuild(page) for page in pages]  # pdftotext's raw order: tables column by column
    known = geometry.vocabulary(geometry.Word(0.0, 0.0, 0.0, 0.0, w, 1.0) for w in text.split())

    def tabulated(pages: list[list[str]]) -> list[list[str]]:
        return columns.tabulate_pages(pages, is_header_cells, LABEL_WORDS, known)

    if len(pages) == 1:
        return _numbered(join_wrapped(tabulated(pages)), paged=False)
    found = furniture.find_furniture(_numbered(tabulated(pages), paged=True))
    if found:
        pages = [
            ["" if no in found else t for no, t in zip(_line_numbers(pages, p), page, strict=True)]
            for p, page in enumerate(pages)
        ]
    return _numbered(join_wrapped(tabulated(pages)), paged=True)


WRAP_MAX_WIDTH = 140  # characters: text wrapped at a right margin (pdftotext, a hard-wrapped mail) is narrower
WRAP_SHARE = 0.3  # ... and at least this share of its prose lines reach near that margin
MIN_WRAPPED = 10  # ... and at least this many: a short text shows no margin
FULL_SHARE = 0.85  # a line with its next word this close to the margin (a share of it) was wrapped there
_PROSE = re.compile(r"^\S+(?: \S+)*$")  # words apart by single spaces: no tab, no column gap
_LIST_START = re.compile(r"^(?:[-•*·]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[IVX]{1,5}[.)])(?:\s|$)")


def join_wrapped(pages: list[list[str]]) -> list[list[str]]:
    """Paragraphs that the text wraps at a right margin (``pdftotext -layout`` sets a PDF's lines
    as they were printed) joined again, as the PDF reader joins the lines of a paragraph: a prose
    line continues the one above when that one was full (its length and the next word reach
    :data:`FULL_SHARE` of the margin, the longest prose line). The joined paragraph stands on its
    first line, the lines it took are left empty (line numbers are provenance). Only in a text
    wrapped so (the margin at most :data:`WRAP_MAX_WIDTH` characters, :data:`WRAP_SHARE` of the
    prose lines and at least :data:`MIN_WRAPPED` near it): a text written one paragraph per line is left as it is. A line that
    starts a list item ('-', '1.', 'a)') is never a continuation."""
    prose = [t.strip() for page in pages for t in page if _PROSE.match(t.strip()) and len(t.strip()) >= 20]
    if not prose:
        return pages
    margin = max(len(t) for t in prose)
    near = sum(1 for t in prose if len(t) >= FULL_SHARE * margin)
    if margin > WRAP_MAX_WIDTH or near < max(MIN_WRAPPED, WRAP_SHARE * len(prose)):
        return pages
    out = []
    for lines in pages:
        page = list(lines)
        head: int | None = None
        for i, text in enumerate(lines):
            t = text.strip()
            if not t or not _PROSE.match(t):
                head = None
                continue
            full = i > 0 and len(lines[i - 1].strip()) + 1 + len(t.split()[0]) >= FULL_SHARE * margin
            if head is not None and full and not _LIST_START.match(t):
                page[head] = f"{page[head].rstrip()} {t}"
                page[i] = ""
                continue
            head = i
        out.append(page)
    return out


def _line_numbers(pages: list[list[str]], page: int) -> range:
    """The line numbers that :func:`_numbered` gives the lines of ``pages[page]``."""
    first = sum(len(p) + 1 for p in pages[:page]) + 1  # each page break is a line of its own
    return range(first, first + len(pages[page]))


def _numbered(pages: list[list[str]], *, paged: bool) -> list[Line]:
    out: list[Line] = []
    for number, texts in enumerate(pages, start=1):
        if number > 1:
            out.append(Line(no=len(out) + 1, text="", halaman=number - 1))  # the page break
        base = len(out)
        halaman = number if paged else None
        out.extend(Line(no=base + k, text=t, halaman=halaman) for k, t in enumerate(texts, start=1))
    return out
