"""Survey distributions (view ``sebaran_survei``): a table row of respondent counts per answer
category with its total, and the row of percentages printed beneath it (the SKM tables of an
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
    total: float  # respondents in total, as printed
    total_teks: str
    baris_jumlah: int
    baris_persen: int | None
    baris_total: int


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
        for upper, lower in itertools.pairwise(table.rows):
            if len(upper.cells) != len(lower.cells) or total_col >= len(upper.cells):
                continue
            total = _count(upper.cells[total_col])
            counts = {i: n for i, c in enumerate(upper.cells) if i != total_col and i >= 2 and (n := _count(c)) is not None}
            shares = {i: p for i, c in enumerate(lower.cells) if i != total_col and (p := _pct(c)) is not None}
            if not total or not counts or not shares or not set(shares) <= set(counts):
                continue
            group += 1
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
    return out


def extract(doc: Dokumen) -> list[SebaranSurvei]:
    return distributions(doc.tabel or find_tables(doc.lines))
