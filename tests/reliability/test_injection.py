"""Document text is shown as text (issue 12): no Markdown image, link or HTML from a document
reaches the page, and CSV exports never carry a live spreadsheet formula."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import export
from etl.__main__ import main
from tests.conftest import SEEDS

APP = Path(__file__).resolve().parents[2] / "dashboard" / "streamlit_app.py"
INJECTED = "![x](http://evil.example/a.png) <img src=x> www.evil.example"
FILE_NAME = "lkjip [klik](http:evil.example) ![i](http:evil.example).txt"


@pytest.fixture(scope="module")
def injected_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kertanegara's LKjIP with Markdown in a sasaran name (it reaches the review's messages) and in
    its file name."""
    folder = tmp_path_factory.mktemp("injeksi")
    text = SEEDS["kertanegara"].read_text(encoding="utf-8")
    text = text.replace("Meningkatnya implementasi SAKIP Kecamatan", f"Meningkatnya {INJECTED} SAKIP Kecamatan")
    (folder / FILE_NAME).write_text(text, encoding="utf-8")
    db = folder / "k.duckdb"
    assert main(["load", "--db", str(db), str(folder)]) == 0
    return db


def _texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """Every piece of page text that Streamlit renders as Markdown."""
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        for el in getattr(at, kind):
            yield kind, str(el.value)


def _assert_inert(at: AppTest) -> int:
    """No image, link, autolink or HTML tag from the document in any Markdown on the page; returns
    how many Markdown texts carried (escaped) document text."""
    carried = 0
    for kind, value in _texts(at):
        active = re.sub(r"\\.", "", value)  # what Markdown acts on: escaped characters are plain text
        for markup in ("![", "](", "<", "www.", "http:"):
            assert markup not in active, (kind, markup, value)
        carried += "evil" in value
    return carried


def _app(db: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> AppTest:
    monkeypatch.setenv("KINERJA_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["kabupaten"] = "Purbalingga"
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_reviu_data_shows_document_text_as_text(injected_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(injected_db, monkeypatch, "reviu_data")
    daftar = at.dataframe[1].value
    hit = [i for i, t in enumerate(daftar["Temuan"].tolist()) if "![x](http://evil.example" in t]
    assert hit, "the injected name reaches a finding"
    assert FILE_NAME in daftar["Berkas"].tolist()  # tables show the text as it is, as data
    box = at.selectbox(key="reviu_temuan_dipilih")
    box.select_index(hit[0]).run()
    assert not at.exception
    assert _assert_inert(at) >= 2  # the finding's message and the file name, both escaped


def test_profil_shows_document_text_as_text(injected_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(injected_db, monkeypatch, "profil")
    assert _assert_inert(at) >= 1  # the file name above its source lines
    shown = [str(v) for df in at.dataframe for col in df.value.columns for v in df.value[col].tolist()]
    assert any(INJECTED in v for v in shown)


def test_markdown_escape_round_trip() -> None:
    escaped = export.teks_md(INJECTED + "\n**tebal** `kode` $x$ :red[merah] # judul")
    left = re.sub(r"\\.", "", escaped)  # what Markdown still acts on
    for active in ("![", "](", "<", "www.", "**", "`", "$", ":red[", "#", "\n"):
        assert active not in left, active
    # GFM autolinks what it finds in the unescaped text: a word joiner breaks every URL and 'www.'
    parsed = escaped.replace("\\", "")
    assert "http://" not in parsed and "www." not in parsed
    # every escaped character is the same character again once Markdown removes the backslashes
    # (and the invisible word joiners are dropped)
    assert parsed.replace(export.WORD_JOINER, "") == (INJECTED + " **tebal** `kode` $x$ :red[merah] # judul").replace("\\", "")


def test_csv_cells_that_start_a_formula_are_neutralised() -> None:
    df = pl.DataFrame(
        {
            "Teks": ['=HYPERLINK("http://evil")', "+62 812", "-1+2", "@SUM(A1)", "\tx", "\rx", "biasa", "-5", "+1,5", None],
            "Angka": [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0, 7.0, -8.0, 9.0, None],
        }
    )
    back = pl.read_csv(io.BytesIO(export.table_csv(df)[3:]), schema_overrides={"Teks": pl.String})
    assert back["Teks"].to_list() == [
        '\'=HYPERLINK("http://evil")',
        "'+62 812",
        "'-1+2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "biasa",
        "-5",
        "+1,5",
        None,
    ]
    assert back["Angka"].to_list() == df["Angka"].to_list()  # numbers stay numbers, minus sign and all
