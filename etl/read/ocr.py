"""Scanned PDF pages → words with positions, by Tesseract with its Indonesian language data.

The page is rendered by pdfplumber (pypdfium2) at :data:`RESOLUTION` dpi; Tesseract's word boxes
are scaled back to PDF points, so a scanned page goes through the same line assembly as a page
with a text layer (:func:`etl.read.pdf.page_items`). Values read from such a page carry
``cara_baca='ocr'`` in every view.
"""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from typing import Any

CARA_BACA = "ocr"
LANG = "ind"
RESOLUTION = 300
MIN_CONFIDENCE = 0.0  # Tesseract gives -1 for boxes that are not words
RULING = re.compile(r"[|!\[\]_\-—–‘’'\".,:;]+")  # table borders read as characters, and specks


@lru_cache(maxsize=1)
def missing() -> str | None:
    """Why OCR cannot run here, in words for the user; None when it can."""
    if shutil.which("tesseract") is None:
        return "Tesseract belum terpasang (paket Debian: tesseract-ocr tesseract-ocr-ind)"
    try:
        import pytesseract

        langs = pytesseract.get_languages(config="")
    except Exception as exc:  # noqa: BLE001 - any failure of the engine means: no OCR here
        return f"Tesseract tidak dapat dijalankan ({type(exc).__name__})"
    if LANG not in langs:
        return "data bahasa Indonesia untuk Tesseract belum terpasang (paket Debian: tesseract-ocr-ind)"
    return None


def page_words(page: Any) -> list[dict[str, Any]]:
    """The words of a rendered page, as pdfplumber word dicts (x0, x1, top, bottom, size, text)."""
    import pytesseract

    image = page.to_image(resolution=RESOLUTION).original.convert("L")
    data = pytesseract.image_to_data(image, lang=LANG, config="--psm 4", output_type=pytesseract.Output.DICT)
    scale = 72.0 / RESOLUTION
    words = []
    for text, conf, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=True
    ):
        if not str(text).strip() or float(conf) < MIN_CONFIDENCE or RULING.fullmatch(str(text).strip()):
            continue
        words.append(
            {
                "text": str(text).strip(),
                "x0": left * scale,
                "x1": (left + width) * scale,
                "top": top * scale,
                "bottom": (top + height) * scale,
                "size": height * scale * 1.25,  # a word box is about the cap height: scale to the font size
            }
        )
    return words
