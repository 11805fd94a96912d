"""Charts as pure functions: DataFrame in, Altair chart out. No Streamlit here.

Every chart carries a title, axis titles with units, Indonesian number formats (a Vega-Lite format
locale: 1.250.000 · 87,50), a footnote naming the source documents, one palette (Okabe–Ito) and
the predicate colours of the domain scales. Series differ by shape and dash as well as colour, so a
greyscale print stays readable.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import polars as pl

import etl.rules as rules
from dashboard import format as fmt

WIDTH = 620
HEIGHT = 320
FONT = "Helvetica, Arial, sans-serif"
FMT_SKOR = ",.2f"
FMT_PERSEN = ",.2f"
FMT_RUPIAH = "$,.0f"


def _pendek(column: str, n: int) -> pl.Expr:
    """A label cut to n characters for a chart, with "…" where it was cut (never a cut word alone)."""
    col = pl.col(column)
    return pl.when(col.str.len_chars() > n).then(col.str.slice(0, n - 1).str.strip_chars_end() + "…").otherwise(col)


def sumber_catatan(files: Sequence[str | None], extra: str | None = None) -> list[str]:
    """Footnote lines: 'Sumber: a.txt; b.pdf' (+ an optional note such as a convention)."""
    names = sorted({f for f in files if f})
    lines = ["Sumber: " + ("; ".join(names) if names else "basis data kinerja kecamatan")]
    if extra:
        lines.append(extra)
    return lines


def _finish(chart: alt.TopLevelMixin, title: str, subtitle: str | None, footnote: list[str]) -> alt.VConcatChart:
    foot = (
        alt.Chart(pl.DataFrame({"baris": list(range(len(footnote))), "teks": footnote}))
        .mark_text(align="left", baseline="top", fontSize=10, color="#333333", font=FONT)
        .encode(x=alt.value(0), y=alt.Y("baris:O", axis=None), text="teks:N")
        .properties(width=WIDTH, height=14 * len(footnote))
    )
    top = alt.vconcat(
        chart,  # type: ignore[arg-type]
        foot,
        spacing=8,
        title=alt.TitleParams(text=title, subtitle=subtitle or "", anchor="start", fontSize=15, font=FONT),
    )
    return (
        top.configure(locale={"number": fmt.D3_LOCALE}, font=FONT, background="white")
        .configure_range(category=list(fmt.PALETTE))
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11)
        .configure_legend(orient="bottom", labelFontSize=11, titleFontSize=11)
    )


def _frame(df: pl.DataFrame) -> pl.DataFrame:
    # Altair serialises plain values; decimals and dates as text would break the spec.
    return df.with_columns(pl.col(pl.Decimal).cast(pl.Float64)) if df.width else df


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


def tren_skor(df: pl.DataFrame, jenis: str, dengan_proyeksi: bool = False, galat: pl.DataFrame | None = None) -> alt.VConcatChart:
    """Realisasi (solid, filled marks) against target (dashed, open marks) per kecamatan and year.

    `df`: rows of query 'skor_tren' for one `jenis`. Adds the Renstra end target (star), a rule
    where the SAKIP method changed (domain.md §2.2) and, on request, a labelled projection.
    `galat`: rows of findings; a realisasi whose source line has an error gets a red ring.
    """
    nama = fmt.NAMA_SKOR.get(jenis, jenis)
    d = _frame(df.filter(pl.col("jenis") == jenis)).sort("kecamatan", "tahun")
    series = []
    for row in d.iter_rows(named=True):
        if row["nilai"] is not None:
            series.append({"kecamatan": row["kecamatan"], "tahun": row["tahun"], "nilai": row["nilai"], "seri": "Realisasi"})
        if row["target"] is not None:
            series.append({"kecamatan": row["kecamatan"], "tahun": row["tahun"], "nilai": row["target"], "seri": "Target"})
    pts = pl.DataFrame(series, schema={"kecamatan": pl.String, "tahun": pl.Int64, "nilai": pl.Float64, "seri": pl.String})
    years = pts["tahun"].to_list() or [0]
    x = alt.X("tahun:Q", title="Tahun", axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(nice=False, padding=20))
    y = alt.Y("nilai:Q", title=f"{nama} (angka)", scale=alt.Scale(zero=False), axis=alt.Axis(format=FMT_SKOR))
    base = alt.Chart(pts).encode(
        x=x,
        y=y,
        color=alt.Color("kecamatan:N", title="Kecamatan"),
        strokeDash=alt.StrokeDash(
            "seri:N",
            title="Seri",
            legend=alt.Legend(symbolType="stroke", symbolStrokeColor="#000000"),
            scale=alt.Scale(domain=["Realisasi", "Target"], range=[[1, 0], [6, 4]]),
        ),
        tooltip=[
            alt.Tooltip("kecamatan:N", title="Kecamatan"),
            alt.Tooltip("tahun:Q", title="Tahun", format="d"),
            alt.Tooltip("seri:N", title="Seri"),
            alt.Tooltip("nilai:Q", title=nama, format=FMT_SKOR),
        ],
    )
    layers: list[alt.Chart] = [
        base.mark_line(strokeWidth=2),
        base.mark_point(size=70, strokeWidth=2).encode(
            shape=alt.Shape("kecamatan:N", title="Kecamatan", scale=alt.Scale(range=list(fmt.SHAPES))),
            fill=alt.condition(alt.datum.seri == "Realisasi", alt.Color("kecamatan:N"), alt.value("white")),
        ),
        base.transform_filter(alt.datum.seri == "Realisasi")
        .mark_text(dy=-12, fontSize=10)
        .encode(text=alt.Text("nilai:Q", format=FMT_SKOR)),
    ]
    notes = []
    end = d.filter(pl.col("target_akhir").is_not_null() & pl.col("renstra_akhir").is_not_null())
    if end.height:
        ends = (
            end.group_by("kecamatan")
            .agg(pl.col("target_akhir").last(), pl.col("renstra_akhir").last())
            .rename({"target_akhir": "nilai", "renstra_akhir": "tahun"})
        )
        layers.append(
            alt.Chart(ends)
            .mark_point(shape="diamond", size=140, filled=True, color="#000000")
            .encode(
                x="tahun:Q",
                y="nilai:Q",
                tooltip=[alt.Tooltip("kecamatan:N"), alt.Tooltip("nilai:Q", title="Target akhir Renstra", format=FMT_SKOR)],
            )
        )
        layers.append(
            alt.Chart(ends).mark_text(dy=14, fontSize=10).encode(x="tahun:Q", y="nilai:Q", text=alt.value("target akhir Renstra"))
        )
        years += ends["tahun"].to_list()
        if dengan_proyeksi:
            for kec in d["kecamatan"].unique().to_list():
                rows = d.filter((pl.col("kecamatan") == kec) & pl.col("nilai").is_not_null())
                akhir = end.filter(pl.col("kecamatan") == kec)["renstra_akhir"].max()
                line = proyeksi(rows["tahun"].to_list(), rows["nilai"].to_list(), int(akhir)) if akhir else []  # type: ignore[arg-type]
                if line:
                    proj = pl.DataFrame(
                        {"tahun": [t for t, _ in line], "nilai": [v for _, v in line], "kecamatan": [kec] * len(line)}
                    )
                    layers.append(
                        alt.Chart(proj)
                        .mark_line(strokeDash=[2, 3], color="#666666", strokeWidth=1.5)
                        .encode(x="tahun:Q", y="nilai:Q")
                    )
                    layers.append(
                        alt.Chart(proj.tail(1))
                        .mark_text(dx=6, align="left", fontSize=10, color="#444444")
                        .encode(x="tahun:Q", y="nilai:Q", text=alt.value("proyeksi"))
                    )
            notes.append("Garis titik-titik abu-abu: PROYEKSI tren garis lurus dari realisasi, bukan data dokumen.")
    if jenis == "SAKIP" and min(years) < rules.SAKIP_METHOD_CHANGE_YEAR <= max(years):
        change = pl.DataFrame({"tahun": [rules.SAKIP_METHOD_CHANGE_YEAR - 0.5]})
        layers.append(alt.Chart(change).mark_rule(strokeDash=[4, 4], color="#555555").encode(x="tahun:Q"))
        layers.append(
            alt.Chart(change)
            .mark_text(align="left", dx=4, dy=-4, fontSize=10, color="#555555", baseline="bottom")
            .encode(x="tahun:Q", y=alt.value(0), text=alt.value("metode evaluasi SAKIP berubah"))
        )
        notes.append(
            f"Evaluasi SAKIP sebelum {rules.SAKIP_METHOD_CHANGE_YEAR} memakai PermenPANRB 12/2015 (5 komponen), "
            "sesudahnya PermenPANRB 88/2021 (4 komponen): bandingkan dengan hati-hati."
        )
    if galat is not None and galat.height:
        keys = galat.select(pl.col("dokumen_id").cast(pl.String), pl.col("sumber_baris").cast(pl.Int64)).unique()
        marks = d.with_columns(pl.col("sumber_baris").cast(pl.Int64)).join(keys, on=["dokumen_id", "sumber_baris"], how="semi")
        if marks.height:
            layers.append(
                alt.Chart(marks.select("tahun", "nilai", "kecamatan"))
                .mark_point(shape="circle", size=380, color="#b2182b", strokeWidth=2)
                .encode(x="tahun:Q", y="nilai:Q", tooltip=[alt.Tooltip("kecamatan:N"), alt.Tooltip("nilai:Q", format=FMT_SKOR)])
            )
            notes.append("Lingkaran merah: angka dengan temuan galat hitung pada reviu data.")
    chart = alt.layer(*layers).properties(width=WIDTH, height=HEIGHT)
    files = d["nama_file"].to_list() if "nama_file" in d.columns else []
    return _finish(
        chart,
        f"Tren {nama}: realisasi dan target",
        "Garis penuh = realisasi, garis putus-putus = target PK; belah ketupat = target akhir Renstra",
        [*sumber_catatan(files), *notes],
    )


# --- Anggaran vs Capaian ------------------------------------------------------------------------

KONVENSI = {
    rules.EFFICIENCY_SELISIH: "Selisih: capaian kinerja − penyerapan anggaran (poin persen)",
    rules.EFFICIENCY_RASIO: "Rasio: capaian kinerja ÷ penyerapan anggaran",
    rules.EFFICIENCY_SERAPAN: "Penyerapan anggaran saja (%)",
}


def kuadran_efisiensi(df: pl.DataFrame, konvensi: str) -> alt.VConcatChart:
    """Quadrant: x = penyerapan anggaran (%), y = capaian kinerja (%), lines at 100.

    `df` needs kecamatan, sasaran, serapan, capaian, efisiensi (already computed under `konvensi`).
    """
    d = _frame(df).with_columns(_pendek("sasaran", 40).alias("sasaran_pendek"))
    lo = min([*d["serapan"].to_list(), *d["capaian"].to_list(), 80.0]) - 5
    hi = max([*d["serapan"].to_list(), *d["capaian"].to_list(), 110.0]) + 5
    scale = alt.Scale(domain=[lo, hi], nice=False)
    points = (
        alt.Chart(d)
        .mark_point(size=120, filled=True, strokeWidth=1.5, stroke="#000000")
        .encode(
            x=alt.X("serapan:Q", title="Penyerapan anggaran (%)", scale=scale, axis=alt.Axis(format=FMT_PERSEN)),
            y=alt.Y("capaian:Q", title="Capaian kinerja (%)", scale=scale, axis=alt.Axis(format=FMT_PERSEN)),
            color=alt.Color("kecamatan:N", title="Kecamatan"),
            shape=alt.Shape("kecamatan:N", title="Kecamatan", scale=alt.Scale(range=list(fmt.SHAPES))),
            tooltip=[
                alt.Tooltip("kecamatan:N", title="Kecamatan"),
                alt.Tooltip("sasaran:N", title="Sasaran"),
                alt.Tooltip("serapan:Q", title="Serapan (%)", format=FMT_PERSEN),
                alt.Tooltip("capaian:Q", title="Capaian (%)", format=FMT_PERSEN),
                alt.Tooltip("efisiensi:Q", title="Efisiensi", format=FMT_PERSEN),
            ],
        )
    )
    labels = points.mark_text(align="left", dx=9, fontSize=10).encode(text="sasaran_pendek:N")
    lines = pl.DataFrame({"v": [100.0]})
    rule_x = alt.Chart(lines).mark_rule(color="#555555", strokeDash=[4, 3]).encode(x=alt.X("v:Q", scale=scale))
    rule_y = alt.Chart(lines).mark_rule(color="#555555", strokeDash=[4, 3]).encode(y=alt.Y("v:Q", scale=scale))
    corner = pl.DataFrame({"x": [lo + 1], "y": [hi - 1], "t": ["kiri atas: capaian ≥ 100% dengan serapan < 100%"]})
    note = (
        alt.Chart(corner)
        .mark_text(align="left", baseline="top", fontSize=10, color="#1a7837")
        .encode(x=alt.X("x:Q", scale=scale), y=alt.Y("y:Q", scale=scale), text="t:N")
    )
    chart = alt.layer(rule_x, rule_y, note, points, labels).properties(width=WIDTH, height=HEIGHT + 60)
    return _finish(
        chart,
        "Anggaran vs Capaian per sasaran",
        f"Konvensi efisiensi: {KONVENSI[konvensi]}",
        sumber_catatan(
            d["nama_file"].to_list() if "nama_file" in d.columns else [],
            f"Konvensi: {KONVENSI[konvensi]}. Garis putus-putus di 100%.",
        ),
    )


def komposisi_anggaran(df: pl.DataFrame) -> alt.VConcatChart:
    """Pagu (light bar) and realisasi (dark bar) per program, in Rupiah."""
    d = _frame(df).with_columns(_pendek("program", 55).alias("program_pendek"))
    long = d.unpivot(
        index=["kecamatan", "program_pendek"], on=["pagu", "realisasi"], variable_name="jenis", value_name="rupiah"
    ).with_columns(pl.col("jenis").replace({"pagu": "Pagu", "realisasi": "Realisasi"}), (pl.col("rupiah") / 1e6).alias("juta"))
    chart = (
        alt.Chart(long.drop_nulls("rupiah"))
        .mark_bar()
        .encode(
            y=alt.Y("program_pendek:N", title=None, sort=None, axis=alt.Axis(labelLimit=330)),
            yOffset=alt.YOffset("jenis:N"),
            x=alt.X("juta:Q", title="Juta Rupiah", axis=alt.Axis(format=",.0f")),
            color=alt.Color("jenis:N", title=None, scale=alt.Scale(domain=["Pagu", "Realisasi"], range=["#9ecae1", "#08306b"])),
            row=alt.Row("kecamatan:N", title=None),
            tooltip=[
                alt.Tooltip("kecamatan:N", title="Kecamatan"),
                alt.Tooltip("program_pendek:N", title="Program"),
                alt.Tooltip("jenis:N", title="Jenis"),
                alt.Tooltip("rupiah:Q", title="Rupiah", format=FMT_RUPIAH),
            ],
        )
        .properties(width=WIDTH - 260)
        .resolve_scale(y="independent")
    )
    return _finish(
        chart,
        "Komposisi anggaran per program",
        "Pagu (terang) dan realisasi (gelap), dalam juta Rupiah",
        sumber_catatan(
            d["nama_file"].to_list() if "nama_file" in d.columns else [], "Jumlah dari baris paling rinci tiap program."
        ),
    )


# --- Peringkat ----------------------------------------------------------------------------------


def peringkat(df: pl.DataFrame, metrik: str, satuan: str, tahun: int) -> alt.VConcatChart:
    """Horizontal bars sorted by rank; `df` has kecamatan, kabupaten, nilai, peringkat, kategori."""
    d = (
        _frame(df)
        .drop_nulls("nilai")
        .with_columns(
            (pl.col("peringkat").cast(pl.String) + ". " + pl.col("kecamatan") + " (" + pl.col("kabupaten") + ")").alias("label")
        )
    )
    base = alt.Chart(d).encode(
        y=alt.Y("label:N", title=None, sort=alt.SortField("peringkat", order="ascending"), axis=alt.Axis(labelLimit=300)),
        x=alt.X("nilai:Q", title=f"{metrik} ({satuan})", axis=alt.Axis(format=FMT_SKOR)),
    )
    bars = base.mark_bar(color=fmt.PALETTE[0])
    text = base.mark_text(align="left", dx=4, fontSize=10).encode(text=alt.Text("nilai:Q", format=FMT_SKOR))
    chart = alt.layer(bars, text).properties(width=WIDTH - 200, height=max(60, 26 * d.height))
    return _finish(
        chart,
        f"Peringkat kecamatan: {metrik} {tahun}",
        "Nilai sama mendapat peringkat sama",
        sumber_catatan(d["nama_file"].to_list() if "nama_file" in d.columns else []),
    )


# --- Profil -------------------------------------------------------------------------------------


def komponen_skor(df: pl.DataFrame, jenis: str, files: Sequence[str] = ()) -> alt.VConcatChart:
    """Components of one score: SAKIP value against its weight; IKM unsur; kematangan levels with the
    weakest variable(s) marked (the unit's maturity level is its lowest variable, domain.md §2.4)."""
    d = _frame(df.filter((pl.col("jenis") == jenis) & (pl.col("peran") == "komponen"))).sort("urutan")
    # SAKIP components have different weights: the weakest is the lowest share of its weight.
    share = pl.col("nilai") / pl.col("bobot") if jenis == "SAKIP" else pl.col("nilai")
    d = d.with_columns(share.alias("_relatif"))
    lowest = d["_relatif"].min()
    d = d.with_columns(
        pl.when(pl.col("_relatif") == lowest).then(pl.lit("terlemah")).otherwise(pl.lit("lainnya")).alias("tanda"),
        _pendek("komponen", 50).alias("komponen_pendek"),
    )
    satuan = {"SAKIP": "nilai, bobot sebagai garis", "IKM": "nilai unsur", "KEMATANGAN": "level 1–5"}[jenis]
    y = alt.Y("komponen_pendek:N", title=None, sort=None, axis=alt.Axis(labelLimit=330))
    bars = (
        alt.Chart(d)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("nilai:Q", title=f"{fmt.NAMA_SKOR[jenis]} ({satuan})", axis=alt.Axis(format=",.2~f")),
            color=alt.Color(
                "tanda:N", title=None, scale=alt.Scale(domain=["lainnya", "terlemah"], range=[fmt.PALETTE[0], "#b2182b"])
            ),
            tooltip=[
                alt.Tooltip("komponen:N", title="Komponen"),
                alt.Tooltip("nilai:Q", title="Nilai", format=",.2f"),
                alt.Tooltip("bobot:Q", title="Bobot"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=4, fontSize=10, color="#000000").encode(
        text=alt.Text("nilai:Q", format=",.2~f"), color=alt.value("#000000")
    )
    layers = [bars, text]
    if jenis == "SAKIP":
        layers.append(alt.Chart(d).mark_tick(color="#000000", thickness=2, size=18).encode(y=y, x="bobot:Q"))
    chart = alt.layer(*layers).properties(width=WIDTH - 260, height=max(80, 24 * d.height))
    title = {
        "SAKIP": "Komponen Nilai SAKIP terhadap bobot",
        "IKM": "Unsur IKM",
        "KEMATANGAN": "Variabel kematangan perangkat daerah",
    }[jenis]
    note = (
        "Merah: komponen terlemah (nilai terendah dibanding bobotnya); garis hitam: bobot komponen."
        if jenis == "SAKIP"
        else "Merah: komponen dengan nilai terendah."
    )
    return _finish(chart, title, None, sumber_catatan(files, note))


# --- Pemantauan Triwulan ----------------------------------------------------------------------


def realisasi_kumulatif(df: pl.DataFrame, wilayah: str, tahun: int) -> alt.VConcatChart:
    """Realisation accumulated through the year per kecamatan; `df` has kecamatan, triwulan,
    kumulatif_rp and (optionally) serapan_pct."""
    d = _frame(df).with_columns(
        pl.format("TW {}", pl.col("triwulan")).alias("tw"), (pl.col("kumulatif_rp") / 1e9).alias("kumulatif_miliar")
    )
    chart = (
        alt.Chart(d)
        .mark_line(point=True)
        .encode(
            x=alt.X("tw:O", title="Triwulan", sort=["TW 1", "TW 2", "TW 3", "TW 4"]),
            y=alt.Y("kumulatif_miliar:Q", title="Realisasi kumulatif (Rp miliar)", axis=alt.Axis(format=",.1f")),
            color=alt.Color("kecamatan:N", title="Kecamatan"),
            shape=alt.Shape("kecamatan:N", title="Kecamatan", scale=alt.Scale(range=list(fmt.SHAPES))),
            tooltip=[
                alt.Tooltip("kecamatan:N", title="Kecamatan"),
                alt.Tooltip("tw:O", title="Triwulan"),
                alt.Tooltip("kumulatif_rp:Q", title="Realisasi kumulatif (Rp)", format=",.0f"),
            ],
        )
        .properties(width=WIDTH, height=280)
    )
    return _finish(
        chart,
        f"Realisasi anggaran kumulatif per triwulan, {wilayah} {tahun}",
        "Jumlah realisasi sejak TW I (laporan evaluasi Renja per triwulan)",
        ["Sumber: laporan realisasi triwulan (Permendagri 86/2017) yang dimuat"],
    )
