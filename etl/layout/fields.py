"""Form fields that a converter wrote label block, colon block, value block, put back together.

``pdftotext`` without ``-layout`` writes the two columns of a field list ('Nama : …' /
'Jabatan : …', the parties of an agreement) in its reading order: the labels, each colon on a
line of its own, and the values elsewhere, sometimes after the sentence that follows them::

    Nama                      Nama                    Nama
    :                         Jabatan                 Dr. A. NAMA, S.Sos.,
    Jabatan                                           M.Si
    :                         :                       BUPATI X
    selanjutnya disebut …     :
                                                      :
    NAMA PERTAMA, ST          NAMA KEDUA, S.Pi        Jabatan
    CAMAT X                   KEPALA SUB BAGIAN       :
                              PERENCANAAN DAN …

A lone ':' line is the mark of this form (no typed text has one). A group of field labels
(etl/vocab/label_isian.csv) and colons is paired with the value lines around it: one line per
label when their numbers agree; for a name and a post ('Nama', 'Jabatan') the name takes its
lines up to the first that does not end in a comma (a name wrapped after its degree, 'S.Sos.,' /
'M.Si') and the post the rest. Any other group is left as it is. Each label's line then reads
'Label : value' and the value and colon lines are left empty, so that every line keeps its
number.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from etl.text import clean_cell, fold

VOCAB = Path(__file__).resolve().parent.parent / "vocab" / "label_isian.csv"
MAX_VALUE_WORDS = 8  # a value line of a field is short: a name, a post
MAX_GROUP_LINES = 16
_COLON = ":"


@lru_cache(maxsize=1)
def _labels() -> frozenset[str]:
    with VOCAB.open(encoding="utf-8") as fh:
        return frozenset(r["label"] for r in csv.DictReader(fh))


def _is_label(text: str) -> bool:
    return fold(text) in _labels()


def _is_value(text: str) -> bool:
    t = clean_cell(text)
    return (
        bool(t)
        and t != _COLON
        and not _is_label(t)
        and not t[:1].islower()  # '… selanjutnya disebut Pihak Pertama': a sentence, not a name or a post
        and len(t.split()) <= MAX_VALUE_WORDS
        and not t.endswith(":")
    )


def has_field_blocks(pages: Sequence[Sequence[str]]) -> bool:
    """Whether the text has the lone ':' lines of a field list written block by block."""
    return any(t.strip() == _COLON for page in pages for t in page)


def mend_fields(page: list[str]) -> list[str]:
    """The page's lines with each field group written back as 'Label : value' lines."""
    out = list(page)
    i = 0
    while i < len(out):
        if not _is_label(out[i]):
            i += 1
            continue
        group = _group(out, i)
        if group is None:
            i += 1
            continue
        labels, colons, values, end = group
        paired = _pair([clean_cell(out[k]) for k in labels], [clean_cell(out[k]) for k in values])
        if paired is None:
            i = end
            continue
        for k, text in zip(labels, paired, strict=True):
            out[k] = f"{clean_cell(out[k])} : {text}"
        for k in (*colons, *values):
            out[k] = ""
        i = end
    return out


def _group(lines: Sequence[str], i: int) -> tuple[list[int], list[int], list[int], int] | None:
    """The label, colon and value lines of the field group starting at ``lines[i]``, and the index
    after it; None when the group has no lone colon (a typed 'Nama' heading) or no value."""
    labels: list[int] = []
    colons: list[int] = []
    values: list[int] = []
    skipped_sentence = False
    blanks = 0
    k = i
    while k < len(lines) and k - i < MAX_GROUP_LINES:
        t = clean_cell(lines[k])
        if not t:
            blanks += 1
            if blanks > 1 and values:
                break
            k += 1
            continue
        blanks = 0
        if t == _COLON:
            colons.append(k)
        elif _is_label(t):
            if labels and fold(t) == fold(lines[labels[0]]) and values:
                break  # the next group starts with the same label again
            labels.append(k)
        elif _is_value(t):
            values.append(k)
        elif not values and not skipped_sentence and colons:
            skipped_sentence = True  # '… selanjutnya disebut Pihak Pertama' between labels and values
        else:
            break
        k += 1
    if not colons or not values or len(colons) != len(labels):
        return None
    return labels, colons, values, k


_NAME_GOES_ON = re.compile(r",\s*$")


def _pair(labels: Sequence[str], values: Sequence[str]) -> list[str] | None:
    if len(labels) == len(values):
        return list(values)
    if [fold(x) for x in labels] == ["nama", "jabatan"] and len(values) > len(labels):
        k = 0
        while k < len(values) - 1 and _NAME_GOES_ON.search(values[k]):
            k += 1
        name, post = values[: k + 1], values[k + 1 :]
        if post:
            return [" ".join(name), " ".join(post)]
    return None
