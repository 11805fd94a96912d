"""Scanned PDF pages → words with positions, by Tesseract with its Indonesian language data.

The page is rendered by pdfplumber (pypdfium2) at :data:`RESOLUTION` dpi. The ruled grid of
its tables is found in the image (:mod:`etl.read.ocr_grid`) and whitened before Tesseract reads
the page, so borders are not read as characters; the grid becomes pdfplumber tables and
Tesseract's word boxes are scaled back to PDF points, so a scanned page goes through the same
line assembly as a page with a text layer (:func:`etl.read.pdf.page_items`): a table row is one
line of tab-separated cells. Values read from such a page carry ``cara_baca='ocr'`` in every view.

Tesseract reads with the Indonesian model plus the English one where installed (Debian installs
it with Tesseract): the Indonesian model alone reads the ``%`` of ``100%`` as digits ("10074").
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from typing import Any

from etl.read import ocr_grid

CARA_BACA = "ocr"
LANG = "ind"
EXTRA_LANGS = ("eng",)  # knows '%' where the Indonesian model reads it as digits
RESOLUTION = 300
MIN_CONFIDENCE = 0.0  # Tesseract gives -1 for boxes that are not words
RULING = re.compile(r"[|!\[\]_\-—–‘’'\".,:;]+")  # table borders read as characters, and specks


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


def languages() -> str:
    """The Tesseract language argument: Indonesian first, plus the extra models installed."""
    langs = _languages()
    installed = () if isinstance(langs, str) else langs
    return "+".join([LANG, *(x for x in EXTRA_LANGS if x in installed)])


def read_page(page: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """The words of a scanned page (pdfplumber word dicts: x0, x1, top, bottom, size, text) and
    the tables of its ruled grid (pdfplumber tables, cells in PDF points)."""
    image = page.to_image(resolution=RESOLUTION).original.convert("L")
    horizontal, vertical = ocr_grid.find_rulings(image, RESOLUTION)
    settings = ocr_grid.table_settings(horizontal, vertical, RESOLUTION, (page.bbox[0], page.bbox[1]))
    tables = page.find_tables(table_settings=settings) if settings else []
    words = image_words(ocr_grid.erase(image, horizontal, vertical), (page.bbox[0], page.bbox[1]))
    return words, tables


def image_words(image: Any, origin: tuple[float, float] = (0.0, 0.0)) -> list[dict[str, Any]]:
    """Tesseract's words of a page image rendered at :data:`RESOLUTION`, in PDF points."""
    import pytesseract

    data = pytesseract.image_to_data(image, lang=languages(), config="--psm 4", output_type=pytesseract.Output.DICT)
    scale = 72.0 / RESOLUTION
    x0, y0 = origin
    words = []
    for text, conf, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=True
    ):
        if not str(text).strip() or float(conf) < MIN_CONFIDENCE or RULING.fullmatch(str(text).strip()):
            continue
        words.append(
            {
                "text": str(text).strip(),
                "x0": x0 + left * scale,
                "x1": x0 + (left + width) * scale,
                "top": y0 + top * scale,
                "bottom": y0 + (top + height) * scale,
                "size": height * scale * 1.25,  # a word box is about the cap height: scale to the font size
            }
        )
    return words
