"""Charts as pure functions: DataFrame in, Altair chart out. No Streamlit here.

Every chart is made to go into a report as it is:

- a title naming the region and the year(s), axis titles with units, a footnote naming the source
  documents;
- sized for a page: the whole chart is LEBAR px wide, which is printed LEBAR_CETAK_CM (16 cm)
  wide (dashboard.export renders the PNG for that at ≥ 150 dpi), so the font sizes below, stated
  in points, are the sizes on paper; labels wrap instead of widening the chart;
- one legend per encoding (colour and shape of the same field share one legend), targets as
  labelled marks;
- greyscale-safe: series differ by shape and dash as well as colour, predicate colours run dark →
  light, the weakest component is also named in its label;
- Indonesian numbers (a Vega-Lite format locale: 1.250.000 · 87,50), axis ticks without needless
  decimals (20, not 20,00), years as plain integers, tooltips with Indonesian titles and formats on
  every mark that has one (marks without a tooltip of their own have it switched off, so no raw
  field name ever shows).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

import altair as alt
import polars as pl

import etl.rules as rules
from dashboard import format as fmt

LEBAR_CETAK_CM = 16.0  # the print width of a chart (A4 portrait within 2,5 cm margins)
LEBAR = 640  # px: the whole chart, from the left edge of its padding to the right one
PT = LEBAR / (LEBAR_CETAK_CM / 2.54 * 72)  # px per typographic point once printed 16 cm wide
PADDING_PX = 14  # px between the frame and anything drawn: no label touches the edge
# as an object, not a bare number: Streamlit's chart element sets padding.bottom itself and fails
# on a number ("Cannot create property 'bottom' on number"), which only a real browser shows
PADDING = {"left": PADDING_PX, "right": PADDING_PX, "top": PADDING_PX, "bottom": PADDING_PX}

# Font sizes on paper, in points (a printed 16 cm chart; 8 pt is the smallest that reads well).
FONT_PT_JUDUL = 12.0
FONT_PT_SUBJUDUL = 9.0
FONT_PT_SUMBU = 8.5  # axis labels and titles, legend
FONT_PT_LABEL = 8.0  # value labels on marks
FONT_PT_CATATAN = 7.5  # footnote (sources, conventions)


def px(pt: float) -> float:
    """A font size in points as Vega px at the print width."""
    return round(pt * PT, 1)


HEIGHT = 300
AXIS_Y = 62  # px taken by a numeric y axis (labels and title)
WIDTH = LEBAR - 2 * PADDING_PX - AXIS_Y  # plot width of a chart with a numeric y axis
LABEL_KATEGORI = 210  # px of a category axis' labels (wrapped over two lines beyond that)
BARIS_LABEL = int(LABEL_KATEGORI / (0.62 * px(FONT_PT_SUMBU)))  # characters of one line of such a label (capitals too)
FONT = "Helvetica, Arial, sans-serif"
FMT_SKOR = ",.2f"  # a score or a percentage in labels and tooltips: 87,50
FMT_SUMBU = ",.2~f"  # axis ticks: 20 · 62,5 (no needless decimals)
FMT_PERSEN = ",.2f"
FMT_RUPIAH = "$,.0f"  # Rp1.250.000.000 (d3 currency from the locale)
FMT_TAHUN = "d"  # 2024, never 2.024
TANPA_TOOLTIP = alt.value(None)
PILIH = "pilih"  # the click selection of a chart whose marks are kecamatan (the page opens its Profil)
WARNA_RATA = "#444444"  # the kabupaten average: a dark grey dotted reference, apart from every series


def pilih_kecamatan() -> alt.Parameter:
    """A click on a mark selects its kabupaten and kecamatan (Streamlit's on_select reads it)."""
    return alt.selection_point(name=PILIH, fields=["kabupaten", "kecamatan"], on="click", clear="dblclick")


def _chars(width_px: float, pt: float) -> int:
    """How many characters of average width fit in `width_px` at `pt` (Helvetica ≈ 0,52 em)."""
    return max(20, int(width_px / (0.52 * px(pt))))


def _wrap(text: str, width_px: float, pt: float) -> list[str]:
    return textwrap.wrap(text, _chars(width_px, pt), break_long_words=False, break_on_hyphens=False) or [""]


def _pendek(column: str, n: int) -> pl.Expr:
    """A label cut to n characters for a chart, with "…" where it was cut (never a cut word alone)."""
    col = pl.col(column)
    return pl.when(col.str.len_chars() > n).then(col.str.slice(0, n - 1).str.strip_chars_end() + "…").otherwise(col)


def _dua_baris(column: str, n: int) -> pl.Expr:
    """A long label over two lines of about n characters ('|' between them, split by the axis),
    the second cut with "…" if it is still too long."""
    return pl.col(column).map_elements(lambda s: _label_dua_baris(s, n), return_dtype=pl.String)


def _label_dua_baris(text: str, n: int) -> str:
    lines = textwrap.wrap(text.replace("|", "/"), n, break_long_words=True) or [""]
    if len(lines) <= 2:
        return "|".join(lines)
    second = " ".join(lines[1:])
    return lines[0] + "|" + (second[: n - 1].rstrip() + "…")


SPLIT_LABEL = "split(datum.label, '|')"


MAKS_SUMBER = 4  # source files a footnote names; more are counted (a printed chart is 16 cm wide)


def sumber_catatan(files: Sequence[str | None], extra: str | None = None) -> list[str]:
    """Footnote lines: 'Sumber: a.txt; b.pdf' (+ an optional note such as a convention). More than
    :data:`MAKS_SUMBER` files are named up to that many and the rest counted: the table beside
    the chart names each row's document."""
    names = sorted({f for f in files if f})
    shown = "; ".join(names[:MAKS_SUMBER])
    if len(names) > MAKS_SUMBER:
        shown += f"; dan {fmt.angka(len(names) - MAKS_SUMBER)} dokumen lain (kolom Dokumen pada tabelnya)"
    lines = ["Sumber: " + (shown if names else "basis data kinerja kecamatan")]
    if extra:
        lines.append(extra)
    return lines


def judul(apa: str, wilayah: str | None, tahun: object = None) -> str:
    """A chart title naming the region and the year: 'Tren Nilai SAKIP — Kecamatan Contoh, 2022–2024'."""
    where = ", ".join(str(x) for x in (wilayah, tahun) if x not in (None, ""))
    return f"{apa} — {where}" if where else apa


def _rentang(years: Sequence[int]) -> str | None:
    ys = sorted({int(y) for y in years if y is not None})
    if not ys:
        return None
    return str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]}–{ys[-1]}"


def _wilayah_data(d: pl.DataFrame) -> str | None:
    """The region when the caller names none: the kecamatan in the data."""
    if "kecamatan" not in d.columns:
        return None
    names = sorted({k for k in d["kecamatan"].to_list() if k})
    if len(names) == 1:
        return f"Kecamatan {names[0]}"
    return ", ".join(names) if len(names) <= 3 else f"{len(names)} kecamatan"


def _finish(
    chart: alt.TopLevelMixin, title: str, subtitle: str | None, footnote: list[str], plot_width: float = WIDTH
) -> alt.VConcatChart:
    lines = [piece for line in footnote for piece in _wrap(line, plot_width, FONT_PT_CATATAN)]
    line_px = px(FONT_PT_CATATAN) * 1.35
    foot = (
        alt.Chart(pl.DataFrame({"baris": list(range(len(lines))), "teks": lines}))
        .mark_text(align="left", baseline="top", fontSize=px(FONT_PT_CATATAN), color="#333333", font=FONT)
        .encode(x=alt.value(0), y=alt.Y("baris:O", axis=None), text="teks:N", tooltip=TANPA_TOOLTIP)
        .properties(width=plot_width, height=line_px * len(lines))
    )
    head_width = plot_width  # the title starts where the plot does
    top = alt.vconcat(
        chart,  # type: ignore[arg-type]
        foot,
        spacing=10,
        title=alt.TitleParams(
            text=_wrap(title, head_width, FONT_PT_JUDUL),
            subtitle=_wrap(subtitle, head_width, FONT_PT_SUBJUDUL) if subtitle else "",
            anchor="start",
            frame="group",
            fontSize=px(FONT_PT_JUDUL),
            subtitleFontSize=px(FONT_PT_SUBJUDUL),
            subtitleColor="#333333",
            font=FONT,
            offset=8,
        ),
        padding=PADDING,
        usermeta={"catatan": footnote},  # the footnote's lines, for the screen form (components.grafik)
    )
    return (
        top.configure(locale={"number": fmt.D3_LOCALE}, font=FONT, background="white")
        .configure_range(category=list(fmt.PALETTE))
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=px(FONT_PT_SUMBU), titleFontSize=px(FONT_PT_SUMBU), labelPadding=4, titlePadding=6)
        .configure_legend(
            orient="bottom",
            direction="horizontal",
            columns=4,
            labelFontSize=px(FONT_PT_SUMBU),
            titleFontSize=px(FONT_PT_SUMBU),
            symbolSize=90,
            symbolStrokeWidth=0,  # filled symbols: a dash pattern on their outline would only fray them
            labelLimit=180,
        )
        .configure_header(labelFontSize=px(FONT_PT_SUMBU), titleFontSize=px(FONT_PT_SUMBU))
        .configure_text(fontSize=px(FONT_PT_LABEL))
    )


def untuk_layar(chart: alt.TopLevelMixin) -> dict[str, Any] | None:
    """The chart as it is drawn on screen, as a Vega-Lite spec that grows with its column: the
    plot with its title, without the footnote (the page prints it below the chart as text), sized
    to the container's width (autosize fit-x; font sizes stay those of the print, only the plot
    widens). None for a chart whose plot is a facet or a concatenation (Vega-Lite cannot fit
    those to a width): it is drawn at its print size, shrunk on a narrow screen.

    The report's PNG/SVG keep the print form (LEBAR px = 16 cm)."""
    spec = chart.to_dict()
    parts = spec.get("vconcat")
    if not isinstance(parts, list) or len(parts) != 2:
        return None
    plot = parts[0]
    if any(k in plot for k in ("facet", "hconcat", "vconcat", "concat", "repeat")) or any(
        k in plot.get("encoding", {}) for k in ("row", "column", "facet")
    ):
        return None
    if any(
        "encoding" in layer and any(k in layer["encoding"] for k in ("row", "column", "facet")) for layer in plot.get("layer", [])
    ):
        return None
    screen = {k: v for k, v in spec.items() if k not in ("vconcat", "spacing", "usermeta")}
    screen.update({k: v for k, v in plot.items() if k != "width"})
    screen["autosize"] = {"type": "fit-x", "contains": "padding"}
    title = screen.get("title")
    if isinstance(title, dict):
        # a title does not wrap by itself: lines for a phone and for a wider column, chosen by the
        # container's width (the print's lines would be cut with "…" on a phone); from the left
        # edge, not the plot's, which a phone's category labels push right
        screen["title"] = {
            **title,
            "frame": "bounds",
            "text": _baris_menurut_lebar(title.get("text"), FONT_PT_JUDUL),
            "subtitle": _baris_menurut_lebar(title.get("subtitle"), FONT_PT_SUBJUDUL),
        }
    _label_kategori_sempit(screen)
    for layer in screen.get("layer", []):
        mark, text = layer.get("mark"), (layer.get("encoding") or {}).get("text") or {}
        if isinstance(mark, dict) and "limit" not in mark and str(text.get("field", "")).endswith("_pendek"):
            # a name beside a mark (a sasaran by its point) would take a phone's plot width; values
            # and targets keep their whole label
            mark["limit"] = {"expr": f"{LAYAR_SEMPIT} ? {LABEL_KATEGORI_HP} : 0"}
    return screen


SEMPIT_PX = 330  # the width of a chart on a phone (390 px screen)
LAYAR_SEMPIT = f"containerSize()[0] < {SEMPIT_PX + 150}"  # Vega: the chart's element is that narrow
LABEL_KATEGORI_HP = 120  # px of a category axis' labels on a phone (they end in "…")


def _baris_menurut_lebar(text: object, pt: float) -> object:
    if not text:
        return text
    whole = " ".join(text) if isinstance(text, list) else str(text)
    wide = _wrap(whole, WIDTH, pt)
    narrow = textwrap.wrap(whole, int((SEMPIT_PX - 2 * PADDING_PX) / (0.52 * px(pt))), break_long_words=False) or [""]
    return {"expr": f"{LAYAR_SEMPIT} ? {json.dumps(narrow)} : {json.dumps(wide)}"}


def _label_kategori_sempit(spec: object) -> None:
    """Category axes (labels up to LABEL_KATEGORI px) get narrower labels on a phone, so the bars
    keep a width there."""
    if isinstance(spec, dict):
        axis = spec.get("axis")
        if isinstance(axis, dict) and axis.get("labelLimit") == LABEL_KATEGORI:
            axis["labelLimit"] = {"expr": f"{LAYAR_SEMPIT} ? {LABEL_KATEGORI_HP} : {LABEL_KATEGORI}"}
        for value in spec.values():
            _label_kategori_sempit(value)
    elif isinstance(spec, list):
        for value in spec:
            _label_kategori_sempit(value)


def catatan(chart: alt.TopLevelMixin) -> list[str]:
    """The footnote lines of a chart made here (sources, conventions)."""
    meta = getattr(chart, "usermeta", None)  # set by _finish: no second to_dict (~0,25 s for Tren's chart)
    if not isinstance(meta, dict):
        meta = chart.to_dict().get("usermeta") or {}
    return [str(line) for line in meta.get("catatan", [])]


def _frame(df: pl.DataFrame) -> pl.DataFrame:
    # Altair serialises plain values; decimals and dates as text would break the spec.
    return df.with_columns(pl.col(pl.Decimal).cast(pl.Float64)) if df.width else df


def _kecamatan_scales(names: Sequence[str]) -> tuple[alt.Scale, alt.Scale, alt.Scale]:
    """Colour, shape and dash of each kecamatan, fixed by its place in `names` so every layer agrees."""
    domain = list(names)
    n = len(domain)
    colours = [fmt.PALETTE[i % len(fmt.PALETTE)] for i in range(n)]
    shapes = [fmt.SHAPES[i % len(fmt.SHAPES)] for i in range(n)]
    dashes = [list(fmt.DASHES[i % len(fmt.DASHES)]) for i in range(n)]
    return alt.Scale(domain=domain, range=colours), alt.Scale(domain=domain, range=shapes), alt.Scale(domain=domain, range=dashes)


def _kecamatan_lines(
    data: pl.DataFrame,
    x: alt.X,
    y: alt.Y,
    scales: tuple[alt.Scale, alt.Scale, alt.Scale],
    point_size: int,
    tooltip: list[alt.Tooltip],
    selection: alt.Parameter | None = None,
) -> tuple[alt.Chart, alt.Chart]:
    """A line and its points per kecamatan, told apart by colour, dash and shape (greyscale-safe);
    the three encodings share the title "Kecamatan", so Vega-Lite draws one legend for them."""
    colour, shape, dash = scales
    kec = alt.Color("kecamatan:N", title="Kecamatan", scale=colour)
    line = (
        alt.Chart(data)
        .mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=kec,
            strokeDash=alt.StrokeDash("kecamatan:N", title="Kecamatan", scale=dash),
            tooltip=TANPA_TOOLTIP,
        )
    )
    points = (
        alt.Chart(data)
        .mark_point(size=point_size, filled=True, opacity=1)
        .encode(x=x, y=y, color=kec, shape=alt.Shape("kecamatan:N", title="Kecamatan", scale=shape), tooltip=tooltip)
    )
    return line, (points if selection is None else points.add_params(selection))


# --- Tren -------------------------------------------------------------------------------------


def proyeksi(tahun: Sequence[int], nilai: Sequence[float], sampai: int) -> list[tuple[int, float]]:
    """A straight-line projection (least squares over the given years) up to year `sampai`.

    Returns [] with fewer than two points or when `sampai` is not after the last year.
    """
    pts = [(t, v) for t, v in zip(tahun, nilai) if v is not None]
    if len(pts) < 2 or sampai <= max(t for t, _ in pts):
        return []
    n = len(pts)
    mx = sum(t for t, _ in pts) / n
    my = sum(v for _, v in pts) / n
    sxx = sum((t - mx) ** 2 for t, _ in pts)
    slope = sum((t - mx) * (v - my) for t, v in pts) / sxx
    last = max(t for t, _ in pts)
    return [(y, my + slope * (y - mx)) for y in range(last, sampai + 1)]


TARGET_SHAPE = "M-1,0H1"  # a short horizontal bar: the level a target sets


def tren_skor(
    df: pl.DataFrame,
    jenis: str,
    dengan_proyeksi: bool = False,
    galat: pl.DataFrame | None = None,
    wilayah: str | None = None,
    rata: pl.DataFrame | None = None,
    bisa_dipilih: bool = False,
) -> alt.VConcatChart:
    """Realisasi (line and filled marks, value labels) against the PK target (a labelled bar at
    the target's level) per kecamatan and year.

    `df`: rows of query 'skor_tren' for one `jenis`. Adds the Renstra end target (labelled
    diamond), a rule where the SAKIP method changed (domain.md §2.2) and, on request, a labelled
    projection. `galat`: rows of findings; a realisasi whose source line has an error gets a red
    ring. A SAKIP value's year is the evaluation year (domain.md), and the axis says so.
    `rata`: the kabupaten average per year (query 'skor_rata_kabupaten': kabupaten, tahun, rata,
    jumlah), drawn as a labelled dotted grey reference line. `bisa_dipilih`: a click on a point
    selects its kecamatan (PILIH).
    """
    nama = fmt.NAMA_SKOR.get(jenis, jenis)
    kolom_tahun = "Tahun evaluasi" if jenis == "SAKIP" else "Tahun"
    d = _frame(df.filter(pl.col("jenis") == jenis)).sort("kecamatan", "tahun")
    real = d.filter(pl.col("nilai").is_not_null()).select("kabupaten", "kecamatan", "tahun", "nilai")
    target = (
        d.filter(pl.col("target").is_not_null())
        .select("kecamatan", "tahun", pl.col("target").alias("nilai"))
        .with_columns(pl.col("nilai").map_elements(lambda v: f"target {fmt.skor(v)}", return_dtype=pl.String).alias("teks"))
    )
    names = sorted(set(d["kecamatan"].to_list()))
    colour, shape, dash = _kecamatan_scales(names)
    years = [int(y) for y in d["tahun"].to_list()] or [0]
    end = d.filter(pl.col("target_akhir").is_not_null() & pl.col("renstra_akhir").is_not_null())
    if end.height:
        years += [int(y) for y in end["renstra_akhir"].to_list()]
    ticks = list(range(min(years), max(years) + 1))
    x_scale = alt.Scale(domain=[min(years) - 0.4, max(years) + 0.4], nice=False)
    x = alt.X("tahun:Q", title=kolom_tahun, scale=x_scale, axis=alt.Axis(format=FMT_TAHUN, values=ticks, grid=False))
    y = alt.Y("nilai:Q", title=f"{nama} (angka)", scale=alt.Scale(zero=False, padding=14), axis=alt.Axis(format=FMT_SUMBU))
    kec = alt.Color("kecamatan:N", title="Kecamatan", scale=colour)
    t_kec = alt.Tooltip("kecamatan:N", title="Kecamatan")
    t_tahun = alt.Tooltip("tahun:Q", title=kolom_tahun, format=FMT_TAHUN)

    line, points = _kecamatan_lines(
        real,
        x,
        y,
        (colour, shape, dash),
        80,
        [t_kec, t_tahun, alt.Tooltip("nilai:Q", title=f"Realisasi {nama}", format=FMT_SKOR)],
        pilih_kecamatan() if bisa_dipilih else None,
    )
    labels = (
        alt.Chart(real)
        .mark_text(dy=-11, fontSize=px(FONT_PT_LABEL), color="#222222")
        .encode(x=x, y=y, text=alt.Text("nilai:Q", format=FMT_SKOR), tooltip=TANPA_TOOLTIP)
    )
    layers: list[alt.Chart] = [line, points, labels]
    notes = []
    if rata is not None and rata.height:
        layers.extend(_garis_rata(_frame(rata), x, y, nama, kolom_tahun))
        notes.append("Garis titik-titik abu-abu tua: rata-rata semua kecamatan yang dimuat di kabupaten/kota itu.")
    if target.height:
        layers.append(
            alt.Chart(target)
            .mark_point(shape=TARGET_SHAPE, size=420, strokeWidth=3, filled=False, opacity=1)
            .encode(
                x=x,
                y=y,
                color=kec,
                tooltip=[t_kec, t_tahun, alt.Tooltip("nilai:Q", title=f"Target PK {nama}", format=FMT_SKOR)],
            )
        )
        layers.append(
            alt.Chart(target)
            .mark_text(align="left", dx=16, fontSize=px(FONT_PT_LABEL), color="#222222")
            .encode(x=x, y=y, text="teks:N", tooltip=TANPA_TOOLTIP)
        )
    if end.height:
        ends = (
            end.group_by("kecamatan")
            .agg(pl.col("target_akhir").last(), pl.col("renstra_akhir").last())
            .rename({"target_akhir": "nilai", "renstra_akhir": "tahun"})
            .with_columns(
                pl.col("nilai")
                .map_elements(lambda v: f"target akhir Renstra {fmt.skor(v)}", return_dtype=pl.String)
                .alias("teks")
            )
        )
        layers.append(
            alt.Chart(ends)
            .mark_point(shape="diamond", size=140, filled=True, color="#000000")
            .encode(
                x=x,
                y=y,
                tooltip=[
                    t_kec,
                    alt.Tooltip("tahun:Q", title="Tahun akhir Renstra", format=FMT_TAHUN),
                    alt.Tooltip("nilai:Q", title="Target akhir Renstra", format=FMT_SKOR),
                ],
            )
        )
        layers.append(
            alt.Chart(ends)
            .mark_text(align="right", dx=-10, dy=14, fontSize=px(FONT_PT_LABEL), color="#222222")
            .encode(x=x, y=y, text="teks:N", tooltip=TANPA_TOOLTIP)
        )
        if dengan_proyeksi:
            for name in names:
                rows = d.filter((pl.col("kecamatan") == name) & pl.col("nilai").is_not_null())
                akhir = end.filter(pl.col("kecamatan") == name)["renstra_akhir"].max()
                path = proyeksi(rows["tahun"].to_list(), rows["nilai"].to_list(), int(akhir)) if akhir else []  # type: ignore[arg-type]
                if path:
                    proj = pl.DataFrame(
                        {"tahun": [t for t, _ in path], "nilai": [v for _, v in path], "kecamatan": [name] * len(path)}
                    )
                    layers.append(
                        alt.Chart(proj)
                        .mark_line(strokeDash=[2, 3], color="#666666", strokeWidth=1.5)
                        .encode(
                            x=x,
                            y=y,
                            tooltip=[t_kec, t_tahun, alt.Tooltip("nilai:Q", title="Proyeksi (bukan data)", format=FMT_SKOR)],
                        )
                    )
                    layers.append(
                        alt.Chart(proj.tail(1))
                        .mark_text(dx=6, dy=-8, align="left", fontSize=px(FONT_PT_LABEL), color="#444444")
                        .encode(x=x, y=y, text=alt.value("proyeksi"), tooltip=TANPA_TOOLTIP)
                    )
            notes.append("Garis titik-titik abu-abu: PROYEKSI tren garis lurus dari realisasi, bukan data dokumen.")
    if jenis == "SAKIP" and min(years) < rules.SAKIP_METHOD_CHANGE_YEAR <= max(years):
        change = pl.DataFrame({"tahun": [rules.SAKIP_METHOD_CHANGE_YEAR - 0.5]})
        layers.append(alt.Chart(change).mark_rule(strokeDash=[4, 4], color="#555555").encode(x=x, tooltip=TANPA_TOOLTIP))
        layers.append(
            alt.Chart(change)
            .mark_text(align="left", dx=4, dy=-4, fontSize=px(FONT_PT_LABEL), color="#555555", baseline="bottom")
            .encode(x=x, y=alt.value(0), text=alt.value("metode evaluasi SAKIP berubah"), tooltip=TANPA_TOOLTIP)
        )
        notes.append(
            f"Evaluasi SAKIP sebelum {rules.SAKIP_METHOD_CHANGE_YEAR} memakai PermenPANRB 12/2015 (5 komponen), "
            "sesudahnya PermenPANRB 88/2021 (4 komponen): bandingkan dengan hati-hati."
        )
    if jenis == "SAKIP":
        notes.append("Tahun Nilai SAKIP = tahun evaluasi (LHE), yang terutama menilai kinerja tahun sebelumnya.")
    if galat is not None and galat.height:
        keys = galat.select(pl.col("dokumen_id").cast(pl.String), pl.col("sumber_baris").cast(pl.Int64)).unique()
        marks = d.with_columns(pl.col("sumber_baris").cast(pl.Int64)).join(keys, on=["dokumen_id", "sumber_baris"], how="semi")
        if marks.height:
            layers.append(
                alt.Chart(marks.select("tahun", "nilai", "kecamatan"))
                .mark_point(shape="circle", size=380, color="#b2182b", strokeWidth=2)
                .encode(
                    x=x,
                    y=y,
                    tooltip=[t_kec, t_tahun, alt.Tooltip("nilai:Q", title="Angka dengan temuan galat", format=FMT_SKOR)],
                )
            )
            notes.append("Lingkaran merah: angka dengan temuan galat hitung pada reviu data.")
    chart = alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)
    files = d["nama_file"].to_list() if "nama_file" in d.columns else []
    return _finish(
        chart,
        judul(f"Tren {nama}", wilayah or _wilayah_data(d), _rentang(d["tahun"].to_list())),
        "Garis dan titik = realisasi; garis pendek mendatar berlabel = target PK; belah ketupat = target akhir Renstra",
        [*sumber_catatan(files), *notes],
    )


def _garis_rata(rata: pl.DataFrame, x: alt.X, y: alt.Y, nama: str, kolom_tahun: str) -> list[alt.Chart]:
    """The kabupaten average as a dotted line with a label at its last year."""
    d = rata.rename({"rata": "nilai"}).sort("kabupaten", "tahun")
    tip = [
        alt.Tooltip("kabupaten:N", title="Kabupaten/Kota"),
        alt.Tooltip("tahun:Q", title=kolom_tahun, format=FMT_TAHUN),
        alt.Tooltip("nilai:Q", title=f"Rata-rata {nama}", format=FMT_SKOR),
        alt.Tooltip("jumlah:Q", title="Jumlah kecamatan", format=FMT_TAHUN),
    ]
    line = (
        alt.Chart(d)
        .mark_line(strokeDash=[1, 3], strokeWidth=2.5, color=WARNA_RATA, point=alt.OverlayMarkDef(size=30, color=WARNA_RATA))
        .encode(x=x, y=y, detail="kabupaten:N", tooltip=tip)
    )
    last = d.group_by("kabupaten").agg(pl.all().sort_by("tahun").last())
    label = (
        alt.Chart(last.with_columns(pl.format("rata-rata {}", pl.col("kabupaten")).alias("teks")))
        .mark_text(align="left", dx=8, dy=10, fontSize=px(FONT_PT_LABEL), color=WARNA_RATA, fontStyle="italic")
        .encode(x=x, y=y, text="teks:N", tooltip=TANPA_TOOLTIP)
    )
    return [line, label]


# --- Anggaran vs Capaian ------------------------------------------------------------------------

KONVENSI = {
    rules.EFFICIENCY_SELISIH: "Selisih: capaian kinerja − penyerapan anggaran (poin persen)",
    rules.EFFICIENCY_RASIO: "Rasio: capaian kinerja ÷ penyerapan anggaran",
    rules.EFFICIENCY_SERAPAN: "Penyerapan anggaran saja (%)",
}


def kuadran_efisiensi(df: pl.DataFrame, konvensi: str, wilayah: str | None = None, tahun: int | None = None) -> alt.VConcatChart:
    """Quadrant: x = penyerapan anggaran (%), y = capaian kinerja (%), lines at 100.

    `df` needs kecamatan, sasaran, serapan, capaian, efisiensi (already computed under `konvensi`).
    """
    d = _frame(df).with_columns(_pendek("sasaran", 40).alias("sasaran_pendek"))
    lo = min([*d["serapan"].to_list(), *d["capaian"].to_list(), 80.0]) - 5
    hi = max([*d["serapan"].to_list(), *d["capaian"].to_list(), 110.0]) + 5
    scale = alt.Scale(domain=[lo, hi], nice=False)
    names = sorted(set(d["kecamatan"].to_list()))
    colour, shape, _ = _kecamatan_scales(names)
    efisiensi_fmt = ",.4f" if konvensi == rules.EFFICIENCY_RASIO else FMT_PERSEN
    x = alt.X("serapan:Q", title="Penyerapan anggaran (%)", scale=scale, axis=alt.Axis(format=FMT_SUMBU, tickCount=8))
    y = alt.Y("capaian:Q", title="Capaian kinerja (%)", scale=scale, axis=alt.Axis(format=FMT_SUMBU, tickCount=8))
    points = (
        alt.Chart(d)
        .mark_point(size=110, filled=True, strokeWidth=1, stroke="#000000", opacity=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color("kecamatan:N", title="Kecamatan", scale=colour),
            shape=alt.Shape("kecamatan:N", title="Kecamatan", scale=shape),
            tooltip=[
                alt.Tooltip("kecamatan:N", title="Kecamatan"),
                alt.Tooltip("sasaran:N", title="Sasaran"),
                alt.Tooltip("serapan:Q", title="Penyerapan anggaran (%)", format=FMT_PERSEN),
                alt.Tooltip("capaian:Q", title="Capaian kinerja (%)", format=FMT_PERSEN),
                alt.Tooltip("efisiensi:Q", title="Efisiensi", format=efisiensi_fmt),
            ],
        )
    )
    labels = (
        alt.Chart(d)
        .mark_text(align="left", dx=9, fontSize=px(FONT_PT_LABEL), color="#222222")
        .encode(x=x, y=y, text="sasaran_pendek:N", tooltip=TANPA_TOOLTIP)
    )
    lines = pl.DataFrame({"v": [100.0]})
    rule_x = (
        alt.Chart(lines).mark_rule(color="#555555", strokeDash=[4, 3]).encode(x=alt.X("v:Q", scale=scale), tooltip=TANPA_TOOLTIP)
    )
    rule_y = (
        alt.Chart(lines).mark_rule(color="#555555", strokeDash=[4, 3]).encode(y=alt.Y("v:Q", scale=scale), tooltip=TANPA_TOOLTIP)
    )
    corner = pl.DataFrame({"x": [lo + 1], "y": [hi - 1], "t": ["kiri atas: capaian ≥ 100% dengan serapan < 100%"]})
    note = (
        alt.Chart(corner)
        .mark_text(align="left", baseline="top", fontSize=px(FONT_PT_LABEL), color="#1a7837")
        .encode(x=alt.X("x:Q", scale=scale), y=alt.Y("y:Q", scale=scale), text="t:N", tooltip=TANPA_TOOLTIP)
    )
    chart = alt.layer(rule_x, rule_y, note, points, labels).properties(width=WIDTH, height=HEIGHT + 40)
    return _finish(
        chart,
        judul(
            "Anggaran vs capaian per sasaran",
            wilayah or _wilayah_data(d),
            tahun or _rentang(d["tahun"].to_list() if "tahun" in d.columns else []),
        ),
        f"Konvensi efisiensi: {KONVENSI[konvensi]}",
        sumber_catatan(
            d["nama_file"].to_list() if "nama_file" in d.columns else [],
            f"Konvensi: {KONVENSI[konvensi]}. Garis putus-putus di 100%.",
        ),
    )


def komposisi_anggaran(df: pl.DataFrame, wilayah: str | None = None, tahun: int | None = None) -> alt.VConcatChart:
    """Pagu (light bar) and realisasi (dark bar) per program, in juta Rupiah, one panel per
    kecamatan (its name above it); program names over two lines so the chart keeps the page width."""
    d = _frame(df).with_columns(_dua_baris("program", BARIS_LABEL).alias("program_pendek"))
    long = d.unpivot(
        index=["kecamatan", "program", "program_pendek"], on=["pagu", "realisasi"], variable_name="jenis", value_name="rupiah"
    ).with_columns(pl.col("jenis").replace({"pagu": "Pagu", "realisasi": "Realisasi"}), (pl.col("rupiah") / 1e6).alias("juta"))
    plot_width = LEBAR - 2 * PADDING_PX - LABEL_KATEGORI - 14
    # one kecamatan: one panel (its name is in the title), which a screen can widen to its column
    several = d["kecamatan"].n_unique() > 1
    panel = (
        {
            "row": alt.Row(
                "kecamatan:N",
                title=None,
                header=alt.Header(labelOrient="top", labelAngle=0, labelAnchor="start", labelFontWeight="bold"),
            )
        }
        if several
        else {}
    )
    chart = (
        alt.Chart(long.drop_nulls("rupiah"))
        .mark_bar()
        .encode(
            y=alt.Y(
                "program_pendek:N",
                title=None,
                sort=None,
                axis=alt.Axis(labelExpr=SPLIT_LABEL, labelLimit=LABEL_KATEGORI, labelLineHeight=px(FONT_PT_SUMBU) * 1.15),
            ),
            yOffset=alt.YOffset("jenis:N", sort=["Pagu", "Realisasi"]),
            x=alt.X("juta:Q", title="Juta Rupiah", axis=alt.Axis(format=",~f")),
            color=alt.Color("jenis:N", title=None, scale=alt.Scale(domain=["Pagu", "Realisasi"], range=["#9ecae1", "#08306b"])),
            tooltip=[
                alt.Tooltip("kecamatan:N", title="Kecamatan"),
                alt.Tooltip("program:N", title="Program"),
                alt.Tooltip("jenis:N", title="Jenis"),
                alt.Tooltip("rupiah:Q", title="Jumlah (Rp)", format=FMT_RUPIAH),
            ],
            **panel,
        )
        .properties(width=plot_width, height=alt.Step(13))
    )
    if several:
        chart = chart.resolve_scale(y="independent")
    return _finish(
        chart,
        judul(
            "Komposisi anggaran per program",
            wilayah or _wilayah_data(d),
            tahun or _rentang(d["tahun"].to_list() if "tahun" in d.columns else []),
        ),
        "Pagu (terang) dan realisasi (gelap), dalam juta Rupiah",
        sumber_catatan(
            d["nama_file"].to_list() if "nama_file" in d.columns else [], "Jumlah dari baris paling rinci tiap program."
        ),
        plot_width,
    )


# --- Peringkat ----------------------------------------------------------------------------------


def peringkat(
    df: pl.DataFrame,
    metrik: str,
    satuan: str,
    tahun: int,
    wilayah: str | None = None,
    rata: float | None = None,
    bisa_dipilih: bool = False,
) -> alt.VConcatChart:
    """Horizontal bars sorted by rank; `df` has kecamatan, kabupaten, nilai, peringkat, kategori.
    `rata`: the average of the ranked values, drawn as a labelled dotted rule. `bisa_dipilih`: a
    click on a bar selects its kecamatan (PILIH)."""
    d = (
        _frame(df)
        .drop_nulls("nilai")
        .with_columns(
            (pl.col("peringkat").cast(pl.String) + ". " + pl.col("kecamatan") + " (" + pl.col("kabupaten") + ")").alias("label")
        )
    )
    plot_width = LEBAR - 2 * PADDING_PX - LABEL_KATEGORI - 50  # room for the value label after the longest bar
    base = alt.Chart(d).encode(
        y=alt.Y(
            "label:N",
            title=None,
            sort=alt.SortField("peringkat", order="ascending"),
            axis=alt.Axis(labelLimit=LABEL_KATEGORI),
        ),
        x=alt.X("nilai:Q", title=f"{metrik} ({satuan})", axis=alt.Axis(format=FMT_SUMBU)),
    )
    bars = base.mark_bar(color=fmt.PALETTE[0]).encode(
        tooltip=[
            alt.Tooltip("peringkat:Q", title="Peringkat", format=FMT_TAHUN),
            alt.Tooltip("kecamatan:N", title="Kecamatan"),
            alt.Tooltip("kabupaten:N", title="Kabupaten/Kota"),
            alt.Tooltip("nilai:Q", title=f"{metrik} ({satuan})", format=FMT_SKOR),
        ]
    )
    text = base.mark_text(align="left", dx=4, fontSize=px(FONT_PT_LABEL)).encode(
        text=alt.Text("nilai:Q", format=FMT_SKOR), tooltip=TANPA_TOOLTIP
    )
    if bisa_dipilih:
        bars = bars.add_params(pilih_kecamatan())
    layers = [bars, text]
    notes = []
    if rata is not None:
        avg = pl.DataFrame({"rata": [float(rata)], "teks": [f"rata-rata {fmt.skor(rata)}"]})
        layers.append(
            alt.Chart(avg)
            .mark_rule(color=WARNA_RATA, strokeDash=[2, 3], strokeWidth=2)
            .encode(x="rata:Q", tooltip=[alt.Tooltip("rata:Q", title="Rata-rata", format=FMT_SKOR)])
        )
        layers.append(
            alt.Chart(avg)
            .mark_text(align="left", dx=4, baseline="top", fontSize=px(FONT_PT_LABEL), color=WARNA_RATA, fontStyle="italic")
            .encode(x="rata:Q", y=alt.value(-12), text="teks:N", tooltip=TANPA_TOOLTIP)
        )
        notes.append("Garis titik-titik abu-abu tua: rata-rata kecamatan yang diperingkat.")
    chart = alt.layer(*layers).properties(width=plot_width, height=max(60, 24 * d.height))
    return _finish(
        chart,
        judul(f"Peringkat kecamatan: {metrik}", wilayah, tahun),
        "Nilai sama mendapat peringkat sama",
        sumber_catatan(d["nama_file"].to_list() if "nama_file" in d.columns else [], *notes),
        plot_width,
    )


# --- Profil -------------------------------------------------------------------------------------


def komponen_skor(
    df: pl.DataFrame, jenis: str, files: Sequence[str] = (), wilayah: str | None = None, tahun: int | None = None
) -> alt.VConcatChart:
    """Components of one score: SAKIP value against its weight; IKM unsur; kematangan levels with the
    weakest variable(s) marked (the unit's maturity level is its lowest variable, domain.md §2.4).
    The weakest is dark red and named in its label; the others light blue (apart in greyscale too)."""
    d = _frame(df.filter((pl.col("jenis") == jenis) & (pl.col("peran") == "komponen"))).sort("urutan")
    # SAKIP components have different weights: the weakest is the lowest share of its weight.
    share = pl.col("nilai") / pl.col("bobot") if jenis == "SAKIP" else pl.col("nilai")
    d = d.with_columns(share.alias("_relatif"))
    lowest = d["_relatif"].min()
    d = d.with_columns(
        pl.when(pl.col("_relatif") == lowest).then(pl.lit("terlemah")).otherwise(pl.lit("komponen lain")).alias("tanda"),
        _dua_baris("komponen", BARIS_LABEL).alias("komponen_pendek"),
    ).with_columns(
        pl.struct("nilai", "tanda")
        .map_elements(
            lambda r: fmt.skor(r["nilai"]) + (" (terlemah)" if r["tanda"] == "terlemah" else ""), return_dtype=pl.String
        )
        .alias("label_nilai")
    )
    satuan = {"SAKIP": "nilai, bobot sebagai garis", "IKM": "nilai unsur", "KEMATANGAN": "level 1–5"}[jenis]
    plot_width = LEBAR - 2 * PADDING_PX - LABEL_KATEGORI - 80  # room for 'nilai (terlemah)' after a bar
    y = alt.Y(
        "komponen_pendek:N",
        title=None,
        sort=None,
        axis=alt.Axis(labelExpr=SPLIT_LABEL, labelLimit=LABEL_KATEGORI, labelLineHeight=px(FONT_PT_SUMBU) * 1.15),
    )
    bars = (
        alt.Chart(d)
        .mark_bar()
        .encode(
            y=y,
            # levels are whole numbers: a wide screen would otherwise tick every 0,2
            x=alt.X(
                "nilai:Q",
                title=f"{fmt.NAMA_SKOR[jenis]} ({satuan})",
                axis=alt.Axis(format=FMT_SUMBU, tickMinStep=1 if jenis == "KEMATANGAN" else alt.Undefined),
            ),
            color=alt.Color(
                "tanda:N",
                title=None,
                scale=alt.Scale(domain=["komponen lain", "terlemah"], range=[fmt.PALETTE[4], "#8b0000"]),
            ),
            tooltip=[
                alt.Tooltip("komponen:N", title="Komponen"),
                alt.Tooltip("nilai:Q", title="Nilai", format=FMT_SKOR),
                alt.Tooltip("bobot:Q", title="Bobot", format=FMT_SUMBU),
            ],
        )
    )
    text = (
        alt.Chart(d)
        .mark_text(align="left", dx=4, fontSize=px(FONT_PT_LABEL), color="#000000")
        .encode(y=y, x="nilai:Q", text="label_nilai:N", tooltip=TANPA_TOOLTIP)
    )
    layers = [bars, text]
    if jenis == "SAKIP":
        layers.append(
            alt.Chart(d)
            .mark_tick(color="#000000", thickness=2, size=18)
            .encode(
                y=y,
                x="bobot:Q",
                tooltip=[alt.Tooltip("komponen:N", title="Komponen"), alt.Tooltip("bobot:Q", title="Bobot", format=FMT_SUMBU)],
            )
        )
    chart = alt.layer(*layers).properties(width=plot_width, height=max(80, 30 * d.height))
    title = {
        "SAKIP": "Komponen Nilai SAKIP terhadap bobot",
        "IKM": "Unsur IKM",
        "KEMATANGAN": "Variabel kematangan perangkat daerah",
    }[jenis]
    note = (
        "Merah tua: komponen terlemah (nilai terendah dibanding bobotnya); garis hitam: bobot komponen."
        if jenis == "SAKIP"
        else "Merah tua: komponen dengan nilai terendah."
    )
    return _finish(chart, judul(title, wilayah, tahun), None, sumber_catatan(files, note), plot_width)


# --- Pemantauan Triwulan ----------------------------------------------------------------------


def realisasi_kumulatif(df: pl.DataFrame, wilayah: str, tahun: int) -> alt.VConcatChart:
    """Realisation accumulated through the year per kecamatan; `df` has kecamatan, triwulan,
    kumulatif_rp and (optionally) serapan_pct."""
    d = _frame(df).with_columns(
        pl.format("TW {}", pl.col("triwulan")).alias("tw"), (pl.col("kumulatif_rp") / 1e9).alias("kumulatif_miliar")
    )
    names = sorted(set(d["kecamatan"].to_list()))
    x = alt.X("tw:O", title="Triwulan", sort=["TW 1", "TW 2", "TW 3", "TW 4"], axis=alt.Axis(labelAngle=0))
    y = alt.Y("kumulatif_miliar:Q", title="Realisasi kumulatif (Rp miliar)", axis=alt.Axis(format=FMT_SUMBU))
    line, points = _kecamatan_lines(
        d,
        x,
        y,
        _kecamatan_scales(names),
        70,
        [
            alt.Tooltip("kecamatan:N", title="Kecamatan"),
            alt.Tooltip("tw:O", title="Triwulan"),
            alt.Tooltip("kumulatif_rp:Q", title="Realisasi kumulatif (Rp)", format=FMT_RUPIAH),
        ],
    )
    chart = alt.layer(line, points).properties(width=WIDTH, height=280)
    return _finish(
        chart,
        judul("Realisasi anggaran kumulatif per triwulan", wilayah, tahun),
        "Jumlah realisasi sejak TW I (laporan evaluasi Renja per triwulan)",
        ["Sumber: laporan realisasi triwulan (Permendagri 86/2017) yang dimuat"],
    )
