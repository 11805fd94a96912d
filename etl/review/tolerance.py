"""When does a printed number disagree with the numbers it comes from? The one rule for all checks.

* within half a unit of the printed number's last digit: consistent, no finding;
* inside the range the printed inputs allow (each input may itself be rounded), or cut off instead
  of rounded, or one unit of the last digit away: ``peringatan`` (rounding level), saying which;
* anything further: ``galat``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from etl import rules
from etl.review.finding import GALAT, PERINGATAN

EPS = 1e-9

ALASAN_MASUKAN = "selisihnya masih dapat dijelaskan oleh pembulatan angka masukan yang tercetak"
ALASAN_POTONG = "angkanya dipotong, bukan dibulatkan"
ALASAN_SATU_DIGIT = "selisihnya hanya satu angka terakhir (tingkat pembulatan)"


@dataclass(frozen=True)
class Verdict:
    tingkat: str | None  # None: consistent
    alasan: str = ""


OK = Verdict(None)


def half_unit(printed_text: str | None, default: float = 0.005) -> float:
    return rules.rounding_tolerance(printed_text) if printed_text else default


def judge(
    printed: float,
    printed_text: str | None,
    computed: float,
    bounds: tuple[float, float] | None = None,
) -> Verdict:
    """Compare a printed number with the value computed from its printed inputs."""
    half = half_unit(printed_text)
    diff = abs(printed - computed)
    if diff <= half + EPS:
        return OK
    unit = 2 * half
    truncated = math.floor(computed / unit + EPS) * unit if computed >= 0 else math.ceil(computed / unit - EPS) * unit
    if abs(truncated - printed) <= EPS * max(1.0, abs(printed)) + 1e-12:
        return Verdict(PERINGATAN, ALASAN_POTONG)
    lo, hi = bounds if bounds else (computed, computed)
    if lo - half - EPS <= printed <= hi + half + EPS:
        return Verdict(PERINGATAN, ALASAN_MASUKAN)
    if diff <= unit + EPS:
        return Verdict(PERINGATAN, ALASAN_SATU_DIGIT)
    return Verdict(GALAT)


def bounds(fn: Callable[..., float | None], inputs: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """Range of ``fn`` over the box of inputs, each given as (printed value, half unit)."""
    values = []
    for corner in itertools.product(*[(v - h, v + h) for v, h in inputs]):
        try:
            out = fn(*corner)
        except ZeroDivisionError:
            out = None
        if out is not None:
            values.append(out)
    return (min(values), max(values)) if values else None


def sum_bounds(parts: Sequence[tuple[float, float]]) -> tuple[float, float]:
    total = sum(v for v, _ in parts)
    spread = sum(h for _, h in parts)
    return total - spread, total + spread
