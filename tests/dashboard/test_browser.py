"""The real dashboard in the system Chromium: every page, key numbers, no error, real downloads."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.browser_util import NEEDS_CHROMIUM, SEED_PAGES, chromium_page
from tests.browser_util import streamlit_server as _streamlit

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]

PAGES = SEED_PAGES


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seed_db_path: Path) -> Iterator[str]:
    with _streamlit(seed_db_path, tmp_path_factory.mktemp("streamlit")) as base:
        yield base


@pytest.fixture(scope="module")
def page(server: str):
    with chromium_page() as page:
        yield page


def _open(page, url: str, text: str) -> None:
    page.goto(url)
    page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")


def test_ringkasan_by_its_name_is_ringkasan_not_page_not_found(server: str, page) -> None:
    _open(page, f"{server}/ringkasan?kabupaten=Purbalingga", PAGES[""])
    assert "Page not found" not in page.inner_text("body")


@pytest.mark.parametrize("slug", list(PAGES))
def test_every_page_shows_its_numbers_and_no_error(server: str, page, slug: str) -> None:
    _open(page, f"{server}/{slug}?kabupaten=Purbalingga", PAGES[slug])
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "kabupaten=33.03" in page.url  # a name in a link becomes the code
    assert page.get_by_text("Page not found").count() == 0


def test_chart_png_download_is_a_png(server: str, page) -> None:
    _open(page, f"{server}/tren?kabupaten=Purbalingga", PAGES["tren"])
    with page.expect_download(timeout=30_000) as info:
        page.locator("[data-testid=stDownloadButton] button", has_text="PNG").first.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert info.value.suggested_filename == "tren_sakip_kab-purbalingga.png"  # the region in the name


def test_table_xlsx_download_opens(server: str, page) -> None:
    _open(page, f"{server}/?kabupaten=Purbalingga", "63,16")
    with page.expect_download(timeout=30_000) as info:
        page.locator("[data-testid=stDownloadButton] button", has_text="XLSX").first.click()
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    sheet = book.active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if "Kecamatan" in r)  # below the title block
    assert sheet.freeze_panes == f"A{at + 2}" and sheet.auto_filter.ref  # header frozen, with a filter
    assert any("Purbalingga" in str(c) for r in rows[:at] for c in r if c)  # the selection in the title
    header = list(rows[at])
    assert rows[at + 1][header.index("Kecamatan")] == "Kertanegara"
    assert rows[at + 1][header.index("SAKIP")] == 63.16


def test_printing_a_page_leaves_out_the_sidebar_and_the_controls(server: str, page) -> None:
    _open(page, f"{server}/?kabupaten=Purbalingga", "63,16")
    sidebar = page.locator('[data-testid="stSidebar"]')
    buttons = page.locator("[data-testid=stDownloadButton]")
    assert sidebar.is_visible() and buttons.first.is_visible()  # on screen they are there
    page.emulate_media(media="print")
    try:
        assert not sidebar.is_visible()
        assert buttons.count() > 0 and not any(buttons.nth(k).is_visible() for k in range(buttons.count()))
        assert page.get_by_text("63,16").filter(visible=True).count() > 0  # the page itself prints
    finally:
        page.emulate_media(media="screen")


def test_sidebar_page_switch_keeps_the_filters_in_the_url(server: str, page) -> None:
    _open(page, f"{server}/?kabupaten=Purbalingga", "63,16")
    page.get_by_role("link", name="Peringkat").first.click()
    page.get_by_text(PAGES["peringkat"]).first.wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('kabupaten=33.03')", timeout=15_000)
    assert "/peringkat" in page.url


def test_pemantauan_triwulan_with_seven_kecamatan(tmp_path_factory: pytest.TempPathFactory, page) -> None:
    """The two real quarterly reports of one kota: seven kecamatan, the lowest named in words."""
    from etl.extract import extract_documents
    from etl.load import connect, load_document
    from tests.real.score import REAL

    if not REAL.is_dir():
        pytest.skip(f"real documents not present at {REAL} (third-party files, not in the repo)")
    db = tmp_path_factory.mktemp("tw") / "tw.duckdb"
    con = connect(db)
    for stem in (
        "001_tangsel-ciputat-ciputattimur-pamulang_2023_triwulan",
        "002_tangsel-serpong-serpongutara-pondokaren-setu_2023_triwulan",
    ):
        for doc in extract_documents(REAL / f"{stem}.pdf"):
            load_document(con, doc)
    con.close()
    with _streamlit(db, tmp_path_factory.mktemp("streamlit_tw")) as base:
        _open(page, f"{base}/triwulan?tahun=2023", "Realisasi terendah s.d. TW 2")
        assert page.locator('[data-testid="stException"]').count() == 0
        for kecamatan in ("Ciputat", "Pamulang", "Pondok Aren", "Setu"):
            assert page.get_by_text(kecamatan, exact=False).count() > 0
