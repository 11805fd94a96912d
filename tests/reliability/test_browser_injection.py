"""Document text is shown as text in the real browser (issue 12): a document whose file name,
sasaran, indicator, program and component names carry Markdown and HTML that point at a local
recording server. Chromium opens every page; the recording server must get no request, the
browser must ask no host but the dashboard, no link or source may point at the injected URLs,
and the injected text must be readable as it was written. Chart labels, chart tooltips and the
names of downloaded files are checked too."""

from __future__ import annotations

import contextlib
import http.server
import io
import re
import threading
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import altair as alt
import openpyxl
import polars as pl
import pytest

from dashboard import charts, export
from etl.__main__ import main
from tests.browser_util import NEEDS_CHROMIUM, chromium_page, page_problems, streamlit_server, visit, wait_until_run_finished
from tests.conftest import SEEDS

browser = [pytest.mark.browser, NEEDS_CHROMIUM]


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers everything with an empty 200 and remembers what was asked."""

    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@contextlib.contextmanager
def _recording_server() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def _injections(host: str) -> dict[str, str]:
    """What a hostile document may carry: each one would fetch from or link to `host` if the page
    treated document text as Markdown or HTML."""
    return {
        "md_image": f"![x](http://{host}/md.png)",
        "html_image": f'<img src="http://{host}/html.png">',
        "md_link": f"[klik](http://{host}/link)",
        "bare_url": f"http://{host}/bare",
        "script": f"<script>fetch('http://{host}/script')</script>",
        "javascript": "[js](javascript:alert(1))",
        "www": f"www.{host}/www",
        "email": f"camat@{host}",
        "component": f"<img src=http://{host}/komponen.png>",
    }


def _file_name(host: str) -> str:
    # a file name cannot hold '/', but 'http:HOST' is still a URL to a browser
    return f"lkjip_2024_purbalingga_kertanegara ![n](http:{host}) [a](http:{host}) <img src=http:{host}>.txt"


def _injected_folder(folder: Path, host: str) -> Path:
    """Kertanegara's LKjIP with the injections in its sasaran, indicator, program and component
    names (they reach the findings of the review too) and in its file name."""
    inj = _injections(host)
    text = SEEDS["kertanegara"].read_text(encoding="utf-8")
    for old, new in (
        ("Meningkatnya implementasi SAKIP Kecamatan", f"Meningkatnya {inj['md_image']} SAKIP Kecamatan"),
        ("Nilai SAKIP Kecamatan", f"Nilai SAKIP Kecamatan {inj['html_image']}"),
        (
            "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
            f"Program {inj['md_link']} Pemerintahan dan Pelayanan Publik",
        ),
        (
            "Program Pemberdayaan Masyarakat",
            f"Program {inj['bare_url']} {inj['www']} {inj['email']} {inj['script']} {inj['javascript']} Pemberdayaan Masyarakat",
        ),
        # the budget table the program chart is drawn from
        (
            "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
            f"PROGRAM {inj['md_link']} PEMERINTAHAN DAN PELAYANAN PUBLIK",
        ),
        ("C. PROGRAM PEMBERDAYAAN MASYARAKAT", f"C. PROGRAM {inj['script']} PEMBERDAYAAN MASYARAKAT"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    lines = text.split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.startswith("4\tBiaya/tarif\t")]  # an IKM unsur
    lines[at] = lines[at].replace("Biaya/tarif", f"Biaya/tarif {inj['component']}", 1)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / _file_name(host)).write_text("\n".join(lines), encoding="utf-8")
    return folder


# program names are quoted only by budget findings, and the seeds' budget findings (issue 13: one
# per slip, the PK Perubahan's murni amounts no galat) may name other programs
OPTIONAL_NEEDLES = ("/link", "/bare")

# url_path → text that shows the page has drawn its data (the kabupaten of the injected document)
PAGES = {
    "": "Rata-rata Nilai SAKIP",
    "tren": "Nilai SAKIP 55,51",
    "anggaran": "Juta Rupiah",
    "peringkat": "1. Kertanegara (Kab. Purbalingga)",
    "triwulan": "Belum ada laporan realisasi triwulan",
    "profil": "Komponen Nilai SAKIP terhadap bobot",
    "data-sumber": "dokumen · 1 baris",
    "reviu-data": "baris yang ditandai ▶",
}

# every attribute through which a page could fetch or link (HTML and SVG)
_URL_ATTRIBUTES = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^(href|src|srcset|action|formaction|xlink:href|poster|data|background)$/i.test(a.name)) {
        out.push(el.tagName.toLowerCase() + ' ' + a.name + '=' + a.value);
      }
    }
  }
  return out;
}"""


def _sticky_problems(page, host: str, where: str) -> list[str]:
    """Links, sources and elements that document text must never become."""
    problems = [f"{where}: {p}" for p in page_problems(page)]
    for attr in page.evaluate(_URL_ATTRIBUTES):
        if host in attr.lower() or "javascript:" in attr.lower():
            problems.append(f"{where}: live {attr}")
    for tag in ("script", "img", "iframe", "a"):
        for el in page.locator(f"[data-testid='stMain'] {tag}").all():
            html = el.evaluate("e => e.outerHTML")
            if host in html or "javascript:" in html:
                problems.append(f"{where}: element {html[:200]}")
    return problems


def _shown(text: str) -> str:
    """Page text as a reader sees it: without the invisible word joiners that keep URLs unlinked."""
    return text.replace(export.WORD_JOINER, "")


def _chart_texts(page) -> str:
    """Every text drawn in the page's charts (Vega draws them as SVG text elements)."""
    return " ".join(page.eval_on_selector_all("[data-testid='stVegaLiteChart'] svg text", "els => els.map(e => e.textContent)"))


def _tooltips(page, marks: str, limit: int = 40) -> list[str]:
    """Hover over the chart marks matching `marks` and return each tooltip's inner HTML."""
    seen = []
    for mark in page.locator(marks).all()[:limit]:
        try:
            mark.hover(timeout=2_000, force=True)
        except Exception:  # noqa: BLE001 - a mark hidden behind another one cannot be hovered
            continue
        tip = page.locator("#vg-tooltip-element.visible")
        if tip.count():
            seen.append(tip.inner_html())
    return seen


@pytest.mark.browser
@NEEDS_CHROMIUM
def test_no_document_text_reaches_the_page_as_markup(tmp_path: Path) -> None:
    with _recording_server() as (host, seen):
        inj = _injections(host)
        folder = _injected_folder(tmp_path / "in", host)
        db = tmp_path / "k.duckdb"
        assert main(["load", "--db", str(db), str(folder)]) == 0
        with streamlit_server(db, tmp_path) as base, chromium_page() as page:
            dashboard = urlsplit(base).netloc
            asked: list[str] = []
            page.on("request", lambda r: asked.append(r.url))
            problems: list[str] = []
            texts: dict[str, str] = {}
            for slug, text in PAGES.items():
                visit(page, f"{base}/{slug}?kabupaten=Purbalingga", text, timeout=45_000)
                where = slug or "ringkasan"
                if slug == "profil":
                    page.get_by_text("Baris sumber setiap angka di atas").click()
                    # the name as shown: up to its first URL (a word joiner follows 'http' on the page)
                    shown_name = _file_name(host).split("(http", 1)[0]
                    page.get_by_text(shown_name).filter(visible=True).first.wait_for(timeout=20_000)
                    wait_until_run_finished(page)
                problems += _sticky_problems(page, host, where)
                texts[where] = _shown(page.locator("body").inner_text())

            # Reviu Data: open every finding whose message carries an injection
            injected_findings = 0
            for needle in ("md.png", "html.png", "/link", "/bare"):
                box = page.locator("[data-testid='stSelectbox']").filter(has_text="Temuan")
                box.locator("input").click()
                box.locator("input").fill(needle)
                options = page.locator("[role='option']")
                options.first.wait_for(timeout=10_000)
                listed = options.first.inner_text()
                if listed == "No results" and needle in OPTIONAL_NEEDLES:
                    box.locator("input").press("Escape")
                    continue  # no finding quotes this name on the seeds today
                assert needle in listed, listed  # the option list shows the message as text
                problems += _sticky_problems(page, host, f"reviu-data pilihan {needle}")
                options.first.click()
                page.get_by_text(needle, exact=False).filter(visible=True).first.wait_for(timeout=20_000)
                wait_until_run_finished(page)
                problems += _sticky_problems(page, host, f"reviu-data {needle}")
                body = _shown(page.locator("[data-testid='stMain']").inner_text())
                texts[f"reviu-data {needle}"] = body
                # the finding's message is Markdown on the page (not only the source lines in a code block)
                markdown = _shown(
                    " ".join(page.locator("[data-testid='stMain'] [data-testid='stMarkdownContainer']").all_inner_texts())
                )
                injected_findings += any(v in markdown for v in inj.values())

            # chart labels and tooltips: document text drawn as text, tooltips escaped
            visit(page, f"{base}/anggaran?kabupaten=Purbalingga", PAGES["anggaran"], timeout=45_000)
            labels = _chart_texts(page)
            tips = _tooltips(page, "[data-testid='stVegaLiteChart'] svg .mark-rect path")
            tips += _tooltips(page, "[data-testid='stVegaLiteChart'] svg .mark-symbol path")
            problems += _sticky_problems(page, host, "anggaran tooltip")
            visit(page, f"{base}/profil?kabupaten=Purbalingga", PAGES["profil"], timeout=45_000)
            labels += " " + _chart_texts(page)
            tips += _tooltips(page, "[data-testid='stVegaLiteChart'] svg .mark-rect path")

            # downloads named after the page and the kecamatan: a plain file name
            names = []
            csv_buttons = page.locator("[data-testid=stDownloadButton] button", has_text="CSV").filter(visible=True)
            # Chromium lets a page start about ten downloads by itself: both flavours of two tables here
            for k in range(min(4, csv_buttons.count())):
                with page.expect_download(timeout=30_000) as info:
                    csv_buttons.nth(k).click()
                names.append(info.value.suggested_filename)
                wait_until_run_finished(page)
            with page.expect_download(timeout=30_000) as info:
                page.locator("[data-testid=stDownloadButton] button", has_text="XLSX").filter(visible=True).first.click()
            names.append(info.value.suggested_filename)
            book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
            problems += _sticky_problems(page, host, "profil unduhan")

        print(
            f"{len(asked)} browser requests, {len(seen)} to the recording server, {injected_findings} injected findings "
            f"opened, {len(tips)} tooltips read, downloads {names}"
        )
        assert seen == [], seen
    assert problems == [], "\n".join(problems)
    foreign = [u for u in asked if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != dashboard]
    assert foreign == [], foreign[:5]

    # the injected text is on the page, as written
    everything = "\n".join(texts.values())
    assert _file_name(host) in texts["profil"]  # the file name above its source lines
    for key in ("md_image", "html_image"):  # sasaran and indicator: in captions, findings and source lines
        assert inj[key] in everything, key
    # the program names (md_link, bare_url, script, javascript, www, email) are drawn in charts and
    # table grids (canvas), so they are checked in the chart labels below
    assert injected_findings >= 2  # the sasaran and the indicator name are quoted by findings
    # chart labels are SVG text: the injected sasaran and program names drawn literally
    assert "Meningkatnya ![x](http://" in labels
    assert f"PROGRAM [klik](http://{host}/" in labels and "PROGRAM <script>fetch(" in labels, labels
    # tooltips are escaped: a sasaran or program with markup is shown as text, never as an element
    assert tips, "no tooltip appeared"
    assert any("&lt;" in t or "![x]" in t or "[klik]" in t.lower() for t in tips), tips[:3]
    for tip in tips:
        assert not re.search(r"<(img|a|script|iframe)\b", tip, re.IGNORECASE), tip
    for name in names:
        assert re.fullmatch(r"[a-z0-9_-]+\.(csv|xlsx)", name), name
    assert all(_plain_sheet_name(s) for s in book.sheetnames), book.sheetnames


def _plain_sheet_name(name: str) -> bool:
    return (
        0 < len(name) <= 31
        and not any(c in "[]:*?/\\" or unicodedata.category(c).startswith("C") for c in name)
        and not name.startswith("'")
        and not name.endswith("'")
    )


HOSTILE_NAMES = [
    "../../etc/passwd",
    "..\\..\\Windows\\win.ini",
    "a\x00b\x01c\x1fd\x7fe\nf\rg\th",
    "'Kecamatan'",
    "x" * 23 + "'" + "y",  # cut to Excel's 31 characters, the sheet name would end in an apostrophe
    "[klik](http://evil.example/a) <img src=x>",
    "‮gnp.exe",  # right-to-left override
    "…",
    "",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_download_file_names_from_document_names_are_plain(name: str) -> None:
    stem = export.file_stem("profil", name, 2024)
    assert re.fullmatch(r"[a-z0-9_-]+", stem), stem  # ASCII letters, digits, "_" and "-": no separator, dot or control character
    assert stem.startswith("profil") and stem.endswith("2024")
    assert export.file_stem(name), "an empty stem would give a file named '.csv'"
    assert re.fullmatch(r"[a-z0-9_-]+", export.file_stem(name))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_xlsx_sheet_names_from_document_names_open(name: str) -> None:
    data = export.table_xlsx(pl.DataFrame({"Teks": [name]}), f"profil_{name}_2024")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [_plain_sheet_name(s) for s in book.sheetnames] == [True], book.sheetnames


def test_svg_export_keeps_document_text_as_text() -> None:
    """The SVG a user downloads draws markup from a document as text: no script, link or image."""
    hostile = '<script>alert(1)</script> <a href="http://evil.example">x</a> <image href="http://evil.example/i.png"/>'
    df = pl.DataFrame(
        {
            "kecamatan": ["Kertanegara", "Kertanegara"],
            "program": [hostile, "[klik](http://evil.example) ![x](http://evil.example/i.png)"],
            "pagu": [100.0, 200.0],
            "realisasi": [90.0, 150.0],
            "nama_file": [hostile, "b.txt"],
        }
    )
    chart: alt.TopLevelMixin = charts.komposisi_anggaran(df)
    root = ET.fromstring(export.chart_svg(chart))
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert not tags & {"script", "a", "image", "foreignObject", "iframe"}, tags
    drawn = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    assert "<script>alert(1)</script>" in drawn  # the footnote names the file as written
    assert "[klik](http://evil.example)" in drawn
