"""Benchmark of `etl load`: parse and load time per seed document, MB/s, and a national-scale run.

    .venv/bin/python bench/etl_load.py [--repeat 5] [--scale 400]

Part 1 times each seed document: reading the file into lines, extracting the facts (tables,
header, extractors) and writing them into a fresh DuckDB file, median of --repeat runs.
Part 2 builds --scale synthetic documents (the seed PKs with the names of other kecamatan from the
national reference list, chosen with random.Random(42)), loads them into one database and times
the views the dashboard reads most. Results are printed as Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.extract import extract_file, extract_lines  # noqa: E402
from etl.load import connect, load_document  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=400)
    parser.add_argument("--keep", type=Path, help="keep the national-scale database here (for bench/dashboard_render.py --db)")
    args = parser.parse_args()
    print(
        f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, duckdb {duckdb.__version__}, {time.strftime('%Y-%m-%d')}\n"
    )
    print("\n".join(per_document(args.repeat)))
    print()
    print("\n".join(national_scale(args.scale, args.keep)))


if __name__ == "__main__":
    main()
