"""A selection wider than one kabupaten/kota is read per kabupaten/kota (issue 14, a readable
default scope; issue 16, pages under a second and a half at national size).

On the CI-size benchmark database (233 kecamatan in 13 kabupaten/kota), Ringkasan's default
selection shows one row per kabupaten/kota whose figures are aggregates of what the views store
(checked here against the page's own queries), a row drills down into that kabupaten/kota, a
kabupaten/kota shows its kecamatan again, and nothing on the page grows with the number of
kecamatan: the notes are cut with a count of the rest, a long list shows its first rows."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

import queries
from dashboard import analisis, filters
from dashboard import format as fmt
from tests.scale.test_pages_national import _app as _page
from tests.scale.test_pages_national import _codes

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "streamlit_app.py"
TAHUN = 2025  # the newest year of the CI-size database: the sidebar's default


def _ringkasan(db: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    monkeypatch.setenv("KINERJA_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=180)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [str(e.value)[:300] for e in at.exception]
    return at


def _query(db: Path, name: str, **params: object) -> pl.DataFrame:
    con = queries.connect_read_only(db)
    try:
        df = queries.run(con, name, **params)
    finally:
        con.close()
    return df.with_columns(pl.col("kabupaten_label").alias("kabupaten")) if "kabupaten_label" in df.columns else df


def test_a_wide_selection_is_summed_up_per_kabupaten(ci_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _ringkasan(ci_path, monkeypatch)
    heads = [s.value for s in at.subheader]
    assert f"Kabupaten/kota × skor utama dan capaian, {TAHUN}" in heads
    assert not any(h.startswith("Kecamatan × skor utama") for h in heads)
    kab = pl.from_pandas(at.dataframe[0].value.data if hasattr(at.dataframe[0].value, "data") else at.dataframe[0].value)
    assert kab.height == 13  # every kabupaten/kota of Banten and D.I. Yogyakarta, once
    assert kab["Kabupaten/Kota"].n_unique() == 13
    assert set(kab["Provinsi"].to_list()) == {"Banten", "Daerah Istimewa Yogyakarta"}

    wilayah = _codes(ci_path)
    skor = _query(ci_path, "skor_tren", wilayah=wilayah)
    program = _query(ci_path, "anggaran_program", wilayah=wilayah, tahun=[])
    capaian = _query(ci_path, "capaian_indikator", wilayah=wilayah, tahun=[])
    kecamatan = analisis.tabel_kecamatan(skor, capaian, program, TAHUN)
    assert kab[analisis.KOLOM_JUMLAH_KECAMATAN].sum() == kecamatan.height == len(wilayah)

    bantul = kab.filter(pl.col("Kabupaten/Kota") == "Kab. Bantul").row(0, named=True)
    year = skor.filter((pl.col("kabupaten") == "Kab. Bantul") & (pl.col("tahun") == TAHUN))
    sakip = year.filter(pl.col("jenis") == "SAKIP")["nilai_skala"].drop_nulls()
    assert bantul["SAKIP"] == pytest.approx(sakip.mean())
    below = year.filter(pl.col("nilai") < pl.col("target")).height
    assert bantul[analisis.KOLOM_DI_BAWAH_TARGET] == below
    money = program.filter((pl.col("kabupaten") == "Kab. Bantul") & (pl.col("tahun") == TAHUN))
    assert bantul["Pagu (Rp)"] == pytest.approx(money["pagu"].sum())
    reported = money.filter(pl.col("realisasi").is_not_null())
    assert bantul["Serapan (%)"] == pytest.approx(reported["realisasi"].sum() / reported["pagu"].sum() * 100)
    # the kabupaten rows add up to the tiles above them
    assert kab["Pagu (Rp)"].sum() == pytest.approx(analisis.anggaran_total(program, TAHUN).pagu)

    texts = [c.value for c in at.caption]
    assert any("233 kecamatan di 13 kabupaten/kota" in t for t in texts)
    # the note on printed totals counts the kecamatan it concerns, it does not write out all their notes
    note = next(t for t in texts if t.startswith("Total pagu dan realisasi mengikuti"))
    assert "di 233 kecamatan jumlah itu berbeda" in note and "pilih satu kabupaten/kota" in note and len(note) < 400
    assert not [e for e in at.expander if e.label.startswith("Keterangan jumlah")]  # read per kabupaten/kota
    # a list longer than the page can read shows its first rows (the download holds all)
    tabs = [t.label for t in at.tabs]
    below_all = int(tabs[2].removeprefix("Di bawah target (").removesuffix(")").replace(".", ""))
    assert below_all > 50
    assert any(t.startswith(f"50 dari {below_all:,}".replace(",", ".")) for t in texts)


def test_a_kabupaten_of_it_lists_its_kecamatan(ci_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _ringkasan(ci_path, monkeypatch, kabupaten="34.02")  # Kab. Bantul: 17 kecamatan
    heads = [s.value for s in at.subheader]
    assert f"Kecamatan × skor utama dan capaian, {TAHUN}" in heads
    shown = at.dataframe[0].value
    assert len(getattr(shown, "data", shown)) == 17
    assert not any("pilih satu kabupaten/kota di panel kiri untuk membaca" in c.value for c in at.caption)
    assert any(c.value.startswith("Total pagu dan realisasi mengikuti") and "di 17 kecamatan" in c.value for c in at.caption)
    notes = next(e for e in at.expander if e.label.startswith("Keterangan jumlah"))
    assert notes.label == "Keterangan jumlah tercetak (17 kecamatan)"
    assert notes.markdown[0].value.count("\n- ") == 16 and "**Bambanglipuro**" in notes.markdown[0].value


def test_a_province_of_many_kecamatan_is_still_summed_per_kabupaten(ci_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _ringkasan(ci_path, monkeypatch, provinsi="Daerah Istimewa Yogyakarta")  # 78 kecamatan in 5
    shown = at.dataframe[0].value
    assert len(getattr(shown, "data", shown)) == 5


def _choose_row(kabupaten: str) -> None:
    """The page's script: a kabupaten table whose row 1 the user chose (run by AppTest as its own
    script, so it imports what it uses)."""
    from types import SimpleNamespace

    import polars as pl
    import streamlit as st

    from dashboard import components

    df = pl.DataFrame({"Kabupaten/Kota": ["Kab. Bantul", kabupaten]})
    args = components._pilih_kabupaten(df, "Kabupaten/Kota", "tabel_uji")
    st.session_state["tabel_uji"] = SimpleNamespace(selection=SimpleNamespace(rows=[1]))
    args["on_select"]()


@pytest.mark.parametrize(("label", "kode"), [("Kota Tangerang", "36.71"), ("Kab. Tangerang", "36.03")])
def test_choosing_a_kabupaten_row_narrows_the_sidebar_to_it(
    ci_path: Path, monkeypatch: pytest.MonkeyPatch, label: str, kode: str
) -> None:
    monkeypatch.setenv("KINERJA_DB", str(ci_path))
    at = AppTest.from_function(_choose_row, args=(label,), default_timeout=60)
    at.session_state[filters.KEY["kecamatan"]] = ["36.71.01"]
    at.run()
    assert not at.exception, [str(e.value)[:300] for e in at.exception]
    assert at.session_state[filters.KEY["kabupaten"]] == kode  # Kab. and Kota Tangerang never mix
    assert at.session_state[filters.KEY["kecamatan"]] == []  # the whole kabupaten, not an old choice


def _frames(at: AppTest) -> list[pl.DataFrame]:
    """The tables a page shows (the wide and the phone table are one each)."""
    out = []
    for d in at.dataframe:
        shown = getattr(d.value, "data", d.value)
        out.append(pl.from_pandas(shown))
    return out


def test_anggaran_of_a_wide_selection_sums_up_per_kabupaten(ci_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(ci_path, monkeypatch, "anggaran")
    frames = _frames(at)
    per_sasaran, per_program = frames[0], frames[-1]
    assert per_sasaran.height == per_program.height == 13
    assert "Efisien" in per_sasaran.columns and "Program" in per_program.columns
    wilayah = _codes(ci_path)
    points = _query(ci_path, "anggaran_efisiensi", wilayah=wilayah, tahun=[]).filter(pl.col("tahun") == TAHUN)
    program = _query(ci_path, "anggaran_program", wilayah=wilayah, tahun=[]).filter(pl.col("tahun") == TAHUN)
    assert per_sasaran["Sasaran"].sum() == points.height
    assert sum(per_sasaran[k].sum() for k in analisis.KATEGORI_EFISIENSI) == points["capaian"].is_not_null().sum()
    assert per_program["Program"].sum() == program.height
    assert per_program["Pagu (Rp)"].sum() == pytest.approx(program["pagu"].sum())
    # no chart of thousands of marks is attempted, and the page says why the per-kecamatan parts are not shown
    assert not at.get("vega_lite_chart") and not at.get("arrow_vega_lite_chart")
    assert sum("233 kecamatan di 13 kabupaten/kota" in c.value for c in at.caption) == 2


def test_tren_of_a_wide_selection_shows_the_kabupaten_means(ci_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(ci_path, monkeypatch, "tren")
    kab = _frames(at)[0]
    assert kab.height == 13
    years = [c for c in kab.columns if c.startswith("Rata-rata ")]
    assert years == sorted(years) and len(years) >= 2
    skor = _query(ci_path, "skor_tren", wilayah=_codes(ci_path)).filter(pl.col("jenis") == "SAKIP")
    last = int(years[-1].removeprefix("Rata-rata "))
    bantul = skor.filter((pl.col("kabupaten") == "Kab. Bantul") & (pl.col("tahun") == last))["nilai_skala"]
    assert kab.filter(pl.col("Kabupaten/Kota") == "Kab. Bantul")[years[-1]][0] == pytest.approx(bantul.mean())
    # the sentences are for the kecamatan the chart draws, not for all 233
    sentences = [m.value for m in at.markdown if "Nilai SAKIP" in m.value and "→" in m.value]
    assert len(sentences) == 1 and sentences[0].count("\n\n") + 1 == 12


@pytest.mark.parametrize("page", ["ringkasan", "anggaran", "tren"])
def test_one_kabupaten_keeps_its_kecamatan_tables(ci_path: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    at = _page(ci_path, monkeypatch, page, kabupaten="36.01")  # Kab. Pandeglang: 35 kecamatan
    assert all("Kabupaten/Kota" not in f.columns or "Kecamatan" in f.columns for f in _frames(at))
    assert not any("kabupaten/kota: " in c.value and "kecamatan di" in c.value for c in at.caption)


@pytest.mark.parametrize("name", ["anggaran_program", "capaian_indikator", "anggaran_efisiensi"])
@pytest.mark.parametrize("years", [[TAHUN], [TAHUN - 1, TAHUN]])
def test_the_rows_of_chosen_years_are_every_years_rows_cut_to_them(ci_path: Path, name: str, years: list[int]) -> None:
    """$tahun of the queries a one-year page asks (Ringkasan, Anggaran, Peringkat, Profil) filters
    in SQL: the same rows, the budget's notes on printed totals included, as every year cut afterwards."""
    wilayah = _codes(ci_path, "kode_kabupaten in ('34.02', '36.71')")
    every = _query(ci_path, name, wilayah=wilayah, tahun=[])
    some = _query(ci_path, name, wilayah=wilayah, tahun=years)
    assert every["tahun"].n_unique() > len(years)
    cut = every.filter(pl.col("tahun").is_in(years))
    assert some.height == cut.height > 0
    # sums of doubles may differ in their last bits (DuckDB adds in parallel, in whatever order its
    # threads finish): rows ordered by their text and integer columns, numbers compared to 1e-9
    keys = [c for c, t in some.schema.items() if not t.is_float()]
    assert_frame_equal(some.sort(keys, nulls_last=True), cut.sort(keys, nulls_last=True), check_exact=False, rel_tol=1e-9)


def test_peringkat_of_a_wide_selection_draws_both_ends_and_lists_all(ci_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa

    from dashboard import components

    downloads: dict[str, int] = {}
    monkeypatch.setattr(components, "unduh_tabel", lambda df, nama, *a, **k: downloads.__setitem__(nama, df.height))
    at = _page(ci_path, monkeypatch, "peringkat")
    assert [n for k, n in downloads.items() if k.startswith("peringkat_")] == [233]  # the download holds every page
    chart = at.get("vega_lite_chart")[0].proto
    bars = next(t for d in chart.datasets if "peringkat" in (t := pa.ipc.open_stream(d.data.data).read_all()).column_names)
    assert bars.num_rows == 30  # the 15 best and the 15 last of 233
    ranks = sorted(bars.column("peringkat").to_pylist())
    # the table lists every kecamatan, a page of 100 at a time (the wide and the phone table alike)
    first = _frames(at)[0]
    assert first.height == 100 and all(f.height == 100 for f in _frames(at))
    assert any("Baris 1–100 dari 233 (halaman 1 dari 3)" in c.value for c in at.caption)
    pages = [first]
    for page in (2, 3):
        at.number_input(key="peringkat_halaman").set_value(page).run()
        assert at.query_params["hal_peringkat"] == str(page)
        pages.append(_frames(at)[0])
    assert [f.height for f in pages] == [100, 100, 33]
    table = pl.concat(pages)
    assert table["Kecamatan"].n_unique() == 233 or table.select("Kabupaten/Kota", "Kecamatan").n_unique() == 233
    all_ranks = sorted(table["Peringkat"].drop_nulls().to_list())
    assert table["Peringkat"].drop_nulls().to_list() == all_ranks  # in rank order across the pages
    assert ranks[:15] == all_ranks[:15] and ranks[-15:] == all_ranks[-15:]
    assert any("15 kecamatan teratas dan 15 terbawah dari 233" in i.value for i in at.info)
    # the average drawn is that of every kecamatan ranked, not of the 30 bars
    assert any(
        f"Rata-rata 233 kecamatan yang diperingkat: {fmt.skor(table[table.columns[3]].mean())}" in c.value for c in at.caption
    )


def test_peringkat_of_one_kabupaten_draws_every_kecamatan(ci_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa

    at = _page(ci_path, monkeypatch, "peringkat", kabupaten="36.01")  # 35 kecamatan
    chart = at.get("vega_lite_chart")[0].proto
    bars = next(t for d in chart.datasets if "peringkat" in (t := pa.ipc.open_stream(d.data.data).read_all()).column_names)
    assert bars.num_rows == 35
    assert not any("teratas dan" in i.value for i in at.info)
