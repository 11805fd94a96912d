"""The ruled grid of a scanned table, found in the page image.

A word processor draws a table as thin lines around its cells; on a scan they are long runs of
dark pixels, far longer than any stroke of a letter. :func:`find_rulings` collects them,
:func:`erase` whitens them before Tesseract reads the page (otherwise a border is read as ``|``,
``(`` or ``[`` glued to the cell text), and :func:`table_settings` hands them to pdfplumber's
table finder as explicit lines, so a scanned table becomes rows of cells exactly as a table in a
text layer does (:func:`etl.read.pdf.page_items`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

DARK = 128  # grey level below which a pixel is ink
MIN_HORIZONTAL = 24.0  # points: a horizontal run of ink at least this long is a ruling
MIN_VERTICAL = 12.0  # points: a vertical one; taller than the stem of any body-text letter
JOIN = 2  # pixels: runs in neighbouring rows (columns) this close are one thick line
TOUCH = 3.0  # points: a vertical that ends this close to a horizontal ruling meets it


@dataclass
class Ruling:
    """A straight line in pixels: ``at`` is its row (horizontal) or column (vertical); it runs
    from ``start`` to ``end`` along the other axis; ``lo``..``hi`` are the rows/columns it covers."""

    at: float
    start: int
    end: int
    lo: int
    hi: int


def _runs(ink: np.ndarray, min_len: int) -> list[Ruling]:
    """Runs of ink along each row of ``ink`` at least ``min_len`` long, thick lines joined."""
    found: list[Ruling] = []
    open_: list[Ruling] = []
    for row in np.flatnonzero(ink.sum(axis=1) >= min_len):
        edges = np.diff(np.concatenate(([0], ink[row].astype(np.int8), [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        for s, e in zip(starts, ends, strict=True):
            if e - s < min_len:
                continue
            same = next((r for r in open_ if row - r.hi <= JOIN and s < r.end and e > r.start), None)
            if same is None:
                same = Ruling(at=float(row), start=int(s), end=int(e), lo=int(row), hi=int(row))
                open_.append(same)
                found.append(same)
            else:
                same.start, same.end, same.hi = min(same.start, int(s)), max(same.end, int(e)), int(row)
        open_ = [r for r in open_ if row - r.hi <= JOIN]
    for r in found:
        r.at = (r.lo + r.hi) / 2
    return found


def find_rulings(image: Image.Image, resolution: float) -> tuple[list[Ruling], list[Ruling]]:
    """Horizontal and vertical table rulings of a page image (pixels). A vertical run counts only
    where it meets a horizontal ruling, so tall letters of a heading are never taken for a grid."""
    ink = np.asarray(image.convert("L")) < DARK
    px = resolution / 72.0
    horizontal = _runs(ink, round(MIN_HORIZONTAL * px))
    vertical = _runs(ink.T, round(MIN_VERTICAL * px))
    touch = TOUCH * px

    def meets(v: Ruling) -> bool:
        return any(h.start - touch <= v.at <= h.end + touch and v.start - touch <= h.at <= v.end + touch for h in horizontal)

    return horizontal, [v for v in vertical if meets(v)]


def erase(image: Image.Image, horizontal: list[Ruling], vertical: list[Ruling]) -> Image.Image:
    """The page with its rulings whitened (one pixel of margin for the blur of a scan)."""
    pixels = np.array(image.convert("L"))
    h, w = pixels.shape
    for r in horizontal:
        pixels[max(0, r.lo - 1) : min(h, r.hi + 2), r.start : r.end] = 255
    for r in vertical:
        pixels[r.start : r.end, max(0, r.lo - 1) : min(w, r.hi + 2)] = 255
    return Image.fromarray(pixels)


def _closing_lines(horizontal: list[Ruling], vertical: list[Ruling], touch: float) -> list[Ruling]:
    """A table cut by the end of the page (or drawn without its bottom border) has columns that
    end where no horizontal ruling is: close it with a line through those ends."""
    out: list[Ruling] = []
    for end in ("start", "end"):
        loose = [v for v in vertical if not any(abs(getattr(v, end) - h.at) <= touch for h in horizontal)]
        loose.sort(key=lambda v: getattr(v, end))
        group: list[Ruling] = []
        for v in [*loose, None]:
            if v is not None and (not group or getattr(v, end) - getattr(group[0], end) <= touch):
                group.append(v)
                continue
            if len(group) >= 2:
                at = max(getattr(g, end) for g in group) if end == "end" else min(getattr(g, end) for g in group)
                left, right = min(g.at for g in group), max(g.at for g in group)
                out.append(Ruling(at=at, start=round(left), end=round(right) + 1, lo=at, hi=at))
            group = [v] if v is not None else []
    return out


def table_settings(
    horizontal: list[Ruling], vertical: list[Ruling], resolution: float, origin: tuple[float, float] = (0.0, 0.0)
) -> dict[str, Any] | None:
    """pdfplumber table settings with the rulings as explicit lines (PDF points), or None when
    the page has no grid."""
    if not vertical or not horizontal:
        return None
    px = resolution / 72.0
    horizontal = horizontal + _closing_lines(horizontal, vertical, TOUCH * px)
    scale = 1.0 / px
    x0, y0 = origin

    def line(r: Ruling, orientation: str) -> dict[str, Any]:
        a, s, e = r.at * scale, r.start * scale, r.end * scale
        if orientation == "h":
            return {"object_type": "line", "x0": x0 + s, "x1": x0 + e, "top": y0 + a, "bottom": y0 + a, "width": e - s}
        return {"object_type": "line", "x0": x0 + a, "x1": x0 + a, "top": y0 + s, "bottom": y0 + e, "height": e - s}

    if len(horizontal) < 2 or len(vertical) < 2:
        return None
    return {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": [line(r, "v") for r in vertical],
        "explicit_horizontal_lines": [line(r, "h") for r in horizontal],
    }
