"""Scanned PDF pages → words with positions, by Tesseract with its Indonesian language data.

How a scanned page (or a scanned image pasted into a page with a text layer) is read:

1. The page is rendered at the resolution it was scanned at (:func:`scan_resolution`). The ruled
   grid of its tables is found in the image (:mod:`etl.read.ocr_grid`), handed to pdfplumber as
   explicit table lines (so a scanned table becomes rows of cells exactly as a table in a text
   layer) and whitened.
2. **Cell by cell**: every non-empty cell is cut out and read on its own, all cells of a page in
   one Tesseract run (:func:`etl.read.ocr_engine.read_pieces`, ``--psm 6``: a block of text),
   so no text line runs from one cell into the next and a cell holding only ``2`` is kept; a
   cell Tesseract reads nothing in that holds two stacked dots is ``:``. The text outside the
   tables is read in a second run (``--psm 11``, sparse text), and ink no word covers (a lone
   ``2.`` at the foot of a page) in a third, as pieces.
3. Words get their top and bottom from their line's baseline and one font size per page (hOCR),
   so the lines of a cell keep the pitch of a text layer and :mod:`etl.read.pdf` joins wrapped
   lines and tells paragraphs apart as it does for a text layer (on the seed scans, word
   positions within 0.7 pt and sizes within 0.2 % of the text layer's).
4. The ink corrects a few readings (:func:`_by_shape`): ``=`` read as ``-`` (two bars are
   counted), ``x``/``X`` and the like by their height, ``|`` on the baseline is ``I``, the dot
   of a row number ``3.``, and the abbreviations of :data:`WORD_FIXES`.
5. **Numbers are read twice**: every word that would become a number is read again by the
   English model alone (one more run, a mosaic of those words) and judged
   (:mod:`etl.read.ocr_numbers`): a number the two readings disagree on, that is malformed
   (``1O0``, ``12.500000``), read with low confidence or too large for its column of percentages
   is written marked (``⟦10046|100%⟧``), which no number parser reads, so it is never a value.

Words are returned as pdfplumber word dicts in PDF points (plus ``conf`` and
``cara_baca='ocr'``) with pdfplumber tables, and go through the same line assembly as a page
with a text layer (:func:`etl.read.pdf.page_items`). Values read from such a page carry
``cara_baca='ocr'`` in every view. :func:`read_regions` does the same for the large images of a
page that has a text layer (:func:`image_regions_needing_ocr`).

**Languages**: ``eng+ind`` (English first where installed, Debian installs it with Tesseract).
The Indonesian model alone reads the ``%`` of ``100%`` as digits ("10074") and every ``=`` as
``-``; on a LibreOffice PK scanned at 200 dpi eng+ind left 3 lines different from the text layer,
ind+eng 5, eng alone 4.

**Why no img2table or OpenCV.** The grid finder here is numpy over the rendered page (long runs
of ink, well under 0.1 s a page) and found every ruling of the seed scans. img2table 2.0 (MIT)
finds grids with OpenCV but installs ``opencv-contrib-python`` (316 MB unpacked, measured) and
reads the cells from one whole-page OCR. On the 200 dpi scan of a LibreOffice PK (8 pages,
tests/fixtures/forms) its table rows matched the text layer's to 0.876 (character similarity;
row numbers lost, '50%' read '5096', 22 rows for 19) against 0.9999 here, in 27.6 s against
20.5 s under the same load. ``opencv-python-headless`` would only replace the run finder. So no
dependency was added.

**Cost** per scanned page on this project's 2-core machine (Tesseract 5.3, ``OMP_THREAD_LIMIT=1``,
which halves it: Tesseract's OpenMP threads made one 200 dpi page run take 2.3 s instead of 1.2 s),
measured on the 8 pages of that PK: **1.6 s of CPU a page at 200 dpi, 2.0 s at 300 dpi** (the
time alone on the machine; 2.6 s and 4.3 s wall while other work shared the two cores). Three to
four Tesseract runs a page: cells, the rest, unread ink (when there is any), numbers again.
"""

from __future__ import annotations

import math
import shutil
import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image

from etl import limits
from etl.read import ocr_engine, ocr_grid, ocr_numbers
from etl.read.ocr_engine import Piece, Word

CARA_BACA = "ocr"
LANG = "ind"  # required: the documents are Indonesian
EXTRA_LANGS = ("eng",)  # put first where installed: knows '%' and '=' where the Indonesian model reads digits and '-'
NUMBER_LANG = "eng"  # the second reading of numbers (module docstring, etl.read.ocr_numbers)
RESOLUTION = 300  # dpi a page is rendered at when it shows no scan of its own resolution
MIN_RESOLUTION, MAX_RESOLUTION = 200, 400  # a scan is read at its own resolution within these bounds
CELL_PSM = 6  # a cell: one block of text lines
FREE_PSM = 11  # the rest of a page: sparse text, wherever it stands (4 and 3 drop lone items such as
# '(1)' of a column-number row; 6 joins side-by-side text; 11 read the form scans within 0.0002 of 4)
NUMBER_PSM = 6  # the mosaic of single numbers: one block, a number a line
DARK = 128  # grey level below which a pixel is ink
MIN_INK = 12  # pixels of ink that make a cell worth reading (less is dust or a border remnant)
INSET = 3  # pixels cut from each side of a cell: what erasing the ruling may have left
TRIM_PAD = 6  # pixels of white kept around the ink of a cell when it is cut out
SIZE_FACTOR = 1.07  # Tesseract's x_size (pixels) x this = the font size (LibreOffice 10 pt at 200 dpi: 26 px → 27.8 px)
ASCENT = 0.8  # a word's top is this many font sizes above its baseline (as a text layer sets it)
LARGER = 1.3  # a line whose x_size exceeds the page's usual by this factor keeps its own size (a heading)
NUMBER_MARGIN = 2  # pixels kept around a number's ink box when it is cut out for its second reading
# (no more: ink of the neighbouring words made the English model read '100%' as 'oo')
MIN_IMAGE_SHARE = 0.12  # an image covering at least this share of a page may hold a table or text to read
MAX_WORDS_ON_IMAGE = 3  # more text-layer words than this on the image: it already has a text layer
JUNK = frozenset("|[]_‘’'\"`~")  # characters a border remnant or a speck is read as
CAP_HEIGHT = 0.85  # font sizes: a '|' no taller than this, standing on the baseline, is a capital I
SIGNS = frozenset("%")  # read again by the English model where the Indonesian one read it as letters
PERCENT_WORDS = frozenset({"Yo", "Ya", "yo", "%o", "°o"})  # a '%' standing alone, as the Indonesian model reads it
DOT = 0.2  # font sizes: the largest extent of one dot of a colon or full stop
UNREAD_MARGIN = 0.15  # font sizes around a word read that count as its ink
UNREAD_GAP = 1.0  # font sizes: unread ink further apart than this is read as separate pieces
UNREAD_MIN_HEIGHT, UNREAD_MAX_HEIGHT = 0.3, 3.0  # font sizes: a band of unread ink that may be a text line
UNREAD_MIN_INK = 4  # times MIN_INK: less unread ink in a piece is specks, not text
NUMBER_DOT_REACH = 0.45  # font sizes right of a row number where the dot that follows it is looked for
COLON_SPAN = (0.3, 0.75)  # font sizes: from the top of a colon's upper dot to the bottom of its lower one
BASELINE_SLACK = 2  # pixels: a word whose ink ends this close to its line's baseline stands on it
EN_DASH = 0.7  # font sizes: a dash no wider than this is an en dash (0.5 em), a wider one an em dash (1 em)
SAME_SHAPE = frozenset("cosvwxz")  # letters whose capital is the small one, larger: told apart by height
X_HEIGHT = 0.62  # font sizes: a single letter of SAME_SHAPE with ink at most this tall is lower case
# Abbreviations of Indonesian administration that Tesseract misreads, l and I being one stroke:
# 'Plt.' (pelaksana tugas, an acting official) and 'Jln.' (jalan, in addresses).
WORD_FIXES = {"Pit.": "Plt.", "PIt.": "Plt.", "Jin.": "Jln."}


@lru_cache(maxsize=1)
def _languages() -> tuple[str, ...] | str:
    """Tesseract's installed languages, or why Tesseract cannot run (in words for the user)."""
    if shutil.which("tesseract") is None:
        return "Tesseract belum terpasang (paket Debian: tesseract-ocr tesseract-ocr-ind)"
    try:
        import pytesseract

        return tuple(pytesseract.get_languages(config=""))
    except Exception as exc:  # noqa: BLE001 - any failure of the engine means: no OCR here
        return f"Tesseract tidak dapat dijalankan ({type(exc).__name__})"


def missing() -> str | None:
    """Why OCR cannot run here, in words for the user; None when it can."""
    langs = _languages()
    if isinstance(langs, str):
        return langs
    if LANG not in langs:
        return "data bahasa Indonesia untuk Tesseract belum terpasang (paket Debian: tesseract-ocr-ind)"
    return None


def _installed() -> tuple[str, ...]:
    langs = _languages()
    return () if isinstance(langs, str) else langs


def languages() -> str:
    """The Tesseract language argument: the extra models installed, then Indonesian (measured on
    a LibreOffice PK scanned at 200 dpi: eng+ind left 3 lines different from the text layer,
    ind+eng 5, eng alone 4; ind alone reads '100%' as '10074' and every '=' as '-')."""
    return "+".join([*(x for x in EXTRA_LANGS if x in _installed()), LANG])


# --- pages and regions ------------------------------------------------------------------------


def read_page(page: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """The words of a scanned page (pdfplumber word dicts: x0, x1, top, bottom, size, text) and
    the tables of its ruled grid (pdfplumber tables, cells in PDF points)."""
    return read_region(page, tuple(page.bbox))


def read_region(
    page: Any, bbox: tuple[float, float, float, float], known: list[dict[str, Any]] | None = None
) -> tuple[list[dict[str, Any]], list[Any]]:
    """:func:`read_page` for one rectangle of a page (PDF points): a scanned table pasted into a
    page with a text layer. OCR words standing on a word of ``known`` (the text layer) are dropped."""
    bbox = _clip(bbox, tuple(page.bbox))
    region = page if bbox == tuple(page.bbox) else page.crop(bbox)
    resolution = render_resolution(page, bbox)
    image = region.to_image(resolution=resolution).original.convert("L")
    origin = (bbox[0], bbox[1])
    horizontal, vertical = ocr_grid.find_rulings(image, resolution)
    settings = ocr_grid.table_settings(horizontal, vertical, resolution, origin)
    tables = page.find_tables(table_settings=settings) if settings else []
    clean = ocr_grid.erase(image, horizontal, vertical)
    scale = resolution / 72.0
    grid = [[[_to_pixels(c, origin, scale) if c is not None else None for c in row.cells] for row in t.rows] for t in tables]
    words = read_image(clean, grid, [_to_pixels(t.bbox, origin, scale) for t in tables], resolution)
    usual = _usual_size(words, resolution)
    out = [_as_pdf_word(w, origin, scale, usual) for w in words]
    if known:
        out = [w for w in out if not any(_overlaps(w, k) for k in known)]
    return out, tables


class OcrMissing(Exception):
    """A page holds images to read but OCR cannot run here (the reason, in words for the user)."""


def read_regions(page: Any, words: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Any]]:
    """The OCR words and tables of every image of a page with a text layer that needs reading
    (:func:`image_regions_needing_ocr`); nothing when there is none. Raises :class:`OcrMissing`
    when there is one and Tesseract is not here, so that nothing on the page is lost silently."""
    regions = image_regions_needing_ocr(page, words)
    if not regions:
        return [], []
    why = missing()
    if why is not None:
        raise OcrMissing(why)
    found: list[dict[str, Any]] = []
    tables: list[Any] = []
    for box in regions:
        w, t = read_region(page, box, words)
        found += w
        tables += t
    return found, tables


def image_regions_needing_ocr(page: Any, words: list[dict[str, Any]]) -> list[tuple[float, float, float, float]]:
    """Images on a page with a text layer that hold text no text layer covers: each large image
    (at least :data:`MIN_IMAGE_SHARE` of the page) with at most :data:`MAX_WORDS_ON_IMAGE`
    text-layer words on it, as a bbox in PDF points (x0, top, x1, bottom), largest first."""
    page_box = tuple(page.bbox)
    area = (page_box[2] - page_box[0]) * (page_box[3] - page_box[1])
    found: list[tuple[float, float, float, float]] = []
    for im in page.images:
        box = _clip((float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"])), page_box)
        share = (box[2] - box[0]) * (box[3] - box[1]) / area if area else 0.0
        if share < MIN_IMAGE_SHARE:
            continue
        on_it = sum(1 for w in words if _centre_in(w, box))
        if on_it <= MAX_WORDS_ON_IMAGE and not any(_contains(f, box) for f in found):
            found.append(box)
    return sorted(found, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))


class PageTooLarge(Exception):
    """A page, or an image on it, too large to render for OCR within :mod:`etl.limits`: what it
    is and the limit, in words for the user (the reader adds the file and page)."""

    def __init__(self, what: str, limit: str) -> None:
        super().__init__(f"{what} ({limit})")
        self.what, self.limit = what, limit


def render_resolution(page: Any, bbox: tuple[float, float, float, float] | None = None) -> float:
    """:func:`scan_resolution`, lowered so that the rendered region has at most
    :data:`etl.limits.OCR_MAX_PIXELS` pixels (a poster-sized page is read at a lower resolution,
    never as a bitmap of gigabytes). Raises :class:`PageTooLarge` when even
    :data:`etl.limits.OCR_MIN_RESOLUTION` is too much, or when an image on the page holds more
    than :data:`etl.limits.OCR_MAX_IMAGE_PIXELS` pixels (rendering decodes it whole)."""
    box = _clip(bbox, tuple(page.bbox)) if bbox is not None else tuple(page.bbox)
    for im in page.images:
        src = im.get("srcsize") or (0, 0)
        pixels = float(src[0] or 0) * float(src[1] or 0)
        if pixels > limits.OCR_MAX_IMAGE_PIXELS:
            raise PageTooLarge(
                f"memuat gambar berukuran {limits.angka(src[0])} × {limits.angka(src[1])} piksel, yang",
                f"{limits.angka(limits.OCR_MAX_IMAGE_PIXELS)} piksel per gambar",
            )
    width, height = (box[2] - box[0]) / 72.0, (box[3] - box[1]) / 72.0  # inches
    resolution = scan_resolution(page, box)
    area = max(width * height, 1e-9)
    if area * resolution**2 <= limits.OCR_MAX_PIXELS:
        return resolution
    lowered = math.floor(math.sqrt(limits.OCR_MAX_PIXELS / area))
    if lowered < limits.OCR_MIN_RESOLUTION:
        pixels = area * limits.OCR_MIN_RESOLUTION**2
        size = f"{limits.angka(width)} × {limits.angka(height)} inci"
        raise PageTooLarge(
            f"berukuran {size}, menjadi {limits.angka(pixels)} piksel bila dibaca dengan OCR pada {limits.OCR_MIN_RESOLUTION} dpi,",
            f"{limits.angka(limits.OCR_MAX_PIXELS)} piksel per halaman",
        )
    return float(lowered)


def scan_resolution(page: Any, bbox: tuple[float, float, float, float]) -> float:
    """The resolution to render ``bbox`` at: that of the largest image on it (a scan is read at
    the resolution it was scanned at: upsampling it made Tesseract read '=' as '-' more often),
    within :data:`MIN_RESOLUTION`..:data:`MAX_RESOLUTION`; :data:`RESOLUTION` without one."""
    best, best_area = None, 0.0
    for im in page.images:
        width_pt = float(im["x1"]) - float(im["x0"])
        box = _clip((float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"])), bbox)
        area = max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])
        src = im.get("srcsize") or (0, 0)
        if area > best_area and width_pt > 0 and src[0]:
            best, best_area = float(src[0]) * 72.0 / width_pt, area
    if best is None:
        return RESOLUTION
    return float(min(MAX_RESOLUTION, max(MIN_RESOLUTION, round(best))))


# --- reading an image ------------------------------------------------------------------------


@dataclass
class _Cell:
    table: int
    row: int
    col: int


def read_image(
    image: Image.Image,
    grid: list[list[list[tuple[int, int, int, int] | None]]],
    table_boxes: list[tuple[int, int, int, int]],
    resolution: float = RESOLUTION,
) -> list[Word]:
    """The words of a page image whose rulings are erased: the cells of ``grid`` (tables → rows
    → cell boxes in pixels) each on its own, the rest of the page as a whole, numbers judged."""
    ink = np.asarray(image) < DARK
    pieces: list[Piece] = []
    where: list[_Cell] = []
    for t, rows in enumerate(grid):
        for r, cells in enumerate(rows):
            for c, box in enumerate(cells):
                trimmed = _trim(ink, box) if box is not None else None
                if trimmed is not None:
                    pieces.append(Piece(trimmed))
                    where.append(_Cell(t, r, c))
    line_height = resolution / 72.0 * 12  # a 10 pt line, until the page says otherwise
    lang = languages()
    words = ocr_engine.read_pieces(image, pieces, lang, CELL_PSM, resolution, line_height)
    usual = _usual_size(words, resolution)
    read = {w.piece for w in words}
    for k, piece in enumerate(pieces):
        sign = None if k in read else _colon(ink, piece.box, usual)
        if sign is not None:
            words.append(sign)
            sign.piece = k
    cell_of = {id(w): where[w.piece] for w in words}
    free_image = image
    if table_boxes:
        pixels = np.array(image)
        for x0, top, x1, bottom in table_boxes:
            pixels[top:bottom, x0:x1] = 255
        free_image = Image.fromarray(pixels)
    free_ink = np.asarray(free_image) < DARK
    if free_ink.sum() >= MIN_INK:
        free_words = ocr_engine.run(free_image, lang, FREE_PSM, resolution)
        left = _unread(free_ink, free_words, _usual_size(words + free_words, resolution))
        words += free_words + ocr_engine.read_pieces(free_image, left, lang, CELL_PSM, resolution, line_height)
    for w in words:
        w.text = _by_shape(w, ink)
    _restore_numbering_dots(words, ink)
    words = [w for w in words if not _junk(w)]
    _check_numbers(image, words, cell_of, resolution)
    return words


def _check_numbers(image: Image.Image, words: list[Word], cell_of: dict[int, _Cell], resolution: float) -> None:
    """Judge every word that may become a number; rewrite it as kept or marked."""
    numbers = [w for w in words if ocr_numbers.is_candidate(w.text) or w.text in SIGNS or w.text in PERCENT_WORDS]
    if not numbers:
        return
    second: dict[int, str] = {}
    if NUMBER_LANG in _installed():
        size = _usual_size(words, resolution)
        w_img, h_img = image.size
        m = NUMBER_MARGIN
        pieces = [
            Piece(
                (
                    max(0, round(w.x0) - m),
                    max(0, round(min(w.top, w.baseline - ASCENT * size)) - m),
                    min(w_img, round(w.x1) + m),
                    min(h_img, round(max(w.bottom, w.baseline + (1 - ASCENT) * size)) + m),
                )
            )
            for w in numbers
        ]
        again = ocr_engine.read_pieces(image, pieces, NUMBER_LANG, NUMBER_PSM, resolution, size * 1.2)
        for k in range(len(numbers)):
            second[k] = "".join(a.text for a in again if a.piece == k)
    cells: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        cell = cell_of.get(id(w))
        if cell is not None:
            cells.setdefault((cell.table, cell.row, cell.col), []).append(w)
    columns: dict[tuple[int, int], list[str]] = {}
    for (t, _, c), ws in cells.items():
        if len(ws) == 1:  # a cell that is one value: the column's kind of value
            columns.setdefault((t, c), []).append(ws[0].text)
    for k, w in enumerate(numbers):
        if w.text in SIGNS or w.text in PERCENT_WORDS:
            if second.get(k) in SIGNS:
                w.text = second[k]
            continue
        cell = cell_of.get(id(w))
        column = None
        if cell is not None and len(cells[(cell.table, cell.row, cell.col)]) == 1:
            column = list(columns.get((cell.table, cell.col), []))
            column.remove(w.text)
        judged = ocr_numbers.judge(w.text, second=second.get(k), confidence=w.conf, column=column)
        w.text = judged.text


# --- geometry --------------------------------------------------------------------------------


def _usual_size(words: list[Word], resolution: float) -> float:
    """The page's body font size in pixels (median of the lines' x_size)."""
    sizes = [w.x_size for w in words if w.x_size > 0]
    return statistics.median(sizes) * SIZE_FACTOR if sizes else resolution / 72.0 * 10


def _as_pdf_word(w: Word, origin: tuple[float, float], scale: float, usual: float | None = None) -> dict[str, Any]:
    size = w.x_size * SIZE_FACTOR
    if usual is not None and size <= LARGER * usual:
        size = usual
    x0, y0 = origin
    return {
        "text": w.text,
        "x0": x0 + w.x0 / scale,
        "x1": x0 + w.x1 / scale,
        "top": y0 + (w.baseline - ASCENT * size) / scale,
        "bottom": y0 + (w.baseline + (1 - ASCENT) * size) / scale,
        "size": size / scale,
        "conf": w.conf,
        "cara_baca": CARA_BACA,
    }


def _by_shape(w: Word, ink: np.ndarray) -> str:
    """A word whose reading the ink's shape corrects: abbreviations of :data:`WORD_FIXES`; a
    single letter of :data:`SAME_SHAPE` in the case its height shows; '|' standing on the
    baseline at cap height is 'I'; '-' drawn as two bars is '='; a dash of 0.5 em is '–'."""
    text = WORD_FIXES.get(w.text, w.text)
    size = w.x_size * SIZE_FACTOR
    height = w.bottom - w.top
    on_baseline = abs(w.bottom - w.baseline) <= BASELINE_SLACK
    if len(text) == 1 and text.lower() in SAME_SHAPE and on_baseline:
        if height <= X_HEIGHT * size:
            return text.lower()
        if height <= CAP_HEIGHT * size:
            return text.upper()
    if text == "|" and on_baseline and height <= CAP_HEIGHT * size:
        return "I"
    if text in ("-", "="):
        box = ink[int(w.top) : int(w.bottom) + 1, int(w.x0) : int(w.x1) + 1]
        rows = box.any(axis=1) if box.size else np.zeros(0, dtype=bool)
        bars = int(np.count_nonzero(np.diff(np.concatenate(([False], rows, [False])).astype(np.int8)) == 1))
        return "=" if bars == 2 else "-" if bars == 1 else text
    if text in ("—", "–") and size > 0:
        return "–" if (w.x1 - w.x0) <= EN_DASH * size else "—"
    return text


def _unread(ink: np.ndarray, words: list[Word], size: float) -> list[Piece]:
    """Ink outside every word read: text the page-wide run dropped (a lone '2.' at the foot of
    a page). Grouped into line pieces (rows of ink, split where a gap is wider than
    :data:`UNREAD_GAP` font sizes) to be read on their own; specks are left out."""
    left = ink.copy()
    grow = round(UNREAD_MARGIN * size)
    for w in words:
        left[max(0, int(w.top) - grow) : int(w.bottom) + grow + 1, max(0, int(w.x0) - grow) : int(w.x1) + grow + 1] = False
    pieces: list[Piece] = []
    rows = np.flatnonzero(left.any(axis=1))
    if not len(rows):
        return pieces
    for band in np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1):
        top, bottom = int(band[0]), int(band[-1]) + 1
        if bottom - top < UNREAD_MIN_HEIGHT * size or bottom - top > UNREAD_MAX_HEIGHT * size:
            continue
        cols = np.flatnonzero(left[top:bottom].any(axis=0))
        for run in np.split(cols, np.flatnonzero(np.diff(cols) > UNREAD_GAP * size) + 1):
            x0, x1 = int(run[0]), int(run[-1]) + 1
            if left[top:bottom, x0:x1].sum() >= MIN_INK * UNREAD_MIN_INK:
                m = TRIM_PAD
                pieces.append(Piece((max(0, x0 - m), max(0, top - m), min(ink.shape[1], x1 + m), min(ink.shape[0], bottom + m))))
    return pieces


def _colon(ink: np.ndarray, box: tuple[int, int, int, int], size: float) -> Word | None:
    """A cell Tesseract read nothing in that holds just a colon (two dots one above the other,
    as in 'Nama | : | …' forms): block mode drops a lone ':' as noise. Nothing else is guessed."""
    part = ink[box[1] : box[3], box[0] : box[2]]
    rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
    if not len(rows) or cols[-1] - cols[0] + 1 > DOT * size:
        return None
    runs = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    if len(runs) != 2 or any(len(r) > DOT * size for r in runs):
        return None
    span = rows[-1] - rows[0] + 1
    if not COLON_SPAN[0] * size <= span <= COLON_SPAN[1] * size:
        return None
    x0, x1 = box[0] + int(cols[0]), box[0] + int(cols[-1]) + 1
    top, bottom = box[1] + int(rows[0]), box[1] + int(rows[-1]) + 1
    return Word(":", x0, x1, top, bottom, float(bottom), size / SIZE_FACTOR, conf=0.0, line=-1)


def _restore_numbering_dots(words: list[Word], ink: np.ndarray) -> None:
    """Sparse-text mode drops the dot of a row number ('3.' comes out '3'). Put it back where
    the ink shows one: a dot-sized blob on the baseline right after a number of at most two
    digits that starts its line (a row number; a value such as '85' is never given a dot)."""
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    for w in words:
        if not (w.text.isdigit() and len(w.text) <= 2) or w.line < 0 or min(o.x0 for o in by_line[w.line]) < w.x0:
            continue
        size = w.x_size * SIZE_FACTOR
        x0, x1 = int(w.x1) + 1, int(w.x1 + NUMBER_DOT_REACH * size)
        top, bottom = int(w.baseline - CAP_HEIGHT * size), int(w.baseline + BASELINE_SLACK) + 1
        if x0 >= ink.shape[1] or top < 0:
            continue
        part = ink[top:bottom, x0 : min(x1, ink.shape[1])]
        rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
        if not len(rows) or any(o is not w and o.x0 < x1 and o.x1 > x0 and o.line == w.line for o in words):
            continue
        dot = rows[-1] - rows[0] + 1 <= DOT * size and cols[-1] - cols[0] + 1 <= DOT * size
        if dot and top + rows[-1] >= w.baseline - BASELINE_SLACK:
            w.text += "."
            w.x1 = float(x0 + cols[-1] + 1)


def _junk(w: Word) -> bool:
    """A border remnant or a speck read as a word: only junk characters."""
    return all(ch in JUNK for ch in w.text)


def _trim(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """A cell box cut to its ink (plus a margin), or None for an empty cell."""
    x0, top, x1, bottom = box[0] + INSET, box[1] + INSET, box[2] - INSET, box[3] - INSET
    if x1 <= x0 or bottom <= top:
        return None
    part = ink[top:bottom, x0:x1]
    if part.sum() < MIN_INK:
        return None
    rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
    h, w = ink.shape
    return (
        max(0, x0 + int(cols[0]) - TRIM_PAD),
        max(0, top + int(rows[0]) - TRIM_PAD),
        min(w, x0 + int(cols[-1]) + 1 + TRIM_PAD),
        min(h, top + int(rows[-1]) + 1 + TRIM_PAD),
    )


def _to_pixels(bbox: Any, origin: tuple[float, float], scale: float) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = (float(v) for v in bbox)
    return (
        round((x0 - origin[0]) * scale),
        round((top - origin[1]) * scale),
        round((x1 - origin[0]) * scale),
        round((bottom - origin[1]) * scale),
    )


def _clip(box: tuple[float, ...], page: tuple[float, ...]) -> tuple[float, float, float, float]:
    return (max(box[0], page[0]), max(box[1], page[1]), min(box[2], page[2]), min(box[3], page[3]))


def _centre_in(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _contains(outer: tuple[float, float, float, float], inner: tuple[float, float, float, float]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
