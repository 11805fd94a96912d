"""A national benchmark database, made reproducibly: every kecamatan of the reference list × 7 years.

    .venv/bin/python bench/national.py --ukuran ci --out /tmp/ci.duckdb
    nice -n 10 .venv/bin/python bench/national.py --ukuran nasional --out /work/bench-data/nasional.duckdb

Design (issue 16, item 2):

1. *Templates through the real insert path.* The four seeds of data/raw/ are parsed (`extract_file`)
   and written with `etl.load.load_document` into a scratch database: the project's schema, its
   review (findings), its budget stages and totals. Every row of the benchmark is a copy of a row
   written that way.
2. *Replication by bulk insert.* Per kecamatan-year of the national reference
   (`etl.reference.wilayah`, so Kabupaten and Kota of the same name keep their own Kemendagri codes)
   there is one LKjIP (the Kertanegara seed) and one agreement (the Somagede or Ajibarang PK, or in
   one kecamatan-year in ten the Mangkutana PK Perubahan). Their rows are inserted into the same
   ``core_*`` tables, column by column, with the document's identity replaced (dokumen_id, file
   name, sha256, codes and names, year), the source lines' text re-labelled (names and year) and
   the numbers varied: scores (SAKIP 50–90, IKM 65–95, kematangan 20–45, components scaled with
   their score), capaian 80–110 % per indicator, budgets scaled so that a kecamatan's programs sum
   to Rp 0,5–3 M with serapan 85–100 %. Years of history tables move with the report's year.
   `load_document` itself costs ~50–70 ms per document and its cross-document refresh grows with
   the database (issue 16): ~2 h for 102 000 documents, so it is used for the templates only
   (`--ukur-load-document N` measures it on N re-labelled documents).
3. *The views' tables.* After the bulk inserts, `etl.materialise.rebuild_all` computes the mat_*
   tables the public views read (what `load_document` maintains per document), rows in
   kode_kabupaten, tahun order.
4. *Deterministic.* Everything random comes from ``random.Random(seed)`` in the plan or from DuckDB's
   ``hash()`` of the new dokumen_id and the row's position; the load time is a fixed timestamp
   plus the document's position. `checksum(con)` gives row counts and an order-independent hash
   per table: the same seed and size give the same numbers.

Sizes: ``ci`` = Banten and D.I. Yogyakarta (233 kecamatan, Kabupaten and Kota Tangerang and Serang
among them; ~3 300 documents, a few seconds); ``nasional`` = every kecamatan (7 285 × 7 years,
~102 000 documents).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl import materialise  # noqa: E402
from etl.extract import extract_file  # noqa: E402
from etl.load import CORE_TABLES, connect, load_document, schema_sql  # noqa: E402
from etl.reference import Kecamatan, wilayah  # noqa: E402

RAW = ROOT / "data" / "raw"
YEARS = tuple(range(2019, 2026))
SIZES: dict[str, tuple[str, ...] | None] = {
    "ci": ("Banten", "Daerah Istimewa Yogyakarta"),
    "nasional": None,  # every province
}
CHUNK_DOCS = 4000  # documents per INSERT … SELECT: bounded memory, rows stay grouped by document

# the template a kecamatan-year's documents are copied from, by the seed's kind (file name stems
# are read from data/raw at run time; only the kinds are named here)
PK_TEMPLATES = ("PK", "PK", "PK", "PK", "PK", "PK", "PK", "PK", "PK", "PK_PERUBAHAN")


@dataclass(frozen=True)
class Template:
    dokumen_id: str
    jenis: str
    tahun: int
    kecamatan: str
    kabupaten: str
    jumlah_baris: int
    pagu_program: float  # programme pagu of the Kecamatan's own budget per table (scale reference)
    skor: dict[str, float]  # the year's own achieved score per kind


def build_templates(folder: Path) -> tuple[Path, list[Template]]:
    """The seeds through the real path: extract_file + load_document into folder/template.duckdb."""
    path = folder / "template.duckdb"
    con = connect(path)
    for doc in sorted(RAW.glob("*.txt")):
        load_document(con, extract_file(doc))
    templates = []
    rows = con.execute(
        "SELECT dokumen_id, jenis, tahun, kecamatan, kabupaten, jumlah_baris FROM core_dokumen ORDER BY nama_file"
    ).fetchall()
    for did, jenis, tahun, kec, kab, n in rows:
        pagu = con.execute(
            "SELECT coalesce(sum(pagu) / nullif(count(DISTINCT coalesce(bagian, '') || tahap || coalesce(jenis_pk, '')), 0), 0)"
            " FROM core_anggaran WHERE dokumen_id = ? AND tingkat = 'program' AND peran = 'baris' AND unit_kerja = 'Kecamatan'",
            [did],
        ).fetchone()
        skor = dict(con.execute("SELECT jenis, nilai FROM core_skor WHERE dokumen_id = ? AND tahun = ?", [did, tahun]).fetchall())
        templates.append(Template(did, jenis, tahun, kec, kab, n, float(pagu[0]) if pagu else 0.0, skor))
    con.close()
    return path, templates


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def places(ukuran: str) -> list[Kecamatan]:
    provinces = SIZES[ukuran]
    rows = [k for k in wilayah().kecamatan if provinces is None or k.provinsi in provinces]
    return sorted(rows, key=lambda k: k.kode)


def plan(ukuran: str, seed: int, templates: list[Template]) -> pa.Table:
    """One row per synthetic document: the template, the new identity and the varied numbers."""
    rng = random.Random(seed)
    lkjip = next(t for t in templates if t.jenis == "LKJIP")
    by_kind: dict[str, list[Template]] = {}
    for t in templates:
        by_kind.setdefault(t.jenis, []).append(t)
    rows: list[dict[str, Any]] = []
    for kec in places(ukuran):
        # a kecamatan's level and trend, so its years form a plausible series
        sakip0, ikm0, mat0 = rng.uniform(50, 80), rng.uniform(65, 88), rng.uniform(20, 38)
        trend = rng.uniform(-0.5, 1.5)
        budget0 = rng.uniform(0.5e9, 2.5e9)
        for i, year in enumerate(YEARS):
            sakip = min(90.0, max(50.0, sakip0 + trend * i + rng.uniform(-2, 2)))
            ikm = min(95.0, max(65.0, ikm0 + trend * i / 2 + rng.uniform(-2, 2)))
            mat = min(45.0, max(20.0, mat0 + trend * i / 2 + rng.uniform(-1, 1)))
            budget = min(3e9, max(0.5e9, budget0 * (1 + 0.05 * i) * rng.uniform(0.9, 1.1)))
            serapan = rng.uniform(0.85, 1.0)
            capaian = rng.uniform(0.85, 0.95)  # the document's level; each indicator varies around it
            pk_kind = rng.choice(PK_TEMPLATES)
            pk = rng.choice(sorted(by_kind.get(pk_kind) or by_kind["PK"], key=lambda t: t.dokumen_id))
            for t in (pk, lkjip):
                key = f"{seed}:{kec.kode}:{year}:{t.jenis}"
                sha = hashlib.sha256(key.encode()).hexdigest()
                stem = {"LKJIP": "lkjip", "PK": "pk", "PK_PERUBAHAN": "pk-perubahan"}.get(t.jenis, t.jenis.lower())
                prefix = "Kota" if kec.jenis_daerah == "Kota" else "Kabupaten"
                rows.append(
                    {
                        "ord": len(rows),
                        "tpl_id": t.dokumen_id,
                        "dokumen_id": sha[:16],
                        "sha256": sha,
                        "nama_file": f"{stem}_{year}_{_slug(kec.jenis_daerah + ' ' + kec.kabupaten)}_{_slug(kec.nama)}.txt",
                        "kode_kecamatan": kec.kode,
                        "kode_kabupaten": kec.kode_kabupaten,
                        "provinsi": kec.provinsi,
                        "kabupaten": kec.kabupaten,
                        "kecamatan": kec.nama,
                        "jenis_daerah": prefix,
                        "tahun": year,
                        "geser": year - t.tahun,
                        "tpl_kec": t.kecamatan,
                        "tpl_kab": t.kabupaten,
                        "tpl_tahun": str(t.tahun),
                        "f_pagu": budget / t.pagu_program if t.pagu_program else 1.0,
                        "f_serapan": serapan,
                        "capaian": capaian,
                        "r_sakip": sakip / t.skor["SAKIP"] if "SAKIP" in t.skor else 1.0,
                        "r_ikm": ikm / t.skor["IKM"] if "IKM" in t.skor else 1.0,
                        "r_kematangan": mat / t.skor["KEMATANGAN"] if "KEMATANGAN" in t.skor else 1.0,
                    }
                )
    return pa.Table.from_pylist(rows)


def _u(salt: str, *cols: str) -> str:
    """A deterministic uniform number in [0, 1) per row: DuckDB's hash of the new id and the row."""
    parts = " || ':' || ".join(f"coalesce(CAST({c} AS VARCHAR), '')" for c in cols)
    return f"((hash('{salt}' || p.dokumen_id || ':' || {parts}) % 100000) / 100000.0)"


def _ratio(jenis: str) -> str:
    return f"(CASE {jenis} WHEN 'SAKIP' THEN p.r_sakip WHEN 'IKM' THEN p.r_ikm WHEN 'KEMATANGAN' THEN p.r_kematangan ELSE 1 END)"


def _teks(value: str) -> str:
    """A number as the documents print it: two decimals, decimal comma."""
    return f"replace(printf('%.2f', {value}), '.', ',')"


def _relabel(col: str) -> str:
    """Names and year of the template replaced by the synthetic document's, as printed."""
    out = col
    for old, new in (
        ("'Kabupaten ' || p.tpl_kab", "p.jenis_daerah || ' ' || p.kabupaten"),
        ("upper('Kabupaten ' || p.tpl_kab)", "upper(p.jenis_daerah || ' ' || p.kabupaten)"),
        ("p.tpl_kab", "p.kabupaten"),
        ("upper(p.tpl_kab)", "upper(p.kabupaten)"),
        ("p.tpl_kec", "p.kecamatan"),
        ("upper(p.tpl_kec)", "upper(p.kecamatan)"),
        ("p.tpl_tahun", "CAST(p.tahun AS VARCHAR)"),
    ):
        out = f"replace({out}, {old}, {new})"
    return out


CAPAIAN = f"(100 * (p.capaian + 0.2 * {_u('c', 't.urutan')} - 0.05))"  # 80–110 % around the document's level
# column overrides per table (every other column is copied as the template has it)
OVERRIDES: dict[str, dict[str, str]] = {
    "core_dokumen": {
        "nama_file": "p.nama_file",
        "sha256": "p.sha256",
        "kode_kecamatan": "p.kode_kecamatan",
        "provinsi": "p.provinsi",
        "kabupaten": "p.kabupaten",
        "kecamatan": "p.kecamatan",
        "tahun": "p.tahun",
        "tanggal": "t.tanggal + to_years(p.geser)",
        "tanggal_teks": _relabel("t.tanggal_teks"),
        "renstra_awal": "t.renstra_awal + p.geser",
        "renstra_akhir": "t.renstra_akhir + p.geser",
        "dimuat_pada": "TIMESTAMP '2026-01-01 00:00:00' + to_seconds(p.ord)",
        "perangkat_daerah": "'Kecamatan ' || p.kecamatan",
        "kode_kabupaten": "p.kode_kabupaten",
        "nomor": "p.ord + 1",
    },
    "core_baris": {"teks": _relabel("t.teks"), "nomor_dokumen": "p.ord + 1"},
    "core_realisasi": {
        "tahun": "t.tahun + p.geser",
        "capaian": f"CASE WHEN t.capaian IS NOT NULL AND NOT t.riwayat THEN {CAPAIAN} ELSE t.capaian END",
        "capaian_dilaporkan": f"CASE WHEN t.capaian_dilaporkan IS NOT NULL AND NOT t.riwayat THEN {CAPAIAN} ELSE t.capaian_dilaporkan END",
        "realisasi": (
            f"CASE WHEN t.target IS NOT NULL AND NOT t.riwayat AND coalesce(t.rumus_capaian, 'positif') = 'positif'"
            f" THEN t.target * {CAPAIAN} / 100 ELSE t.realisasi END"
        ),
    },
    "core_skor": {
        "tahun": "t.tahun + p.geser",
        "nilai": f"round(t.nilai * {_ratio('t.jenis')} * (CASE WHEN t.sumber = 'riwayat' THEN 0.97 + 0.04 * {_u('s', 't.tahun', 't.jenis')} ELSE 1 END), 2)",
        "nilai_teks": _teks(
            f"t.nilai * {_ratio('t.jenis')} * (CASE WHEN t.sumber = 'riwayat' THEN 0.97 + 0.04 * {_u('s', 't.tahun', 't.jenis')} ELSE 1 END)"
        ),
    },
    "core_komponen": {
        "tahun": "t.tahun + p.geser",
        "nilai": f"round(t.nilai * {_ratio('t.jenis')}, 2)",
        "nilai_teks": f"CASE WHEN t.nilai IS NULL THEN t.nilai_teks ELSE {_teks('t.nilai * ' + _ratio('t.jenis'))} END",
    },
    "core_anggaran": {
        "pagu": "t.pagu * p.f_pagu",
        "realisasi": "t.realisasi * p.f_pagu * p.f_serapan",
        "pagu_teks": f"CASE WHEN t.pagu IS NULL THEN t.pagu_teks ELSE {_teks('t.pagu * p.f_pagu')} END",
        "realisasi_teks": f"CASE WHEN t.realisasi IS NULL THEN t.realisasi_teks ELSE {_teks('t.realisasi * p.f_pagu * p.f_serapan')} END",
    },
    "core_anggaran_jumlah": {
        "jumlah_tertulis": "t.jumlah_tertulis * p.f_pagu * (CASE t.ukuran WHEN 'realisasi' THEN p.f_serapan ELSE 1 END)",
        "jumlah_rinci": "t.jumlah_rinci * p.f_pagu * (CASE t.ukuran WHEN 'realisasi' THEN p.f_serapan ELSE 1 END)",
        "jumlah_dipakai": "t.jumlah_dipakai * p.f_pagu * (CASE t.ukuran WHEN 'realisasi' THEN p.f_serapan ELSE 1 END)",
    },
    "core_anggaran_sasaran": {
        "pagu": "t.pagu * p.f_pagu",
        "realisasi": "t.realisasi * p.f_pagu * p.f_serapan",
        "realisasi_kinerja": f"CASE WHEN t.target IS NOT NULL THEN t.target * {CAPAIAN} / 100 ELSE t.realisasi_kinerja END",
        "capaian_dilaporkan": f"CASE WHEN t.capaian_dilaporkan IS NOT NULL THEN {CAPAIAN} ELSE NULL END",
        "serapan_dilaporkan": "CASE WHEN t.serapan_dilaporkan IS NOT NULL THEN 100 * p.f_serapan END",
    },
    "core_realisasi_triwulan": {"tahun": "t.tahun + p.geser", "realisasi_rp": "t.realisasi_rp * p.f_pagu * p.f_serapan"},
}
ORDER = {"core_baris": "t.baris", "core_dokumen": "1"}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = 'main_db' AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def copy_rows(con: duckdb.DuckDBPyConnection, n_docs: int) -> dict[str, float]:
    """INSERT … SELECT every template row once per planned document, chunk by chunk."""
    seconds: dict[str, float] = {}
    for table in ("core_dokumen", *CORE_TABLES):
        cols = _columns(con, table)
        over = OVERRIDES.get(table, {})
        exprs = ", ".join(f"{over.get(c, 't.' + c)} AS {c}" if c != "dokumen_id" else "p.dokumen_id AS dokumen_id" for c in cols)
        order = ORDER.get(table, "t.urutan" if "urutan" in cols else "1")
        start = time.perf_counter()
        for lo in range(0, n_docs, CHUNK_DOCS):
            con.execute(
                f"INSERT INTO main_db.{table} ({', '.join(cols)}) SELECT {exprs}"
                f" FROM tpl.{table} AS t JOIN plan AS p ON t.dokumen_id = p.tpl_id"
                f" WHERE p.ord >= {lo} AND p.ord < {lo + CHUNK_DOCS} ORDER BY p.ord, {order}"
            )
        seconds[table] = time.perf_counter() - start
    return seconds


def checksum(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Rows and an order-independent hash of every row, per core table."""
    out = {}
    for table in ("core_dokumen", *CORE_TABLES):
        cols = [c for c in _table_columns(con, table) if c != "dimuat_pada"] or ["1"]
        n, h = con.execute(f"SELECT count(*), coalesce(sum(hash({', '.join(cols)}) % 1000000007), 0) FROM {table}").fetchone()  # type: ignore[misc]
        out[table] = (int(n), int(h))
    return out


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


def build(out: Path, ukuran: str = "ci", seed: int = 42, quiet: bool = False) -> dict[str, Any]:
    """Build the benchmark database at `out` (replaced if it exists). Returns counts and timings."""
    t0 = time.perf_counter()
    for suffix in ("", ".wal"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tpl_path, templates = build_templates(Path(tmp))
        t_tpl = time.perf_counter() - t0
        table = plan(ukuran, seed, templates)
        connect(out).close()  # the project's schema and views
        con = duckdb.connect(":memory:")
        con.execute(f"ATTACH '{out}' AS main_db")
        con.execute(f"ATTACH '{tpl_path}' AS tpl (READ_ONLY)")
        con.register("plan_arrow", table)
        con.execute("CREATE TEMP TABLE plan AS SELECT * FROM plan_arrow")
        t1 = time.perf_counter()
        seconds = copy_rows(con, table.num_rows)
        con.execute("DETACH tpl")
        con.execute("CHECKPOINT main_db")
        con.close()
        # the views read the mat tables: built once from the bulk-inserted core tables
        t2 = time.perf_counter()
        con = duckdb.connect(str(out))
        seconds_mat = materialise.rebuild_all(con, schema_sql())
        con.execute("CHECKPOINT")
        con.close()
        seconds_mat["total"] = time.perf_counter() - t2
    total = time.perf_counter() - t0
    con = duckdb.connect(str(out), read_only=True)
    counts = {t: n for t, (n, _) in checksum(con).items()}
    con.close()
    result = {
        "ukuran": ukuran,
        "seed": seed,
        "kecamatan": len(places(ukuran)),
        "dokumen": counts["core_dokumen"],
        "rows": counts,
        "rows_total": sum(counts.values()),
        "bytes": out.stat().st_size,
        "seconds_templates": t_tpl,
        "seconds_plan": t1 - t0 - t_tpl,
        "seconds_tables": seconds,
        "seconds_mat": seconds_mat,
        "seconds": total,
    }
    if not quiet:
        report(result)
    return result


def report(r: dict[str, Any]) -> None:
    print(f"size {r['ukuran']}, seed {r['seed']}: {r['kecamatan']} kecamatan × {len(YEARS)} years, {r['dokumen']} documents")
    print(
        f"{r['rows_total']:,} rows, {r['bytes'] / 1e9:.2f} GB, built in {r['seconds']:.1f} s (templates {r['seconds_templates']:.1f} s)"
    )
    print("| table | rows | insert s |\n|---|---:|---:|")
    for t, n in r["rows"].items():
        print(f"| {t} | {n:,} | {r['seconds_tables'].get(t, 0):.1f} |")
    mat = r["seconds_mat"]
    print(
        f"mat tables (etl.materialise.rebuild_all) in {mat['total']:.1f} s: "
        + ", ".join(f"{t} {s:.1f}" for t, s in mat.items() if t != "total")
    )


def measure_load_document(n: int, seed: int = 42) -> None:
    """Time `load_document` on n re-labelled seed documents (what the generator would cost that way)."""
    rng = random.Random(seed)
    docs = [extract_file(p) for p in sorted(RAW.glob("*.txt"))]
    kec = rng.sample(list(wilayah().kecamatan), n)
    with tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "m.duckdb")
        times = []
        for i, k in enumerate(kec):
            d = copy.deepcopy(docs[i % len(docs)])
            d.kecamatan, d.kabupaten, d.provinsi, d.kode_kecamatan = k.nama, k.kabupaten, k.provinsi, k.kode
            d.perangkat_daerah = f"Kecamatan {k.nama}"
            d.sha256 = hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()
            d.nama_file = f"m_{i}.txt"
            t = time.perf_counter()
            load_document(con, d)
            times.append(time.perf_counter() - t)
        con.close()
    first, last = times[: max(1, n // 10)], times[-max(1, n // 10) :]
    print(
        f"load_document on {n} documents: {sum(times):.1f} s, {n / sum(times):.1f} documents/s; "
        f"first tenth {1000 * sum(first) / len(first):.0f} ms/document, last tenth {1000 * sum(last) / len(last):.0f} ms/document"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ukuran", choices=sorted(SIZES), default="ci")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "kinerja-bench-ci.duckdb")
    parser.add_argument("--ukur-load-document", type=int, metavar="N", help="only time load_document on N documents")
    args = parser.parse_args()
    if args.ukur_load_document:
        measure_load_document(args.ukur_load_document, args.seed)
        return
    build(args.out, args.ukuran, args.seed)


if __name__ == "__main__":
    main()
