"""What a person sees at 1440 px and at 390 px (issue 14): on every page the key columns without
scrolling, no sideways page scroll, no English or raw codes; a click on a chart bar or a table row
opens the right Profil; every export downloads and opens (XLSX formats, CSV with ';', PNG size,
SVG legend, PDF and DOCX report).

Screenshots of every page at both widths go to $KINERJA_ARTIFACTS (default tests/artifacts/,
git-ignored): look at them after a layout change.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import struct
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest

from dashboard import export, kolom
from tests.browser_util import NEEDS_CHROMIUM, ROOT, chromium_page, streamlit_server, wait_until_run_finished

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]

ARTIFACTS = Path(os.environ.get("KINERJA_ARTIFACTS") or ROOT / "tests" / "artifacts")
WIDTHS = (1440, 390)
KAB = "kabupaten=Purbalingga"

# url_path → (text drawn when the page is ready, the column view of its key table, that table's name
# (components.tabel), its key columns at 1440 px; at 390 px the compact table's columns are the key)
PAGES: dict[str, tuple[str, str | None, str, list[str]]] = {
    "": ("63,16", "ringkasan", "ringkasan", ["Kecamatan", "SAKIP", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"]),
    "tren": ("naik 7,65 poin", "tren", "tren_SAKIP_tabel", ["Kecamatan", "Tahun evaluasi", "Realisasi", "Target"]),
    "anggaran": (
        "Konvensi: Selisih",
        "efisiensi",
        "efisiensi_",
        ["Kecamatan", "Sasaran", "Capaian kinerja (%)", "Penyerapan (%)"],
    ),
    "peringkat": (
        "IKM (realisasi), tahun 2024",
        "peringkat",
        "peringkat_",
        ["Peringkat", "Kecamatan", "IKM (realisasi) (angka)"],
    ),
    "profil": ("Komponen skor", "profil_indikator", "profil_indikator", ["Indikator", "Target", "Realisasi", "Capaian (%)"]),
    "triwulan": ("Belum ada laporan realisasi triwulan", None, "", []),
    "data-sumber": ("Dokumen · 1 baris", None, "", []),
    "reviu-data": ("Reviu Data", None, "", []),
}
# Data & Sumber names the view chosen for download by its Indonesian label ("Dokumen · 1 baris"); a
# line of that shape is left out of the raw-code check; nothing else on a page may show a raw code
NAMA_VIEW = re.compile(r"^\w+ · [\d.]+ baris$", re.MULTILINE)

# English a user must never read (Streamlit's own strings included), and raw codes of the database
ENGLISH = re.compile(
    r"\b(?:Select all|No results|Page not found|Traceback|None|NaN|nan|null|undefined|True|False|"
    r"Download|Loading|Error|Exception|Show/hide columns)\b"
)
RAW = re.compile(
    r"\b(?:PK_PERUBAHAN|KEMATANGAN|kalimat_persen|sumber_baris|nama_file|dokumen_id|sub_kegiatan|"
    r"capaian_hitung|nilai_skala|kategori_efisiensi|realisasi_baris)\b|\d{4}-\d\d-\d\dT\d\d"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seed_db_path: Path) -> Iterator[str]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(seed_db_path, tmp_path_factory.mktemp("streamlit_layout")) as base:
        yield base


@pytest.fixture()
def page() -> Iterator:
    with chromium_page() as page:  # a fresh browser per test: no session left from another test
        yield page


def _open(page, url: str, text: str) -> None:
    page.goto(url)
    page.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=40_000)
    wait_until_run_finished(page, 40_000)
    page.wait_for_timeout(800)  # charts and grids draw after the run


def _visible_text(page) -> str:
    # the sidebar's hidden list, collapsed expanders and the grids' hidden a11y copies are not read
    return page.evaluate(
        """() => {
          const main = document.querySelector('[data-testid="stMain"]');
          return main ? main.innerText : document.body.innerText;
        }"""
    )


def _screenshot(page, name: str) -> Path:
    """A screenshot of the whole page, however long (Streamlit scrolls inside its main element)."""
    size = page.viewport_size
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(500)
    # the taller window draws the elements that were out of view: wait until none is a placeholder
    with contextlib.suppress(Exception):  # a screenshot with a placeholder left is still a screenshot
        page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=15_000)
    page.wait_for_timeout(800)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    page.wait_for_timeout(300)
    return path


def _sideways_scroll(page) -> list[str]:
    """Elements of the page (not a table's own scroller) wider than the window."""
    return page.evaluate(
        """() => {
          const w = document.documentElement.clientWidth;
          const out = [];
          if (document.documentElement.scrollWidth > w + 1) out.push('document ' + document.documentElement.scrollWidth);
          for (const sel of ['[data-testid=stMain]', '[data-testid=stMainBlockContainer]']) {
            const e = document.querySelector(sel);
            if (e && e.scrollWidth > e.clientWidth + 1) out.push(sel + ' ' + e.scrollWidth + '>' + e.clientWidth);
          }
          for (const e of document.querySelectorAll('[data-testid=stVegaLiteChart], [data-testid=stDownloadButton]')) {
            const r = e.getBoundingClientRect();
            if (r.right > w + 1) out.push(e.dataset.testid + ' right ' + Math.round(r.right));
          }
          return out;
        }"""
    )


def _spec_of(view: str, header: str) -> kolom.Kolom | None:
    return next((k for k in kolom.VIEWS[view] if k.label == header or k.cocok(header)), None)


def _key_columns_fit(page, view: str, table, keys: list[str], hp: bool) -> tuple[float, float, list[str]]:
    """(where the last key column ends, the table's width, the headers the grid draws) of a table:
    the order, the visible headers (the grid draws only what is in view) and the width are the
    browser's, the column widths kolom's."""
    table.locator('[role="columnheader"]').first.wait_for(state="attached", timeout=20_000)  # the grid has drawn
    headers = [h.inner_text() for h in table.locator('[role="columnheader"]').all()]
    box = table.bounding_box()
    assert box is not None
    missing = [k for k in keys if k not in headers]
    assert not missing, (missing, headers)
    end = 40.0  # the row marker / selection column
    for h in headers[: max(headers.index(k) for k in keys) + 1]:
        k = _spec_of(view, h)
        width = k.hp if hp and k is not None and k.hp else (k.lebar if k is not None else 200)
        end += width if isinstance(width, int) else 200
    return end, box["width"], headers


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("slug", list(PAGES))
def test_page_layout(server: str, page, slug: str, width: int) -> None:
    text, view, nama, keys = PAGES[slug]
    page.set_viewport_size({"width": width, "height": 900})
    _open(page, f"{server}/{slug}?{KAB}", text)
    _screenshot(page, f"{slug or 'ringkasan'}_{width}")
    assert _sideways_scroll(page) == []
    body = NAMA_VIEW.sub("", _visible_text(page))
    assert not ENGLISH.search(body), ENGLISH.search(body)
    assert not RAW.search(body), RAW.search(body)
    if view is None:
        return
    wide = page.locator(f'[class*="st-key-lebar_{nama}"] [data-testid="stDataFrame"]').first
    compact = page.locator(f'[class*="st-key-ringkas_{nama}"] [data-testid="stDataFrame"]').first
    if width == 1440:
        assert wide.is_visible() and not compact.is_visible()
        end, shown, headers = _key_columns_fit(page, view, wide, keys, hp=False)
    else:
        assert compact.is_visible() and not wide.is_visible()
        phone_keys = [k.label or k.nama for k in kolom.VIEWS[view] if k.hp is not None and not k.nama.startswith("*")]
        compact.locator('[role="columnheader"]').first.wait_for(state="attached", timeout=20_000)
        headers_now = [h.inner_text() for h in compact.locator('[role="columnheader"]').all()]
        phone_keys = [k for k in phone_keys if k in headers_now] or phone_keys
        end, shown, headers = _key_columns_fit(page, view, compact, phone_keys, hp=True)
        # a phone: the tiles come before the table
        tiles = page.locator('[data-testid="stMetric"]')
        if tiles.count():
            first_tile, table = tiles.first.bounding_box(), compact.bounding_box()
            assert first_tile is not None and table is not None and first_tile["y"] < table["y"]
    assert end <= shown + 1, f"key columns end at {end} px, the table is {shown} px wide: {headers}"


def _kecamatan_profil(page) -> str:
    """What Profil's Kecamatan box shows."""
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
    inputs = box.locator("input")
    return (box.text_content() or "") + " " + (inputs.first.input_value() if inputs.count() else "")


def _bar_of(page, kecamatan: str) -> tuple[float, float]:
    """Where on the first chart the mouse shows the tooltip of `kecamatan`'s bar."""
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None
    step = 40 if box["width"] > 600 else 12  # a phone's plot is narrow
    for y in range(int(box["y"]) + 20, int(box["y"] + box["height"]) - 20, 8):
        for x in range(int(box["x"]) + 230, int(box["x"] + box["width"]) - 20, step):
            page.mouse.move(x, y)
            page.wait_for_timeout(25)
            tip = page.locator("#vg-tooltip-element")
            if tip.count() and tip.is_visible() and kecamatan in tip.inner_text():
                return x, y
    raise AssertionError(f"no bar of {kecamatan} under the mouse")


@pytest.mark.parametrize("width", WIDTHS)
def test_clicking_a_ranking_bar_opens_that_kecamatan(server: str, page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    _open(page, f"{server}/peringkat", "IKM (realisasi), tahun 2024")
    x, y = _bar_of(page, "Kertanegara")  # not the kecamatan Profil opens on by itself
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/profil\?"), timeout=30_000)
    page.get_by_text("Komponen skor").first.wait_for(timeout=30_000)
    wait_until_run_finished(page)
    _screenshot(page, f"klik_grafik_ke_profil_{width}")
    assert re.search(r"profil=\d\d\.\d\d\.\d\d", page.url)  # the kecamatan's Kemendagri code
    assert "Kertanegara (Kab. Purbalingga)" in _kecamatan_profil(page)
    assert "tahun=2024" in page.url


@pytest.mark.parametrize("width", WIDTHS)
def test_choosing_a_table_row_opens_that_kecamatan(server: str, page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    _open(page, f"{server}/", "93,69")
    # at 390 px the compact table is the one shown (the wide one is hidden by the screen CSS)
    table = page.locator('[data-testid="stDataFrame"]').filter(visible=True).first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    # rows by Kabupaten/Kota: Banyumas (Somagede), Luwu Timur (Mangkutana), Purbalingga; row height 35 px
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 35 + 17)
    page.wait_for_url(re.compile(r"/profil\?"), timeout=30_000)
    page.get_by_text("Sekilas 2024").first.wait_for(timeout=30_000)
    wait_until_run_finished(page)
    _screenshot(page, f"klik_baris_ke_profil_{width}")
    assert "Mangkutana (Kab. Luwu Timur)" in _kecamatan_profil(page)
    assert re.search(r"profil=\d\d\.\d\d\.\d\d", page.url)


def _container_width(page) -> float:
    """The width the main column gives its elements (without its padding)."""
    return page.evaluate(
        """() => { const c = document.querySelector('[data-testid=stMainBlockContainer]');
                   const s = getComputedStyle(c);
                   return c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"""
    )


@pytest.mark.parametrize("slug", ["tren", "peringkat", "profil"])
def test_charts_grow_with_their_column(server: str, page, slug: str) -> None:
    """At 1440 px a chart spans its column (not its 16 cm print size); its downloads keep the print size."""
    page.set_viewport_size({"width": 1440, "height": 1000})
    _open(page, f"{server}/{slug}?{KAB}", PAGES[slug][0])
    column = _container_width(page)
    assert column > 900
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(state="attached", timeout=30_000)
    chart.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const c = document.querySelector('[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg');"
        " return c && c.getBoundingClientRect().width > 0; }",
        timeout=20_000,
    )
    drawn = page.evaluate(
        "() => document.querySelector('[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg')"
        ".getBoundingClientRect().width"
    )
    assert drawn == pytest.approx(column, rel=0.03), (drawn, column)


def _treemap_state(page) -> dict:
    return page.evaluate(
        """() => { const g = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
                   return {slices: g.querySelectorAll('g.slice').length,
                           path: [...g.querySelectorAll('.pathbar text')].map(t => t.textContent)}; }"""
    )


def _slice_centre(page, label: str) -> tuple[float, float]:
    """The middle of the treemap box named `label` (plotly draws long names over several lines)."""
    centre = page.evaluate(
        """(label) => { for (const e of document.querySelectorAll('[data-testid=stPlotlyChart] g.slice')) {
                          const d = e.__data__ && e.__data__.data && e.__data__.data.data;
                          if (d && d.label.replace(/<br>/g, ' ') === label) {
                            const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; } }
                        return null; }""",
        label,
    )
    assert centre is not None, f"no box {label!r} in the treemap"
    return centre[0], centre[1]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("slug", ["anggaran", "profil"])
def test_the_budget_treemap_draws_and_a_click_descends(server: str, page, slug: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    _open(page, f"{server}/{slug}?{KAB}", PAGES[slug][0])
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    page.locator('[data-testid="stPlotlyChart"] g.slice').first.wait_for(timeout=30_000)
    box = chart.bounding_box()
    assert box is not None and box["width"] == pytest.approx(_container_width(page), rel=0.03)  # spans its column
    before = _treemap_state(page)
    assert before["slices"] >= 30  # Kertanegara: 5 programs, their kegiatan and sub kegiatan
    x, y = _slice_centre(page, "Koordinasi Kegiatan Pemberdayaan Desa")
    page.mouse.click(x, y)
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-testid=stPlotlyChart] g.slice').length < {before['slices']}", timeout=20_000
    )
    wait_until_run_finished(page)
    after = _treemap_state(page)
    assert after["slices"] == 3  # the kegiatan and its two sub kegiatan
    assert "Kecamatan Kertanegara" in " ".join(after["path"])  # the way back up
    # the click also filters the table of budget lines to that branch
    heading = "Baris anggaran di bawah «Koordinasi Kegiatan Pemberdayaan Desa» · 3 baris"
    if slug == "profil":
        heading = "Cabang «Koordinasi Kegiatan Pemberdayaan Desa» · 3 baris"
    page.get_by_text(heading).first.wait_for(timeout=20_000)
    assert _treemap_state(page)["slices"] == 3  # the rerun kept the descent
    assert _sideways_scroll(page) == []
    _screenshot(page, f"peta_anggaran_{slug}_klik_{width}")


@pytest.mark.parametrize("path", ["tidak-ada", "ringkasan-lama"])
def test_an_unknown_address_says_so_in_indonesian(server: str, page, path: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    _open(page, f"{server}/{path}?{KAB}", "Halaman tidak ditemukan")
    body = page.locator("body").inner_text()
    assert "Page not found" not in body and "does not seem to exist" not in body
    assert f"/{path}" in body
    page.locator('[data-testid="stPageLink-NavLink"]', has_text="Buka Ringkasan").first.click()
    page.get_by_text("63,16").filter(visible=True).first.wait_for(timeout=30_000)
    assert "kabupaten=" in page.url  # the link kept the selection
    _screenshot(page, f"tidak_ditemukan_{path}")


def _downloads(page, artifacts: Path) -> dict[str, bytes]:
    got: dict[str, bytes] = {}
    buttons = page.locator("[data-testid=stDownloadButton] button")
    for i in range(buttons.count()):
        button = buttons.nth(i)
        if not button.is_visible():
            continue  # in a tab not shown
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=60_000) as info:
            button.click()
        name = info.value.suggested_filename
        got[name] = Path(info.value.path()).read_bytes()
        (artifacts / "unduhan").mkdir(parents=True, exist_ok=True)
        (artifacts / "unduhan" / name).write_bytes(got[name])
    return got


def _check_xlsx(name: str, data: bytes) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    rows = list(sheet.iter_rows())
    at = next(i for i, r in enumerate(rows) if sum(isinstance(c.value, str) for c in r) >= 2 and rows[i + 1 : i + 2])
    assert sheet.freeze_panes is not None and sheet.auto_filter.ref, name
    header = [c.value for c in rows[at]]
    for row in rows[at + 1 :]:
        for head, cell in zip(header, row):
            if not isinstance(cell.value, (int, float)) or not isinstance(head, str):
                continue
            if head.endswith("(Rp)"):
                assert cell.number_format == '"Rp"#,##0', (name, head, cell.number_format)
            elif head.endswith("(%)"):
                assert cell.number_format == '#,##0.00"%"', (name, head)
            elif re.fullmatch(r"Tahun( evaluasi| akhir Renstra)?|Baris.*|Peringkat( \d{4})?", head):
                assert cell.number_format == "0", (name, head, cell.number_format)  # 2024, never 2.024
            elif head in ("Tahun lalu", "Tahun ini"):  # the movers' scores of those years
                assert cell.number_format == "#,##0.00", (name, head, cell.number_format)
            assert cell.number_format != "#,##0.000", (name, head)


def _check_csv_excel(name: str, data: bytes) -> None:
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) >= 2 and len(rows[0]) >= 2, name
    assert all(len(r) == len(rows[0]) for r in rows if r), name  # ';' splits every row into the same columns
    assert not any(re.fullmatch(r"-?\d+\.\d{1,2}", v) for r in rows[1:] for v in r), name  # no dot decimals


def _satu(seen: dict[str, bytes], *parts: str) -> bytes:
    """The one download whose name holds every part (names carry the region's slug, e.g. kab-purbalingga)."""
    names = [n for n in seen if all(part in n for part in parts)]
    assert len(names) == 1, (parts, sorted(seen))
    return seen[names[0]]


def test_every_export_of_every_page_opens(server: str, page) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    seen: dict[str, bytes] = {}
    for slug in ("", "tren", "anggaran", "peringkat", "profil"):
        _open(page, f"{server}/{slug}?{KAB}", PAGES[slug][0])
        seen.update(_downloads(page, ARTIFACTS))
    kinds = {n.rsplit(".", 1)[-1] for n in seen}
    excel_csv = [d.decode("utf-8-sig") for n, d in seen.items() if n.endswith(".csv") and "titik-desimal" not in n]
    assert any(re.search(r";-?\d+,\d\d(;|\r?$)", t, re.MULTILINE) for t in excel_csv)  # comma decimals
    assert {"png", "svg", "csv", "xlsx", "pdf", "docx"} <= kinds, sorted(seen)
    for name, data in seen.items():
        assert "purbalingga" in name or "kertanegara" in name, name  # the region in every file name
        if name.endswith(".xlsx"):
            _check_xlsx(name, data)
        elif name.endswith(".csv") and not name.endswith("_titik-desimal.csv"):
            _check_csv_excel(name, data)
        elif name.endswith(".png"):
            width, _ = export._png_size(data)
            assert data.startswith(b"\x89PNG") and width >= export.lebar_png_minimum(), (name, width)
            pos = data.index(b"pHYs")
            (per_metre,) = struct.unpack(">I", data[pos + 4 : pos + 8])
            # printed at its designed size, where the chart's point sizes are points: a full-width
            # chart 16 cm, a narrower one less, a wider one fitted into 16 cm
            designed = round(export.png_ppi(0, export.PNG_SCALE) / 0.0254)
            cm = width / per_metre * 100
            assert cm <= export.LEBAR_CETAK_CM + 0.05, (name, cm)
            assert abs(per_metre - designed) <= 1 or cm == pytest.approx(export.LEBAR_CETAK_CM, abs=0.05), (name, cm)
        elif name.endswith(".svg"):
            svg = data.decode()
            assert svg.count(">Kecamatan</text>") <= 1, name  # one legend per encoding
    tren_svg = _satu(seen, "tren_sakip", "purbalingga", ".svg").decode()
    assert tren_svg.count(">Kecamatan</text>") == 1 and "rata-rata Kab. Purbalingga" in tren_svg

    with pdfplumber.open(io.BytesIO(_satu(seen, "laporan_profil", "kertanegara", "2024.pdf"))) as pdf:
        pages = len(pdf.pages)
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        images = sum(len(p.images) for p in pdf.pages)
    assert 2 <= pages <= 20, pages
    assert "Profil Kinerja Kecamatan Kertanegara" in text and "tahun 2024" in text
    for part in ("Indikator kinerja (PK)", "Anggaran", "Dokumen sumber", "Catatan reviu data", "Halaman 2"):
        assert part in text, part
    assert "63,16" in text and "Rp1.890.600.000" in text and images >= 2

    with pdfplumber.open(io.BytesIO(_satu(seen, "laporan_ringkasan", "purbalingga", "2024.pdf"))) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "Ringkasan Kinerja Kecamatan di Kab. Purbalingga" in text and "Paling membaik" in text and "Kertanegara" in text

    word = docx.Document(io.BytesIO(_satu(seen, "laporan_profil", "kertanegara", "2024.docx")))
    assert word.tables and any("Kertanegara" in p.text for p in word.paragraphs)
