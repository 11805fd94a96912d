"""Benchmark of the dashboard: render time of each page with AppTest, cold and warm, on the seed data.

    .venv/bin/python bench/dashboard_render.py [--repeat 10] [--db FILE]

Builds a database from data/raw/ (unless --db is given), runs the whole app (entry script with the
shared filters, then the page) once per page to warm the caches, then times --repeat reruns of each
page and prints the median and the slowest as Markdown for bench/README.md. "Cold" is the first
run of a page in a fresh AppTest with empty query caches (query + chart building).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from etl.extract import extract_file  # noqa: E402
from etl.load import connect, load_document  # noqa: E402

APP = ROOT / "dashboard" / "streamlit_app.py"
# every page of the app, as listed in streamlit_app.py (bench/pages_render.py reads the same list)
PAGES = re.findall(r'st\.Page\("app_pages/(\w+)\.py"', APP.read_text(encoding="utf-8"))
PAGES = list(dict.fromkeys(PAGES))


def build_seed_db(folder: Path) -> Path:
    path = folder / "kinerja.duckdb"
    con = connect(path)
    for doc in sorted((ROOT / "data" / "raw").glob("*.txt")):
        load_document(con, extract_file(doc))
    con.close()
    return path


def render(at: AppTest, page: str) -> float:
    start = time.perf_counter()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"{page}: {[e.value for e in at.exception]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KINERJA_DB"] = str(args.db or build_seed_db(Path(tmp)))
        rows = ["| page | cold ms | warm median ms | warm max ms |", "|---|---:|---:|---:|"]
        for page in PAGES:
            st.cache_data.clear()
            at = AppTest.from_file(str(APP), default_timeout=120)
            at.run()
            cold = render(at, page)
            warm = [render(at, page) for _ in range(args.repeat)]
            rows.append(f"| {page} | {cold * 1000:.0f} | {statistics.median(warm) * 1000:.0f} | {max(warm) * 1000:.0f} |")
    print(f"Python {platform.python_version()}, {platform.machine()}, repeat {args.repeat}\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
