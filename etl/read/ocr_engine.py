"""Tesseract as the OCR pages call it: one process per image, hOCR out, words with their baseline.

Why hOCR and not Tesseract's TSV: hOCR gives every text line its baseline and font size
(``x_size``) and every word its confidence, so the top and bottom of a word can be set from its
line's baseline the way a PDF's text layer sets them from the font, instead of from the word's ink
(which depends on whether it has capitals, ascenders or descenders). Lines read that way keep the
regular pitch a text layer has, so :mod:`etl.read.pdf` tells wrapped lines from paragraphs on a
scan as it does on a text layer.

:func:`read_pieces` reads many small pieces of one page (the cells of its tables, or single
numbers) in one Tesseract run: they are stacked into one image with white space between them
(a *mosaic*) and each word found is mapped back to its piece. Each piece is read on its own,
as if it were cut out and read alone (no text line runs from one cell into the next, and a cell
holding only "2" is not lost), without paying Tesseract's start (about 0.2 s: loading the
models) once per cell.

Tesseract runs with ``OMP_THREAD_LIMIT=1``: on this project's 2-core machines its OpenMP threads
make a page slower, not faster (1.2 s instead of 2.3 s for a 200 dpi page, measured).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from PIL import Image

PIECE_PAD = 12  # pixels of white around each piece in a mosaic (Tesseract wants a margin)
PIECE_GAP = 1.0  # white space between stacked pieces, in line heights of the page's text
MIN_GAP = 24  # pixels: the smallest gap between stacked pieces
TIMEOUT = 300  # seconds for one Tesseract run; a stuck engine is an error, not a hang
_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Word:
    """A word as Tesseract read it, in pixels of the source image."""

    text: str
    x0: float
    x1: float
    top: float  # ink box
    bottom: float
    baseline: float  # y of the line's baseline below the word's middle
    x_size: float  # the line's font size estimate, pixels
    conf: float  # 0..100
    line: int  # running number of the text line in the run
    piece: int = -1  # index of the piece it was read from (mosaic), -1 for a whole image
    alternatives: list[str] = field(default_factory=list)


def _title(element: ET.Element) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in (element.get("title") or "").split(";"):
        bits = part.split()
        if bits:
            out[bits[0]] = bits[1:]
    return out


def parse_hocr(hocr: str) -> list[Word]:
    """Tesseract's hOCR → words with their line's baseline and font size."""
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", hocr, count=1))
    words: list[Word] = []
    for n, line in enumerate(root.iter()):
        if line.get("class") not in ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"):
            continue
        t = _title(line)
        lx0, _, _, ly1 = (float(v) for v in t["bbox"])
        slope, offset = (float(v) for v in t.get("baseline", ["0", "0"]))
        x_size = float(t.get("x_size", ["0"])[0])
        for w in line.iter(f"{_NS}span"):
            if w.get("class") != "ocrx_word":
                continue
            text = "".join(w.itertext()).strip()
            if not text:
                continue
            wt = _title(w)
            x0, top, x1, bottom = (float(v) for v in wt["bbox"])
            mid = (x0 + x1) / 2
            words.append(
                Word(
                    text=text,
                    x0=x0,
                    x1=x1,
                    top=top,
                    bottom=bottom,
                    baseline=ly1 + offset + slope * (mid - lx0),
                    x_size=x_size,
                    conf=float(wt.get("x_wconf", ["0"])[0]),
                    line=n,
                )
            )
    return words


def tesseract_cmd() -> str:
    try:
        import pytesseract

        return str(pytesseract.pytesseract.tesseract_cmd)
    except ImportError:  # pragma: no cover - pytesseract is a dependency
        return "tesseract"


def run(image: Image.Image, lang: str, psm: int, resolution: float) -> list[Word]:
    """One Tesseract run over ``image`` (PNG through a pipe): its words."""
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    cmd = [tesseract_cmd(), "stdin", "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(round(resolution)), "hocr"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, env=env, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"tesseract exited with {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}")
    return parse_hocr(done.stdout.decode("utf-8"))


@dataclass
class Piece:
    """A rectangle of the source image to read on its own: ``(x0, top, x1, bottom)`` pixels."""

    box: tuple[int, int, int, int]


def read_pieces(
    image: Image.Image, pieces: list[Piece], lang: str, psm: int, resolution: float, line_height: float
) -> list[Word]:
    """Read every piece of ``image`` on its own, in one Tesseract run; words in source pixels,
    each with the index of its piece."""
    if not pieces:
        return []
    gap = max(MIN_GAP, round(PIECE_GAP * line_height))
    width = max(p.box[2] - p.box[0] for p in pieces) + 2 * PIECE_PAD
    height = sum(p.box[3] - p.box[1] + gap for p in pieces) + 2 * PIECE_PAD
    mosaic = Image.new("L", (width, height), 255)
    offsets: list[tuple[int, int, int]] = []  # (mosaic top, mosaic bottom, piece index)
    y = PIECE_PAD
    for k, p in enumerate(pieces):
        crop = image.crop(p.box)
        mosaic.paste(crop, (PIECE_PAD, y))
        offsets.append((y, y + crop.height, k))
        y += crop.height + gap
    out = []
    for w in run(mosaic, lang, psm, resolution):
        mid = (w.top + w.bottom) / 2
        hit = next((o for o in offsets if o[0] - gap / 2 <= mid < o[1] + gap / 2), None)
        if hit is None:
            continue
        top, _, k = hit
        dx, dy = pieces[k].box[0] - PIECE_PAD, pieces[k].box[1] - top
        w.x0, w.x1, w.top, w.bottom, w.baseline = w.x0 + dx, w.x1 + dx, w.top + dy, w.bottom + dy, w.baseline + dy
        w.piece = k
        out.append(w)
    return out
