"""The budget as a tree: program → kegiatan → sub kegiatan (under the kecamatan when there are
several), each box sized by its pagu and coloured by its penyerapan.

On screen a plotly treemap: a click on a box descends into it (plotly's own branch navigation, the
path bar above goes back up); hover labels in Indonesian with Rupiah as "Rp1,25 M
(Rp1.250.000.000)". For a report the same tree is drawn by Vega's treemap transform and rendered
by vl-convert — offline and without a browser, like every other chart's PNG/SVG (dashboard.export);
plotly's own static export (kaleido 1.x) needs a Chrome/Chromium on the server and starts one per
image (about 4 s here), so it is not used.

    nodes = simpul(query("anggaran_pohon", wilayah=[...], tahun=2024), "Kab. Contoh")
    fig = treemap(nodes, judul)        # plotly Figure for st.plotly_chart
    png(nodes, judul), svg(nodes, judul)

Sizes and colours read the query's computed columns (pagu_cabang, realisasi_cabang,
serapan_cabang); only the kecamatan and region boxes above the document's own lines are summed
here, their penyerapan by etl.rules.serapan. Colours run light → dark with penyerapan (one hue,
so a greyscale print keeps the order); a box without realisasi is light grey and hatched.
Pure: no Streamlit.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl
import vl_convert as vlc
from plotly.colors import sample_colorscale

import etl.rules as rules
from dashboard import charts, export, filters, labels
from dashboard import format as fmt

# penyerapan (%) → colour: one blue from light to dark; below SERAPAN_MIN all the lightest
SERAPAN_MIN, SERAPAN_MAKS = 50.0, 100.0
SKALA = ((0.0, "#deebf7"), (0.25, "#9ecae1"), (0.5, "#4292c6"), (0.75, "#2171b5"), (1.0, "#08306b"))
TANPA_REALISASI = "#f0f0f0"
AKAR = "__akar__"  # the id of the region's box when several kecamatan are drawn
MAKS_KECAMATAN = filters.MAKS_KECAMATAN  # a selection larger than this is drawn per kecamatan only by the page
TINGGI = 520  # px of the screen treemap
TINGGI_CETAK = 430  # px of the printed one (at charts.LEBAR px wide = 16 cm)
KOLOM = ["id", "induk", "nama", "tingkat", "kecamatan", "pagu", "realisasi", "serapan", "pagu_tertulis", "sumber"]


def warna(serapan: float | None) -> str:
    """The colour of a box with this penyerapan (%)."""
    if serapan is None:
        return TANPA_REALISASI
    t = (min(max(serapan, SERAPAN_MIN), SERAPAN_MAKS) - SERAPAN_MIN) / (SERAPAN_MAKS - SERAPAN_MIN)
    r, g, b = (round(float(v)) for v in sample_colorscale([list(s) for s in SKALA], [t])[0][4:-1].split(","))
    return f"#{r:02x}{g:02x}{b:02x}"


def simpul(df: pl.DataFrame, wilayah: str) -> pl.DataFrame:
    """The boxes of the tree from rows of query 'anggaran_pohon': one per budget line, one per
    kecamatan and, when there are several kecamatan, one for the region (`wilayah`) above them.
    Columns KOLOM; `pagu` is the box's size (the sum of what is drawn inside it)."""
    if df.height == 0:
        return pl.DataFrame(schema=dict.fromkeys(KOLOM, pl.String)).with_columns(
            pl.col("pagu", "realisasi", "serapan", "pagu_tertulis").cast(pl.Float64)
        )
    several = df["kode_kecamatan"].n_unique() > 1
    line_id = pl.format("{}/{}/{}", "kode_kecamatan", "dokumen_id", "urutan")
    parent_id = pl.format("{}/{}/{}", "kode_kecamatan", "dokumen_id", "induk_urutan")
    lines = df.with_columns(line_id.alias("id"), parent_id.alias("_induk"))
    known = set(lines["id"].to_list())
    lines = lines.with_columns(
        pl.when(pl.col("induk_urutan").is_not_null() & pl.col("_induk").is_in(known))
        .then(pl.col("_induk"))
        .otherwise(pl.col("kode_kecamatan"))
        .alias("induk"),
        pl.format("{}, baris {}", pl.col("nama_file").fill_null("–"), pl.col("sumber_baris").fill_null(0)).alias("sumber"),
    )
    nodes = lines.select(
        "id",
        "induk",
        pl.col("nama").fill_null("(tanpa nama)"),
        labels.kolom("tingkat", labels.TINGKAT_ANGGARAN).alias("tingkat"),
        "kecamatan",
        pl.col("pagu_cabang").alias("pagu"),
        pl.col("realisasi_cabang").alias("realisasi"),
        pl.col("serapan_cabang").alias("serapan"),
        pl.col("pagu").alias("pagu_tertulis"),
        "sumber",
    )
    tops = lines.filter(pl.col("induk") == pl.col("kode_kecamatan"))
    kecamatan = []
    for (kode, kab, kec), part in tops.group_by("kode_kecamatan", "kabupaten_label", "kecamatan", maintain_order=True):
        pagu, realisasi, pagu_real = _jumlah(part)
        files = sorted({f for f in part["nama_file"].to_list() if f})
        kecamatan.append(
            {
                "id": kode,
                "induk": AKAR if several else "",
                "nama": f"{kec} ({kab})" if several else f"Kecamatan {kec}",
                "tingkat": "Kecamatan",
                "kecamatan": kec,
                "pagu": pagu,
                "realisasi": realisasi,
                "serapan": rules.serapan(pagu_real, realisasi),
                "pagu_tertulis": None,
                "sumber": "; ".join(files),
            }
        )
    top = pl.DataFrame(kecamatan, schema=nodes.schema)
    parts = [top, nodes]
    if several:
        pagu, realisasi, pagu_real = _jumlah(top.rename({"pagu": "pagu_cabang", "realisasi": "realisasi_cabang"}))
        root = {
            "id": AKAR,
            "induk": "",
            "nama": wilayah,
            "tingkat": "Wilayah",
            "kecamatan": None,
            "pagu": pagu,
            "realisasi": realisasi,
            "serapan": rules.serapan(pagu_real, realisasi),
            "pagu_tertulis": None,
            "sumber": "",
        }
        parts.insert(0, pl.DataFrame([root], schema=nodes.schema))
    return pl.concat(parts)


def _jumlah(part: pl.DataFrame) -> tuple[float, float | None, float | None]:
    """(pagu, realisasi, the pagu of the boxes that report realisasi) of sibling boxes: penyerapan
    is counted over the boxes that report realisasi, as the Profil headline does."""
    pagu = float(part["pagu_cabang"].fill_null(0).sum())
    reported = part.filter(pl.col("realisasi_cabang").is_not_null())
    if reported.height == 0:
        return pagu, None, None
    return pagu, float(reported["realisasi_cabang"].sum()), float(reported["pagu_cabang"].fill_null(0).sum())


def dipilih(event: Any) -> str | None:
    """The id of the box a click chose (st.plotly_chart's selection), None for none or the top."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return None
    if not points:
        return None
    chosen = points[-1].get("id")
    return chosen if isinstance(chosen, str) and chosen != AKAR else None


def cabang(nodes: pl.DataFrame, node_id: str | None) -> pl.DataFrame:
    """The box `node_id` and every box below it (all boxes for None), in the nodes' order."""
    if node_id is None:
        return nodes
    below = {node_id}
    parents = dict(zip(nodes["id"].to_list(), nodes["induk"].to_list()))
    for child in parents:
        chain, seen = child, set()
        while chain and chain not in below and chain not in seen:
            seen.add(chain)
            chain = parents.get(chain)
        if chain in below:
            below.update(seen)
    return nodes.filter(pl.col("id").is_in(below))


def baris_cabang(df: pl.DataFrame, nodes: pl.DataFrame, node_id: str | None) -> pl.DataFrame:
    """Rows of a query with kode_kecamatan, dokumen_id and urutan (anggaran_pohon, anggaran_rincian)
    that are boxes in the branch of `node_id` among `nodes` (every row for None)."""
    if node_id is None:
        return df
    keep = cabang(nodes, node_id)["id"].to_list()
    return df.filter(pl.format("{}/{}/{}", "kode_kecamatan", "dokumen_id", "urutan").is_in(keep))


def nama(nodes: pl.DataFrame, node_id: str | None) -> str | None:
    """The name of a box."""
    if node_id is None:
        return None
    hit = nodes.filter(pl.col("id") == node_id)
    return hit["nama"][0] if hit.height else None


def _label(nama: str, n: int = 28) -> str:
    return "<br>".join(textwrap.wrap(nama, n, break_long_words=False)[:3]) or nama


def _hover(r: dict[str, Any]) -> str:
    lines = [f"<b>{_html(r['nama'])}</b>", _html(r["tingkat"] or "")]
    lines.append(f"Pagu: {fmt.rupiah_ringkas(r['pagu'])} ({fmt.rupiah(r['pagu'])})")
    if r["pagu_tertulis"] is not None and r["pagu"] is not None and abs(r["pagu_tertulis"] - r["pagu"]) >= 0.5:
        lines.append(f"Pagu tertulis di baris ini: {fmt.rupiah(r['pagu_tertulis'])}")
    lines.append(
        f"Realisasi: {fmt.rupiah_ringkas(r['realisasi'])} ({fmt.rupiah(r['realisasi'])})"
        if r["realisasi"] is not None
        else "Realisasi: belum dilaporkan"
    )
    lines.append(f"Penyerapan: {fmt.persen(r['serapan'])}")
    if r["sumber"]:
        lines.append(f"Sumber: {_html(r['sumber'])}")
    return "<br>".join(lines)


def _html(text: str) -> str:
    """Document text inside plotly's hover HTML: as text, never markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def treemap(nodes: pl.DataFrame, judul: str, kedalaman: int = 3) -> go.Figure:
    """The plotly treemap of `nodes` (from simpul): `kedalaman` levels at a time; a click on a
    box shows it with what lies below."""
    rows = list(nodes.iter_rows(named=True))
    colours = [warna(r["serapan"]) for r in rows]
    fig = go.Figure(
        go.Treemap(
            ids=[r["id"] for r in rows],
            parents=[r["induk"] for r in rows],
            labels=[_label(_html(r["nama"])) for r in rows],
            values=[r["pagu"] or 0.0 for r in rows],
            branchvalues="total",
            maxdepth=kedalaman,
            marker={
                "colors": colours,
                "line": {"color": "#ffffff", "width": 1.5},
                "pattern": {
                    "shape": ["/" if r["serapan"] is None else "" for r in rows],
                    "fgcolor": "#9a9a9a",
                    "size": 8,
                    "solidity": 0.15,
                },
            },
            customdata=[[_hover(r), fmt.rupiah_ringkas(r["pagu"]), fmt.persen(r["serapan"])] for r in rows],
            texttemplate="%{label}<br>%{customdata[1]} · %{customdata[2]}",
            hovertemplate="%{customdata[0]}<extra></extra>",
            pathbar={"visible": True, "textfont": {"size": 13}},
            textfont={"family": charts.FONT, "size": 13, "color": [fmt.warna_teks(c) for c in colours]},
            tiling={"pad": 2},
            sort=True,
            root={"color": "#ffffff"},
        )
    )
    # the colour key: an invisible point that only carries the colour bar
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            hoverinfo="skip",
            showlegend=False,
            marker={
                "colorscale": [list(s) for s in SKALA],
                "cmin": SERAPAN_MIN,
                "cmax": SERAPAN_MAKS,
                "color": [SERAPAN_MIN],
                "showscale": True,
                # below the boxes, across: on a phone a bar beside them would take a quarter of the width
                "colorbar": {
                    "title": {"text": "Penyerapan (%)", "side": "top"},
                    "tickvals": [50, 60, 70, 80, 90, 100],
                    "ticktext": ["≤ 50", "60", "70", "80", "90", "100"],
                    "orientation": "h",
                    "x": 0.02,
                    "xanchor": "left",
                    "y": -0.03,
                    "yanchor": "top",
                    "thickness": 12,
                    "len": 300,
                    "lenmode": "pixels",
                },
            },
        )
    )
    fig.update_layout(
        # the region and year as a subtitle: a title does not wrap, and on a phone one line is cut
        title={
            "text": _html(judul.split(" — ", 1)[0]),
            "subtitle": {"text": _html(judul.split(" — ", 1)[1]) if " — " in judul else "", "font": {"size": 13}},
            "x": 0,
            "xanchor": "left",
            "y": 0.985,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 16},
        },
        separators=",.",  # Indonesian: decimal comma, thousands dot
        height=TINGGI,
        margin={"l": 4, "r": 4, "t": 78, "b": 64},  # the title and its subtitle above the path bar
        font={"family": charts.FONT, "color": "#222222"},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        xaxis={"visible": False},
        yaxis={"visible": False},
        hoverlabel={"bgcolor": "#ffffff", "font": {"size": 13, "family": charts.FONT}, "align": "left"},
    )
    return fig


# --- for a report: the same tree as a Vega treemap, rendered offline by vl-convert ---------------


def vega(nodes: pl.DataFrame, judul: str, catatan: Sequence[str] = ()) -> dict[str, Any]:
    """A Vega spec of the tree at the print width (charts.LEBAR px = 16 cm; font sizes in points
    as charts states them): every level nested, a parent's name in a strip along its top, a leaf's
    name and pagu inside it when there is room."""
    rows = [
        {
            "id": r["id"],
            "induk": r["induk"] or None,
            "nama": r["nama"],
            # Vega sums a node's own value and its children's: a leaf carries its size, a parent
            # only what is not drawn inside it
            "sendiri": 0.0,
            "pagu": r["pagu"] or 0.0,
            "serapan": r["serapan"],
            "teks": fmt.rupiah_ringkas(r["pagu"]),
        }
        for r in nodes.iter_rows(named=True)
    ]
    if not rows:
        rows = [{"id": AKAR, "induk": None, "nama": "", "sendiri": 0.0, "pagu": 0.0, "serapan": None, "teks": ""}]
    children: dict[str, float] = {}
    for r in rows:
        if r["induk"]:
            children[r["induk"]] = children.get(r["induk"], 0.0) + r["pagu"]
    for r in rows:
        r["sendiri"] = max(r["pagu"] - children.get(r["id"], 0.0), 0.0)
    inner = charts.LEBAR - 2 * charts.PADDING_PX
    strip = round(charts.px(charts.FONT_PT_LABEL) * 1.5)
    fs_label = charts.px(charts.FONT_PT_LABEL)
    width_of = "datum.x1 - datum.x0"
    height_of = "datum.y1 - datum.y0"
    fill = {
        "signal": f"datum.serapan == null ? '{TANPA_REALISASI}' : scale('warna', datum.serapan)",
    }
    return {
        "$schema": "https://vega.github.io/schema/vega/v5.json",
        "width": inner,
        "height": TINGGI_CETAK,
        "padding": charts.PADDING_PX,
        "background": "white",
        "autosize": {"type": "pad"},
        "title": {
            "text": textwrap.wrap(judul, charts._chars(inner, charts.FONT_PT_JUDUL)),
            "subtitle": [
                line
                for text in (
                    "Ukuran petak: pagu; warna: penyerapan (realisasi ÷ pagu); abu-abu: realisasi belum dilaporkan",
                    *catatan,
                )
                for line in textwrap.wrap(text, charts._chars(inner, charts.FONT_PT_SUBJUDUL))
            ],
            "anchor": "start",
            "fontSize": charts.px(charts.FONT_PT_JUDUL),
            "subtitleFontSize": charts.px(charts.FONT_PT_SUBJUDUL),
            "font": charts.FONT,
            "subtitleFont": charts.FONT,
            "offset": 8,
        },
        "data": [
            {
                "name": "pohon",
                "values": rows,
                "transform": [
                    {"type": "stratify", "key": "id", "parentKey": "induk"},
                    {
                        "type": "treemap",
                        "field": "sendiri",
                        "sort": {"field": "value", "order": "descending"},
                        "round": True,
                        "method": "squarify",
                        "ratio": 1.4,
                        "paddingInner": 2,
                        "paddingTop": strip,
                        "size": [{"signal": "width"}, {"signal": "height"}],
                    },
                ],
            },
            {"name": "induk", "source": "pohon", "transform": [{"type": "filter", "expr": "datum.children && datum.depth > 0"}]},
            {
                "name": "daun",
                "source": "pohon",
                "transform": [{"type": "filter", "expr": "!datum.children && datum.x1 > datum.x0 && datum.y1 > datum.y0"}],
            },
        ],
        "scales": [
            {
                "name": "warna",
                "type": "linear",
                "domain": [SERAPAN_MIN, SERAPAN_MAKS],
                "range": [c for _, c in SKALA],
                "clamp": True,
                "zero": False,
            }
        ],
        "legends": [
            {
                "fill": "warna",
                "type": "gradient",
                "orient": "bottom",
                "direction": "horizontal",
                "title": "Penyerapan (%)",
                "values": [50, 60, 70, 80, 90, 100],
                "encode": {"labels": {"update": {"text": {"signal": "datum.value <= 50 ? '≤ 50' : datum.label"}}}},
                "gradientLength": 260,
                "labelFontSize": charts.px(charts.FONT_PT_SUMBU),
                "titleFontSize": charts.px(charts.FONT_PT_SUMBU),
                "labelFont": charts.FONT,
                "titleFont": charts.FONT,
            }
        ],
        "marks": [
            {
                "type": "rect",
                "from": {"data": "induk"},
                "encode": {
                    "enter": {
                        "x": {"field": "x0"},
                        "y": {"field": "y0"},
                        "x2": {"field": "x1"},
                        "y2": {"field": "y1"},
                        "fill": fill,
                        "fillOpacity": {"value": 0.35},
                        "stroke": {"value": "#ffffff"},
                        "strokeWidth": {"value": 1},
                    }
                },
            },
            {
                "type": "rect",
                "from": {"data": "daun"},
                "encode": {
                    "enter": {
                        "x": {"field": "x0"},
                        "y": {"field": "y0"},
                        "x2": {"field": "x1"},
                        "y2": {"field": "y1"},
                        "fill": fill,
                        "stroke": {"value": "#ffffff"},
                        "strokeWidth": {"value": 1},
                    }
                },
            },
            {
                "type": "text",
                "from": {"data": "induk"},
                "encode": {
                    "enter": {
                        "x": {"signal": "datum.x0 + 3"},
                        "y": {"signal": "datum.y0 + 2"},
                        "baseline": {"value": "top"},
                        # a box too small for a label gets none (a limit of 0 would mean no limit)
                        "text": {
                            "signal": f"{width_of} > 40 && {height_of} > {strip + 2} ? datum.nama + ' · ' + datum.teks : ''"
                        },
                        "limit": {"signal": f"max(1, {width_of} - 6)"},
                        "fontSize": {"value": fs_label},
                        "fontWeight": {"value": "bold"},
                        "font": {"value": charts.FONT},
                        "fill": {"value": "#111111"},
                    }
                },
            },
            {
                "type": "text",
                "from": {"data": "daun"},
                "encode": {
                    "enter": {
                        "x": {"signal": "datum.x0 + 3"},
                        "y": {"signal": "datum.y0 + 3"},
                        "baseline": {"value": "top"},
                        "text": {
                            "signal": f"{width_of} > 36 && {height_of} > {round(fs_label * 2.6)} ? [datum.nama, datum.teks] : ''"
                        },
                        "lineHeight": {"value": fs_label * 1.2},
                        "limit": {"signal": f"max(1, {width_of} - 6)"},
                        "fontSize": {"value": fs_label},
                        "font": {"value": charts.FONT},
                        "fill": {
                            "signal": "datum.serapan != null && datum.serapan > 80 ? '#ffffff' : '#111111'",
                        },
                    }
                },
            },
        ],
    }


def sumber(nodes: pl.DataFrame) -> list[str]:
    """The footnote line naming the source documents of the boxes."""
    files = sorted({f.split(", baris")[0] for f in nodes["sumber"].to_list() if f for f in f.split("; ")})
    return charts.sumber_catatan(files)


def png(nodes: pl.DataFrame, judul: str, scale: float = export.PNG_SCALE) -> bytes:
    """The printed treemap as a PNG that prints 16 cm wide (its pHYs says so), like every chart."""
    image = bytes(vlc.vega_to_png(vega(nodes, judul, sumber(nodes)), scale=scale))
    width, _ = export._png_size(image)
    return export._with_ppi(image, export.png_ppi(width, scale))


def svg(nodes: pl.DataFrame, judul: str) -> bytes:
    return vlc.vega_to_svg(vega(nodes, judul, sumber(nodes))).encode("utf-8")
