"""Numbers stated in running text, checked against the numbers beside them or in the table above.

* ``kalimat_persen`` — a sentence that gives the whole and then its parts, each with its share in
  brackets ("penduduk 1.000 jiwa … laki-laki 600 jiwa (60%) dan perempuan 400 jiwa (40%)"): each
  share against part ÷ whole, when the parts add up to the whole printed before them;
* ``ganda_persen`` — the paragraph after a share table restating a category's percentage
  ("… yang memilih sangat baik sebesar 72,76") with another value than the table prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from etl.model import Dokumen, Line
from etl.numbers import parse_amount, parse_decimal
from etl.review.finding import GALAT, Temuan, angka, persen
from etl.review.tolerance import judge
from etl.tables import Table, find_tables
from etl.text import clean_line, fold

KATEGORI = "ganda"
# after a share table, this many lines of prose are read for restated percentages
PARAGRAPH_LINES = 8

_NUMBER = r"\d{1,3}(?:[.,]\d{3})+|\d+"
# "19.640 jiwa (51,12%)": a count, up to two words of unit, its share in brackets
_PART = re.compile(rf"(?P<count>{_NUMBER})\s*(?:[^\W\d_]+\s*){{0,2}}\(\s*(?P<pct>\d+(?:[.,]\d+)?)\s*%\s*\)")
_ANY_NUMBER = re.compile(rf"(?<![\d.,])(?:{_NUMBER})(?![\d]|[.,]\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def review(doc: Dokumen) -> list[Temuan]:
    return [*check_sentence_shares(doc.lines), *check_restated_shares(doc)]


# --- shares in one sentence -------------------------------------------------------------------------


def check_sentence_shares(lines: Iterable[Line]) -> list[Temuan]:
    found: list[Temuan] = []
    for ln in lines:
        text = clean_line(ln.text)
        if "%" not in text or "\t" in text:
            continue  # table rows are checked as tables
        for sentence in _SENTENCE_END.split(text):
            found.extend(_sentence(sentence, ln.no))
    return found


def _sentence(sentence: str, line: int) -> list[Temuan]:
    parts: list[tuple[re.Match[str], float, float]] = []
    for m in _PART.finditer(sentence):
        count, pct = parse_amount(m["count"]), parse_decimal(m["pct"])
        if count is not None and pct is not None:
            parts.append((m, count, pct))
    if not parts:
        return []
    counts = [c for _, c, _ in parts]
    whole = sum(counts)
    # the whole must be printed before the parts and be exactly their sum: only then is it certain
    # which number the shares are of (a year or an unrelated count never qualifies)
    before = {parse_amount(m.group()) for m in _ANY_NUMBER.finditer(sentence[: parts[0][0].start()])}
    if len(parts) < 2 or whole not in before:
        return []
    found = []
    for m, count, pct in parts:
        expected = count / whole * 100
        verdict = judge(pct, m["pct"], expected)
        if verdict.tingkat != GALAT:
            continue  # rounding-level differences in prose are not worth a reader's time
        found.append(
            Temuan(
                "kalimat_persen",
                GALAT,
                f"Kalimat menulis {angka(count)} ({m['pct']}%) padahal {angka(count)} dari {angka(whole)} = {persen(expected)}.",
                f"{m['pct']}%",
                persen(expected),
                line,
                kategori="persentase",
                angka_tertulis=pct,
                angka_hitung=expected,
                slip=f"kalimat:{line}:{whole}",  # the shares of one sentence are one slip
            )
        )
    return found


# --- a table's share restated in the paragraph after it ------------------------------------------------


def check_restated_shares(doc: Dokumen) -> list[Temuan]:
    by_no = {ln.no: i for i, ln in enumerate(doc.lines)}
    found: list[Temuan] = []
    for table in doc.tabel or find_tables(doc.lines):
        shares = _printed_shares(table)
        if not shares or not table.rows:
            continue
        last = max(r.line for r in table.rows)
        start = by_no.get(last)
        if start is None:
            continue
        for ln in _paragraph_after(doc.lines, start + 1):
            found.extend(_restated(ln, shares))
    return found


def _printed_shares(table: Table) -> dict[str, tuple[float, str, int]]:
    """Category label (folded) → (share, as printed, line) from a table's row of percentages."""
    out: dict[str, tuple[float, str, int]] = {}
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            c = cell.strip()
            if not c.endswith("%") or i >= len(table.columns):
                continue
            label = fold(table.columns[i].split(">")[-1])
            value = parse_decimal(c.rstrip("%").strip())
            if label and value is not None and not label.startswith(("total", "jumlah")):
                out.setdefault(label, (value, c, row.line_at(i)))
    return out


def _paragraph_after(lines: list[Line], index: int) -> Iterable[Line]:
    taken = 0
    for ln in lines[index:]:
        text = ln.text.strip()
        if "\t" in ln.text or fold(text).startswith("tabel"):
            return  # the next table
        if text:
            taken += 1
            yield ln
        if taken >= PARAGRAPH_LINES:
            return


def _restated(ln: Line, shares: dict[str, tuple[float, str, int]]) -> list[Temuan]:
    labels = sorted(shares, key=len, reverse=True)  # "sangat baik" before "baik"
    pattern = re.compile(
        r"\b(?P<label>" + "|".join(r"\s+".join(map(re.escape, lb.split())) for lb in labels) + r")\s+sebesar\s+"
        r"(?P<value>\d+(?:[.,]\d+)?)\s*(?:%|persen)?",
        re.IGNORECASE,
    )
    found = []
    for m in pattern.finditer(clean_line(ln.text)):
        label = " ".join(m["label"].lower().split())
        if label not in shares:
            continue
        value = parse_decimal(m["value"])
        table_value, table_text, table_line = shares[label]
        if value is None or judge(value, m["value"], table_value).tingkat != GALAT:
            continue
        found.append(
            Temuan(
                "ganda_persen",
                GALAT,
                f"Persentase '{m['label']}' ditulis {m['value']}% dalam uraian, sedangkan tabel di atasnya mencetak {table_text}.",
                f"{m['value']}%",
                table_text,
                ln.no,
                baris_terkait=(table_line,),
                kategori=KATEGORI,
                angka_tertulis=value,
                angka_hitung=table_value,
            )
        )
    return found
