"""Benchmark of `etl load`: parse and load time per seed document, MB/s, and a national-scale run.

    .venv/bin/python bench/etl_load.py [--repeat 5] [--scale 400]
    .venv/bin/python bench/etl_load.py --only flat --sizes 1000 10000 100000 [--measure 100]
    .venv/bin/python bench/etl_load.py --only throughput --documents 200 [--workers 1 2]

``flat`` (issue 16): the writer's time per document (``load_document``: stage across documents,
inserts, own and cross-document findings) when 1 000, 10 000 … documents are already loaded. The
database is filled in SQL with copies of the four seeds' rows under other kecamatan and years of the
national reference (what the ETL would write for them, without parsing them); the documents timed
are the seeds' texts re-labelled, parsed, each a new year of a kecamatan already loaded, so the
cross-document checks of that kecamatan have its other years to read.
``throughput``: ``python -m etl load --pekerja N`` of the same folder of re-labelled seeds, wall
time and MB/s of text per core, and a check that every view holds the same rows whatever N.

Part 1 times each seed document: reading the file into lines, extracting the facts (tables,
header, extractors) and writing them into a fresh DuckDB file, median of --repeat runs.
Part 2 builds --scale synthetic documents (the seed PKs with the names of other kecamatan from the
national reference list, chosen with random.Random(42)), loads them into one database and times
the views the dashboard reads most. Results are printed as Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.extract import extract_file, extract_lines  # noqa: E402
from etl.load import DeferredRefresh, connect, load_document  # noqa: E402
from etl.parallel import prepare  # noqa: E402
from etl.publish import EVERY_DOCS  # noqa: E402
from etl.read import read_lines  # noqa: E402
from etl.reference import wilayah  # noqa: E402
from etl.text import clean_cell, clean_line, fold  # noqa: E402

RAW = ROOT / "data" / "raw"


def per_document(repeat: int) -> list[str]:
    out = ["| document | KB | lines | read ms | parse ms | load ms | MB/s (parse+load) |", "|---|---:|---:|---:|---:|---:|---:|"]
    extract_file(next(RAW.glob("*.txt")))  # warm: reference list and regexes
    for path in sorted(RAW.glob("*.txt")):
        reads, parses, loads = [], [], []
        for _ in range(repeat):
            for cached in (clean_cell, clean_line, fold):
                cached.cache_clear()  # cold text caches: each run reads the document as if new
            t0 = time.perf_counter()
            lines, fmt = read_lines(path)
            t1 = time.perf_counter()
            doc = extract_lines(lines, path.name, hashlib.sha256(path.read_bytes()).hexdigest(), fmt, str(path))
            t2 = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                con = connect(Path(tmp) / "b.duckdb")
                t3 = time.perf_counter()
                load_document(con, doc)
                t4 = time.perf_counter()
                con.close()
            reads.append(t1 - t0)
            parses.append(t2 - t1)
            loads.append(t4 - t3)
        size = path.stat().st_size
        r, p, ld = (statistics.median(x) * 1000 for x in (reads, parses, loads))
        out.append(
            f"| {path.name} | {size / 1024:.0f} | {len(lines)} | {r:.1f} | {p:.1f} | {ld:.1f} | {size / 1e6 / ((p + ld) / 1000):.2f} |"
        )
    return out


def synthetic_documents(n: int) -> list[tuple[str, str]]:
    """Seed agreements re-labelled with other kecamatan: same layouts, other names and years."""
    rng = random.Random(42)
    templates = []
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = extract_file(path)
        templates.append((text, doc.kecamatan or "", doc.kabupaten or "", doc.tahun))
    places = rng.sample(list(wilayah().kecamatan), n)
    docs = []
    for k, place in enumerate(places):
        text, kec, kab, year = templates[k % len(templates)]
        new_year = rng.choice([2021, 2022, 2023, 2024, 2025])
        body = text
        for old, new in ((kec, place.nama), (kab, place.kabupaten)):
            for variant in (old, old.upper(), old.title()):
                body = body.replace(variant, new if variant != old.upper() else new.upper())
        body = body.replace(str(year), str(new_year))
        docs.append((f"synthetic_{k:05d}.txt", body))
    return docs


def national_scale(n: int, keep: Path | None = None) -> list[str]:
    docs = synthetic_documents(n)
    total_bytes = sum(len(t.encode()) for _, t in docs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for name, text in docs:
            (folder / name).write_text(text, encoding="utf-8")
        db = Path(tmp) / "scale.duckdb"
        con = connect(db)
        failed = 0
        for cached in (clean_cell, clean_line, fold):
            cached.cache_clear()
        t0 = time.perf_counter()
        for f in sorted(folder.iterdir()):
            try:
                load_document(con, extract_file(f))
            except Exception:  # noqa: BLE001 - counted and reported below
                failed += 1
        took = time.perf_counter() - t0
        con.close()
        size = db.stat().st_size
        if keep is not None:
            shutil.copy(db, keep)
        ro = duckdb.connect(str(db), read_only=True)
        timings = []
        for label, sql in (
            ("skor (all rows)", "select count(*) from skor"),
            (
                "target_kinerja IKM ranking",
                "select kabupaten, kecamatan, max(target) from target_kinerja where kunci = 'IKM' group by all order by 3 desc",
            ),
            ("anggaran per program", "select kecamatan, tahun, sum(pagu) from anggaran where tingkat = 'program' group by all"),
        ):
            t = time.perf_counter()
            ro.execute(sql).fetchall()
            timings.append(f"| {label} | {(time.perf_counter() - t) * 1000:.1f} |")
        docs_loaded = ro.execute("select count(*) from dokumen").fetchone()[0]  # type: ignore[index]
        ro.close()
    return [
        f"- {n} synthetic documents ({total_bytes / 1e6:.1f} MB of text), {docs_loaded} loaded, {failed} refused, "
        f"in {took:.1f} s: {n / took:.1f} documents/s, {total_bytes / 1e6 / took:.2f} MB/s; database {size / 1e6:.1f} MB.",
        f"- Extrapolated to 7,285 kecamatan × 5 years × 2 documents: {7285 * 10 / (n / took) / 60:.0f} min of loading on one core.",
        "",
        "| query on the loaded database | ms |",
        "|---|---:|",
        *timings,
    ]


YEARS = tuple(range(2012, 2026))  # 14 years × 7,285 kecamatan: room for 100,000 filler documents


def relabel(text: str, old: tuple[str, str, int], new: tuple[str, str, int]) -> str:
    """A seed's text with its kecamatan, kabupaten and year replaced (the form synthetic_documents uses)."""
    body = text
    for was, now in ((old[0], new[0]), (old[1], new[1])):
        for variant in (was, was.upper(), was.title()):
            body = body.replace(variant, now if variant != was.upper() else now.upper())
    return body.replace(str(old[2]), str(new[2]))


def _seeds() -> list[tuple[Path, str, Any]]:
    out = []
    for path in sorted(RAW.glob("*.txt")):
        out.append((path, path.read_text(encoding="utf-8"), extract_file(path)))
    return out


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


def fill(con: duckdb.DuckDBPyConnection, places: list[tuple[Any, int]], seed_ids: list[str]) -> None:
    """Copies of the seed documents' rows, one per (kecamatan, year), written in SQL."""
    rows = [
        {
            "src": seed_ids[k % len(seed_ids)],
            "new_id": hashlib.sha256(f"fill-{p.kode}-{year}".encode()).hexdigest()[:16],
            "kecamatan": p.nama,
            "kabupaten": p.kabupaten,
            "provinsi": p.provinsi,
            "kode_kecamatan": p.kode,
            "tahun": year,
        }
        for k, (p, year) in enumerate(places)
    ]
    import pyarrow as pa

    mapping = pa.Table.from_pylist(rows)  # noqa: F841 - scanned by name below
    con.execute(
        "CREATE OR REPLACE TEMP TABLE fill_map AS SELECT *,"
        " (SELECT coalesce(max(nomor), 0) FROM core_dokumen) + row_number() OVER () AS nomor FROM mapping"
    )
    con.execute("BEGIN TRANSACTION")
    head = {
        "dokumen_id": "m.new_id",
        "kecamatan": "m.kecamatan",
        "kabupaten": "m.kabupaten",
        "provinsi": "m.provinsi",
        "kode_kecamatan": "m.kode_kecamatan",
        "tahun": "m.tahun",
        "perangkat_daerah": "'Kecamatan ' || m.kecamatan",
        "nama_file": "'isian_' || m.new_id || '.txt'",
        "nomor": "m.nomor",
    }
    from etl.load import CORE_TABLES

    for table in ("core_dokumen", *CORE_TABLES):
        cols = _columns(con, table)
        own = head if table == "core_dokumen" else {"dokumen_id": "m.new_id", "nomor_dokumen": "m.nomor"}
        pick = ", ".join(own.get(c, f"t.{c}") for c in cols)
        con.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) SELECT {pick} FROM {table} t JOIN fill_map m ON t.dokumen_id = m.src"
        )
    con.execute("COMMIT")


def flat(sizes: list[int], measure: int) -> list[str]:
    """Writer time per document at each number of documents already loaded. One database is filled
    step by step and copied at each size; then the documents are timed in rounds, one into each
    copy in turn, so that whatever else runs on the machine weighs on every size alike."""
    rng = random.Random(42)
    seeds = _seeds()
    kecamatan = list(wilayah().kecamatan)
    rng.shuffle(kecamatan)
    # kecamatan-major: every kecamatan filled has its 14 years, so a document timed at any size finds
    # the same history (14 documents) in its kecamatan; only the rest of the country grows
    pairs = [(p, y) for p in kecamatan for y in YEARS]
    out = [
        "| documents already loaded | database MB | documents timed | median ms | mean ms | p95 ms | CPU ms (median) | file copy s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        db = Path(tmp) / "flat.duckdb"
        con = connect(db)
        seed_ids = [load_document(con, doc).dokumen_id for _, _, doc in seeds]
        copies: list[tuple[int, Path, float]] = []
        filled = len(seed_ids)
        for size in sizes:
            fill(con, pairs[filled - len(seed_ids) : size - len(seed_ids)], seed_ids)
            filled = con.execute("SELECT count(*) FROM core_dokumen").fetchone()[0]  # type: ignore[index]
            con.execute("CHECKPOINT")
            copy = Path(tmp) / f"flat_{size}.duckdb"
            t = time.perf_counter()
            shutil.copyfile(db, copy)  # what one publication costs at this size (etl/publish.py)
            copies.append((filled, copy, time.perf_counter() - t))
        con.close()
        db.unlink()
        # the kecamatan timed: filled with 14 years at every size (among the first of the smallest);
        # each round loads the same new document (a 15th year) into every copy
        full = kecamatan[: (sizes[0] - len(seed_ids)) // len(YEARS)]
        places = rng.sample(full, min(len(full), measure))
        rounds = len(places)
        jobs: list[list[Any]] = [[] for _ in sizes]
        for k, place in enumerate(places):
            _path, text, doc = seeds[k % len(seeds)]
            f = folder / f"timed_{k:04d}.txt"
            f.write_text(relabel(text, (doc.kecamatan, doc.kabupaten, doc.tahun), (place.nama, place.kabupaten, 2026)))
            for j in range(len(sizes)):
                jobs[j].append(prepare(f))  # one object per copy: the load settles it in place
        cons = [connect(path) for _, path, _ in copies]
        times: list[list[float]] = [[] for _ in sizes]
        cpu: list[list[float]] = [[] for _ in sizes]
        for k in range(rounds):
            for j, c in enumerate(cons):
                for item in jobs[j][k].docs:
                    t, p = time.perf_counter(), time.process_time()
                    load_document(c, item.doc, item.found)
                    times[j].append((time.perf_counter() - t) * 1000)
                    cpu[j].append((time.process_time() - p) * 1000)
        for j, (filled, path, copy_s) in enumerate(copies):
            cons[j].execute("CHECKPOINT")
            cons[j].close()
            ts = sorted(times[j])
            out.append(
                f"| {filled:,} | {path.stat().st_size / 1e6:.0f} | {len(ts)} | {statistics.median(ts):.1f} | {statistics.mean(ts):.1f} "
                f"| {ts[int(0.95 * (len(ts) - 1))]:.1f} | {statistics.median(cpu[j]):.1f} | {copy_s:.1f} |"
            )
    return out


def view_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every public view's rows, sorted, without the load time (differs between two loads)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        views = [r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
        out = {}
        for v in views:
            cols = [c for c in _columns(con, v) if c != "dimuat_pada"]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {v}").fetchall()
            out[v] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def throughput(n: int, workers: list[int]) -> list[str]:
    """``etl load --pekerja N`` of n re-labelled seeds: wall time, MB/s per core, same rows."""
    rng = random.Random(7)
    seeds = _seeds()
    places = rng.sample(list(wilayah().kecamatan), n)
    out = [
        "| --pekerja | documents | MB of text | wall s | documents/s | MB/s | MB/s per core | CPU s | MB per CPU-s | speed-up |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        total = 0
        for k, place in enumerate(places):
            _path, text, doc = seeds[k % len(seeds)]
            body = relabel(text, (doc.kecamatan, doc.kabupaten, doc.tahun), (place.nama, place.kabupaten, rng.choice(YEARS)))
            (folder / f"synthetic_{k:05d}.txt").write_text(body, encoding="utf-8")
            total += len(body.encode())
        # in this process: CPU of the parse stage (what a worker does) and of the writer, apart
        parse_cpu = write_cpu = 0.0
        con = connect(Path(tmp) / "cpu.duckdb")
        for cached in (clean_cell, clean_line, fold):
            cached.cache_clear()
        # the writer as etl load runs it: the mat tables refreshed once per publication's documents
        deferred, pending = DeferredRefresh(), 0
        for f in sorted(folder.iterdir()):
            c = time.process_time()
            prepared = prepare(f)
            parse_cpu += time.process_time() - c
            for item in prepared.docs:
                c = time.process_time()
                load_document(con, item.doc, item.found, deferred)
                pending += 1
                if pending >= EVERY_DOCS:
                    deferred.flush(con)
                    pending = 0
                write_cpu += time.process_time() - c
        c = time.process_time()
        deferred.flush(con)
        write_cpu += time.process_time() - c
        con.close()
        first: float | None = None
        rows = []
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        for w in workers:
            db = Path(tmp) / f"w{w}.duckdb"
            t = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run(
                [sys.executable, "-m", "etl", "load", "--db", str(db), "--pekerja", str(w), str(folder)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            took = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the loader and its workers (waited for)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr[-2000:])
            first = first or took
            out.append(
                f"| {w} | {n} | {total / 1e6:.1f} | {took:.1f} | {n / took:.1f} | {total / 1e6 / took:.2f} "
                f"| {total / 1e6 / took / w:.2f} | {cpu:.1f} | {total / 1e6 / cpu:.2f} | {first / took:.2f}× |"
            )
            print(out[-1], file=sys.stderr, flush=True)
            rows.append(view_rows(db))
        same = all(r == rows[0] for r in rows[1:])
        out.append("")
        model = (parse_cpu + write_cpu) / max(write_cpu, (parse_cpu + write_cpu) / 2)
        out.append(
            f"- CPU in one process: parse (read, extract, settle, review) {parse_cpu:.1f} s = "
            f"**{total / 1e6 / parse_cpu:.2f} MB/s per core** ({parse_cpu / n * 1000:.0f} ms a document); writer "
            f"{write_cpu:.1f} s ({write_cpu / n * 1000:.0f} ms a document). On 2 idle cores with 2 parse workers and the "
            f"writer: wall ≥ max(writer, (parse + writer) / 2) → speed-up over one process ≤ **{model:.2f}×**, "
            f"{total / 1e6 / max(write_cpu, (parse_cpu + write_cpu) / 2) / 2:.2f} MB/s per core."
        )
        out.append(
            f"- Every view holds the same rows for every --pekerja: **{'yes' if same else 'NO'}** ({sum(len(v) for v in rows[0].values()):,} rows in {len(rows[0])} views)."
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=400)
    parser.add_argument("--keep", type=Path, help="keep the national-scale database here (for bench/dashboard_render.py --db)")
    parser.add_argument("--only", choices=("documents", "flat", "throughput"), help="run one part only")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--measure", type=int, default=100)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if args.only == "flat":
        print("\n".join(flat(args.sizes, args.measure)))
        return
    if args.only == "throughput":
        print("\n".join(throughput(args.documents, args.workers)))
        return
    print(
        f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, duckdb {duckdb.__version__}, {time.strftime('%Y-%m-%d')}\n"
    )
    print("\n".join(per_document(args.repeat)))
    print()
    print("\n".join(national_scale(args.scale, args.keep)))


if __name__ == "__main__":
    main()
