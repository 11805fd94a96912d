"""Render time of every page (AppTest, cold and warm) and the dashboard server's memory after
visiting every page (streamlit as a subprocess, the pages opened in Chromium), on a benchmark database.

    .venv/bin/python bench/pages_render.py --db /tmp/kinerja-bench-ci.duckdb [--repeat 5] [--server]

Pages are those of dashboard/streamlit_app.py (st.Page entries), in their order, with the default
selection (all kecamatan, latest year) unless --kabupaten NAME selects one kabupaten/kota. AppTest
part: per page a fresh AppTest after `st.cache_data.clear()` runs the app and switches to the page
("cold": the entry script's sidebar and the page, queries uncached), then --repeat reruns ("warm":
the query cache filled). An exception, an exception block or an st.error element is reported as the
page's failure, not raised. The AppTest process's VmRSS/VmHWM are printed at the end (the queries'
results cached in one process, as in the server).

--server: the real server (tests/browser_util.py) against the database; Chromium opens each page's
URL in turn and waits until the script run has finished (up to --timeout s); after each page the
server's VmRSS and VmHWM (peak) are read from /proc. The server is stopped when a page fails to
finish or its RSS passes --max-rss-mb. --unduh: on Data & Sumber and Reviu Data, also click every
download button labelled "CSV" (the plain flavour; the file is made on the click, streamed from
DuckDB) and report each file's size and the server's memory after it.
--params k=v …: further URL parameters (e.g. tabel=sumber_baris, semua_tahun=ya).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

APP = ROOT / "dashboard" / "streamlit_app.py"


@dataclass(frozen=True)
class Page:
    script: str  # ringkasan
    url_path: str  # beranda
    title: str
    default: bool


def pages() -> list[Page]:
    """The visible pages of the app, read from streamlit_app.py's st.Page entries."""
    out = []
    for line in APP.read_text(encoding="utf-8").splitlines():
        m = re.search(r'st\.Page\("app_pages/(\w+)\.py", title="([^"]+)", url_path="([^"]+)"', line)
        if m and 'visibility="hidden"' not in line:
            out.append(Page(m.group(1), m.group(3), m.group(2), "default=True" in line))
    return out


class Watchdog:
    """Stops a runaway process before it takes the shared machine's memory: polls VmRSS of `pid`
    and calls `stop` once when it passes `limit_mb` (the page being rendered is named in the result)."""

    def __init__(self, pid: int | str, limit_mb: float, stop: Callable[[], None]) -> None:
        self.pid, self.limit, self.stop = pid, limit_mb, stop
        self.page = ""
        self.tripped: str | None = None
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while self.tripped is None:
            try:
                rss, _ = memory(self.pid)
            except (OSError, KeyError):
                return
            if rss > self.limit:
                self.tripped = f"stopped: RSS {rss:.0f} MB > {self.limit:.0f} MB during {self.page}"
                print(self.tripped, flush=True)
                self.stop()
                return
            time.sleep(0.2)


def _status_mb(pid: int | str, *keys: str) -> list[float]:
    """Fields of /proc/PID/status (kB) in MB, in the order asked."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in keys:
            values[key] = int(value.split()[0]) / 1024
    return [values[k] for k in keys]


def memory(pid: int | str = "self") -> tuple[float, float]:
    """VmRSS and VmHWM of a process in MB."""
    rss, hwm = _status_mb(pid, "VmRSS", "VmHWM")
    return rss, hwm


def rss_parts(pid: int | str = "self") -> tuple[float, float]:
    """RssAnon and RssFile of a process in MB: memory the process allocated, and pages of files it
    mapped (its shared libraries: polars, duckdb, pyarrow …), which VmRSS counts as well."""
    anon, files = _status_mb(pid, "RssAnon", "RssFile")
    return anon, files


@dataclass
class Render:
    page: str
    cold: float = 0.0
    warm: list[float] = field(default_factory=list)
    failure: str | None = None


def failure_of(at) -> str | None:  # type: ignore[no-untyped-def]
    if at.exception:
        return "exception: " + "; ".join(str(e.value)[:200] for e in at.exception)
    errors = at.get("error")
    if errors:
        return "st.error: " + "; ".join(str(e.value)[:200] for e in errors)
    return None


def render_page(page: Page, repeat: int, params: dict[str, str], timeout: float, clear: bool = True) -> Render:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    r = Render(page.script)
    if clear:
        st.cache_data.clear()
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for k, v in params.items():
        at.query_params[k] = v
    start = time.perf_counter()
    try:
        at.run()
        if not page.default:
            at.switch_page(f"app_pages/{page.script}.py")
            at.run()
    except Exception as exc:  # noqa: BLE001 - a timeout or crash is the page's result
        r.failure = f"{type(exc).__name__}: {str(exc)[:200]}"
        return r
    r.cold = time.perf_counter() - start
    r.failure = failure_of(at)
    if r.failure:
        return r
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            at.run()
        except Exception as exc:  # noqa: BLE001
            r.failure = f"{type(exc).__name__}: {str(exc)[:200]}"
            return r
        r.warm.append(time.perf_counter() - start)
        r.failure = failure_of(at)
        if r.failure:
            return r
    return r


def apptest_part(
    db: Path, repeat: int, params: dict[str, str], timeout: float, max_rss: float, skip: set[str], clear: bool = True
) -> list[str]:
    os.environ["KINERJA_DB"] = str(db)
    dog = Watchdog("self", max_rss, lambda: os._exit(3))
    print("| page | cold ms | warm median ms | warm max ms | result |\n|---|---:|---:|---:|---|", flush=True)
    for page in pages():
        if page.script in skip:
            print(f"| {page.script} | | | | not run (--skip) |", flush=True)
            continue
        dog.page = page.script
        r = render_page(page, repeat, params, timeout, clear)
        if r.warm:
            med, top = f"{statistics.median(r.warm) * 1000:.0f}", f"{max(r.warm) * 1000:.0f}"
        else:
            med = top = "–"
        cold = f"{r.cold * 1000:.0f}" if r.cold else "–"
        print(f"| {page.script} | {cold} | {med} | {top} | {r.failure or 'ok'} |", flush=True)
    rss, hwm = memory()
    return [f"\nAppTest process after every page: VmRSS {rss:.0f} MB, VmHWM {hwm:.0f} MB"]


UNDUH_PAGES = ("data_sumber", "reviu_data")


def click_downloads(browser, pid: int, timeout: float) -> list[str]:  # type: ignore[no-untyped-def]
    """Click every visible "CSV" download button of the page; one table row per file."""
    out: list[str] = []
    buttons = browser.locator('[data-testid="stDownloadButton"] button').filter(has_text="CSV").filter(visible=True)
    for i in range(buttons.count()):
        button = buttons.nth(i)
        text = button.inner_text()  # the icon's ligature ("download") is text too
        if "Excel" in text or "Templat" in text or not text.rstrip().endswith("CSV"):
            continue  # the Excel Indonesia flavour: the same rows
        start = time.perf_counter()
        try:
            with browser.expect_download(timeout=timeout * 1000) as got:
                button.click()
            size = Path(got.value.path()).stat().st_size / 1e6
            result = f"{size:.1f} MB"
        except Exception as exc:  # noqa: BLE001 - a download that does not come is the result
            result = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
        took = time.perf_counter() - start
        rss, hwm = memory(pid)
        out.append(f"| ↳ CSV download {len(out) + 1} | {took:.1f} | {rss:.0f} | {hwm:.0f} | {result} |")
    return out


IDLE_S = 30  # seconds the server is left idle before its memory after every page is read


def server_visit(
    db: Path, params: dict[str, str], timeout: float, max_rss: float, skip: set[str], unduh: bool = False
) -> list[str]:
    from urllib.parse import urlencode

    from tests.browser_util import chromium_page, page_problems, streamlit_server, wait_until_run_finished

    rows: list[str] = []
    query = ("?" + urlencode(params)) if params else ""
    with tempfile.TemporaryDirectory() as tmp, streamlit_server(db, Path(tmp), start_timeout=120) as base:
        pid = _server_pid(base)
        rss0, _ = memory(pid)
        dog = Watchdog(pid, max_rss, lambda: os.kill(pid, signal.SIGKILL))  # the server this script started
        print(f"server at start: VmRSS {rss0:.0f} MB\n", flush=True)
        print("| page | visit s | server VmRSS MB | server VmHWM MB | result |\n|---|---:|---:|---:|---|", flush=True)
        with chromium_page() as browser:
            for page in pages():
                if page.script in skip:
                    print(f"| {page.script} | | | | not run (--skip) |", flush=True)
                    continue
                dog.page = page.script
                url = f"{base}/{'' if page.default else page.url_path}{query}"
                start = time.perf_counter()
                result = "ok"
                try:
                    browser.goto(url, timeout=timeout * 1000)
                    browser.wait_for_timeout(500)  # the run starts after the websocket connects
                    wait_until_run_finished(browser, timeout * 1000)
                    problems = page_problems(browser)
                    if problems:
                        result = "; ".join(problems)[:300]
                except Exception as exc:  # noqa: BLE001 - a page that does not finish is the result
                    result = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                took = time.perf_counter() - start
                if dog.tripped:
                    print(f"| {page.script} | {took:.1f} | | | {dog.tripped} |", flush=True)
                    break
                rss, hwm = memory(pid)
                print(f"| {page.script} | {took:.1f} | {rss:.0f} | {hwm:.0f} | {result} |", flush=True)
                if unduh and page.script in UNDUH_PAGES and result == "ok":
                    for line in click_downloads(browser, pid, timeout):
                        print(line, flush=True)
                if rss > max_rss or result.startswith(("TimeoutError", "Error")):
                    rows.append(
                        f"\nstopped after {page.script}: RSS {rss:.0f} MB (limit {max_rss:.0f}) or the page did not finish"
                    )
                    break
            else:  # every page visited: what the server keeps once the allocators have had time to return memory
                time.sleep(IDLE_S)
                rss, hwm = memory(pid)
                anon, files = rss_parts(pid)
                rows.append(
                    f"\nserver {IDLE_S} s after the last page: VmRSS {rss:.0f} MB (RssAnon {anon:.0f}, RssFile {files:.0f}), "
                    f"VmHWM {hwm:.0f} MB"
                )
    return rows


def _server_pid(base: str) -> int:
    """The streamlit process listening on base's port (a child of this process)."""
    port = base.rsplit(":", 1)[1]
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        if parts[1].endswith(f":{int(port):04X}") and parts[3] == "0A":
            inode = parts[9]
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                    return int(pid)
        except OSError:
            continue
    raise SystemExit(f"no process listens on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--kabupaten", help="select this kabupaten/kota in the sidebar (default: all kecamatan)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per page run")
    parser.add_argument("--server", action="store_true", help="also visit every page of a real server in Chromium")
    parser.add_argument("--no-apptest", action="store_true")
    parser.add_argument(
        "--shared-cache", action="store_true", help="keep the query cache between pages (cold = the page's own queries only)"
    )
    parser.add_argument("--max-rss-mb", type=float, default=8_000, help="stop the process (AppTest) or the server past this RSS")
    parser.add_argument("--skip", nargs="*", default=[], help="pages not to run (script names, e.g. data_sumber)")
    parser.add_argument("--unduh", action="store_true", help="--server: click the CSV downloads of Data & Sumber and Reviu Data")
    parser.add_argument("--params", nargs="*", default=[], help="further URL parameters as name=value")
    args = parser.parse_args()
    params = {"kabupaten": args.kabupaten} if args.kabupaten else {}
    params.update(dict(p.split("=", 1) for p in args.params))
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, database {args.db} ({args.db.stat().st_size / 1e9:.2f} GB), selection {params or 'default'}\n"
    )
    if not args.no_apptest:
        print(
            "\n".join(
                apptest_part(args.db, args.repeat, params, args.timeout, args.max_rss_mb, set(args.skip), not args.shared_cache)
            )
        )
    if args.server:
        print()
        print("\n".join(server_visit(args.db, params, args.timeout, args.max_rss_mb, set(args.skip), args.unduh)))


if __name__ == "__main__":
    main()
