"""Benchmark of reading the forms fixtures: parse time per page for each form, against the seed text.

    .venv/bin/python bench/forms_parse.py [--repeat 3] [--ocr smallest|all|none] [--seed STEM ...]

For each seed and each form in tests/fixtures/forms/ (made by make_forms.py): reading the file
into lines (``etl.read.read_lines``: text layer with pdfplumber, OCR with Tesseract for the scan,
decoding for text) and extracting the facts (``etl.extract.extract_lines``), median of --repeat
runs (the scan runs once: OCR takes seconds per page). "Pages" is the page count of the seed's
office PDF for every form of that seed, so ms/page compares forms of the same content; "× text"
is the form's read + parse time over that of the seed's plain text (data/raw/<seed>.txt).
A form the ETL refuses is timed up to the refusal and marked GAGAL. Results are printed as
Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.extract import extract_lines  # noqa: E402
from etl.read import read_lines  # noqa: E402
from etl.text import clean_cell, clean_line, fold  # noqa: E402

RAW = ROOT / "data" / "raw"
FORMS_DIR = ROOT / "tests" / "fixtures" / "forms"
FORMS = ("office", "header", "borderless", "layout", "raw", "copypaste", "scan", "utf16", "utf16nobom", "cp1252")
SMALLEST = "pk_2019_banyumas_ajibarang"


def time_once(path: Path) -> tuple[float, float, int, str]:
    """Read and parse seconds, number of lines, and 'ok' or the refusal."""
    for cached in (clean_cell, clean_line, fold):
        cached.cache_clear()  # cold text caches: each run reads the document as if new
    t0 = time.perf_counter()
    try:
        lines, fmt = read_lines(path)
    except Exception as exc:  # noqa: BLE001 - a refused form is reported, not a crash of the benchmark
        return time.perf_counter() - t0, 0.0, 0, f"GAGAL ({type(exc).__name__})"
    t1 = time.perf_counter()
    try:
        extract_lines(lines, path.name, hashlib.sha256(path.read_bytes()).hexdigest(), fmt, str(path))
    except Exception as exc:  # noqa: BLE001
        return t1 - t0, time.perf_counter() - t1, len(lines), f"GAGAL ({type(exc).__name__})"
    return t1 - t0, time.perf_counter() - t1, len(lines), "ok"


def measure(path: Path, repeat: int) -> tuple[float, float, int, str]:
    runs = [time_once(path) for _ in range(repeat)]
    read = statistics.median(r[0] for r in runs)
    parse = statistics.median(r[1] for r in runs)
    return read, parse, runs[-1][2], runs[-1][3]


def pages_of(pdf: Path) -> int:
    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def run(seeds: list[str], repeat: int, ocr: str) -> list[str]:
    out = [
        "| seed | form | reader | pages | lines | read ms | parse ms | ms/page | × text | status |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    time_once(RAW / f"{seeds[0]}.txt")  # warm: reference list and regexes
    for seed in seeds:
        pages = pages_of(FORMS_DIR / f"{seed}.office.pdf")
        read, parse, n, status = measure(RAW / f"{seed}.txt", repeat)
        base = read + parse
        out.append(
            f"| {seed} | text (seed) | text | {pages} | {n} | {read * 1000:.1f} | {parse * 1000:.1f} | {base * 1000 / pages:.1f} | 1.0 | {status} |"
        )
        for form in FORMS:
            path = next(iter(sorted(FORMS_DIR.glob(f"{seed}.{form}.*"))), None)
            if path is None:
                continue
            if form == "scan" and (ocr == "none" or (ocr == "smallest" and seed != SMALLEST)):
                continue
            reader = "ocr" if form == "scan" else ("text layer" if path.suffix == ".pdf" else "text")
            read, parse, n, status = measure(path, 1 if form == "scan" else repeat)
            total = read + parse
            out.append(
                f"| {seed} | {form} | {reader} | {pages} | {n} | {read * 1000:.1f} | {parse * 1000:.1f} | {total * 1000 / pages:.1f}"
                f" | {total / base:.1f} | {status} |"
            )
            print(out[-1], file=sys.stderr, flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ocr", choices=("smallest", "all", "none"), default="smallest", help="which scans to OCR")
    parser.add_argument("--seed", action="append", help="only this seed (repeatable); default all four")
    args = parser.parse_args()
    seeds = args.seed or sorted(p.stem for p in RAW.glob("*.txt"))
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
        f" pdfplumber {pdfplumber.__version__}, {time.strftime('%Y-%m-%d')}\n"
    )
    print("\n".join(run(seeds, args.repeat, args.ocr)))


if __name__ == "__main__":
    main()
