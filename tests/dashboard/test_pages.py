"""AppTest over every page and the main interactions, on the seed database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

PAGES = ["ringkasan", "tren", "anggaran", "peringkat", "triwulan", "profil", "data_sumber", "reviu_data"]
App = Callable[..., AppTest]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def cells(at: AppTest) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


def texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "info", "caption", "title", "subheader") for e in at.get(kind))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(app: App, page: str) -> None:
    at = app(page)
    assert at.title, page
    assert not at.get("error"), [e.value for e in at.get("error")]


def test_ringkasan_tiles_for_the_latest_year(app: App) -> None:
    at = app()
    m = metrics(at)
    assert at.selectbox(key="filter_tahun").value == "2024"
    assert m["Kecamatan dengan data"] == "3"
    assert m["Rata-rata Nilai SAKIP"] == "63,16"
    assert m["Rata-rata IKM"] == "93,69"
    delta = {x.label: x.delta for x in at.metric}
    assert delta["Rata-rata Nilai SAKIP"] == "+2,10 poin dari 2023"
    table = at.dataframe[0].value.set_index("Kecamatan")
    assert table.loc["Kertanegara", "SAKIP"] == 63.16
    assert table.loc["Kertanegara", "Kategori SAKIP"] == "B (Baik)"
    assert table.loc["Mangkutana", "Target SAKIP"] == 71.55


def test_filter_to_one_kabupaten_changes_the_tiles_and_the_url(app: App) -> None:
    at = app()
    box = at.selectbox(key="filter_kabupaten")
    assert "Kab. Purbalingga" in box.options  # shown with its prefix; chosen and linked by its code
    box.select("33.03").run()
    m = metrics(at)
    assert m["Kecamatan dengan data"] == "1"
    assert m["Total pagu"] == "Rp1,89 M"
    assert m["Penyerapan anggaran"] == "93,47%"
    assert at.query_params["kabupaten"] == "33.03"
    assert at.query_params["tahun"] == "2024"


@pytest.mark.parametrize(
    "link",
    [
        {"kabupaten": "33.03", "kecamatan": "33.03.18"},  # codes, as links are written now
        {"kabupaten": "Purbalingga", "kecamatan": "Purbalingga|Kertanegara"},  # names, as links were written before
        {"kabupaten": "Kab. Purbalingga", "kecamatan": "Kabupaten Purbalingga|Kertanegara"},
    ],
)
def test_a_link_reproduces_the_view(app: App, link: dict[str, str]) -> None:
    at = app("tren", **link, tahun="2023")
    assert at.selectbox(key="filter_kabupaten").value == "33.03"
    assert at.multiselect(key="filter_kecamatan").value == ["33.03.18"]
    assert at.selectbox(key="filter_tahun").value == "2023"
    # AppTest keeps a one-value repeated parameter as a plain string
    assert at.query_params["kabupaten"] == "33.03" and at.query_params["kecamatan"] in ("33.03.18", ["33.03.18"])
    assert "Nilai SAKIP 55,51 → 63,16 (2022–2024), naik 7,65 poin" in texts(at)


def test_url_survives_a_page_switch(app: App) -> None:
    at = app(kabupaten="Banyumas")
    at.switch_page("app_pages/peringkat.py").run()
    assert at.query_params["kabupaten"] == "33.02"
    at.switch_page("app_pages/profil.py").run()
    assert at.query_params["kabupaten"] == "33.02"
    assert at.selectbox(key="filter_kabupaten").value == "33.02"
    assert not at.exception


def test_an_unknown_place_in_the_url_falls_back_without_error(app: App) -> None:
    at = app(provinsi="Atlantis", kecamatan="X|Y", tahun="1900")
    assert at.selectbox(key="filter_provinsi").value == "Semua provinsi"
    assert at.selectbox(key="filter_tahun").value == "2024"


def test_a_combination_without_data_is_said_in_words(app: App) -> None:
    at = app("anggaran", kabupaten="Banyumas", kecamatan="Banyumas|Somagede")
    assert "Belum ada tabel anggaran per sasaran" in texts(at)
    assert not at.exception


def test_tren_metric_choice(app: App) -> None:
    at = app("tren")
    assert "Nilai SAKIP 55,51 → 63,16 (2022–2024), naik 7,65 poin" in texts(at)
    assert "Belum ada realisasi Nilai SAKIP, hanya target: Mangkutana, Somagede." in texts(at)
    at.get("button_group")[0].set_value("IKM").run()
    assert "IKM 85,49 → 93,69 (2021–2024), naik 8,20 poin" in texts(at)
    at.toggle(key="tren_proyeksi").set_value(True).run()
    assert not at.exception


def test_peringkat_by_ikm_target(app: App) -> None:
    at = app("peringkat")
    at.selectbox(key="peringkat_metrik").select("Target IKM").run()
    table = at.dataframe[0].value
    assert list(table["Kecamatan"][:3]) == ["Kertanegara", "Mangkutana", "Somagede"]
    assert "tanpa nilai" in cells(at)  # Ajibarang has no 2024 target: listed, unranked


def test_anggaran_convention_choice(app: App) -> None:
    at = app("anggaran", kabupaten="Purbalingga")
    table = at.dataframe[0].value
    assert 15.59 in list(table["Efisiensi tertulis"])  # the report's own selisih figure
    assert round(table["Efisiensi"][0], 2) == 15.59
    at.radio(key="anggaran_konvensi").set_value("rasio").run()
    assert "Rasio: capaian kinerja ÷ penyerapan anggaran" in texts(at)
    # the view's capaian (93,69 of 88 by the formula the printed 106,46 proves), as on every page
    assert round(at.dataframe[0].value["Efisiensi"][0], 4) == round((93.69 / 88 * 100) / (160_039_000 / 176_110_000 * 100), 4)


def test_profil_shows_indicators_components_and_sources(app: App) -> None:
    at = app("profil", kabupaten="Purbalingga")
    indicators = next(df.value for df in at.dataframe if "Indikator" in df.value.columns)
    sakip = indicators[indicators["Indikator"].str.contains("SAKIP") & (indicators["Unit kerja"] == "Kecamatan")].iloc[0]
    assert (sakip["Target"], sakip["Realisasi"], round(sakip["Capaian (%)"], 2)) == (66.0, 63.16, 95.7)
    assert "Evaluasi Akuntabilitas Kinerja Internal" in cells(at)
    assert len(at.get("vega_lite_chart")) >= 3


def test_data_sumber_lists_views_and_coverage(app: App) -> None:
    at = app("data_sumber", tabel="skor")
    assert "**Skor per kecamatan dan tahun** · 9 baris" in texts(at)  # a view by its Indonesian label
    assert "Riwayat" in cells(at)  # a year known from a history table, labelled (dashboard.labels)


def test_profil_marks_numbers_with_a_galat_finding(app: App) -> None:
    at = app("profil", kabupaten="Purbalingga")
    parts = next(df.value for df in at.dataframe if "Komponen" in df.value.columns)
    # Kertanegara's IKM unsur above 100 on a 25–100 scale are galat in the review
    persyaratan = parts[(parts["Skor"] == "IKM") & (parts["Komponen"] == "Persyaratan")].iloc[0]
    assert persyaratan["Reviu"] == "⚠ galat"
    budget = next(df.value for df in at.dataframe if "Program" in df.value.columns)
    assert "⚠ galat" in set(budget["Reviu"])  # a program line printing the whole budget


def test_page_choices_travel_in_the_link(app: App) -> None:
    at = app("peringkat", ukuran="Target IKM")
    assert at.selectbox(key="peringkat_metrik").value == "Target IKM"
    assert list(at.dataframe[0].value["Kecamatan"][:3]) == ["Kertanegara", "Mangkutana", "Somagede"]
    at.selectbox(key="peringkat_metrik").select("IKM (realisasi)").run()
    assert at.query_params["ukuran"] == "IKM (realisasi)"
    at = app("tren", skor="IKM")
    assert "IKM 85,49 → 93,69 (2021–2024), naik 8,20 poin" in texts(at)
    at = app("anggaran", kabupaten="Purbalingga", konvensi="rasio")
    assert "Rasio: capaian kinerja ÷ penyerapan anggaran" in texts(at)
    at = app("tren", skor="bukan-ukuran")  # a broken link falls back to the default
    assert at.query_params["skor"] == "SAKIP" and not at.exception


def test_profil_opens_on_a_kecamatan_with_data_for_the_chosen_year(app: App) -> None:
    at = app("profil", tahun="2024")
    assert at.selectbox(key="profil_kecamatan").value != "33.02.14"  # Ajibarang: its only document is of 2019
    assert "Tidak ada indikator PK" not in texts(at)
    for link in ("33.02.14", "Banyumas|Ajibarang"):  # a code, or the name pair of an older link
        at = app("profil", profil=link)
        assert at.selectbox(key="profil_kecamatan").value == "33.02.14"
        assert at.query_params["profil"] == "33.02.14"


@pytest.mark.parametrize("content", [None, b"bukan basis data", "empty-duckdb"])
def test_a_missing_or_unreadable_database_is_said_in_words(content, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    from tests.dashboard.conftest import APP

    db = tmp_path / "kinerja.duckdb"
    if content == "empty-duckdb":
        duckdb.connect(str(db)).close()  # a DuckDB file, but no `etl load` ever wrote the views
    elif content is not None:
        db.write_bytes(content)
    monkeypatch.setenv("KINERJA_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    said = " ".join(str(e.value) for kind in ("info", "warning") for e in at.get(kind))
    assert ("Basis data belum ada" if content is None else "Basis data tidak dapat dibaca") in said
    assert "python -m etl load data/raw" in said


def test_ringkasan_movers_and_change_columns(app: App) -> None:
    at = app()
    labels = [t.label for t in at.tabs]
    assert labels == ["Paling membaik (3)", "Penurunan terbesar (0)", "Di bawah target (2)"], labels
    main = at.dataframe[0].value.set_index("Kecamatan")
    assert main.loc["Kertanegara", "Perubahan SAKIP (poin)"] == pytest.approx(2.10)
    movers = next(df.value for df in at.dataframe if "Tahun lalu" in df.value.columns)
    first = movers.iloc[0]
    assert (first["Kecamatan"], first["Skor"], first["Tahun lalu"], first["Tahun ini"]) == ("Kertanegara", "IKM", 87.86, 93.69)
    below = next(df.value for df in at.dataframe if "Selisih dari target (poin)" in df.value.columns)
    assert (below["Selisih dari target (poin)"] < 0).all()  # Kertanegara 2024: SAKIP 63,16 < 66, kematangan 33 < 34
    assert sorted(below["Skor"]) == ["Kematangan", "SAKIP"]


def test_tables_show_the_key_columns_first_and_keep_all_in_the_download(app: App) -> None:
    from dashboard import kolom

    at = app()
    shown = at.dataframe[0].value.columns.tolist()
    order = kolom.urutan("ringkasan", shown)
    assert order[:8] == [
        "Kecamatan",
        "Kabupaten/Kota",
        "SAKIP",
        "Kategori SAKIP",
        "IKM",
        "Pagu (Rp)",
        "Realisasi (Rp)",
        "Serapan (%)",
    ]
    assert "Target IKM" in shown and "Target IKM" not in order  # hidden, yet in the frame the downloads write
    assert kolom.ringkas("ringkasan", shown) == ["Kecamatan", "SAKIP", "Serapan (%)"]  # the phone's table
    hint = " ".join(c.value for c in at.caption)
    assert "kolom lain" in hint and "menu kolom" in hint


def test_profil_offers_the_report(app: App) -> None:
    at = app("profil", kabupaten="Purbalingga")
    assert "Unduh laporan" in [s.value for s in at.subheader]
