"""Data & Sumber and Reviu Data at national scale (issue 16 item 4): tables paged in SQL with the
page in the link, the sidebar's filters in the SQL, counts by count(*), no query fetching a whole
view while a page renders, downloads of every page streamed from DuckDB, and the limits said in
words. AppTest on the CI-size benchmark database (bench/national.py --ukuran ci) and on the seeds."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

import queries
from dashboard import data, export, halaman
from tests.dashboard import test_pembanding

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "streamlit_app.py"
# queries that return a whole view or every finding of the selection: never run to draw a page
WHOLE = {"isi_view", "temuan_daftar", "dokumen_dimuat", "cakupan"}
db_with_a_dinas = test_pembanding.db_with_a_dinas  # the fixture: Kertanegara and a dinas of its kabupaten


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Every query the pages run (past the cache, which is emptied first), with its parameters."""
    data._run.clear()
    seen: list[tuple[str, dict[str, Any]]] = []
    real = queries.run

    def spy(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
        seen.append((name, params))
        return real(con, name, **params)

    monkeypatch.setattr(queries, "run", spy)
    yield seen
    data._run.clear()


def _app(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, **params: str) -> AppTest:
    monkeypatch.setenv("KINERJA_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=180)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [str(e.value)[:300] for e in at.exception]
    return at


def _sql(db: Path, name: str, **params: Any) -> pl.DataFrame:
    con = queries.connect_read_only(db)
    try:
        return queries.run(con, name, **params)
    finally:
        con.close()


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind))


def _codes(db: Path, where: str = "true") -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        sql = f"select distinct kode_kecamatan from dokumen where kode_kecamatan is not null and {where} order by 1"
        return [r[0] for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def _scope(db: Path, **over: Any) -> dict[str, Any]:
    base = {"wilayah": _codes(db), "lain": True, "kode_kabupaten": None, "provinsi": None, "tahun": [], "terverifikasi": False}
    return {**base, **over}


# --- Data & Sumber ---------------------------------------------------------------------------


def test_data_sumber_pages_move_in_sql_and_in_the_link(ci_path: Path, monkeypatch: pytest.MonkeyPatch, calls: list) -> None:
    at = _app(ci_path, monkeypatch, "data_sumber")
    assert not at.get("error")
    docs = at.dataframe[0].value
    assert len(docs) == halaman.PER_HALAMAN  # one page, not 3 262 documents
    assert "Baris 1–50 dari 3.262 (halaman 1 dari 66)." in _texts(at)
    assert not [n for n, p in calls if n in WHOLE or ("batas" in p and p["batas"] is None)], "a page fetched a whole view"
    at.number_input(key="data_hal_dokumen").set_value(2).run()
    assert at.query_params["hal_dokumen"] == "2"
    second = at.dataframe[0].value
    expected = _sql(ci_path, "dokumen_halaman", **_scope(ci_path), batas=halaman.PER_HALAMAN, mulai=halaman.PER_HALAMAN)
    assert second["Berkas"].tolist() == expected["nama_file"].to_list()
    assert not set(second["Berkas"]) & set(docs["Berkas"])
    # a link opens the page it names; a page past the last becomes the last
    again = _app(ci_path, monkeypatch, "data_sumber", hal_dokumen="66")
    assert again.number_input(key="data_hal_dokumen").value == 66
    assert len(again.dataframe[0].value) == 3262 - 65 * halaman.PER_HALAMAN
    stale = _app(ci_path, monkeypatch, "data_sumber", hal_dokumen="9999")
    assert stale.number_input(key="data_hal_dokumen").value == 66
    # coverage: 50 kecamatan of 233 per page
    assert len(at.dataframe[1].value) == halaman.PER_HALAMAN
    at.number_input(key="data_hal_cakupan").set_value(5).run()
    assert len(at.dataframe[1].value) == 233 - 4 * halaman.PER_HALAMAN
    assert at.query_params["hal_cakupan"] == "5"


def test_data_sumber_filters_reach_the_sql(ci_path: Path, monkeypatch: pytest.MonkeyPatch, calls: list) -> None:
    at = _app(ci_path, monkeypatch, "data_sumber", kabupaten="36.71", tabel="skor")  # Kota Tangerang
    tangerang = _codes(ci_path, "kode_kabupaten = '36.71'")
    runs = {n: p for n, p in calls if n in {"dokumen_jumlah", "dokumen_halaman", "view_jumlah_wilayah"}}
    assert set(runs) == {"dokumen_jumlah", "dokumen_halaman", "view_jumlah_wilayah"}
    for name, params in runs.items():
        assert sorted(params["wilayah"]) == tangerang and params["kode_kabupaten"] == "36.71", name
        assert params["tahun"] == [], name
    assert set(at.dataframe[0].value["Kabupaten/Kota"]) == {"Kota Tangerang"}
    skor = _sql(ci_path, "view_jumlah", **_scope(ci_path, wilayah=tangerang, kode_kabupaten="36.71"), nama="skor")["jumlah"][0]
    assert (
        skor
        == _sql(ci_path, "view_jumlah_wilayah", **_scope(ci_path, wilayah=tangerang, kode_kabupaten="36.71"), nama="skor")[
            "jumlah"
        ][0]
    )
    assert f"**Skor per kecamatan dan tahun** · {export.fmt.angka(skor)} baris" in _texts(at)
    # the sidebar's year, when asked for, is a parameter of the same queries
    calls.clear()
    at.toggle(key="data_hanya_tahun").set_value(True).run()
    assert at.query_params["hanya_tahun"] == "ya"
    year = int(at.selectbox(key="filter_tahun").value)
    assert {p["tahun"] == [year] for n, p in calls if n in runs} == {True}
    rows = _sql(
        ci_path,
        "view_halaman_wilayah",
        **_scope(ci_path, wilayah=tangerang, kode_kabupaten="36.71", tahun=[year]),
        nama="skor",
        batas=None,
        mulai=0,
    )
    assert set(rows["tahun"]) == {year} and f"{export.fmt.angka(rows.height)} baris" in _texts(at)
    assert set(at.dataframe[0].value["Tahun"]) == {year}


def test_data_sumber_download_limits_are_said(ci_path: Path, monkeypatch: pytest.MonkeyPatch, calls: list) -> None:
    at = _app(ci_path, monkeypatch, "data_sumber", tabel="sumber_baris")
    total = _sql(ci_path, "view_jumlah", **_scope(ci_path), nama="sumber_baris")["jumlah"][0]
    assert total > halaman.MAKS_UNDUH
    assert (
        f"Pilihan ini memuat {export.fmt.angka(total)} baris, lebih dari batas unduhan {export.fmt.angka(halaman.MAKS_UNDUH)} baris"
        in _texts(at)
    )
    assert not [b for b in at.get("download_button") if b.key and b.key.startswith("unduh_view_")]
    assert "**Baris sumber dokumen** ·" in _texts(at)  # the view by its label, not "sumber_baris"
    at = _app(ci_path, monkeypatch, "data_sumber", tabel="temuan")  # 81 591 rows: CSV and Parquet, no XLSX
    labels = {b.label for b in at.get("download_button") if (b.key or "").startswith("unduh_view_temuan_")}
    assert labels == {"CSV", "CSV (Excel Indonesia)", "Parquet"}
    assert "XLSX hanya tersedia sampai 50.000 baris; pilihan ini 81.591 baris." in _texts(at)
    at = _app(ci_path, monkeypatch, "data_sumber", tabel="skor")
    labels = {b.label for b in at.get("download_button") if (b.key or "").startswith("unduh_view_skor_")}
    assert labels == {"CSV", "CSV (Excel Indonesia)", "Parquet", "XLSX"}


def test_a_download_holds_every_page(ci_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_DB", str(ci_path))
    monkeypatch.setattr(data, "BARIS_PER_POTONG", 2_000)  # many batches
    scope = _scope(ci_path, wilayah=_codes(ci_path, "kode_kabupaten = '36.03'"), kode_kabupaten="36.03")
    n = _sql(ci_path, "view_jumlah", **scope, nama="pejabat")["jumlah"][0]
    assert n > 3 * 2_000
    for gaya in (export.CSV_BIASA, export.CSV_EXCEL_ID):
        body = data.ekspor(
            "view_halaman",
            lambda rows, out, g=gaya: export.tulis_csv(rows, out, gaya=g),
            **scope,
            nama="pejabat",
            batas=None,
            mulai=0,
        )
        assert body.startswith(b"\xef\xbb\xbf") and body.count(b"\xef\xbb\xbf") == 1
        frame = pl.read_csv(io.BytesIO(body[3:]), separator=";" if gaya == export.CSV_EXCEL_ID else ",", infer_schema=False)
        assert frame.height == n  # every page
    parquet = pl.read_parquet(io.BytesIO(data.ekspor_parquet("view_halaman", **scope, nama="pejabat", batas=None, mulai=0)))
    assert parquet.height == n
    pages = [_sql(ci_path, "view_halaman", **scope, nama="pejabat", batas=3_000, mulai=m) for m in range(0, n, 3_000)]
    assert pl.concat(pages).equals(parquet)  # the pages, in order, are the download


def test_a_streamed_csv_is_the_tables_csv(seed_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamed in pieces, both CSV flavours are byte for byte what export.table_csv gives for the
    whole table (the same formula guard, separators, decimals and dates)."""
    monkeypatch.setenv("KINERJA_DB", str(seed_db_path))
    monkeypatch.setattr(data, "BARIS_PER_POTONG", 3)
    scope = _scope(seed_db_path)
    for view in ("dokumen", "anggaran", "temuan"):
        whole = data.dengan_label(_sql(seed_db_path, "view_halaman", **scope, nama=view, batas=None, mulai=0))
        assert whole.height > 3
        for gaya in (export.CSV_BIASA, export.CSV_EXCEL_ID):
            streamed = data.ekspor(
                "view_halaman",
                lambda rows, out, g=gaya: export.tulis_csv(rows, out, gaya=g),
                **scope,
                nama=view,
                batas=None,
                mulai=0,
            )
            assert streamed == export.table_csv(whole, gaya=gaya), (view, gaya)
    # every row of every view is in some scope: the whole selection is the whole view, through the
    # documents and, for a view with its own kecamatan code, through that code alike
    con = duckdb.connect(str(seed_db_path), read_only=True)
    try:
        for (view,) in con.execute(queries.load_sql("view_kontrak")).fetchall():
            (n,) = con.execute("select count(*) from query_table(?)", [view]).fetchone() or (0,)
            assert _sql(seed_db_path, "view_jumlah", **scope, nama=view)["jumlah"][0] == n, view
            columns = set(_sql(seed_db_path, "kolom_view", nama=view)["kolom"].to_list())
            if {"kode_kecamatan", "tahun"} <= columns:
                assert _sql(seed_db_path, "view_jumlah_wilayah", **scope, nama=view)["jumlah"][0] == n, view
                one = _scope(seed_db_path, wilayah=_codes(seed_db_path, "kode_kabupaten = '33.03'"), kode_kabupaten="33.03")
                by_doc = _sql(seed_db_path, "view_halaman", **one, nama=view, batas=None, mulai=0)
                by_row = _sql(seed_db_path, "view_halaman_wilayah", **one, nama=view, batas=None, mulai=0)
                assert by_doc.equals(by_row), view
    finally:
        con.close()


def test_an_empty_selection_downloads_the_header(seed_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_DB", str(seed_db_path))
    scope = _scope(seed_db_path, tahun=[1990])
    body = data.ekspor("view_halaman", lambda rows, out: export.tulis_csv(rows, out), **scope, nama="skor", batas=None, mulai=0)
    assert body.startswith(b"\xef\xbb\xbfkabupaten,kecamatan,tahun,jenis,nilai") and body.count(b"\n") == 1


# --- Reviu Data ------------------------------------------------------------------------------


def test_reviu_pages_through_the_findings_in_sql(ci_path: Path, monkeypatch: pytest.MonkeyPatch, calls: list) -> None:
    at = _app(ci_path, monkeypatch, "reviu_data", semua_tahun="ya")
    assert not [n for n, p in calls if n in WHOLE or ("batas" in p and p["batas"] is None)], "a page fetched every finding"
    m = {x.label: x.value for x in at.metric}
    hitung = _sql(ci_path, "temuan_hitung", wilayah=_codes(ci_path), tahun=[], kode=[], tingkat=[], terverifikasi=False)
    per = dict(zip(hitung["tingkat"], hitung["jumlah"], strict=True))
    assert (m["Galat"], m["Peringatan"], m["Info"]) == tuple(export.fmt.angka(per[t]) for t in ("galat", "peringatan", "info"))
    total = sum(per.values())
    daftar = at.dataframe[1].value
    assert len(daftar) == 100
    assert f"Baris 1–100 dari {export.fmt.angka(total)}" in _texts(at)
    first = at.query_params["temuan"]
    at.number_input(key="reviu_halaman").set_value(3).run()
    assert at.query_params["hal"] == "3"
    page3 = _sql(
        ci_path,
        "temuan_halaman",
        wilayah=_codes(ci_path),
        tahun=[],
        kode=[],
        tingkat=[],
        terverifikasi=False,
        batas=100,
        mulai=200,
    )
    assert at.dataframe[1].value["Temuan"].tolist() == page3["pesan"].to_list()
    # the box offers the page shown and opens its first finding
    assert at.query_params["temuan"] == page3["nama_temuan"][0] != first
    # a link to a finding on another page still opens it
    again = _app(ci_path, monkeypatch, "reviu_data", semua_tahun="ya", temuan=first)
    assert again.selectbox(key="reviu_temuan_dipilih").value == first


def test_reviu_filters_reach_the_sql(ci_path: Path, monkeypatch: pytest.MonkeyPatch, calls: list) -> None:
    at = _app(ci_path, monkeypatch, "reviu_data", kabupaten="36.03")
    at.multiselect(key="reviu_tingkat").set_value(["galat"]).run()
    year = int(at.selectbox(key="filter_tahun").value)
    runs = [(n, p) for n, p in calls if n in {"temuan_hitung", "temuan_halaman", "temuan_per_kecamatan"}]
    last = {n: p for n, p in runs}
    assert set(last) == {"temuan_hitung", "temuan_halaman", "temuan_per_kecamatan"}
    for name, params in last.items():
        assert sorted(params["wilayah"]) == _codes(ci_path, "kode_kabupaten = '36.03'"), name
        assert params["tahun"] == [year] and params["tingkat"] == ["galat"], name
    assert set(at.dataframe[1].value["Tingkat"]) == {"Galat"}
    assert set(at.dataframe[0].value["Kabupaten/Kota"]) == {"Kab. Tangerang"}
    n = sum(_sql(ci_path, "temuan_hitung", **last["temuan_hitung"])["jumlah"].to_list())
    body = data.ekspor(
        "temuan_halaman", lambda rows, out: export.tulis_csv(rows, out), **{**last["temuan_halaman"], "batas": None, "mulai": 0}
    )
    assert pl.read_csv(io.BytesIO(body[3:]), infer_schema=False).height == n > 100  # every page of the list
    labels = {b.label for b in at.get("download_button") if (b.key or "").startswith("unduh_reviu_temuan_")}
    assert labels == {"CSV", "CSV (Excel Indonesia)", "XLSX"}


def test_other_perangkat_daerah_are_in_their_kabupatens_scope(db_with_a_dinas: Path) -> None:
    """A dinas (no kecamatan) counts with the chosen kabupaten or every region, not with a chosen
    kecamatan, and its numbers are found (its status is not "no number yet")."""
    kertanegara = _codes(db_with_a_dinas)
    every = _scope(db_with_a_dinas)
    assert _sql(db_with_a_dinas, "dokumen_jumlah", **every).row(0) == (2, 0, 2)
    docs = _sql(db_with_a_dinas, "dokumen_halaman", **every, batas=None, mulai=0)
    assert sorted(docs["status_angka"].to_list()) != ["belum ada angka"] * 2
    assert docs.filter(pl.col("kecamatan").is_null())["status_angka"].to_list() != ["belum ada angka"]
    one = _scope(db_with_a_dinas, wilayah=kertanegara, lain=False)  # the kecamatan chosen
    assert _sql(db_with_a_dinas, "dokumen_jumlah", **one)["jumlah"][0] == 1
    kabupaten = _scope(db_with_a_dinas, wilayah=kertanegara, kode_kabupaten="33.03")
    for view in ("anggaran", "target_kinerja", "skor"):
        by_doc = _sql(db_with_a_dinas, "view_jumlah", **every, nama=view)["jumlah"][0]
        assert _sql(db_with_a_dinas, "view_jumlah_wilayah", **every, nama=view)["jumlah"][0] == by_doc, view
        assert _sql(db_with_a_dinas, "view_jumlah_wilayah", **kabupaten, nama=view)["jumlah"][0] == by_doc, view
    # the dinas's own score and realisation count only while no kecamatan is chosen
    for view in ("skor", "realisasi_kinerja"):
        by_doc = _sql(db_with_a_dinas, "view_jumlah", **every, nama=view)["jumlah"][0]
        assert _sql(db_with_a_dinas, "view_jumlah_wilayah", **one, nama=view)["jumlah"][0] == by_doc - 1, view
        assert _sql(db_with_a_dinas, "view_jumlah", **one, nama=view)["jumlah"][0] == by_doc - 1, view
