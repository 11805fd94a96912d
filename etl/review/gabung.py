"""One finding per distinct slip: findings that stem from the same wrong cell are merged.

A check names the cell it blames in ``Temuan.slip`` ("anggaran:884" for the budget line of line 884,
"serapan:<pagu>:<realisasi>:<printed>" for one wrong percentage printed in several tables …). Every
finding of one document with the same key is the same slip seen from several places: they become
one finding — the most serious one, first in reading order, the one that explains the slip — whose
``baris_terkait`` holds every line of every place, whose ``baris_slip`` holds the places themselves
(each merged finding's own line and the restatements it compared with; not the lines a check only
read for context), and whose message says where else the slip shows.
A finding marked ``turunan`` (a figure computed from the wrong cell) keeps its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from etl.review.finding import GALAT, INFO, PERINGATAN, Temuan

_RANK = {GALAT: 0, PERINGATAN: 1, INFO: 2}


def _lines(t: Temuan) -> set[int]:
    return {t.sumber_baris, *t.baris_terkait}


def _daftar(numbers: Iterable[int]) -> str:
    items = [str(n) for n in sorted(set(numbers))]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} dan {items[-1]}"


def merge(found: list[Temuan]) -> list[Temuan]:
    """Merge the findings that name the same slip; others pass unchanged (order kept)."""
    groups: dict[str, list[Temuan]] = {}
    out: list[Temuan | str] = []
    for t in found:
        if t.slip is None:
            out.append(t)
            continue
        key = f"{t.dokumen_id or ''}|{t.slip}"
        if key not in groups:
            groups[key] = []
            out.append(key)
        groups[key].append(t)
    return [item if isinstance(item, Temuan) else _one(groups[item]) for item in out]


def _one(group: list[Temuan]) -> Temuan:
    if len(group) == 1:
        return group[0]
    main = min(group, key=lambda t: (t.turunan, _RANK.get(t.tingkat, 3), t.sumber_baris))
    others = [t for t in group if t is not main]
    pesan = main.pesan
    places: set[int] = set()
    for t in others:
        if t.turunan:
            pesan += f" Angka turunan di baris {t.sumber_baris}: {t.pesan}"
        elif t.kode == main.kode and t.sumber_baris == main.sumber_baris:
            pesan += f" Juga: {t.pesan}"  # the other amount of the same row
        elif t.sumber_baris != main.sumber_baris:
            places.add(t.sumber_baris)
        else:  # another check on the same cell: the restatement it compared with is a place
            places |= set(t.baris_terkait) - _lines(main)
    if places:
        what = "Salah tulis yang sama" if main.tingkat == GALAT or any(t.tingkat == GALAT for t in others) else "Angka yang sama"
        pesan += f" {what} tampak juga di baris {_daftar(places)}."
    lines: set[int] = set()
    for t in group:
        lines |= _lines(t)
    tingkat = min((t.tingkat for t in group), key=lambda v: _RANK.get(v, 3))
    compared = tuple(sorted({n for t in group for n in t.baris_pembanding}))
    slip = {n for t in group for n in (t.sumber_baris, *t.baris_slip)} | places
    return replace(
        main,
        tingkat=tingkat,
        pesan=pesan,
        baris_terkait=tuple(sorted(lines)),
        baris_pembanding=compared,
        baris_slip=tuple(sorted(slip)),
    )
