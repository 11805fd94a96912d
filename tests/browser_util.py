"""Helpers for the browser tests: the real dashboard as a streamlit server, Chromium through
Playwright, and the checks every visited page must pass.

    with streamlit_server(db, logdir) as base, chromium_page() as page:
        visit(page, f"{base}/tren?kabupaten=Purbalingga", "Nilai SAKIP")
        assert page_problems(page) == []
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
NEEDS_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
)

# url_path → text a person must see there with the seed data (filter: kabupaten Purbalingga)
SEED_PAGES = {
    "": "63,16",  # Ringkasan is the default page, served at the root
    "tren": "Nilai SAKIP 55,51 → 63,16 (2022–2024), naik 7,65 poin",
    "anggaran": "Konvensi: Selisih",
    "peringkat": "IKM (realisasi), tahun 2024",
    "triwulan": "Belum ada laporan realisasi triwulan",
    "profil": "Komponen skor",
    "data-sumber": "Dokumen · 1 baris",  # the public view dokumen, Kab. Purbalingga
    "reviu-data": "Reviu Data",
}


# English that only an unhandled error would put on a page (the UI speaks Bahasa Indonesia)
ENGLISH_ERROR = re.compile(
    r"Traceback|\b(?:Error|Exception|Failed|failed|Could not|could not|Cannot|cannot|No such|not found|"
    r"Permission denied|lock|locked|Connection|IOException|CatalogException|duckdb)\b"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db: Path, logdir: Path, start_timeout: float = 60) -> Iterator[str]:
    """The real dashboard served on a free local port against `db`; yields its base URL. The
    server's output goes to ``logdir/server.log``."""
    port = free_port()
    log = logdir / "server.log"
    env = {**os.environ, "KINERJA_DB": str(db)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "streamlit_app.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + start_timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.3)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=20)


@contextlib.contextmanager
def chromium_page(**context_args: Any) -> Iterator[Any]:
    """A Playwright page in the system Chromium (downloads accepted, a wide viewport)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            context = browser.new_context(accept_downloads=True, viewport={"width": 1500, "height": 1100}, **context_args)
            yield context.new_page()
        finally:
            browser.close()


def wait_until_run_finished(page: Any, timeout: float = 30_000) -> None:
    """Until the app's script has finished its run (Streamlit marks the app root)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)


def visit(page: Any, url: str, text: str, timeout: float = 30_000) -> None:
    """Open `url`, wait until `text` is on the page and the script run has finished."""
    page.goto(url)
    # visible: a table's cells are also in the DOM as hidden grid cells, before the chart that shows the text
    page.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=timeout)
    wait_until_run_finished(page, timeout)


def page_problems(page: Any) -> list[str]:
    """What must never be on a page: an exception block, a traceback, English error text."""
    problems = []
    blocks = page.locator('[data-testid="stException"]')
    if blocks.count():
        problems.append(f"stException: {blocks.first.inner_text()[:300]}")
    body = page.locator("body").inner_text()
    found = ENGLISH_ERROR.search(body)
    if found:
        start = max(0, found.start() - 120)
        problems.append(f"English error text {found.group(0)!r}: …{body[start : found.end() + 120]}…")
    return problems
