"""Survey distributions (view ``sebaran_survei``): a table row of respondent counts per answer
category with its total, and the row of percentages printed beneath it (or a row of percentages
alone, its total "100%") (the SKM tables of an
LKjIP: "Tidak Baik | Kurang Baik | Baik | Sangat Baik | Total"). One fact per category: the count
and the share as printed, the total, and the lines of each; the review checks them
(etl/review/persentase.py, etl/review/kalimat.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from etl.model import Dokumen
from etl.numbers import parse_amount, parse_decimal
from etl.tables import Table, find_tables
from etl.text import fold


@dataclass
class SebaranSurvei:
    urutan: int
    kelompok: int  # one row pair (counts, percentages) of one table: the facts checked together
    tabel: str  # the table's caption
    unsur: str  # what was asked about (the row's label), else the caption
    kategori: str  # the answer category (column label)
    jumlah: float | None  # respondents, as printed
    jumlah_teks: str | None
    persen: float | None  # share, as printed (NULL where the row of percentages leaves it empty)
    persen_teks: str | None
    total: float | None  # respondents in total, as printed (NULL for a row of shares printed without counts)
    total_teks: str | None
    baris_jumlah: int | None
    baris_persen: int | None
    baris_total: int | None


def _count(cell: str) -> float | None:
    c = cell.strip()
    if not c or c in {"-", "–"} or "%" in c or "," in c:
        return None
    value = parse_amount(c)
    return value if value is not None and float(value).is_integer() else None


def _pct(cell: str) -> tuple[float, str] | None:
    c = cell.strip()
    if not c.endswith("%"):
        return None
    value = parse_decimal(c.rstrip("%").strip())
    return (value, c) if value is not None else None


def total_column(columns: Sequence[str]) -> int | None:
    for i, label in enumerate(columns):
        if fold(label).replace(" ", "") in {"total", "jumlah"}:
            return i
    return None


def distributions(tables: Sequence[Table]) -> list[SebaranSurvei]:
    out: list[SebaranSurvei] = []
    group = 0
    for table in tables:
        total_col = total_column(table.columns)
        if total_col is None:
            continue
        label = next((c for r in table.rows for c in r.cells[1:2] if c and not c[0].isdigit()), "") or table.caption
        used: set[int] = set()
        for upper, lower in itertools.pairwise(table.rows):
            if len(upper.cells) != len(lower.cells) or total_col >= len(upper.cells):
                continue
            total = _count(upper.cells[total_col])
            counts = {i: n for i, c in enumerate(upper.cells) if i != total_col and i >= 2 and (n := _count(c)) is not None}
            shares = {i: p for i, c in enumerate(lower.cells) if i != total_col and (p := _pct(c)) is not None}
            if not total or not counts or not shares or not set(shares) <= set(counts):
                continue
            group += 1
            used |= {id(upper), id(lower)}
            for i, n in counts.items():
                pct = shares.get(i)
                out.append(
                    SebaranSurvei(
                        len(out) + 1,
                        group,
                        table.caption,
                        label,
                        table.columns[i] if i < len(table.columns) else "",
                        n,
                        upper.cells[i].strip(),
                        pct[0] if pct else None,
                        pct[1] if pct else None,
                        total,
                        upper.cells[total_col].strip(),
                        upper.line_at(i),
                        lower.line_at(i) if pct else None,
                        upper.line_at(total_col),
                    )
                )
        # a row of shares printed without its counts (its total "100%"): the shares alone
        for row in table.rows:
            if id(row) in used or total_col >= len(row.cells) or _pct(row.cells[total_col]) is None:
                continue
            shares = {i: p for i, c in enumerate(row.cells) if i != total_col and (p := _pct(c)) is not None}
            if not shares:
                continue
            group += 1
            for i, (value, text) in shares.items():
                kategori = table.columns[i] if i < len(table.columns) else ""
                out.append(
                    SebaranSurvei(
                        len(out) + 1, group, table.caption, label, kategori, None, None, value, text, None, None, None,
                        row.line_at(i), None,
                    )
                )  # fmt: skip
    return out


def extract(doc: Dokumen) -> list[SebaranSurvei]:
    return distributions(doc.tabel or find_tables(doc.lines))
