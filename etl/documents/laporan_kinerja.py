"""Laporan Kinerja (LKjIP) tables → realisasi, history, key scores, components, efficiency.

Realisasi and history tables share one reader: every column label is read as (metric, year) —
"Target 2024", "Realisasi 2023", "Capaian %", "Target Akhir" — so a table of one year and a table
of five years are the same thing with more columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl import evidence, rules
from etl.indicators import ikm_unsur, kematangan_variabel, kunci, sakip_komponen, sakip_sub
from etl.model import AnggaranSasaran, Catatan, Komponen, Realisasi, Skor
from etl.numbers import parse_amount, parse_decimal, parse_labelled
from etl.tables import Row, Table, marker_of
from etl.text import fold, plain

_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class Metric:
    kind: str  # target | realisasi | capaian | kategori | target_akhir
    year: int | None


def column_metric(label: str, default_year: int) -> Metric | None:
    f = fold(label)
    years = _YEAR.findall(label)
    year = int(years[-1]) if years else default_year
    if "akhir" in f and "target" in f:
        return Metric("target_akhir", None)
    if "rata" in f:
        return None
    if "target" in f:
        return Metric("target", year)
    if "realisasi" in f:
        return Metric("realisasi", year)
    if "capaian" in f or "pencapaian" in f:
        return Metric("capaian", year)
    if label.strip() in ("%", "(%)"):  # the capaian column whose head lost its word (real-documents/009, Tabel 3.1)
        return Metric("capaian", year)
    if "kategori" in f or "kriteria" in f or "predikat" in f:
        return Metric("kategori", year)
    return None


def _is_capaian_row(name: str) -> bool:
    f = fold(name)
    return f.startswith(("persentase pencapaian", "persentase capaian", "capaian", "prosentase pencapaian"))


AVERAGE_ROW_WORDS = 4  # "Rata - rata Capaian Kinerja": a sum or mean row is a short label; "Jumlah Total
# Dataset Statistik yang Terintegrasi" is an indicator that counts something (real-documents/009)


def _is_average_row(name: str) -> bool:
    f = fold(name)
    return f.startswith(("rata", "jumlah", "total")) and len(f.split()) <= AVERAGE_ROW_WORDS


def extract_realisasi(table: Table, tahun: int, unit: str, start: int, notes: list[Catatan]) -> list[Realisasi]:
    ind_col = table.col("indikator")
    if ind_col is None:
        return []
    satuan_col = table.col("satuan")
    sasaran_col = table.col("sasaran") if table.col("sasaran") is not None else table.col("tujuan")
    metrics = {
        i: m for i, label in enumerate(table.columns) if i not in (ind_col, satuan_col) and (m := column_metric(label, tahun))
    }
    out: list[Realisasi] = []
    previous: dict[int, Realisasi] = {}
    sasaran_current: str | None = None
    for row in table.rows:
        cells = (
            row.cells[: len(table.columns)]
            if len(row.cells) >= len(table.columns)
            else row.cells + [""] * (len(table.columns) - len(row.cells))
        )
        if table.layout != "tab":
            printed = [t for t in row.texts if parse_decimal(t) is not None]
            values = f": nilai {', '.join(repr(t) for t in printed[:8])} tidak dimuat" if printed else ""
            notes.append(
                Catatan(
                    row.line, "peringatan", f"tabel realisasi dengan satu sel per baris belum didukung; baris dilewati{values}"
                )
            )
            continue
        name = marker_of(plain(cells[ind_col]) or "")[1]
        if sasaran_col is not None and cells[sasaran_col]:
            sasaran_current = plain(cells[sasaran_col])
        if not name:
            if any(cells[i] for i in metrics):
                notes.append(Catatan(row.line, "peringatan", "nilai realisasi tanpa nama indikator; baris dilewati"))
            continue
        if _is_average_row(name):
            notes.append(Catatan(row.line, "info", f"baris '{name}' (rata-rata/jumlah) tidak dimuat sebagai indikator"))
            continue
        if _is_capaian_row(name) and previous:
            for i, m in metrics.items():
                value = parse_decimal(cells[i])
                if value is not None and m.year in previous and previous[m.year].capaian_dilaporkan is None:
                    rec = previous[m.year]
                    rec.capaian_dilaporkan, rec.capaian_teks = value, cells[i]
                    evidence.settle_capaian(rec)  # the printed capaian now decides the formula
            continue
        satuan = plain(cells[satuan_col]) if satuan_col is not None else None
        by_year: dict[int, dict[str, str]] = {}
        target_akhir = None
        for i, m in metrics.items():
            cell = cells[i].strip()
            if not cell or fold(cell) in {"na", "n a", "tidak ada"}:
                continue
            if m.kind == "target_akhir":
                target_akhir = parse_decimal(cell)
                continue
            by_year.setdefault(m.year or tahun, {})[m.kind] = cell
        key = kunci(name)
        previous = {}
        for year in sorted(by_year, reverse=True):
            vals = by_year[year]
            if "realisasi" not in vals and "capaian" not in vals:
                continue
            target, _ = _value(vals.get("target"))
            realisasi, kategori = _value(vals.get("realisasi"))
            reported = parse_decimal(vals.get("capaian"))
            rec = Realisasi(
                urutan=start + len(out),
                bagian=table.caption[:200] or "realisasi",
                unit_kerja=unit,
                tahun=year,
                sasaran=sasaran_current,
                indikator=name,
                kunci=key,
                satuan=satuan,
                target=target,
                target_teks=vals.get("target"),
                realisasi=realisasi,
                realisasi_teks=vals.get("realisasi"),
                capaian_dilaporkan=reported,
                capaian_teks=vals.get("capaian"),
                capaian=None,  # evidence.settle_capaian below: formula from the printed capaian first
                rumus_capaian=rules.FORMULA_POSITIVE,
                rumus_terdeteksi=None,
                predikat=None,
                kategori_dilaporkan=plain(vals.get("kategori")) or kategori,
                target_akhir=target_akhir if year == tahun else None,
                riwayat=year != tahun,
                sumber_baris=row.line_of(vals.get("realisasi") or vals.get("capaian")),
            )
            evidence.settle_capaian(rec)
            out.append(rec)
            previous[year] = rec
    return out


def _value(cell: str | None) -> tuple[float | None, str | None]:
    """A target or realisasi cell: its number, and the category printed with it ('BB (76.35)')."""
    value = parse_decimal(cell)
    if value is not None or not cell:
        return value, None
    labelled = parse_labelled(plain(cell))
    return labelled if labelled else (None, None)


def scores_from_realisasi(rows: list[Realisasi], unit_kecamatan: str) -> list[Skor]:
    out = []
    for r in rows:
        if r.kunci and r.realisasi is not None and r.unit_kerja == unit_kecamatan:
            out.append(
                Skor(
                    tahun=r.tahun,
                    jenis=r.kunci,
                    nilai=r.realisasi,
                    nilai_teks=r.realisasi_teks or "",
                    kategori=rules.kategori_skor(r.kunci, r.realisasi),
                    kategori_dilaporkan=r.kategori_dilaporkan,
                    sumber="riwayat" if r.riwayat else "realisasi",
                    sumber_baris=r.sumber_baris,
                )
            )
    return out


# --- components ---------------------------------------------------------------------------------


def _row_name(row: Row) -> str:
    texts = [
        c for c in row.cells if c and parse_decimal(c) is None and not re.fullmatch(r"[A-E]|[IVX]+\.?|\d{1,2}\.?", c.strip())
    ]
    return plain(texts[0]) or "" if texts else ""


def _cell(row: Row, i: int | None) -> str:
    return row.cells[i] if i is not None and i < len(row.cells) else ""


def extract_sakip(table: Table, tahun: int, notes: list[Catatan]) -> tuple[list[Komponen], list[Skor]]:
    bobot_col = table.col("bobot", exclude=("sub",))
    total_col = next(
        (i for i, c in enumerate(table.columns) if re.search(r"\b(total|nilai)\b", fold(c)) and i != bobot_col), None
    )
    sub_cols = [(i, k) for i, c in enumerate(table.columns) if (k := sakip_sub(c)) is not None]
    komponen: list[Komponen] = []
    skor: list[Skor] = []
    for row in table.rows:
        name = _row_name(row)
        if not name:
            continue
        comp = sakip_komponen(name)
        total_t = _cell(row, total_col)
        total = parse_decimal(total_t)
        bobot = parse_decimal(_cell(row, bobot_col))
        peran = "komponen" if comp else "jumlah"
        label = comp.nama if comp else "Jumlah"
        urutan = comp.urutan if comp else 0
        komponen.append(Komponen(tahun, "SAKIP", urutan, label, name, None, peran, bobot, total, total_t or None, None, row.line))
        for i, k in sub_cols:
            t = _cell(row, i)
            v = parse_decimal(t)
            if v is None:
                continue
            sub_bobot = comp.sub_bobot[k] if comp else None
            komponen.append(
                Komponen(
                    tahun,
                    "SAKIP",
                    urutan * 10 + k + 1,
                    rules.SAKIP_SUBCOMPONENTS[k],
                    table.columns[i],
                    label,
                    "sub" if comp else "jumlah",
                    sub_bobot,
                    v,
                    t,
                    None,
                    row.line,
                )
            )
        if not comp and total is not None:
            skor.append(Skor(tahun, "SAKIP", total, total_t, rules.kategori_skor("SAKIP", total), None, "komponen", row.line))
        elif not comp:
            notes.append(Catatan(row.line, "peringatan", f"baris '{name}' pada tabel komponen SAKIP tidak dikenali"))
    return komponen, skor


def extract_ikm_unsur(table: Table, tahun: int, notes: list[Catatan]) -> tuple[list[Komponen], list[Skor]]:
    value_col = next((i for i, c in enumerate(table.columns) if re.search(r"\b(skm|nrr|ikm|nilai|indeks)\b", fold(c))), None)
    mutu_col = table.col("mutu")
    komponen: list[Komponen] = []
    skor: list[Skor] = []
    for row in table.rows:
        name = _row_name(row)
        if not name or value_col is None or value_col >= len(row.cells):
            continue
        t = row.cells[value_col]
        v = parse_decimal(t)
        mutu = row.cells[mutu_col] if mutu_col is not None and mutu_col < len(row.cells) else None
        idx = ikm_unsur(name)
        if idx is not None:
            komponen.append(
                Komponen(
                    tahun,
                    "IKM",
                    idx + 1,
                    rules.IKM_UNSUR[idx],
                    name,
                    None,
                    "komponen",
                    None,
                    v,
                    t or None,
                    mutu or None,
                    row.line,
                )
            )
        elif v is not None:
            komponen.append(Komponen(tahun, "IKM", 0, "Jumlah", name, None, "jumlah", None, v, t, mutu or None, row.line))
            skor.append(Skor(tahun, "IKM", v, t, rules.kategori_skor("IKM", v), mutu or None, "komponen", row.line))
        else:
            notes.append(Catatan(row.line, "peringatan", f"unsur IKM '{name}' tidak dikenali"))
    return komponen, skor


def extract_kematangan(table: Table, tahun: int, notes: list[Catatan]) -> tuple[list[Komponen], list[Skor]]:
    komponen: list[Komponen] = []
    skor: list[Skor] = []
    total_row: tuple[float, str, int] | None = None
    kategori = None
    for row in table.rows:
        name = _row_name(row)
        values = [c for c in row.cells[1:] if c and parse_decimal(c) is not None]
        if not name:
            continue
        f = fold(name)
        if f.startswith(("jumlah", "total", "nilai")) and values:
            total_row = (parse_decimal(values[-1]) or 0.0, values[-1], row.line)
            continue
        if f.startswith(("kategori", "tingkat")):
            texts = [c for c in row.cells[1:] if c]
            kategori = plain(texts[-1]).title() if texts else None  # type: ignore[union-attr]
            continue
        idx = kematangan_variabel(name)
        if idx is None or not values:
            notes.append(Catatan(row.line, "peringatan", f"variabel kematangan '{name}' tidak dikenali atau tanpa skor"))
            continue
        komponen.append(
            Komponen(
                tahun,
                "KEMATANGAN",
                idx + 1,
                rules.KEMATANGAN_VARIABLES[idx],
                name,
                None,
                "komponen",
                None,
                parse_decimal(values[-1]),
                values[-1],
                None,
                row.line,
            )
        )
    if total_row:
        v, t, line = total_row
        komponen.append(Komponen(tahun, "KEMATANGAN", 0, "Jumlah", "Jumlah", None, "jumlah", None, v, t, kategori, line))
        skor.append(Skor(tahun, "KEMATANGAN", v, t, rules.kategori_skor("KEMATANGAN", v), kategori, "komponen", line))
    return komponen, skor


# --- budget against performance per sasaran -----------------------------------------------------


def _eff_role(label: str) -> str | None:
    f = fold(label)
    if "efisiensi" in f:
        return "efisiensi"
    if "keterangan" in f:
        return "keterangan"
    if f.startswith("indikator"):
        if "target" in f:
            return "target"
        if "realisasi" in f:
            return "realisasi_kinerja"
        if "capaian" in f:
            return "capaian"
        return "indikator"
    if "capaian" in f:
        return "capaian"
    if "tujuan" in f or "sasaran" in f:
        return "sasaran"
    if "anggaran" in f or "rp" in f.split() or "pagu" in f:
        if "%" in label:
            return "serapan"
        if "realisasi" in f:
            return "realisasi"
        return "pagu"
    if label.strip().endswith("%"):
        return "serapan"
    return None


def extract_anggaran_sasaran(table: Table, start: int) -> list[AnggaranSasaran]:
    roles = {i: r for i, c in enumerate(table.columns) if (r := _eff_role(c))}
    out: list[AnggaranSasaran] = []
    for row in table.rows:
        if table.layout != "tab":
            continue

        def get(role: str, row: Row = row) -> str | None:
            return next((row.cells[i] for i, r in roles.items() if r == role and i < len(row.cells) and row.cells[i]), None)

        sasaran = get("sasaran")
        if not sasaran:
            continue
        indikator = plain(get("indikator"))
        out.append(
            AnggaranSasaran(
                urutan=start + len(out),
                bagian=table.caption[:200] or "anggaran per sasaran",
                sasaran=plain(marker_of(sasaran)[1]) or sasaran,
                indikator=indikator,
                kunci=kunci(indikator) if indikator else kunci(sasaran),
                target=parse_decimal(get("target")),
                realisasi_kinerja=parse_decimal(get("realisasi_kinerja")),
                capaian_dilaporkan=parse_decimal(get("capaian")),
                pagu=parse_amount(get("pagu")),
                realisasi=parse_amount(get("realisasi")),
                serapan_dilaporkan=parse_decimal(get("serapan")),
                serapan_teks=get("serapan"),
                efisiensi_dilaporkan=parse_decimal(get("efisiensi")),
                keterangan=plain(get("keterangan")),
                sumber_baris=row.line,
            )
        )
    return out


def is_sasaran_budget(table: Table) -> bool:
    """An 'anggaran' table whose rows are sasaran, not programs (LKjIP 'per sasaran' tables)."""
    name_col = table.col("sasaran") if table.col("sasaran") is not None else table.col("tujuan")
    if name_col is None or table.col("program") is not None:
        return False
    names = [fold(marker_of(r.cells[name_col])[1]) for r in table.rows if name_col < len(r.cells) and r.cells[name_col]]
    return bool(names) and not any(n.startswith(("program", "kegiatan")) for n in names)
