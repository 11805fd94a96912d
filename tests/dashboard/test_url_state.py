"""Every page choice travels in the URL: a link with query parameters restores the widgets, and
changing a widget writes its parameter (AppTest on the seed database)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

App = Callable[..., AppTest]


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "info", "caption") for e in at.get(kind))


def test_profil_has_one_year_control_the_sidebars(app: App) -> None:
    at = app("profil", profil="Purbalingga|Kertanegara", tahun="2024")
    assert [s.key for s in at.selectbox if "tahun" in (s.key or "")] == ["filter_tahun"]
    at.selectbox(key="filter_tahun").select("2023").run()
    assert at.query_params["tahun"] == "2023"
    assert "Sekilas 2023" in [h.value for h in at.subheader]


def test_profil_shows_a_history_only_year_with_its_scores(app: App) -> None:
    at = app("profil", profil="Purbalingga|Kertanegara", tahun="2023")
    m = {x.label: x.value for x in at.metric}
    # 2023 is known only from the history table of the 2024 LKjIP
    assert (m["IKM"], m["SAKIP"], m["Kematangan"]) == ("87,86", "61,06", "29,00")
    assert "2023 (hanya dari tabel riwayat)" in _texts(at)
    assert "Predikat: B \\(Baik\\)" in _texts(at)


def test_profil_headline_and_budget_down_to_sub_kegiatan(app: App) -> None:
    at = app("profil", profil="Purbalingga|Kertanegara", tahun="2024")
    m = {x.label: x.value for x in at.metric}
    assert (m["IKM"], m["SAKIP"], m["Kematangan"]) == ("93,69", "63,16", "33,00")
    assert m["Pagu"] == "Rp1,89 M" and m["Penyerapan"] == "93,47%"
    detail = next(df.value for df in at.dataframe if "Uraian" in df.value.columns)
    assert {"Program", "Kegiatan", "Sub kegiatan"} <= set(detail["Tingkat"])
    assert "Dokumen sumber" in [h.value for h in at.subheader]
    assert "Pejabat penandatangan" in [h.value for h in at.subheader]


def test_reviu_follows_the_sidebar_year(app: App) -> None:
    at = app("reviu_data", tahun="2019")
    # the seeds' findings are all in 2024 documents: none for 2019, said in words
    assert "tahun 2019 (tahun panel kiri)" in _texts(at)
    assert "Tidak ada temuan untuk pilihan ini" in _texts(at) and not at.dataframe
    at.toggle(key="reviu_semua_tahun").set_value(True).run()
    assert at.query_params["semua_tahun"] == "ya"
    assert set(at.dataframe[1].value["Tahun"]) == {2024}
    again = app("reviu_data", tahun="2019", semua_tahun="ya")
    assert again.toggle(key="reviu_semua_tahun").value is True and again.dataframe


def test_reviu_filters_and_chosen_finding_restore_from_a_link(app: App) -> None:
    at = app("reviu_data", kabupaten="Purbalingga")
    at.multiselect(key="reviu_kode").set_value(["sakip_sub", "sakip_kolom"]).run()
    at.multiselect(key="reviu_tingkat").set_value(["galat"]).run()
    box = at.selectbox(key="reviu_temuan_dipilih")
    first = at.query_params["temuan"]
    box.select_index(len(box.options) - 1).run()
    chosen = at.query_params["temuan"]
    assert at.selectbox(key="reviu_temuan_dipilih").value == chosen  # the box holds the finding's name, not a position
    assert len(box.options) > 1 and chosen != first  # the finding is named in the link (dokumen:urutan)
    link = dict(at.query_params)
    # AppTest keeps a one-value repeated parameter as a plain string
    assert sorted(link["pemeriksaan"]) == ["sakip_kolom", "sakip_sub"] and link["tingkat"] in ("galat", ["galat"])
    code = "\n".join(c.value for c in at.code)

    again = app("reviu_data", **link)
    assert sorted(again.multiselect(key="reviu_kode").value) == ["sakip_kolom", "sakip_sub"]
    assert again.multiselect(key="reviu_tingkat").value == ["galat"]
    assert again.selectbox(key="reviu_temuan_dipilih").value == chosen
    assert again.query_params["temuan"] == chosen
    assert "\n".join(c.value for c in again.code) == code
    # a wider filter keeps the same finding open
    again.multiselect(key="reviu_tingkat").set_value(["galat", "peringatan"]).run()
    assert again.query_params["temuan"] == chosen and "\n".join(c.value for c in again.code) == code


def test_reviu_levels_cleared_stay_cleared_in_the_link(app: App) -> None:
    at = app("reviu_data", tingkat="")
    assert at.multiselect(key="reviu_tingkat").value == []


def test_peringkat_ranks_within_the_chosen_kabupaten_with_the_wider_option(app: App) -> None:
    at = app("peringkat", kabupaten="Banyumas", ukuran="Target IKM")
    ranked = at.dataframe[0].value
    assert set(ranked["Kabupaten/Kota"]) == {"Kab. Banyumas"}
    assert "Peringkat di antara semua kecamatan di Kab\\. Banyumas" in _texts(at)  # markdown-escaped
    at.radio(key="peringkat_lingkup").set_value("provinsi").run()
    assert at.query_params["bandingkan"] == "provinsi"
    assert {"Kab. Banyumas", "Kab. Purbalingga", "Kab. Luwu Timur"} <= set(at.dataframe[0].value["Kabupaten/Kota"])
    again = app("peringkat", kabupaten="Banyumas", bandingkan="provinsi")
    assert again.radio(key="peringkat_lingkup").value == "provinsi"


def test_comparison_and_projection_toggles_restore_from_a_link(app: App) -> None:
    at = app(pembanding="perangkat-daerah")  # Ringkasan is the page a bare link opens
    assert at.toggle(key="ringkasan_pembanding").value is True
    at = app("peringkat", pembanding="perangkat-daerah")
    assert at.toggle(key="peringkat_pembanding").value is True
    at = app("tren", proyeksi="ya")
    assert at.toggle(key="tren_proyeksi").value is True
    at.toggle(key="tren_proyeksi").set_value(False).run()
    assert "proyeksi" not in at.query_params
    at.toggle(key="tren_proyeksi").set_value(True).run()
    assert at.query_params["proyeksi"] == "ya"


def test_data_sumber_applies_the_region(app: App) -> None:
    at = app("data_sumber", kabupaten="Purbalingga")
    docs = at.dataframe[0].value
    assert set(docs["Kabupaten/Kota"]) == {"Kab. Purbalingga"}
    assert "semua kecamatan di Kab\\. Purbalingga" in _texts(at)
    coverage = at.dataframe[1].value
    assert list(coverage["Kecamatan"]) == ["Kertanegara"]
    assert "Isi satu tabel data untuk pilihan di atas" in _texts(at)  # downloads of the selection


def test_triwulan_and_anggaran_choices_restore(app: App) -> None:
    at = app("anggaran", konvensi="rasio")
    assert at.radio(key="anggaran_konvensi").value == "rasio"
    at = app("tren", skor="IKM")
    assert at.segmented_control(key="tren_jenis").value == "IKM"
