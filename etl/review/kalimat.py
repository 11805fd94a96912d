"""Numbers stated in running text, checked against the numbers beside them or in the table above.

* ``kalimat_persen`` — a sentence that gives the whole and then its parts, each with its share in
  brackets ("penduduk 1.000 jiwa … laki-laki 600 jiwa (60%) dan perempuan 400 jiwa (40%)"): each
  share against part ÷ whole (the facts ``bagian_kalimat`` of etl.documents.pernyataan);
* ``ganda_persen`` — the paragraph after a share table restating a category's percentage
  ("… yang memilih sangat baik sebesar 72,76") with another value than the table prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from etl.documents.pernyataan import BAGIAN_KALIMAT, Pernyataan
from etl.model import Dokumen, Line
from etl.numbers import parse_decimal
from etl.review.finding import GALAT, Temuan, angka, persen
from etl.review.tolerance import judge
from etl.tables import Table, find_tables
from etl.text import clean_line, fold

KATEGORI = "ganda"
# after a share table, this many lines of prose are read for restated percentages
PARAGRAPH_LINES = 8


def review(doc: Dokumen) -> list[Temuan]:
    return [*check_sentence_shares(doc.pernyataan), *check_restated_shares(doc)]


# --- shares in one sentence (facts of etl.documents.pernyataan) ----------------------------------------


def check_sentence_shares(facts: Iterable[Pernyataan]) -> list[Temuan]:
    found = []
    for s in facts:
        if s.jenis != BAGIAN_KALIMAT or s.nilai is None or s.pembanding is None or not s.keseluruhan:
            continue
        count, whole = s.pembanding, s.keseluruhan
        expected = count / whole * 100
        verdict = judge(s.nilai, s.nilai_teks, expected)
        if verdict.tingkat != GALAT:
            continue  # rounding-level differences in prose are not worth a reader's time
        found.append(
            Temuan(
                "kalimat_persen",
                GALAT,
                f"Kalimat menulis {angka(count)} ({s.nilai_teks}%) padahal {angka(count)} dari {angka(whole)} = {persen(expected)}.",
                f"{s.nilai_teks}%",
                persen(expected),
                s.sumber_baris,
                kategori="persentase",
                angka_tertulis=s.nilai,
                angka_hitung=expected,
                slip=f"kalimat:{s.sumber_baris}:{whole}",  # the shares of one sentence are one slip
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
