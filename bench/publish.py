"""Benchmark of the publish design of `etl load` (issue 12) against writing the database in place.

    .venv/bin/python bench/publish.py [--copies 1 10 50] [--base 400]

* **Write cost**: the documents are extracted first, then only the writing is timed: today's
  direct write (one read-write connection on FILE, each document one transaction) against the
  publish design (FILE.lock, copy FILE to FILE.staging, the same transactions there, CHECKPOINT and
  os.replace at the end and every 25 documents). Into a fresh file (the 4 seeds × N copies, each copy
  re-labelled as another kecamatan), and 4 new documents into a file that already holds --base.
* **Reads during a load and visibility**: a reader process opens FILE read-only every 20 ms while
  `etl load` runs (the 4 seeds × 10 copies into the --base file): failed reads, and the time from the
  load's end until a fresh read sees the new documents.
Results are printed as Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.etl_load import synthetic_documents  # noqa: E402
from etl import publish  # noqa: E402
from etl.__main__ import main  # noqa: E402
from etl.extract import extract_file  # noqa: E402
from etl.load import connect, load_document  # noqa: E402
from etl.model import DocumentError, Dokumen  # noqa: E402

READER = """
import sys, time, duckdb
db, until = sys.argv[1], float(sys.argv[2])
while time.time() < until:
    t = time.time()
    try:
        con = duckdb.connect(db, read_only=True)
        n = con.execute("select count(*) from dokumen").fetchone()[0]
        con.close()
        print(f"{t} ok {n}", flush=True)
    except Exception as exc:
        print(f"{t} err {type(exc).__name__}", flush=True)
    time.sleep(0.02)
"""


_EXTRACTED: dict[str, Dokumen | None] = {}


def _docs(folder: Path, n: int, offset: int = 0) -> list[Dokumen]:
    """Synthetic documents offset..offset+n written to folder and extracted (each text once)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in synthetic_documents(offset + n)[offset:]:
        if text not in _EXTRACTED:
            (folder / name).write_text(text, encoding="utf-8")
            try:
                _EXTRACTED[text] = extract_file(folder / name)
            except DocumentError:  # a re-labelled name the reference cannot place: left out
                _EXTRACTED[text] = None
        doc = _EXTRACTED[text]
        if doc is None:
            (folder / name).unlink(missing_ok=True)
        else:
            (folder / name).write_text(text, encoding="utf-8")
            out.append(doc)
    return out


def direct(db: Path, docs: list[Dokumen]) -> float:
    t = time.perf_counter()
    con = connect(db)
    for doc in docs:
        load_document(con, doc)
    con.close()
    return time.perf_counter() - t


def published(db: Path, docs: list[Dokumen]) -> float:
    t = time.perf_counter()
    with publish.writer_lock(db):
        snap = publish.Snapshot(db)
        snap.open()
        for doc in docs:
            assert snap.con is not None
            load_document(snap.con, doc)
            snap.committed()
        snap.publish()
    return time.perf_counter() - t


def write_cost(copies: list[int], base: int, repeat: int) -> list[str]:
    out = [
        "| load | documents | direct write s | publish s | publish / direct |",
        "|---|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        biggest = _docs(tmpdir / "docs", 4 * max(copies))
        for n in copies:
            docs = biggest[: 4 * n]
            times: dict[str, list[float]] = {"direct": [], "publish": []}
            for r in range(repeat):
                for label, fn in (("direct", direct), ("publish", published)):
                    db = tmpdir / f"{label}_{n}_{r}.duckdb"
                    times[label].append(fn(db, docs))
            d, p = statistics.median(times["direct"]), statistics.median(times["publish"])
            out.append(f"| fresh file, 4 seeds × {n} | {4 * n} | {d:.2f} | {p:.2f} | {p / d:.2f} |")
        base_docs = _docs(tmpdir / "base", base, offset=4 * max(copies))
        base_db = tmpdir / "base.duckdb"
        direct(base_db, base_docs)
        size = base_db.stat().st_size / 1e6
        new = biggest[:4]
        times = {"direct": [], "publish": []}
        for r in range(repeat):
            for label, fn in (("direct", direct), ("publish", published)):
                db = tmpdir / f"inc_{label}_{r}.duckdb"
                shutil.copyfile(base_db, db)
                times[label].append(fn(db, new))
        d, p = statistics.median(times["direct"]), statistics.median(times["publish"])
        out.append(f"| 4 new into a file of {base} documents ({size:.1f} MB) | 4 | {d:.2f} | {p:.2f} | {p / d:.2f} |")
    return out


def _reader(db: Path, seconds: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(time.time() + seconds)], stdout=subprocess.PIPE, text=True
    )


def reads_during_load(base: int) -> list[str]:
    """Reads while `etl load` runs (publish design, through the CLI), and how soon they see it."""
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        db = tmpdir / "k.duckdb"
        base_docs = _docs(tmpdir / "base", base, offset=1000)
        base = len(base_docs)
        direct(db, base_docs)
        folder = tmpdir / "new"
        new = len(_docs(folder, 40))
        reader = _reader(db, 120)
        time.sleep(3)  # the reader is up and reading
        with contextlib.redirect_stdout(io.StringIO()):
            t0 = time.time()
            rc = main(["load", "--db", str(db), str(folder)])
            t1 = time.time()
        time.sleep(1)
        reader.kill()
        out, _ = reader.communicate()
    rows = [line.split() for line in out.splitlines()]
    during = [r for r in rows if t0 <= float(r[0]) <= t1]
    failed = sum(r[1] == "err" for r in during)
    seen = next((float(r[0]) for r in rows if r[1] == "ok" and int(r[2]) == base + new and float(r[0]) >= t0), float("nan"))
    first_new = next((float(r[0]) for r in rows if r[1] == "ok" and int(r[2]) > base and float(r[0]) >= t0), float("nan"))
    return [
        f"- `etl load` of {new} documents into a file of {base} (exit {rc}) took {t1 - t0:.1f} s; a reader opening "
        f"FILE read-only every 20 ms made {len(during)} reads meanwhile, {failed} failed.",
        f"- The first published documents were visible {first_new - t0:.1f} s after the load started "
        f"(after 25 documents); all {new} were visible {max(0.0, seen - t1) * 1000:.0f} ms after the load ended "
        "(the next read: opening the file takes ~75 ms).",
    ]


def direct_reads(base: int) -> list[str]:
    """The same reader against today's direct write, for contrast."""
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        db = tmpdir / "k.duckdb"
        base_docs = _docs(tmpdir / "base", base, offset=1000)
        base = len(base_docs)
        direct(db, base_docs)
        docs = _docs(tmpdir / "new", 40)
        reader = _reader(db, 120)
        time.sleep(3)
        t0 = time.time()
        refused = 0
        while True:  # the writer cannot open FILE while a reader has it open: retry, as a person would
            try:
                con = duckdb.connect(str(db))
                break
            except duckdb.IOException:
                refused += 1
                time.sleep(0.005)
        for doc in docs:
            load_document(con, doc)
        con.close()
        t1 = time.time()
        error = f" (the writer's open was refused {refused} times by the reader first)"
        time.sleep(1)
        reader.kill()
        out, _ = reader.communicate()
    rows = [line.split() for line in out.splitlines()]
    during = [r for r in rows if t0 <= float(r[0]) <= t1]
    failed = sum(r[1] == "err" for r in during)
    seen = next((float(r[0]) for r in rows if r[1] == "ok" and int(r[2]) == base + len(docs) and float(r[0]) >= t0), float("nan"))
    first_new = next((float(r[0]) for r in rows if r[1] == "ok" and int(r[2]) > base and float(r[0]) >= t0), float("nan"))
    return [
        f"- Direct write of the same 40 documents{error}: {len(during)} reads during {t1 - t0:.1f} s, {failed} failed; "
        f"the first new documents were visible {first_new - t0:.1f} s after the write started, all {len(docs)} "
        f"{max(0.0, seen - t1) * 1000:.0f} ms after it ended."
    ]


def run() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--base", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reads-only", action="store_true", help="only the reads during a load")
    args = parser.parse_args()
    print(
        f"Recorded {time.strftime('%Y-%m-%d')} ({platform.machine()}, Python {platform.python_version()}, "
        f"duckdb {duckdb.__version__}, {os.cpu_count()} cores)\n"
    )
    if not args.reads_only:
        print("\n".join(write_cost(args.copies, args.base, args.repeat)))
        print()
    print("\n".join(reads_during_load(args.base)))
    print("\n".join(direct_reads(args.base)))


if __name__ == "__main__":
    run()
