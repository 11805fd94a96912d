"""Profil Kecamatan shows who signed the agreements (view `pejabat`): both parties, NIP and position."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

App = Callable[..., AppTest]


def _officials(at: AppTest):  # type: ignore[no-untyped-def]
    return next(df.value for df in at.dataframe if "Pihak" in df.value.columns)


def test_profil_lists_both_parties_of_each_agreement(app: App) -> None:
    at = app("profil", profil="Purbalingga|Kertanegara")
    assert "Pejabat penandatangan" in [h.value for h in at.subheader]
    table = _officials(at)
    rows = {(r["Perjanjian"], r["Pihak"]): r for _, r in table.iterrows()}
    camat = rows[("PK Perubahan", "Pihak pertama")]
    # the name and NIP most often printed; the other spellings are findings of the review
    assert (camat["Nama"], camat["NIP"], camat["Jabatan"]) == (
        "JUNUS WAHIDDYANTORO,S.IP",
        "19700822 198903 1 001",
        "CAMAT KERTANEGARA",
    )
    assert camat["Tanggal"] == "1 April 2024"
    assert rows[("PK", "Pihak pertama")]["Nama"].startswith("WAHYUDI PAMUNGKAS")
    assert rows[("PK", "Pihak kedua")]["Jabatan"] == "BUPATI PURBALINGGA"
    assert set(table["Dokumen"]) == {"lkjip_2024_purbalingga_kertanegara.txt"}


def test_profil_officials_of_a_single_agreement(app: App) -> None:
    at = app("profil", profil="Banyumas|Somagede")
    table = _officials(at)
    assert list(table["Pihak"]) == ["Pihak pertama", "Pihak kedua"]
    first = table.iloc[0]
    assert (first["Jabatan"], first["NIP"]) == ("Plt. Camat Somagede", "19761111996021001")
    assert table.iloc[1]["Nama"] == "HANUNG CAHYO SAPUTRO"
