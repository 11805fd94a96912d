"""Checks across the documents of one kecamatan (domain.md §5 PK Perubahan):

* a target that changed between PK and PK Perubahan (``info``: drift is allowed, but worth knowing);
* an LKjIP target that differs from the target of the PK in force (the latest version);
* a later report's history value that differs from the year's own report.

They read what the database holds, so they are recomputed whenever a document of the kecamatan
is loaded, replaced or removed (``etl.review.store.refresh_wilayah``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import duckdb

from etl import rules
from etl.review.finding import GALAT, INFO, Temuan, tertulis
from etl.review.tolerance import half_unit

KATEGORI = "lintas"
VERSI = {"PK": "PK", "PK_PERUBAHAN": "PK Perubahan"}


@dataclass(frozen=True)
class Value:
    dokumen_id: str
    nama_file: str
    value: float
    text: str | None
    line: int
    label: str


def _rows(con: duckdb.DuckDBPyConnection, sql: str, ids: list[str]) -> list[dict[str, Any]]:
    """Rows of ``sql`` for the documents ``ids``: both sides of its join are filtered on them, so
    both are index lookups (the facts by the loader's dokumen_id index, core_dokumen by its key)
    and neither scans every loaded document."""
    cur = con.execute(sql, [ids, ids])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _key(kunci: str | None, indikator: str | None) -> str:
    return rules.kunci_indikator(kunci, indikator)  # the views' kunci_indikator in Python


def _same(a: Value, b: Value) -> bool:
    return abs(a.value - b.value) <= max(half_unit(a.text, 0.0), half_unit(b.text, 0.0)) + 1e-9


def _usual(values: list[Value]) -> Value:
    counts = Counter(round(v.value, 6) for v in values)
    best = max(counts.values())
    return next(v for v in values if counts[round(v.value, 6)] == best)


def review(con: duckdb.DuckDBPyConnection, dokumen_ids: list[str]) -> list[Temuan]:
    if not dokumen_ids:
        return []
    targets = _rows(
        con,
        """SELECT t.dokumen_id, d.nama_file, d.tahun, d.jenis, t.jenis_pk, t.unit_kerja, t.kunci, t.indikator,
                  t.target, t.target_teks, t.sumber_baris
           FROM core_target t JOIN core_dokumen d USING (dokumen_id)
           WHERE list_contains(?, t.dokumen_id) AND list_contains(?, d.dokumen_id) AND t.target IS NOT NULL AND t.jenis_pk IS NOT NULL
           ORDER BY d.tahun, d.dimuat_pada, t.dokumen_id, t.urutan""",
        dokumen_ids,
    )
    realisasi = _rows(
        con,
        """SELECT r.dokumen_id, d.nama_file, d.tahun AS tahun_dokumen, d.jenis, r.tahun, r.unit_kerja, r.kunci,
                  r.indikator, r.target, r.target_teks, r.realisasi, r.realisasi_teks, r.riwayat, r.sumber_baris
           FROM core_realisasi r JOIN core_dokumen d USING (dokumen_id)
           WHERE list_contains(?, r.dokumen_id) AND list_contains(?, d.dokumen_id)
           ORDER BY d.tahun, d.dimuat_pada, r.dokumen_id, r.urutan""",
        dokumen_ids,
    )
    return [*check_drift(targets), *check_lkjip_targets(targets, realisasi), *check_history(realisasi)]


def _pk_versions(targets: list[dict[str, Any]]) -> dict[tuple[int, str, str], dict[str, list[Value]]]:
    """(year, unit, indicator) → version → every statement of its target."""
    out: dict[tuple[int, str, str], dict[str, list[Value]]] = defaultdict(lambda: defaultdict(list))
    for t in targets:
        key = (t["tahun"], t["unit_kerja"], _key(t["kunci"], t["indikator"]))
        out[key][t["jenis_pk"]].append(
            Value(t["dokumen_id"], t["nama_file"], t["target"], t["target_teks"], t["sumber_baris"], t["indikator"])
        )
    return out


def check_drift(targets: list[dict[str, Any]]) -> list[Temuan]:
    found: list[Temuan] = []
    versions = _pk_versions(targets)
    with_pk = {k[:2] for k, v in versions.items() if "PK" in v}  # (year, unit) with an initial PK
    units_with_both = {
        (year, unit)
        for (year, unit, _), by_version in versions.items()
        if "PK_PERUBAHAN" in by_version and (year, unit) in with_pk
    }
    for (year, unit, _), by_version in versions.items():
        if (year, unit) not in units_with_both:
            continue
        before, after = by_version.get("PK"), by_version.get("PK_PERUBAHAN")
        if after and not before:
            new = _usual(after)
            found.append(
                Temuan(
                    "lintas_target_perubahan",
                    INFO,
                    f"Indikator '{new.label}' ({unit}) dengan target {tertulis(new.value, new.text)} ditambahkan dalam PK Perubahan {year}; PK awal tidak memuatnya.",
                    tertulis(new.value, new.text),
                    None,
                    new.line,
                    kategori=KATEGORI,
                    dokumen_id=new.dokumen_id,
                    angka_tertulis=new.value,
                )
            )
        elif before and after:
            old, new = _usual(before), _usual(after)
            if not _same(old, new):
                found.append(
                    Temuan(
                        "lintas_target_perubahan",
                        INFO,
                        f"Target '{new.label}' ({unit}) berubah dari {tertulis(old.value, old.text)} di PK menjadi {tertulis(new.value, new.text)} di PK Perubahan {year}.",
                        tertulis(new.value, new.text),
                        tertulis(old.value, old.text),
                        new.line,
                        kategori=KATEGORI,
                        dokumen_id=new.dokumen_id,
                        dokumen_pembanding=old.dokumen_id,
                        baris_pembanding=(old.line,),
                        angka_tertulis=new.value,
                        angka_hitung=old.value,
                    )
                )
    return found


def check_lkjip_targets(targets: list[dict[str, Any]], realisasi: list[dict[str, Any]]) -> list[Temuan]:
    """The target an LKjIP measures against is the target of the latest PK version of that year."""
    found: list[Temuan] = []
    versions = _pk_versions(targets)
    for r in realisasi:
        if r["jenis"] != "LKJIP" or r["riwayat"] or r["target"] is None or r["tahun"] != r["tahun_dokumen"]:
            continue
        by_version = versions.get((r["tahun"], r["unit_kerja"], _key(r["kunci"], r["indikator"])))
        if not by_version:
            continue
        version = rules.versi_berlaku(by_version) or "PK"  # the views' target_kinerja.berlaku
        in_force = _usual(by_version[version])
        mine = Value(r["dokumen_id"], r["nama_file"], r["target"], r["target_teks"], r["sumber_baris"], r["indikator"])
        if _same(mine, in_force):
            continue
        where = "" if in_force.dokumen_id == mine.dokumen_id else f" ({in_force.nama_file})"
        found.append(
            Temuan(
                "lintas_target_pk",
                GALAT,
                f"Target '{mine.label}' di LKjIP {r['tahun']} tertulis {tertulis(mine.value, mine.text)} padahal {VERSI[version]} yang berlaku menetapkan {tertulis(in_force.value, in_force.text)} (baris {in_force.line}{where}).",
                tertulis(mine.value, mine.text),
                tertulis(in_force.value, in_force.text),
                mine.line,
                kategori=KATEGORI,
                kunci=r["kunci"],
                dokumen_id=mine.dokumen_id,
                dokumen_pembanding=in_force.dokumen_id,
                baris_pembanding=(in_force.line,),
                angka_tertulis=mine.value,
                angka_hitung=in_force.value,
            )
        )
    return found


def check_history(realisasi: list[dict[str, Any]]) -> list[Temuan]:
    """A history value of year Y in a later report against the realisasi in Y's own report."""
    own: dict[tuple[int, str, str], list[Value]] = defaultdict(list)
    for r in realisasi:
        if not r["riwayat"] and r["realisasi"] is not None and r["tahun"] == r["tahun_dokumen"]:
            own[(r["tahun"], r["unit_kerja"], _key(r["kunci"], r["indikator"]))].append(
                Value(r["dokumen_id"], r["nama_file"], r["realisasi"], r["realisasi_teks"], r["sumber_baris"], r["indikator"])
            )
    found: list[Temuan] = []
    for r in realisasi:
        if not r["riwayat"] or r["realisasi"] is None:
            continue
        reports = own.get((r["tahun"], r["unit_kerja"], _key(r["kunci"], r["indikator"])))
        if not reports:
            continue
        ref = _usual(reports)
        mine = Value(r["dokumen_id"], r["nama_file"], r["realisasi"], r["realisasi_teks"], r["sumber_baris"], r["indikator"])
        if _same(mine, ref):
            continue
        found.append(
            Temuan(
                "lintas_riwayat",
                GALAT,
                f"Realisasi {r['tahun']} '{mine.label}' dalam tabel riwayat tertulis {tertulis(mine.value, mine.text)} padahal laporan tahun {r['tahun']} sendiri ({ref.nama_file}, baris {ref.line}) mencatat {tertulis(ref.value, ref.text)}.",
                tertulis(mine.value, mine.text),
                tertulis(ref.value, ref.text),
                mine.line,
                kategori=KATEGORI,
                kunci=r["kunci"],
                dokumen_id=mine.dokumen_id,
                dokumen_pembanding=ref.dokumen_id,
                baris_pembanding=(ref.line,),
                angka_tertulis=mine.value,
                angka_hitung=ref.value,
            )
        )
    return found
