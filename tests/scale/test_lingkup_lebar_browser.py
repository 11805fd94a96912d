"""What a person sees of a wide selection (issue 14): Ringkasan of 233 kecamatan in 13
kabupaten/kota, in Chromium at 1440 px and 390 px: the kabupaten/kota table with its key columns
in view, no sideways page scroll, no English or raw codes, and choosing a row opens that
kabupaten/kota's kecamatan (the sidebar and the link follow)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_util import NEEDS_CHROMIUM, chromium_page, streamlit_server, wait_until_run_finished
from tests.dashboard.test_browser_layout import (
    ARTIFACTS,
    ENGLISH,
    RAW,
    _key_columns_fit,
    _open,
    _screenshot,
    _sideways_scroll,
    _visible_text,
)

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]
KEYS = ["Kabupaten/Kota", "Kecamatan", "SAKIP", "IKM", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, ci_path: Path) -> Iterator[str]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(ci_path, tmp_path_factory.mktemp("streamlit_lebar")) as base:
        yield base


@pytest.mark.parametrize("width", [1440, 390])
def test_a_wide_selection_reads_per_kabupaten_and_a_row_drills_down(server: str, width: int) -> None:
    with chromium_page() as page:
        page.set_viewport_size({"width": width, "height": 1000})
        _open(page, f"{server}/", "Kabupaten/kota × skor utama dan capaian")
        _screenshot(page, f"ringkasan_lebar_{width}")
        assert _sideways_scroll(page) == []
        body = _visible_text(page)
        assert not ENGLISH.search(body), ENGLISH.search(body)
        assert not RAW.search(body), RAW.search(body)
        form = "lebar" if width == 1440 else "ringkas"
        table = page.locator(f'[class*="st-key-{form}_ringkasan_kabupaten"] [data-testid="stDataFrame"]').first
        assert table.is_visible()
        keys = KEYS if width == 1440 else ["Kabupaten/Kota", "Kecamatan", "SAKIP", "Serapan (%)"]
        end, shown, headers = _key_columns_fit(page, "ringkasan_kabupaten", table, keys, hp=width != 1440)
        assert end <= shown + 1, f"key columns end at {end} px, the table is {shown} px wide: {headers}"

        table.scroll_into_view_if_needed()
        box = table.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row: Kab. Bantul (rows by name)
        page.wait_for_url(re.compile(r"kabupaten=34\.02"), timeout=30_000)
        page.get_by_text("Kecamatan × skor utama dan capaian").filter(visible=True).first.wait_for(timeout=30_000)
        wait_until_run_finished(page)
        _screenshot(page, f"ringkasan_lebar_ke_kabupaten_{width}")
        assert "Pilihan: semua kecamatan di Kab. Bantul" in _visible_text(page)
