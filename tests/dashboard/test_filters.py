"""The sidebar's region lists by Kemendagri code (issue 16): Kab. Bogor and Kota Bogor are two
choices, a link written with names still opens where the name is unambiguous, and the lists stay
usable with all 514 kabupaten/kota and 7,285 kecamatan."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from dashboard import filters
from etl.extract import extract_lines
from etl.load import connect, load_document
from etl.model import Dokumen, Line
from etl.reference import wilayah as reference
from tests.conftest import SEEDS
from tests.dashboard.conftest import run_app


def national() -> pl.DataFrame:
    """The query 'wilayah' as it would be with one year for every kecamatan of Indonesia."""
    rows = [
        (k.provinsi, k.kode_kabupaten, k.kabupaten, k.label_kabupaten, k.kabupaten, k.kode, k.nama, 2024)
        for k in reference().kecamatan
    ]
    cols = [
        "provinsi",
        "kode_kabupaten",
        "kabupaten",
        "kabupaten_label",
        "nama_kabupaten",
        "kode_kecamatan",
        "kecamatan",
        "tahun",
    ]
    return pl.DataFrame(rows, schema=cols, orient="row")


def test_kabupaten_and_kota_of_one_name_are_two_choices() -> None:
    w = national()
    opt = filters.options(w, "Jawa Barat", None)
    labels = filters.label_kabupaten(w)
    shown = [labels[k] for k in opt["kabupaten"]]
    assert shown.index("Kab. Bogor") + 1 == shown.index("Kota Bogor")  # side by side, Kab. first
    kota = filters.options(w, "Jawa Barat", "32.71")["kecamatan"]
    kab = filters.options(w, "Jawa Barat", "32.01")["kecamatan"]
    assert len(kota) == 6 and len(kab) == 40 and not set(kota) & set(kab)
    assert all(k.startswith("32.71.") for k in kota)
    # the kecamatan named Sorong in both Sorong: two keys, two labels
    tempat = filters.tempat_dari(w)
    sorong = sorted(t.label for t in tempat.values() if t.kecamatan == "Sorong")
    assert sorong == ["Sorong (Kab. Sorong)", "Sorong (Kota Sorong)"]


def test_national_lists_are_narrowed_and_cheap() -> None:
    w = national()
    start = time.perf_counter()
    everything = filters.options(w, None, None)
    province = filters.options(w, "Jawa Barat", None)
    one = filters.options(w, "Jawa Barat", "32.71")
    elapsed = time.perf_counter() - start
    assert (len(everything["kabupaten"]), len(everything["kecamatan"])) == (514, 7285)
    assert len(province["kabupaten"]) == 27 and len(one["kecamatan"]) == 6
    assert elapsed < 1.0, elapsed


@pytest.mark.parametrize(
    ("written", "kode"),
    [("32.71", "32.71"), ("Kota Bogor", "32.71"), ("Kab. Bogor", "32.01"), ("Kabupaten Bogor", "32.01"), ("kota bogor", "32.71")],
)
def test_a_kabupaten_written_any_way_is_its_code(written: str, kode: str) -> None:
    assert filters.kabupaten_dari_teks(national(), written) == (kode, [])


def test_a_bare_name_opens_only_where_it_is_unambiguous() -> None:
    w = national()
    assert filters.kabupaten_dari_teks(w, "Gunungkidul") == ("34.03", [])
    assert filters.kabupaten_dari_teks(w, "Bogor") == (None, ["Kab. Bogor", "Kota Bogor"])
    assert filters.kabupaten_dari_teks(w, "Atlantis") == (None, [])


def test_an_old_kecamatan_key_becomes_its_code() -> None:
    w = national()
    assert filters.kecamatan_dari_teks(w, "32.71.03") == "32.71.03"
    assert filters.kecamatan_dari_teks(w, "Kota Bogor|Bogor Tengah") == "32.71.03"
    # a bare twin name: the kecamatan decides where only one of the two has it
    assert filters.kecamatan_dari_teks(w, "Bogor|Bogor Tengah") == "32.71.03"
    assert filters.kecamatan_dari_teks(w, "Bogor|Cibinong") == "32.01.01"
    assert filters.kecamatan_dari_teks(w, "Sorong|Sorong") is None  # in both: not a guess
    assert filters.kecamatan_dari_teks(w, "Kota Sorong|Sorong") == "96.71.01"
    assert filters.kecamatan_dari_teks(w, "X|Y") is None


# --- the sidebar on a database holding a kecamatan of Kabupaten Bogor and one of Kota Bogor ------


def _swapped(kecamatan: str, atasan: str, sha: str) -> Dokumen:
    text = re.sub(
        "somagede", kecamatan, SEEDS["somagede"].read_text(encoding="utf-8").replace("BUPATI BANYUMAS", atasan), flags=re.I
    )
    lines = [Line(no=i, text=t) for i, t in enumerate(text.splitlines(), start=1)]
    doc = extract_lines(lines, f"pk_{kecamatan}.txt", sha, "txt", f"pk_{kecamatan}.txt")
    return doc


@pytest.fixture()
def bogor_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "bogor.duckdb"
    con = connect(path)
    load_document(con, _swapped("Cibinong", "BUPATI BOGOR", "1" * 64))
    load_document(con, _swapped("Bogor Tengah", "WALI KOTA BOGOR", "2" * 64))
    con.close()
    monkeypatch.setenv("KINERJA_DB", str(path))
    yield path


def test_the_sidebar_keeps_kab_and_kota_apart(bogor_db: Path) -> None:
    at = run_app()
    box = at.selectbox(key="filter_kabupaten")
    assert box.options == ["Semua kabupaten/kota", "Kab. Bogor", "Kota Bogor"]
    box.select("32.71").run()
    assert at.query_params["kabupaten"] == "32.71"
    assert at.multiselect(key="filter_kecamatan").options == ["Bogor Tengah"]
    assert "semua kecamatan di Kota Bogor" in at.session_state["filter_pilihan"].uraian()


def test_an_old_link_with_a_twin_name_asks_which_one(bogor_db: Path) -> None:
    at = run_app(kabupaten="Bogor")
    assert at.selectbox(key="filter_kabupaten").value == "Semua kabupaten/kota"
    assert any("Kab. Bogor dan Kota Bogor" in w.value for w in at.warning)
    assert "kabupaten" not in at.query_params
    at = run_app(kabupaten="Bogor", kecamatan="Bogor|Cibinong")  # the kecamatan still decides
    assert at.multiselect(key="filter_kecamatan").value == ["32.01.01"]
    at = run_app(kecamatan=["Bogor|Cibinong", "Bogor|Atlantis"])
    assert at.multiselect(key="filter_kecamatan").value == ["32.01.01"]
    assert any("tidak dikenali" in w.value and "Atlantis" in w.value for w in at.warning)


def test_file_names_and_titles_tell_kab_from_kota() -> None:
    from dashboard import export

    kab = filters.Pilihan(None, "Kab. Bogor", (), 2024, ("32.01.01",), (), "32.01")
    kota = filters.Pilihan(None, "Kota Bogor", (), 2024, ("32.71.03",), (), "32.71")
    assert [export.wilayah_berkas(x.provinsi, x.kabupaten, []) for x in (kab, kota)] == ["kab-bogor", "kota-bogor"]
    assert export.file_stem("ringkasan", export.wilayah_berkas(None, kota.kabupaten, []), 2024) == "ringkasan_kota-bogor_2024"
    assert kota.uraian() == "semua kecamatan di Kota Bogor, tahun 2024"
    assert (kab.params()["kabupaten"], kota.params()["kabupaten"]) == ("32.01", "32.71")
