"""Per-view column specs: which columns a table shows first, how wide, which stay pinned, and how
their numbers read. Declarative, so a page says *which* view it shows and this module says how.

    tabel(df, "ringkasan", tampil=kolom.gaya(VIEW, pdf), **kolom.atur(VIEW, df.columns))

- The key numbers come first and are shown by default (`tampil=True`): at 1440 px the default
  columns fit the main area without scrolling the table sideways. The other columns stay in the
  downloads and can be switched on from the table's column menu (`tampil=False`).
- `sematkan` pins a column (the kecamatan, an indicator) to the left while the rest scrolls, which
  is what keeps a 390 px phone table readable.
- `format` is one of dashboard.format's Indonesian formatters; the shown table is a pandas Styler
  with those formats (Streamlit's own column formats cannot write 1.250.000 or 87,50).

A heading with the year or the metric in it ("Nilai 2023", "IKM (realisasi) (angka)") is matched
by its pattern: `nama` may end in "*" for "starts with" or begin with "*" for "ends with".

A phone (≤ 640 px) is shown a compact table instead: the columns with a width in `hp`, in the
view's order (components.tabel draws both; CSS shows the one that fits the screen).
Pure: no Streamlit calls at import; `atur` returns keyword arguments for st.dataframe.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard import analisis
from dashboard import format as fmt

KECIL, SEDANG, BESAR = "small", "medium", "large"  # Streamlit's column widths (≈ 75, 200, 400 px)
Format = Callable[[Any], str]


@dataclass(frozen=True)
class Kolom:
    nama: str  # the column's heading in the frame (the download keeps it); a trailing "*" = prefix
    lebar: str | int = KECIL  # KECIL/SEDANG/BESAR or pixels
    format: Format | None = None
    tampil: bool = True  # shown by default; False: in the column menu and the downloads only
    sematkan: bool = False  # pinned to the left
    label: str | None = None  # a shorter heading on screen
    bantuan: str | None = None  # the heading's tooltip
    hp: int | None = None  # its width (px) in the compact table a phone shows; None: not in it

    def cocok(self, heading: str) -> bool:
        if self.nama.startswith("*"):
            return heading.endswith(self.nama[1:])
        return heading.startswith(self.nama[:-1]) if self.nama.endswith("*") else heading == self.nama


def _k(*cols: Kolom) -> tuple[Kolom, ...]:
    return cols


_SKOR = [analisis.KOLOM_SKOR[j] for j in analisis.JENIS_SKOR]
_LOKASI = (Kolom("Kecamatan", 130, sematkan=True, hp=105), Kolom("Kabupaten/Kota", 120))
_SUMBER = (Kolom("Dokumen", SEDANG, tampil=False), Kolom("Berkas", SEDANG), Kolom("Baris*", 60, fmt.angka, tampil=False))

# a budget line of Profil: pagu, realisasi and serapan side by side (the phone keeps pagu and serapan)
_UANG = (
    Kolom("Pagu (Rp)", 130, fmt.rupiah, hp=115),
    Kolom("Realisasi (Rp)", 130, fmt.rupiah),
    Kolom("Serapan (%)", 80, fmt.persen, hp=70),
)

VIEWS: dict[str, tuple[Kolom, ...]] = {
    # Ringkasan: the scores with their categories, then the money: pagu, realisasi, serapan
    "ringkasan": _k(
        Kolom("Kecamatan", 115, sematkan=True, hp=110),
        Kolom("Kabupaten/Kota", 105),
        Kolom("SAKIP", 60, fmt.skor, hp=60),
        Kolom("Kategori SAKIP", 95),
        Kolom("IKM", 60, fmt.skor),
        Kolom("Pagu (Rp)", 120, fmt.rupiah),
        Kolom("Realisasi (Rp)", 120, fmt.rupiah),
        Kolom("Serapan (%)", 80, fmt.persen, hp=80),
        Kolom(
            analisis.KOLOM_RATA_CAPAIAN,
            85,
            fmt.persen,
            label="Capaian (%)",
            bantuan="Rata-rata capaian indikator, tiap capaian dibatasi 0–100%.",
        ),
        Kolom("Kematangan", 85, fmt.skor),
        Kolom(
            "Perubahan SAKIP (poin)", 75, fmt.poin, label="Δ SAKIP", bantuan="Perubahan Nilai SAKIP dari tahun sebelumnya (poin)."
        ),
        Kolom("Kategori IKM", 110, tampil=False),
        Kolom("Kategori Kematangan", 110, tampil=False),
        Kolom("Predikat capaian", 110, tampil=False),
        *(Kolom(f"Target {s}", 80, fmt.skor, tampil=False) for s in _SKOR),
        *(Kolom(f"{analisis.KOLOM_SUMBER_PREDIKAT} {s}", SEDANG, tampil=False) for s in _SKOR),
        Kolom(analisis.KOLOM_RATA_CAPAIAN_MENTAH, 110, fmt.persen, tampil=False),
        Kolom("Indikator di luar 0–100%", 90, fmt.angka, tampil=False),
        Kolom("Jumlah indikator", 90, fmt.angka, tampil=False),
        Kolom("Perubahan * (poin)", 95, fmt.poin, tampil=False),
    ),
    # Ringkasan for a selection wider than one can read per kecamatan: one row per kabupaten/kota
    "ringkasan_kabupaten": _k(
        Kolom(analisis.KOLOM_KABUPATEN, 130, sematkan=True, hp=115),
        Kolom(analisis.KOLOM_JUMLAH_KECAMATAN, 85, fmt.angka, label="Kecamatan", hp=70),
        Kolom("SAKIP", 60, fmt.skor, bantuan="Rata-rata Nilai SAKIP kecamatan tahun ini.", hp=60),
        Kolom("IKM", 60, fmt.skor, bantuan="Rata-rata IKM kecamatan (skala 25–100)."),
        Kolom("Pagu (Rp)", 130, fmt.rupiah),
        Kolom("Realisasi (Rp)", 130, fmt.rupiah),
        Kolom("Serapan (%)", 80, fmt.persen, hp=70),
        Kolom(
            analisis.KOLOM_RATA_CAPAIAN,
            85,
            fmt.persen,
            label="Capaian (%)",
            bantuan="Rata-rata capaian indikator semua kecamatannya, tiap capaian dibatasi 0–100%.",
        ),
        Kolom(
            analisis.KOLOM_DI_BAWAH_TARGET,
            85,
            fmt.angka,
            label="Di bawah target",
            bantuan="Banyaknya skor kecamatan (IKM, SAKIP, kematangan) di bawah target PK tahun ini.",
        ),
        Kolom(analisis.KOLOM_TERCAPAI, 95, fmt.persen, label="Tercapai (%)", bantuan="Indikator dengan capaian ≥ 100%."),
        Kolom("Kematangan", 85, fmt.skor, bantuan="Rata-rata Nilai Kematangan kecamatan."),
        Kolom("Provinsi", 120),
    ),
    # Ringkasan's movers: who changed most since the year before
    "perubahan": _k(
        *_LOKASI,
        Kolom("Skor", 110, hp=80),
        Kolom("Tahun lalu", 80, fmt.skor),
        Kolom("Tahun ini", 80, fmt.skor),
        Kolom("Perubahan (poin)", 100, fmt.poin, hp=85),
        Kolom("Selisih dari target (poin)", 120, fmt.poin),
        Kolom("Predikat", 110),
        Kolom("Target", 80, fmt.skor),
        Kolom("Dokumen", SEDANG, tampil=False),
    ),
    "tren": _k(
        *_LOKASI,
        *(Kolom(t, 75, lambda v: fmt.KOSONG if v is None else str(int(v)), hp=55) for t in ("Tahun", "Tahun evaluasi")),
        Kolom("Realisasi", 80, fmt.skor, hp=75),
        Kolom("Target", 80, fmt.skor, hp=70),
        Kolom("Predikat", 110),
        Kolom("Reviu", 80),
        Kolom("Target akhir Renstra", 110, fmt.skor),
        Kolom("Tahun akhir Renstra", 100, lambda v: fmt.KOSONG if v is None or v != v else f"{v:.0f}"),
        Kolom("Sumber predikat", SEDANG, tampil=False),
        Kolom("Dibaca dari", SEDANG, tampil=False),
        *_SUMBER,
    ),
    # Tren for a selection wider than a kabupaten: the kabupaten/kota mean per year
    "tren_kabupaten": _k(
        Kolom(analisis.KOLOM_KABUPATEN, 130, sematkan=True, hp=115),
        Kolom("Kecamatan *", 85, fmt.angka, bantuan="Kecamatan dengan nilai pada tahun terakhir."),
        Kolom("Perubahan *", 110, fmt.poin, hp=80, bantuan="Perubahan rata-rata atas kecamatan yang punya nilai di kedua tahun."),
        Kolom("Rata-rata *", 85, fmt.skor),
    ),
    "peringkat": _k(
        Kolom("Peringkat", 80, fmt.angka, sematkan=True, hp=45),
        *_LOKASI,
        Kolom("* (angka)", 160, fmt.skor, hp=90),
        Kolom("* (%)", 160, fmt.skor, hp=90),
        Kolom("Selisih dari rata-rata", 120, fmt.poin),
        Kolom("Perubahan peringkat", 130),
        Kolom("Peringkat 2*", 100, fmt.angka, tampil=False),
        Kolom("Nilai 2*", 100, fmt.skor),
        Kolom("Catatan", 90),
        *_SUMBER,
    ),
    "efisiensi": _k(
        Kolom("Kecamatan", 120, sematkan=True, hp=100),
        Kolom("Sasaran", 260),
        Kolom("Capaian kinerja (%)", 100, fmt.persen, hp=90),
        Kolom("Penyerapan (%)", 100, fmt.persen, hp=90),
        Kolom("Efisiensi", 90),
        Kolom("Kategori (selisih)", 120),
        Kolom("Efisiensi tertulis", 90, fmt.skor, tampil=False),
        Kolom("Pagu (Rp)", 130, fmt.rupiah, tampil=False),
        Kolom("Realisasi (Rp)", 130, fmt.rupiah, tampil=False),
        *_SUMBER,
    ),
    # Anggaran for a selection wider than a kabupaten: per kabupaten/kota
    "efisiensi_kabupaten": _k(
        Kolom(analisis.KOLOM_KABUPATEN, 130, sematkan=True, hp=115),
        Kolom(analisis.KOLOM_JUMLAH_KECAMATAN, 85, fmt.angka, label="Kecamatan"),
        Kolom("Sasaran", 70, fmt.angka),
        Kolom(
            analisis.KOLOM_RATA_CAPAIAN,
            85,
            fmt.persen,
            label="Capaian (%)",
            bantuan="Rata-rata capaian sasaran, tiap capaian dibatasi 0–100%.",
            hp=75,
        ),
        Kolom(
            "Penyerapan (%)",
            95,
            fmt.persen,
            bantuan="Realisasi ÷ pagu dari jumlah semua sasaran yang melaporkan realisasi.",
            hp=80,
        ),
        *(
            Kolom(k, 80, fmt.angka, bantuan=f"Banyaknya sasaran berkategori {k} (selisih capaian − penyerapan).")
            for k in analisis.KATEGORI_EFISIENSI
        ),
        Kolom("Pagu (Rp)", 130, fmt.rupiah),
        Kolom("Realisasi (Rp)", 130, fmt.rupiah),
    ),
    "program_kabupaten": _k(
        Kolom(analisis.KOLOM_KABUPATEN, 130, sematkan=True, hp=115),
        Kolom(analisis.KOLOM_JUMLAH_KECAMATAN, 85, fmt.angka, label="Kecamatan"),
        Kolom("Program", 75, fmt.angka, bantuan="Banyaknya baris program di dokumen kecamatannya."),
        Kolom("Pagu (Rp)", 130, fmt.rupiah, hp=115),
        Kolom("Realisasi (Rp)", 130, fmt.rupiah),
        Kolom("Serapan (%)", 80, fmt.persen, hp=70),
    ),
    "anggaran_program": _k(
        Kolom("Kecamatan", 120, sematkan=True, hp=90),
        Kolom("Program", 300, hp=110),
        Kolom("Pagu (Rp)", 130, fmt.rupiah, hp=115),
        Kolom("Realisasi (Rp)", 130, fmt.rupiah),
        Kolom("Serapan (%)", 80, fmt.persen),
        Kolom("Pagu tertulis di baris program (Rp)", 150, fmt.rupiah, tampil=False),
        Kolom("Tahap", 110, tampil=False),
        Kolom("Tabel", 110, tampil=False),
        *_SUMBER,
    ),
    # Profil: what was promised, what was achieved, and how far
    "profil_indikator": _k(
        Kolom("Indikator", 300, sematkan=True, hp=120),
        Kolom("Satuan", 80),
        Kolom("Target", 80, fmt.angka, hp=60),
        Kolom("Realisasi", 80, fmt.angka, hp=60),
        Kolom("Capaian (%)", 90, fmt.persen, hp=70),
        Kolom("Predikat", 110),
        Kolom("Reviu", 80),
        Kolom("Sasaran", 220),
        Kolom("Unit kerja", 110, tampil=False),
        Kolom("Versi PK", 110, tampil=False),
        Kolom("Sumber predikat", SEDANG, tampil=False),
        *_SUMBER,
        Kolom("Baris target", 60, fmt.angka, tampil=False),
        Kolom("Baris realisasi", 60, fmt.angka, tampil=False),
    ),
    "profil_program": _k(
        Kolom("Program", 320, sematkan=True, hp=130),
        *_UANG,
        Kolom("Reviu", 80),
        Kolom("Pagu tertulis (Rp)", 130, fmt.rupiah, tampil=False),
        Kolom("Tabel", 110, tampil=False),
        *_SUMBER,
    ),
    # Anggaran: the budget lines under the box chosen in the treemap
    "anggaran_cabang": _k(
        Kolom("Kecamatan", 120, sematkan=True),  # a phone: the branch's name above says which
        Kolom("Uraian", 380, hp=130),
        *_UANG,
        Kolom("Tingkat", 100),
        *_SUMBER,
    ),
    "profil_rincian": _k(
        Kolom("Uraian", 380, sematkan=True, hp=130),
        *_UANG,
        Kolom("Tingkat", 100),
        Kolom("Reviu", 80),
        Kolom("Unit kerja", 110),
        *_SUMBER,
    ),
}


def spec(view: str, columns: Iterable[str]) -> list[tuple[str, Kolom | None]]:
    """Each column of the frame with the spec that matches it first (None: no spec), in the view's
    order; columns without a spec come last, in the frame's order."""
    specs = VIEWS[view]
    found = [(c, next((k for k in specs if k.cocok(c)), None)) for c in columns]
    rank = {id(k): i for i, k in enumerate(specs)}
    return sorted(found, key=lambda ck: rank.get(id(ck[1]), len(specs)) if ck[1] is not None else len(specs))


def urutan(view: str, columns: Iterable[str]) -> list[str]:
    """The columns shown by default, key numbers first."""
    return [c for c, k in spec(view, columns) if k is not None and k.tampil]


def tersembunyi(view: str, columns: Iterable[str]) -> list[str]:
    """The columns the table leaves out by default (they stay in the downloads)."""
    shown = set(urutan(view, columns))
    return [c for c in columns if c not in shown]


_INGATAN = 65_536  # formatted values kept per formatter
_ingat_cache: dict[Format, Format] = {}


def ingat(f: Format) -> Format:
    """`f` remembering what it wrote for each value: a table of thousands of cells formats the same
    scores and amounts on every rerun (babel costs ~80 µs a number: 1,4 s of Tren's warm 3,5 s at
    CI size, measured). The spec's formatters are module constants, so one memory each."""
    if f not in _ingat_cache:
        cached = functools.lru_cache(maxsize=_INGATAN, typed=True)(f)

        def memo(value: Any) -> str:
            try:
                return cached(value)
            except TypeError:  # an unhashable cell
                return f(value)

        _ingat_cache[f] = memo
    return _ingat_cache[f]


def format_angka(view: str, columns: Iterable[str]) -> dict[str, Format]:
    """Column → Indonesian formatter, for a pandas Styler's .format()."""
    return {c: ingat(k.format) for c, k in spec(view, columns) if k is not None and k.format is not None}


def gaya(view: str, styler_or_frame: Any, extra: dict[str, Format] | None = None) -> Any:
    """The shown table: a pandas Styler (or frame) with the view's number formats, "–" where empty."""
    styler = getattr(styler_or_frame, "style", styler_or_frame)
    # a page's own module-level formatter (fmt.poin) is remembered too; a lambda made on each rerun is not
    own = {c: ingat(f) if _modul(f) else f for c, f in (extra or {}).items()}
    return styler.format({**format_angka(view, styler.data.columns), **own}, na_rep=fmt.KOSONG)


def _modul(f: Format) -> bool:
    """`f` is a function defined at a module's top level (one object for the life of the process)."""
    qualname = getattr(f, "__qualname__", "")
    return isinstance(f, types.FunctionType) and f.__closure__ is None and "<" not in qualname and qualname != ""


def ringkas(view: str, columns: Iterable[str]) -> list[str]:
    """The columns of the compact table a phone shows."""
    return [c for c, k in spec(view, columns) if k is not None and k.hp is not None]


def atur(view: str, columns: Sequence[str], hp: bool = False) -> dict[str, Any]:
    """st.dataframe keyword arguments: column_order (the default columns; `hp`: the compact table's)
    and column_config (width, pinned, a shorter label and its help)."""
    config: dict[str, Any] = {}
    for c, k in spec(view, columns):
        if k is None:
            continue
        width = k.hp if hp and k.hp is not None else k.lebar
        config[c] = st.column_config.Column(k.label or c, width=width, pinned=k.sematkan or None, help=k.bantuan)  # type: ignore[arg-type]
    return {"column_order": ringkas(view, columns) if hp else urutan(view, columns), "column_config": config}
