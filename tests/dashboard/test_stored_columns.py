"""Queries and pages read what the views store (issue 13, Deliver 1): every place of one slip is
marked; predicates shown are the views' (printed first, with their source); IKM is compared on the
view's 25–100 value."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl
import pytest

import queries
from dashboard import analisis
from etl import rules

KERTANEGARA = ["33.03.18"]  # Kemendagri code of Kecamatan Kertanegara


def _query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    return queries.run(con, name, **params)


def test_every_place_of_a_merged_slip_is_marked(seed_con: duckdb.DuckDBPyConnection) -> None:
    # one serapan slip (85 % printed for 1.607.070.802 of 1.714.490.000) shows at 838, 905, 916 and 929
    # of the Kertanegara LKjIP: one finding, four marked places; a line a check only read is not marked
    galat = _query(seed_con, "galat_angka", wilayah=KERTANEGARA)
    serapan = galat.filter((pl.col("kode") == "serapan_persen") & (pl.col("baris_temuan") == 838))
    assert sorted(serapan["sumber_baris"].to_list()) == [838, 905, 916, 929]
    findings = seed_con.execute(
        "select count(*) from temuan where tingkat = 'galat' and kode = 'serapan_persen' and sumber_baris = 838"
    ).fetchone()
    assert findings == (1,)
    marked = set(galat["sumber_baris"].to_list())
    assert {905, 916, 929, 464, 950} <= marked  # places of merged slips, not their findings' own lines
    assert 456 not in marked  # an IKM unsur the IKM slip's check read, no place of the slip


def test_baris_slip_is_within_baris_terkait(seed_con: duckdb.DuckDBPyConnection) -> None:
    rows = seed_con.execute("select sumber_baris, baris_slip, baris_terkait from temuan").fetchall()
    assert rows
    for own, slip, terkait in rows:
        places = {int(x) for x in slip.split(",")}
        read = {int(x) for x in terkait.split(",")} if terkait else set()
        assert own in places and places <= read | {own}, (own, slip, terkait)


# --- predicates and scales come from the views ------------------------------------------------


def test_skor_tren_carries_the_views_predicate_source_and_scale(seed_con: duckdb.DuckDBPyConnection) -> None:
    skor = _query(seed_con, "skor_tren", wilayah=KERTANEGARA).filter(pl.col("nilai").is_not_null())
    sakip = skor.filter((pl.col("jenis") == "SAKIP") & (pl.col("tahun") == 2024)).row(0, named=True)
    assert (sakip["predikat"], sakip["sumber_predikat"]) == ("B (Baik)", "dihitung (PermenPANRB 88/2021)")
    ikm = skor.filter((pl.col("jenis") == "IKM") & (pl.col("tahun") == 2024)).row(0, named=True)
    assert ikm["nilai_skala"] == ikm["nilai"] == pytest.approx(93.69)  # printed on 25–100 already
    assert skor["sumber_predikat"].null_count() == 0


def _skor(**cols: list[object]) -> pl.DataFrame:
    n = len(next(iter(cols.values())))
    base: dict[str, list[object]] = {
        "kabupaten": ["K"] * n,
        "kecamatan": [f"K{i}" for i in range(n)],
        "tahun": [2024] * n,
        "target": [None] * n,
        "nama_file": ["f"] * n,
    }
    return pl.DataFrame({**base, **cols}, strict=False)


EMPTY_CAPAIAN = pl.DataFrame(schema={"kabupaten": pl.String, "kecamatan": pl.String, "tahun": pl.Int64, "capaian": pl.Float64})
EMPTY_PROGRAM = pl.DataFrame(
    schema={"kabupaten": pl.String, "kecamatan": pl.String, "tahun": pl.Int64, "pagu": pl.Float64, "realisasi": pl.Float64}
)


def test_the_page_table_shows_the_printed_predicate_with_its_source() -> None:
    # the view says the document printed "BB" though its computed category is B: the page shows BB, tercetak
    skor = _skor(
        jenis=["SAKIP", "SAKIP"],
        nilai=[65.0, 55.0],
        kategori=["B (Baik)", "CC (Cukup)"],
        predikat=["BB", "CC (Cukup)"],
        sumber_predikat=["tercetak", "dihitung (PermenPANRB 88/2021)"],
        nilai_skala=[65.0, 55.0],
    )
    table = analisis.tabel_kecamatan(skor, EMPTY_CAPAIAN, EMPTY_PROGRAM, 2024)
    rows = {r["Kecamatan"]: r for r in table.iter_rows(named=True)}
    assert rows["K0"]["Kategori SAKIP"] == "BB"
    assert rows["K0"]["Sumber predikat SAKIP"] == "tercetak"
    assert rows["K1"]["Sumber predikat SAKIP"] == "dihitung (PermenPANRB 88/2021)"


def test_ikm_averages_and_rankings_read_the_stored_scale() -> None:
    # an IKM printed as 3,50 (1–4) is 87,50 in the view's nilai_skala: the page averages and ranks that
    skor = _skor(
        jenis=["IKM", "IKM"],
        nilai=[3.5, 90.0],
        kategori=[None, None],
        predikat=[None, None],
        sumber_predikat=[None, None],
        nilai_skala=[87.5, 90.0],
    )
    assert analisis.rata_rata_skor(skor, "IKM", 2024).nilai == pytest.approx(88.75)
    values = analisis.nilai_metrik("IKM (realisasi)", skor, EMPTY_PROGRAM)
    assert sorted(values["nilai"].to_list()) == [87.5, 90.0]


def test_the_stored_scale_is_the_rules_rescaling(seed_con: duckdb.DuckDBPyConnection) -> None:
    rows = seed_con.execute("select jenis, nilai, nilai_skala from skor_observasi").fetchall()
    assert rows
    for jenis, nilai, skala in rows:
        assert skala == pytest.approx(rules.ikm_to_nik(nilai) if jenis == "IKM" else nilai), (jenis, nilai)


# --- nothing in the dashboard recomputes what the views store ------------------------------------

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
RECOMPUTED = re.compile(
    r"rules\.(kategori_skor|predikat_skor|predikat_ikm|predikat_sakip\w*|mutu_ikm|ikm_to_nik|capaian|capaian_polaritas|"
    r"predikat_capaian)\(|nik_expr|capaian_expr\("
)


@pytest.mark.parametrize("path", sorted(DASHBOARD.rglob("*.py")), ids=lambda p: str(p.relative_to(DASHBOARD)))
def test_no_page_recomputes_a_stored_predicate_scale_or_capaian(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [m.group(0) for m in RECOMPUTED.finditer(text)]
    if path.name == "analisis.py":
        # the one exception: the predicate of a mean of capaian, which no view stores
        found = [f for f in found if f != "rules.predikat_capaian("]
    assert not found, f"{path.name} recomputes {found}: read the view's column instead"
    assert "serapan_expr(" not in text or path.name == "analisis.py", path.name


# --- the pages show the stored predicate and say its source --------------------------------------


def test_tren_shows_the_stored_predicate_and_its_source(app) -> None:  # type: ignore[no-untyped-def]
    at = app("tren", kabupaten="Purbalingga")
    table = at.dataframe[0].value
    row = table[(table["Kecamatan"] == "Kertanegara") & (table["Tahun evaluasi"] == 2024)].iloc[0]
    assert (row["Predikat"], row["Sumber predikat"]) == ("B (Baik)", "dihitung (PermenPANRB 88/2021)")


def test_profil_shows_each_capaian_predicate_with_its_source_and_the_kematangan_level(app) -> None:  # type: ignore[no-untyped-def]
    at = app("profil", kabupaten="Purbalingga")
    # the indicator table: the one with a Realisasi column (the headline and score tables come first)
    indicators = next(d.value for d in at.dataframe if "Realisasi" in d.value.columns)
    with_realisasi = indicators[indicators["Realisasi"].notna()]
    assert len(with_realisasi) and set(with_realisasi["Sumber predikat"]) <= {"tercetak", "dihitung (Permendagri 86/2017)"}
    assert with_realisasi["Predikat"].notna().all()
    captions = "\n".join(str(c.value) for c in at.caption).replace("\\", "")  # Markdown escapes
    assert "Tingkat kematangan: level I" in captions


def test_ringkasan_table_says_where_each_predicate_comes_from(app) -> None:  # type: ignore[no-untyped-def]
    at = app()
    table = at.dataframe[0].value.set_index("Kecamatan")
    assert table.loc["Kertanegara", "Kategori SAKIP"] == "B (Baik)"
    assert table.loc["Kertanegara", "Sumber predikat SAKIP"] == "dihitung (PermenPANRB 88/2021)"
    assert table.loc["Kertanegara", "Sumber predikat IKM"] == "dihitung (PermenPANRB 14/2017)"
