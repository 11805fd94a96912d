"""The shared filters (provinsi → kabupaten/kota → kecamatan → tahun), kept in the URL.

`render()` draws them in the sidebar of every page (called once by streamlit_app.py before the page
runs) and returns a `Pilihan`; pages read the same object with `pilihan()`.

URL parameters: ``provinsi``, ``kabupaten``, ``kecamatan`` (repeated; value ``Kabupaten|Kecamatan``)
and ``tahun``. A link with them reproduces the view; a page keeps its own choices (the metric, the
efficiency convention, the kecamatan of a profile) in further parameters through `di_url` (`di_url_daftar` for a multiple choice, `di_url_bool` for a toggle). Streamlit drops query parameters when the user
switches pages in the sidebar; the widgets keep their state in the session, and `render()` writes
them back to the URL on every run, so the URL survives page switches.

Page parameters: ``skor``, ``proyeksi=ya`` (Tren); ``konvensi`` (Anggaran); ``ukuran``,
``bandingkan=pilihan|provinsi`` (Peringkat); ``pembanding=perangkat-daerah`` (Ringkasan,
Peringkat); ``rinci`` (Triwulan); ``profil`` (Profil, whose year is the sidebar's ``tahun``);
``semua_tahun=ya``, ``pemeriksaan`` and ``tingkat`` (repeated; empty = none), ``temuan``
(``dokumen_id:urutan``) (Reviu Data). Toggles and multiple choices leave their default out of the link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
import streamlit as st

from dashboard import data
from dashboard.export import teks_md

# Streamlit's search box in a long list says "No results" in English when nothing matches; it
# cannot be translated, so the lists worth searching say what it means and short lists have no
# search box at all (filter_mode=None).
CARI = "Ketik untuk mencari; bila tertulis “No results”, tidak ada nama yang cocok."
SEMUA_PROVINSI = "Semua provinsi"
SEMUA_KABUPATEN = "Semua kabupaten/kota"
PARAMS = ("provinsi", "kabupaten", "kecamatan", "tahun")
KEY = {p: f"filter_{p}" for p in PARAMS}
_STATE = "filter_pilihan"


def wilayah_key(kabupaten: str, kecamatan: str) -> str:
    """The value identifying one kecamatan in queries ($wilayah) and in the URL."""
    return f"{kabupaten}|{kecamatan}"


def split_key(key: str) -> tuple[str, str]:
    kabupaten, _, kecamatan = key.partition("|")
    return kabupaten, kecamatan


@dataclass(frozen=True)
class Pilihan:
    """What the user selected. `wilayah` lists every kecamatan in scope ('Kabupaten|Kecamatan')."""

    provinsi: str | None
    kabupaten: str | None
    kecamatan: tuple[str, ...]
    tahun: int | None
    wilayah: tuple[str, ...]
    semua_wilayah: tuple[str, ...]  # every kecamatan loaded in the chosen provinsi (for rankings)

    @property
    def kosong(self) -> bool:
        return not self.wilayah or self.tahun is None

    def uraian(self) -> str:
        """The selection in words, for messages and chart subtitles."""
        if self.kecamatan:
            tempat = ", ".join(split_key(k)[1] for k in self.kecamatan)
        elif self.kabupaten:
            tempat = f"semua kecamatan di {self.kabupaten}"
        elif self.provinsi:
            tempat = f"semua kecamatan di {self.provinsi}"
        else:
            tempat = "semua kecamatan yang dimuat"
        return f"{tempat}, tahun {self.tahun}" if self.tahun else tempat

    def params(self) -> dict[str, str | list[str]]:
        out: dict[str, str | list[str]] = {}
        if self.provinsi:
            out["provinsi"] = self.provinsi
        if self.kabupaten:
            out["kabupaten"] = self.kabupaten
        if self.kecamatan:
            out["kecamatan"] = list(self.kecamatan)
        if self.tahun is not None:
            out["tahun"] = str(self.tahun)
        return out


def options(wilayah: pl.DataFrame, provinsi: str | None, kabupaten: str | None) -> dict[str, list]:
    """Choices at each level given the levels above (pure; `wilayah` is the query 'wilayah')."""
    prov = sorted(wilayah["provinsi"].unique().to_list())
    scope = wilayah if provinsi is None else wilayah.filter(pl.col("provinsi") == provinsi)
    kab = sorted(scope["kabupaten"].unique().to_list())
    if kabupaten is not None:
        scope = scope.filter(pl.col("kabupaten") == kabupaten)
    pairs = scope.select("kabupaten", "kecamatan").unique().sort("kabupaten", "kecamatan")
    kec = [wilayah_key(a, b) for a, b in pairs.iter_rows()]
    return {"provinsi": prov, "kabupaten": kab, "kecamatan": kec}


def years(wilayah: pl.DataFrame, keys: Sequence[str]) -> list[int]:
    """Years with any data for the kecamatan `keys`, newest first."""
    scope = wilayah.filter(pl.concat_str("kabupaten", pl.lit("|"), "kecamatan").is_in(list(keys)))
    return sorted(scope["tahun"].unique().to_list(), reverse=True)


def _from_url(name: str) -> str | None:
    value = st.query_params.get(name)
    return value or None


def _init_state(name: str, value: object) -> None:
    if KEY[name] not in st.session_state:
        st.session_state[KEY[name]] = value


def render() -> Pilihan:
    """Draw the filters in the sidebar, sync them with the URL and remember the selection."""
    wilayah = data.query("wilayah")
    _init_state("provinsi", _from_url("provinsi") or SEMUA_PROVINSI)
    _init_state("kabupaten", _from_url("kabupaten") or SEMUA_KABUPATEN)
    _init_state("kecamatan", list(st.query_params.get_all("kecamatan")))
    _init_state("tahun", _from_url("tahun"))

    with st.sidebar:
        st.header("Pilihan")
        opt = options(wilayah, None, None)
        prov_choices = [SEMUA_PROVINSI, *opt["provinsi"]]
        _keep_valid("provinsi", prov_choices, SEMUA_PROVINSI)
        prov = st.selectbox("Provinsi", prov_choices, key=KEY["provinsi"], help=CARI)
        provinsi = None if prov == SEMUA_PROVINSI else prov

        opt = options(wilayah, provinsi, None)
        kab_choices = [SEMUA_KABUPATEN, *opt["kabupaten"]]
        _keep_valid("kabupaten", kab_choices, SEMUA_KABUPATEN)
        kab = st.selectbox("Kabupaten/Kota", kab_choices, key=KEY["kabupaten"], help=CARI)
        kabupaten = None if kab == SEMUA_KABUPATEN else kab

        kec_choices = options(wilayah, provinsi, kabupaten)["kecamatan"]
        st.session_state[KEY["kecamatan"]] = [k for k in st.session_state[KEY["kecamatan"]] if k in kec_choices]
        chosen = st.multiselect(
            "Kecamatan",
            kec_choices,
            key=KEY["kecamatan"],
            format_func=_label_kecamatan if kabupaten is None else (lambda k: split_key(k)[1]),
            placeholder="Semua kecamatan",
            select_all=False,  # its label is English ("Select all"); an empty choice already means all
            help="Kosongkan untuk memilih semua kecamatan di wilayah di atas. " + CARI,
        )
        in_scope = tuple(chosen) if chosen else tuple(kec_choices)

        year_choices = years(wilayah, in_scope)
        _keep_valid("tahun", [str(y) for y in year_choices], str(year_choices[0]) if year_choices else None)
        tahun_text = (
            st.selectbox("Tahun", [str(y) for y in year_choices], key=KEY["tahun"], filter_mode=None)
            if year_choices
            else st.selectbox("Tahun", ["–"], disabled=True, filter_mode=None)
        )
        tahun = int(tahun_text) if year_choices and tahun_text else None

    province_scope = options(wilayah, provinsi, None)["kecamatan"]
    result = Pilihan(provinsi, kabupaten, tuple(chosen), tahun, in_scope, tuple(province_scope))
    _write_url(result)
    st.session_state[_STATE] = result
    return result


def _keep_valid(name: str, choices: list[str], default: str | None) -> None:
    if st.session_state.get(KEY[name]) not in choices:
        st.session_state[KEY[name]] = default


def _label_kecamatan(key: str) -> str:
    kabupaten, kecamatan = split_key(key)
    return f"{kecamatan} ({kabupaten})"


def _write_url(p: Pilihan) -> None:
    wanted = p.params()
    for name in PARAMS:
        if name not in wanted and name in st.query_params:
            del st.query_params[name]
    for name, value in wanted.items():
        current = st.query_params.get_all(name) if isinstance(value, list) else st.query_params.get(name)
        if current != value:
            st.query_params[name] = value


def di_url(key: str, param: str, choices: Sequence[str], default: str | None = None) -> str:
    """Keep a page's own choice (the widget with `key`) in the URL parameter `param`, so that a link
    reproduces it too. Call right before drawing the widget, and give the widget no default or index
    of its own: its value comes from the session (first from the URL, else `default`)."""
    fallback = default if default is not None else choices[0]
    if key not in st.session_state:
        wanted = st.query_params.get(param)
        st.session_state[key] = wanted if wanted in choices else fallback
    elif st.session_state[key] not in choices:
        st.session_state[key] = fallback
    value: str = st.session_state[key]
    if st.query_params.get(param) != value:
        st.query_params[param] = value
    return value


def di_url_daftar(key: str, param: str, choices: Sequence[str], default: Sequence[str] = ()) -> list[str]:
    """`di_url` for a multiple choice (pills, multiselect): the values travel as a repeated URL
    parameter; an empty choice leaves the parameter out. Values not among `choices` are dropped."""
    if key not in st.session_state:
        wanted = [v for v in st.query_params.get_all(param) if v in choices]
        st.session_state[key] = wanted if param in st.query_params else [v for v in default if v in choices]
    else:
        st.session_state[key] = [v for v in (st.session_state[key] or []) if v in choices]
    value: list[str] = list(st.session_state[key])
    wanted_default = [v for v in default if v in choices]
    if value == wanted_default:
        if param in st.query_params:
            del st.query_params[param]
    elif not value:
        if st.query_params.get_all(param) != [""]:
            st.query_params[param] = ""  # "none chosen" differs from the default: say so in the link
    elif st.query_params.get_all(param) != value:
        st.query_params[param] = value
    return value


def di_url_bool(key: str, param: str, default: bool = False) -> bool:
    """`di_url` for a toggle or checkbox: ``param=ya`` / ``param=tidak`` in the URL when it differs
    from `default`, nothing when it equals it."""
    if key not in st.session_state:
        wanted = st.query_params.get(param)
        st.session_state[key] = {"ya": True, "tidak": False}.get(wanted or "", default)
    value = bool(st.session_state[key])
    if value == default:
        if param in st.query_params:
            del st.query_params[param]
    else:
        text = "ya" if value else "tidak"
        if st.query_params.get(param) != text:
            st.query_params[param] = text
    return value


def pilihan() -> Pilihan:
    """The selection made in the sidebar on this run (render() must have run first)."""
    return st.session_state[_STATE]


def tidak_ada_data(p: Pilihan, apa: str = "data") -> None:
    """The friendly message for a combination without data."""
    st.info(
        f"Belum ada {apa} untuk {teks_md(p.uraian())}. Pilih tahun atau kecamatan lain di panel kiri, "
        "atau muat dokumen yang memuatnya (`python -m etl load …`)."
    )
