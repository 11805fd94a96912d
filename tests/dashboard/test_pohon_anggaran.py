"""The budget treemap (issue 14): program → kegiatan → sub kegiatan sized by pagu, coloured by
penyerapan, on Anggaran and Profil; its printed form (vl-convert) for reports."""

from __future__ import annotations

import itertools
import json
import re
import struct
from collections.abc import Callable

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

import queries
from dashboard import export, pohon_anggaran

App = Callable[..., AppTest]
KERTANEGARA = "33.03.18"  # LKjIP 2024 with program, kegiatan and sub kegiatan lines and realisasi
SEMUA = ["33.03.18", "33.02.09", "73.24.01", "33.02.14"]


@pytest.fixture()
def pohon(seed_con: duckdb.DuckDBPyConnection) -> Callable[[list[str]], pl.DataFrame]:
    return lambda wilayah: queries.run(seed_con, "anggaran_pohon", wilayah=wilayah, tahun=2024)


def test_the_tree_of_one_kecamatan_sums_to_its_printed_total(pohon) -> None:
    nodes = pohon_anggaran.simpul(pohon([KERTANEGARA]), "Kab. Purbalingga")
    root = nodes.filter(pl.col("induk") == "")
    assert root.height == 1 and root["nama"][0] == "Kecamatan Kertanegara"
    # the document's grand total (Tabel 3.23), as the Profil headline shows it
    assert root["pagu"][0] == pytest.approx(1_890_600_000)
    assert set(nodes["tingkat"].to_list()) == {"Kecamatan", "Program", "Kegiatan", "Sub kegiatan"}
    assert root["realisasi"][0] == pytest.approx(1_767_109_802)  # the sum of the counted lines' realisasi
    assert root["serapan"][0] == pytest.approx(93.4682, abs=1e-4)


def test_every_box_holds_exactly_what_is_drawn_inside_it(pohon) -> None:
    """plotly's branchvalues='total' needs a parent ≥ the sum of its children; here it is equal,
    so no amount is counted twice and none is lost."""
    nodes = pohon_anggaran.simpul(pohon(SEMUA), "semua")
    assert nodes["id"].n_unique() == nodes.height
    ids = set(nodes["id"].to_list())
    assert all(p == "" or p in ids for p in nodes["induk"].to_list())
    sums = nodes.group_by("induk").agg(pl.col("pagu").fill_null(0).sum().alias("anak"))
    joined = nodes.join(sums, left_on="id", right_on="induk", how="inner")
    assert joined.height > 5
    for row in joined.iter_rows(named=True):
        assert row["pagu"] == pytest.approx(row["anak"]), row["nama"]


def test_several_kecamatan_hang_under_the_region(pohon) -> None:
    nodes = pohon_anggaran.simpul(pohon(SEMUA), "semua kecamatan yang dimuat")
    root = nodes.filter(pl.col("induk") == "")
    assert root["id"].to_list() == [pohon_anggaran.AKAR] and root["nama"][0] == "semua kecamatan yang dimuat"
    kec = nodes.filter(pl.col("induk") == pohon_anggaran.AKAR)
    assert sorted(kec["nama"].to_list()) == [
        "Kertanegara (Kab. Purbalingga)",
        "Mangkutana (Kab. Luwu Timur)",
        "Somagede (Kab. Banyumas)",
    ]  # Ajibarang's budget is of 2019
    # PK budgets carry no realisasi: no penyerapan, the hatched grey box
    assert kec.filter(pl.col("nama").str.starts_with("Somagede"))["serapan"][0] is None
    assert pohon_anggaran.warna(None) == pohon_anggaran.TANPA_REALISASI


def test_choosing_a_box_keeps_its_branch(pohon) -> None:
    rows = pohon([KERTANEGARA])
    nodes = pohon_anggaran.simpul(rows, "x")
    program = nodes.filter(pl.col("nama").str.starts_with("PROGRAM PEMBERDAYAAN"))["id"][0]
    branch = pohon_anggaran.cabang(nodes, program)
    assert branch["tingkat"].to_list() == ["Program", "Kegiatan", "Sub kegiatan", "Sub kegiatan"]
    lines = pohon_anggaran.baris_cabang(rows, nodes, program)
    assert lines.height == 4 and lines["pagu_cabang"].max() == pytest.approx(80_197_000)
    assert pohon_anggaran.baris_cabang(rows, nodes, None).height == rows.height
    assert pohon_anggaran.dipilih({"selection": {"points": [{"id": program}]}}) == program
    assert pohon_anggaran.dipilih({"selection": {"points": []}}) is None
    assert pohon_anggaran.dipilih({"selection": {"points": [{"id": pohon_anggaran.AKAR}]}}) is None


def test_colours_darken_with_penyerapan_so_greyscale_keeps_the_order() -> None:
    def grey(c: str) -> float:
        r, g, b = (int(c[i : i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    levels = [grey(pohon_anggaran.warna(v)) for v in (0, 50, 60, 70, 80, 90, 100)]
    assert levels[0] == levels[1]  # ≤ 50 all the lightest
    assert all(a > b for a, b in itertools.pairwise(levels[1:]))


def test_hover_labels_are_indonesian_with_rupiah_both_ways(pohon) -> None:
    fig = pohon_anggaran.treemap(pohon_anggaran.simpul(pohon([KERTANEGARA]), "x"), "Peta anggaran — Kecamatan X, 2024")
    tree = fig.data[0]
    hover = tree.customdata[0][0]
    assert "Pagu: Rp1,89 M (Rp1.890.600.000)" in hover and "Penyerapan: 93,47%" in hover
    assert tree.branchvalues == "total" and tree.maxdepth == 3
    assert fig.layout.separators == ",."
    texts = " ".join(str(r[0]) for r in tree.customdata)
    assert not re.search(r"\b(?:None|nan|NaN|sub_kegiatan)\b", texts)


def test_the_printed_treemap_is_16_cm_with_its_legend(pohon) -> None:
    nodes = pohon_anggaran.simpul(pohon([KERTANEGARA]), "x")
    png = pohon_anggaran.png(nodes, "Peta anggaran — Kecamatan Kertanegara, Kab. Purbalingga, 2024")
    width, height = export._png_size(png)
    assert width >= export.lebar_png_minimum() and height > 400
    pos = png.index(b"pHYs")
    (per_metre,) = struct.unpack(">I", png[pos + 4 : pos + 8])
    assert width / per_metre * 100 == pytest.approx(export.LEBAR_CETAK_CM, abs=0.2)  # prints 16 cm wide
    svg = pohon_anggaran.svg(nodes, "Peta anggaran").decode()
    assert "Penyerapan (%)" in svg and "Sumber: lkjip_2024_purbalingga_kertanegara.txt" in svg
    assert "Penyedia gaji dan tunjangan ASN" in svg and "Rp1,38 M" in svg


def test_anggaran_and_profil_draw_the_treemap(app: App) -> None:
    at = app("anggaran", kabupaten="Purbalingga")
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    tree = spec["data"][0]
    assert tree["type"] == "treemap" and "Kecamatan Kertanegara" in tree["labels"]
    assert any("Klik sebuah petak untuk melihat baris anggaran" in c.value for c in at.caption)
    assert not any("Baris anggaran di bawah" in m.value for m in at.markdown)  # no branch until a click
    at = app("profil", kabupaten="Purbalingga")
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    assert json.loads(charts[0].proto.config)["displayModeBar"] is False  # no English mode bar


def test_a_large_selection_is_asked_to_narrow(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pohon_anggaran, "MAKS_KECAMATAN", 2)
    at = app("anggaran")
    assert not at.get("plotly_chart")
    assert any("peta anggaran digambar untuk paling banyak 2 kecamatan" in i.value for i in at.info)
