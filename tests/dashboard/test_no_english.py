"""No raw code and no English a user can see: every page, run with AppTest on the seed database,
is searched for the codes etl stores (derived from the code, not typed here) and for Streamlit's
English strings, in every element's text, every table cell and heading and every widget's
label, options and placeholder."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.proto.MultiSelect_pb2 import MultiSelect
from streamlit.testing.v1 import AppTest

from dashboard import labels
from etl import template
from tests.dashboard import test_triwulan_page
from tests.dashboard.conftest import run_app

ROOT = Path(__file__).resolve().parents[2]
quarterly_db = test_triwulan_page.quarterly_db  # the fixture with the two real quarterly reports
App = Callable[..., AppTest]
FILTER_MODE_NONE = MultiSelect.DESCRIPTOR.fields_by_name["filter_mode"].enum_type.values_by_name["FILTER_MODE_NONE"].number
PAGES = ["ringkasan", "tren", "anggaran", "peringkat", "triwulan", "profil", "data_sumber", "reviu_data"]
# English a reader must never see: Streamlit's own widget strings and values Python prints
ENGLISH = ("Select all", "No results", "Choose an option", "Page not found", "Loading", "Download", "Clear all")
ENGLISH_CELLS = ("None", "nan", "NaN", "NaT", "True", "False", "null", "<NA>")
# columns quoting a document's own words (its text may print a kind in capitals, e.g. KEMATANGAN)
QUOTED = {"Teks", "Satuan", "Temuan", "Tertulis di dokumen", "Sasaran", "Indikator", "Komponen", "Uraian", "Program", "Nama"}


def _first_arg(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg in {"kode", "jenis"}), None)


def _constants(node: ast.expr | None) -> Iterator[str]:
    """String constants a code expression can take; an f-string yields its constant prefix + '*'."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        yield f"{node.values[0].value}*"
    elif isinstance(node, ast.IfExp):
        yield from _constants(node.body)
        yield from _constants(node.orelse)


def check_codes() -> set[str]:
    """Every `kode` a finding can carry: the first argument of each Temuan(...) in etl/review, the
    constants a `kode` variable or a helper's first parameter receives, and the quarterly report's
    own checks ('triwulan_' + its jenis, etl/extract.py)."""
    codes: set[str] = set()
    for path in (ROOT / "etl" / "review").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers: set[str] = set()
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef) and fn.args.args and fn.args.args[0].arg == "kode":
                helpers.add(fn.name)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"Temuan", *helpers}:
                codes.update(_constants(_first_arg(node)))
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "kode" for t in node.targets):
                codes.update(_constants(node.value))
    tree = ast.parse((ROOT / "etl" / "documents" / "triwulan.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Temuan":
            codes.update(f"triwulan_{c}" for c in _constants(_first_arg(node)))
    return {c for c in codes if re.fullmatch(r"[a-z]+(_[a-z]+)+|[a-z]+_\*", c)}


def raw_codes() -> set[str]:
    """Every code etl stores that a page could show (check codes, document kinds of etl.template and
    the quarterly report, score kinds, where a score was read, budget levels, officials' roles)
    whose Indonesian label is not the code itself ('PK' and 'IKM' are their own labels)."""
    kinds = {*template.JENIS_DOKUMEN, "REALISASI_TRIWULAN", "IKM", "SAKIP", "KEMATANGAN", "realisasi", "riwayat"}
    kinds |= {"sub_kegiatan", "pihak_pertama", "pihak_kedua", *labels.BAGIAN}  # "program", "kegiatan" are plain words
    tables = (
        labels.PEMERIKSAAN,
        labels.JENIS_DOKUMEN,
        labels.JENIS_SKOR,
        labels.SUMBER_SKOR,
        labels.TINGKAT_ANGGARAN,
        labels.BAGIAN,
    )
    every = {k: v for table in (*tables, labels.PERAN_PEJABAT) for k, v in table.items()}
    return {c for c in check_codes() | kinds if labels.label(every, c) != c}


def test_the_code_list_is_derived_and_every_check_code_has_a_label() -> None:
    codes = check_codes()
    assert {"kalimat_persen", "ganda_pagu", "narasi_target", "capaian_hitung", "anggaran_total", "sakip_sub"} <= codes
    assert {"triwulan_total_unit", "ganda_*"} <= codes  # the quarterly checks; ganda_{target,realisasi,capaian}
    literal = {c for c in codes if not c.endswith("*")}
    assert not literal - set(labels.PEMERIKSAAN), sorted(literal - set(labels.PEMERIKSAAN))
    for prefix in (c[:-1] for c in codes if c.endswith("*")):
        assert len([k for k in labels.PEMERIKSAAN if k.startswith(prefix)]) >= 3, prefix
    assert {"PK_PERUBAHAN", "LKJIP", "KEMATANGAN", "sub_kegiatan", "pihak_pertama"} <= raw_codes()
    assert "PK" not in raw_codes()  # its label is itself


def _texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a reader sees, document quotations left out."""
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        for e in at.get(kind):
            yield kind, str(e.value)
    for m in at.metric:
        yield "metric", f"{m.label} {m.value} {m.delta or ''}"
    for kind in ("selectbox", "multiselect", "radio", "segmented_control", "toggle", "button", "download_button"):
        for w in at.get(kind):
            yield kind, str(getattr(w, "label", ""))
            for option in getattr(w, "options", None) or []:
                yield f"{kind} {w.label}", str(option)
            placeholder = getattr(getattr(w, "proto", None), "placeholder", "")
            if placeholder:
                yield f"{kind} {w.label} placeholder", placeholder


def _tooltips(spec: object) -> Iterator[dict]:
    """Every tooltip field of a Vega-Lite spec."""
    if isinstance(spec, dict):
        tip = spec.get("tooltip")
        for item in tip if isinstance(tip, list) else [tip]:
            if isinstance(item, dict) and "field" in item:
                yield item
        for value in spec.values():
            yield from _tooltips(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _tooltips(value)


def _cells(at: AppTest) -> Iterator[tuple[str, str]]:
    for df in at.dataframe:
        frame = df.value
        for column in frame.columns:
            yield "kolom", str(column)
            if str(column) in QUOTED:
                continue
            for value in frame[column].tolist():
                if isinstance(value, str):
                    yield str(column), value


def _problems(at: AppTest) -> list[str]:
    """Every raw code and English string on the page `at` shows."""
    codes = raw_codes()
    spaced = [c for c in codes if "_" in c]  # never part of an Indonesian sentence or a document's words
    whole = [c for c in codes if "_" not in c]  # capitals a document may print: only as a whole value
    alternatives = [re.escape(c[:-1]) + r"[a-z_]+" if c.endswith("*") else re.escape(c) for c in spaced]
    word = re.compile(r"(?<![\w/.-])(" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?![\w.-])")
    bad: list[str] = []
    for where, text in _texts(at):
        plain = text.replace("\\_", "_")
        bad += [f"{where}: {m.group(1)!r} in {text[:80]!r}" for m in word.finditer(plain)]
        bad += [f"{where}: {e!r} in {text[:80]!r}" for e in ENGLISH if e in text]
        bad += [f"{where}: {text!r}" for c in whole if plain.strip() == c]
    for where, value in _cells(at):
        bad += [f"{where}: {m.group(1)!r} in {value[:80]!r}" for m in word.finditer(value)]
        bad += [f"{where}: {value!r}" for c in [*whole, *ENGLISH_CELLS] if value.strip() == c]
    for chart in at.get("vega_lite_chart"):
        for tip in _tooltips(json.loads(chart.proto.spec)):
            title = tip.get("title")
            if not title or title == tip["field"]:
                bad.append(f"chart tooltip shows the field name {tip['field']!r}")
    for w in at.multiselect:
        if w.proto.select_all != 0:
            bad.append(f"multiselect {w.label}: shows Streamlit's English 'Select all'")
    for w in [*at.multiselect, *at.selectbox]:
        # a search box says "No results" in English: none at all, or its help says what it means
        if w.proto.filter_mode != FILTER_MODE_NONE and "No results" not in (w.help or ""):
            bad.append(f"{w.label}: search box without a word on Streamlit's 'No results'")
    return bad


@pytest.mark.parametrize("page", PAGES)
def test_no_raw_code_or_english_on_the_page(app: App, page: str) -> None:
    bad: list[str] = []
    for params in ({}, {"kabupaten": "Purbalingga"}, {"kabupaten": "Luwu Timur"}, {"tahun": "2023"}):
        bad += _problems(app(page, **params))
    assert not bad, sorted(set(bad))[:40]


@pytest.mark.parametrize("page", ["triwulan", "reviu_data", "data_sumber", "profil"])
def test_no_raw_code_or_english_with_quarterly_reports(quarterly_db: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    """The seeds hold no quarterly report: the two real ones (tests/dashboard/test_triwulan_page.py)
    show the quarterly page, its checks (triwulan_*) and its document kind."""
    monkeypatch.setenv("KINERJA_DB", str(quarterly_db))
    bad = _problems(run_app(page))
    assert not bad, sorted(set(bad))[:40]
