"""The shared filters (provinsi → kabupaten/kota → kecamatan → tahun), kept in the URL.

`render()` draws them in the sidebar of every page (called once by streamlit_app.py before the page
runs) and returns a `Pilihan`; pages read the same object with `pilihan()`.

URL parameters: ``provinsi`` (its name), ``kabupaten`` (the Kemendagri code ``PP.KK``: Kab. Bogor is
``32.01``, Kota Bogor ``32.71``), ``kecamatan`` (repeated; the code ``PP.KK.CC``) and ``tahun``. Regions
go by code so that a link or a choice never mixes a kabupaten with the kota of the same name; links
written with names before (``kabupaten=Gunungkidul``, ``kecamatan=Gunungkidul|Wonosari``,
``profil=…``) still open the same view where the name is unambiguous, and say so where it is not. A link with them reproduces the view; a page keeps its own choices (the metric, the
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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import polars as pl
import streamlit as st

from dashboard import analisis, data
from dashboard import format as fmt
from dashboard.export import teks_md

# Streamlit's search box in a long list says "No results" in English when nothing matches; it
# cannot be translated, so the lists worth searching say what it means and short lists have no
# search box at all (filter_mode=None).
CARI = "Ketik untuk mencari; bila tertulis “No results”, tidak ada nama yang cocok."
SEMUA_PROVINSI = "Semua provinsi"
SEMUA_KABUPATEN = "Semua kabupaten/kota"
# A kabupaten/kota has 2–51 kecamatan (the national reference list): a selection of more than this
# spans several of them, and a page that lists or draws one row per kecamatan shows it per
# kabupaten/kota instead (or asks for one), since thousands of rows are neither readable nor fast.
MAKS_KECAMATAN = 60
PARAMS = ("provinsi", "kabupaten", "kecamatan", "tahun")
KEY = {p: f"filter_{p}" for p in PARAMS}
_STATE = "filter_pilihan"


class Tempat(NamedTuple):
    """One kecamatan of the region list, by its code (the key of queries' $wilayah and of the URL)."""

    kode_kecamatan: str
    kecamatan: str
    kode_kabupaten: str
    nama_kabupaten: str  # without prefix, as in the views
    kabupaten_label: str  # "Kab. Bogor" / "Kota Bogor": what pages show
    provinsi: str

    @property
    def label(self) -> str:
        """'Bogor Tengah (Kota Bogor)'."""
        return f"{self.kecamatan} ({self.kabupaten_label})"


def kode_kabupaten_dari(key: str) -> str:
    """'32.71.03' → '32.71': the kabupaten/kota of a kecamatan key."""
    return key.rsplit(".", 1)[0]


def tempat_dari(wilayah: pl.DataFrame) -> dict[str, Tempat]:
    """Every kecamatan of the query 'wilayah' by its key."""
    cols = list(Tempat._fields)
    return {r[0]: Tempat(*r) for r in wilayah.select(cols).unique(subset="kode_kecamatan").iter_rows()}


@dataclass(frozen=True)
class Pilihan:
    """What the user selected. `wilayah` lists every kecamatan in scope by its code; `kabupaten` is
    the chosen kabupaten/kota as shown ("Kab. Bogor"), `kode_kabupaten` its code."""

    provinsi: str | None
    kabupaten: str | None
    kecamatan: tuple[str, ...]
    tahun: int | None
    wilayah: tuple[str, ...]
    semua_wilayah: tuple[str, ...]  # every kecamatan loaded in the chosen provinsi (for rankings)
    kode_kabupaten: str | None = None
    tempat: Mapping[str, Tempat] = field(default_factory=dict, compare=False, repr=False)

    @property
    def kosong(self) -> bool:
        return not self.wilayah or self.tahun is None

    def nama(self, key: str) -> str:
        """The kecamatan's name for a key ('32.71.03' → 'Bogor Tengah')."""
        t = self.tempat.get(key)
        return t.kecamatan if t else key

    def label(self, key: str) -> str:
        """'Bogor Tengah (Kota Bogor)' for a key."""
        t = self.tempat.get(key)
        return t.label if t else key

    def kabupaten_terpilih(self) -> list[str]:
        """The kabupaten/kota codes of the kecamatan in scope."""
        return sorted({kode_kabupaten_dari(k) for k in self.wilayah})

    @property
    def lebar(self) -> bool:
        """The selection is too wide to read kecamatan by kecamatan (analisis.lebar): pages show it
        per kabupaten/kota."""
        return analisis.lebar(len(self.wilayah), len(self.kabupaten_terpilih()), MAKS_KECAMATAN)

    def cakupan(self) -> str:
        """'233 kecamatan di 13 kabupaten/kota': the size of the selection, in words."""
        return f"{fmt.angka(len(self.wilayah))} kecamatan di {fmt.angka(len(self.kabupaten_terpilih()))} kabupaten/kota"

    def uraian(self) -> str:
        """The selection in words, for messages and chart subtitles."""
        if self.kecamatan:
            tempat = ", ".join(self.nama(k) for k in self.kecamatan)
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
        if self.kode_kabupaten:
            out["kabupaten"] = self.kode_kabupaten
        if self.kecamatan:
            out["kecamatan"] = list(self.kecamatan)
        if self.tahun is not None:
            out["tahun"] = str(self.tahun)
        return out


def options(wilayah: pl.DataFrame, provinsi: str | None, kabupaten: str | None) -> dict[str, list]:
    """Choices at each level given the levels above (pure; `wilayah` is the query 'wilayah'):
    provinsi names, kabupaten/kota codes (sorted by name, then Kab. before Kota) and kecamatan keys
    (codes, sorted by kabupaten and name). `kabupaten` is a code."""
    prov = sorted(wilayah["provinsi"].unique().to_list())
    scope = wilayah if provinsi is None else wilayah.filter(pl.col("provinsi") == provinsi)
    kab = scope.select("kode_kabupaten", "nama_kabupaten", "kabupaten_label").unique()
    kab = kab.sort("nama_kabupaten", "kabupaten_label")
    if kabupaten is not None:
        scope = scope.filter(pl.col("kode_kabupaten") == kabupaten)
    kec = scope.select("kode_kecamatan", "nama_kabupaten", "kabupaten_label", "kecamatan").unique()
    kec = kec.sort("nama_kabupaten", "kabupaten_label", "kecamatan", "kode_kecamatan")
    return {"provinsi": prov, "kabupaten": kab["kode_kabupaten"].to_list(), "kecamatan": kec["kode_kecamatan"].to_list()}


def years(wilayah: pl.DataFrame, keys: Sequence[str]) -> list[int]:
    """Years with any data for the kecamatan `keys`, newest first."""
    scope = wilayah.filter(pl.col("kode_kecamatan").is_in(list(keys)))
    return sorted(scope["tahun"].unique().to_list(), reverse=True)


def label_kabupaten(wilayah: pl.DataFrame) -> dict[str, str]:
    """Kabupaten/kota code → its label ('32.71' → 'Kota Bogor')."""
    return dict(wilayah.select("kode_kabupaten", "kabupaten_label").unique().iter_rows())


def _folded(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def kabupaten_dari_teks(wilayah: pl.DataFrame, value: str) -> tuple[str | None, list[str]]:
    """A kabupaten/kota written in a link → its code: a code ('32.71'), a label ('Kota Bogor',
    'Kab. Bogor'), a full name ('Kabupaten Bogor') or, as links made before codes were, a bare name
    ('Gunungkidul') where only one kabupaten/kota has it. Returns (code, []) or (None, the labels a bare
    name is ambiguous between)."""
    places = wilayah.select("kode_kabupaten", "nama_kabupaten", "kabupaten_label").unique().sort("kabupaten_label")
    want = _folded(value)
    for kode, nama, label in places.iter_rows():
        full = ("kota " if label.startswith("Kota ") else "kabupaten ") + nama
        if want in (_folded(kode), _folded(label), _folded(full)):
            return kode, []
    same = [(kode, label) for kode, nama, label in places.iter_rows() if _folded(nama) == want]
    if len(same) == 1:
        return same[0][0], []
    return None, [label for _, label in same]


def kecamatan_dari_teks(wilayah: pl.DataFrame, value: str) -> str | None:
    """A kecamatan written in a link → its key: a code, or the old 'Kabupaten|Kecamatan' by name
    where the kabupaten part is unambiguous (a label such as 'Kota Bogor|Bogor Tengah' too)."""
    codes = set(wilayah["kode_kecamatan"].to_list())
    if value in codes:
        return value
    kabupaten, sep, kecamatan = value.partition("|")
    if not sep:
        return None
    kode_kab, _ = kabupaten_dari_teks(wilayah, kabupaten)
    scope = wilayah.filter(pl.col("kecamatan").str.to_lowercase() == kecamatan.strip().lower())
    if kode_kab is not None:
        scope = scope.filter(pl.col("kode_kabupaten") == kode_kab)
    else:  # an old bare name of a twin pair: the kecamatan itself may still say which one
        scope = scope.filter(pl.col("nama_kabupaten").str.to_lowercase() == kabupaten.strip().lower())
    found = scope["kode_kecamatan"].unique().to_list()
    return found[0] if len(found) == 1 else None


KUNCI_URL = ("kecamatan", "profil", "rinci")  # URL parameters whose values are kecamatan keys


def _upgrade_url(wilayah: pl.DataFrame) -> list[str]:
    """Rewrite a link written with names into codes, before any widget reads it; the messages for
    what a name could not decide."""
    notes: list[str] = []
    kab = st.query_params.get("kabupaten")
    if kab:
        kode, twins = kabupaten_dari_teks(wilayah, kab)
        if kode is None:
            del st.query_params["kabupaten"]
            if twins:
                notes.append(f"“{teks_md(kab)}” ada lebih dari satu: {' dan '.join(twins)}. Pilih salah satu di bawah.")
        elif kode != kab:
            st.query_params["kabupaten"] = kode
    for name in KUNCI_URL:
        values = st.query_params.get_all(name)
        if not values or all(v in ("",) for v in values):
            continue
        upgraded = [k for k in (kecamatan_dari_teks(wilayah, v) for v in values) if k]
        unknown = [v for v in values if v and kecamatan_dari_teks(wilayah, v) is None]
        if unknown:
            notes.append(
                f"Kecamatan dalam tautan tidak dikenali atau ada di dua daerah bernama sama: {teks_md(', '.join(unknown))}. "
                "Pilih kecamatannya di bawah."
            )
        if upgraded != values:
            if name == "kecamatan":
                st.query_params[name] = upgraded
            elif upgraded:
                st.query_params[name] = upgraded[0]
            else:
                del st.query_params[name]
    return notes


def _from_url(name: str) -> str | None:
    value = st.query_params.get(name)
    return value or None


def _init_state(name: str, value: object) -> None:
    if KEY[name] not in st.session_state:
        st.session_state[KEY[name]] = value


def render() -> Pilihan:
    """Draw the filters in the sidebar, sync them with the URL and remember the selection."""
    wilayah = data.query("wilayah")
    tempat = tempat_dari(wilayah)
    kab_label = label_kabupaten(wilayah)
    notes = _upgrade_url(wilayah) if KEY["kabupaten"] not in st.session_state else []
    _init_state("provinsi", _from_url("provinsi") or SEMUA_PROVINSI)
    _init_state("kabupaten", _from_url("kabupaten") or SEMUA_KABUPATEN)
    _init_state("kecamatan", list(st.query_params.get_all("kecamatan")))
    _init_state("tahun", _from_url("tahun"))

    with st.sidebar:
        st.header("Pilihan")
        for note in notes:
            st.warning(note)
        opt = options(wilayah, None, None)
        prov_choices = [SEMUA_PROVINSI, *opt["provinsi"]]
        _keep_valid("provinsi", prov_choices, SEMUA_PROVINSI)
        prov = st.selectbox("Provinsi", prov_choices, key=KEY["provinsi"], help=CARI)
        provinsi = None if prov == SEMUA_PROVINSI else prov

        opt = options(wilayah, provinsi, None)
        kab_choices = [SEMUA_KABUPATEN, *opt["kabupaten"]]
        _keep_valid("kabupaten", kab_choices, SEMUA_KABUPATEN)
        kab = st.selectbox(
            "Kabupaten/Kota",
            kab_choices,
            key=KEY["kabupaten"],
            format_func=lambda k: kab_label.get(k, k),
            help="Kabupaten dan kota yang bernama sama (Kab. Bogor, Kota Bogor) adalah dua daerah. " + CARI,
        )
        kabupaten = None if kab == SEMUA_KABUPATEN else kab

        kec_choices = options(wilayah, provinsi, kabupaten)["kecamatan"]
        st.session_state[KEY["kecamatan"]] = [k for k in st.session_state[KEY["kecamatan"]] if k in kec_choices]
        chosen = st.multiselect(
            "Kecamatan",
            kec_choices,
            key=KEY["kecamatan"],
            format_func=(lambda k: tempat[k].label if k in tempat else k)
            if kabupaten is None
            else (lambda k: tempat[k].kecamatan if k in tempat else k),
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
    label = kab_label.get(kabupaten) if kabupaten else None
    result = Pilihan(provinsi, label, tuple(chosen), tahun, in_scope, tuple(province_scope), kabupaten, tempat)
    _write_url(result)
    st.session_state[_STATE] = result
    return result


def _keep_valid(name: str, choices: list[str], default: str | None) -> None:
    if st.session_state.get(KEY[name]) not in choices:
        st.session_state[KEY[name]] = default


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
