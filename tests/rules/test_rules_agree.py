"""The Python, polars and SQL (DuckDB) forms of the shared rules agree (docs/domain.md §1.2, §1.5,
§2.3, §3), and every SQL copy in etl/schema.sql and queries/*.sql is the canonical form of
etl.rules (so agreeing with it means agreeing with them)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import analisis
from etl import rules
from etl.load import schema_sql

ROOT = Path(__file__).resolve().parents[2]
SQL_FILES = [*sorted((ROOT / "queries").glob("*.sql")), ROOT / "etl" / "schema.sql"]

amount = st.one_of(st.none(), st.just(0.0), st.floats(min_value=-1e3, max_value=1e13, allow_nan=False))
measure = st.one_of(st.none(), st.just(0.0), st.floats(min_value=-1e4, max_value=1e6, allow_nan=False))
score = st.one_of(st.none(), st.floats(min_value=0.0, max_value=120.0, allow_nan=False))
pct = st.floats(min_value=-500.0, max_value=1000.0, allow_nan=False)


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute(schema_sql())  # the views' macros
    return c


def _sql(con: duckdb.DuckDBPyConnection, expr: str, **values: float | None) -> float | None:
    cols = ", ".join(f"?::double as {name}" for name in values)
    row = con.execute(f"select {expr} from (select {cols})", list(values.values())).fetchone()
    assert row is not None
    return row[0]


def _polars(expr: pl.Expr, **values: float | None) -> float | None:
    frame = pl.DataFrame({k: [v] for k, v in values.items()}, schema={k: pl.Float64 for k in values})
    return frame.select(expr.alias("x"))["x"][0]


def _same(*values: float | None) -> bool:
    first = values[0]
    if first is None:
        return all(v is None for v in values)
    return all(v is not None and v == pytest.approx(first, rel=1e-12, abs=1e-9) for v in values)


@settings(max_examples=150, deadline=None)
@given(pagu=amount, realisasi=amount)
def test_serapan_agrees(con: duckdb.DuckDBPyConnection, pagu: float | None, realisasi: float | None) -> None:
    py = rules.serapan(pagu, realisasi)
    pol = _polars(analisis.serapan_expr(pl.col("pagu"), pl.col("realisasi")), pagu=pagu, realisasi=realisasi)
    sql = _sql(con, rules.sql(rules.SQL_SERAPAN, pagu="pagu", realisasi="realisasi"), pagu=pagu, realisasi=realisasi)
    assert _same(py, pol, sql), (py, pol, sql)


@settings(max_examples=150, deadline=None)
@given(nilai=score)
def test_ikm_rescaling_agrees(con: duckdb.DuckDBPyConnection, nilai: float | None) -> None:
    # the Python form (the review's) and the views' stored skor.nilai_skala (the pages'): no polars copy
    py = None if nilai is None else rules.ikm_to_nik(nilai)
    sql = _sql(con, rules.sql(rules.SQL_IKM_NIK, nilai="nilai"), nilai=nilai)
    stored = _sql(con, "nilai_skala('IKM', nilai)", nilai=nilai)
    other = _sql(con, "nilai_skala('SAKIP', nilai)", nilai=nilai)
    assert _same(py, sql, stored), (py, sql, stored)
    assert _same(nilai, other), (nilai, other)


@settings(max_examples=150, deadline=None)
@given(target=measure, realisasi=measure)
def test_capaian_agrees(con: duckdb.DuckDBPyConnection, target: float | None, realisasi: float | None) -> None:
    # the Python form (ETL, review) and the views' macro capaian_persen (the stored columns the pages
    # read); no polars copy: no page computes a capaian
    for formula, form in ((rules.FORMULA_POSITIVE, rules.SQL_CAPAIAN_POSITIF), (rules.FORMULA_NEG_2T, rules.SQL_CAPAIAN_NEG_2T)):
        py = rules.capaian(target, realisasi, formula)
        sql = _sql(con, rules.sql(form, target="target", realisasi="realisasi"), target=target, realisasi=realisasi)
        stored = _sql(con, f"capaian_persen(target, realisasi, '{formula}')", target=target, realisasi=realisasi)
        assert _same(py, sql, stored), (formula, py, sql, stored)
    for formula in (rules.FORMULA_NEG_RATIO, rules.FORMULA_NEG_DIFF):
        py = rules.capaian(target, realisasi, formula)
        stored = _sql(con, f"capaian_persen(target, realisasi, '{formula}')", target=target, realisasi=realisasi)
        assert _same(py, stored), (formula, py, stored)


@settings(max_examples=100, deadline=None)
@given(values=st.lists(pct, min_size=1, max_size=12))
def test_clamped_mean_agrees(con: duckdb.DuckDBPyConnection, values: list[float]) -> None:
    py = rules.rata_rata_capaian(values).nilai
    pol = pl.DataFrame({"capaian": values}).select(analisis.capaian_dibatasi_expr(pl.col("capaian")).mean())["capaian"][0]
    expr = rules.sql(rules.SQL_CAPAIAN_DIBATASI, capaian="capaian")
    row = con.execute(f"select avg({expr}) from (select unnest(?::double[]) as capaian)", [values]).fetchone()
    assert row is not None
    assert _same(py, pol, row[0]), (py, pol, row[0])


def test_the_page_table_uses_the_polars_forms() -> None:
    # a kecamatan whose programs report realisasi 0: serapan 0 %, not '–'; one with pagu 0: '–', not inf
    program = pl.DataFrame(
        {
            "kabupaten": ["K", "K", "K"],
            "kecamatan": ["A", "B", "C"],
            "tahun": [2024] * 3,
            "pagu": [100.0, 0.0, 50.0],
            "realisasi": [0.0, 10.0, None],
        }
    )
    empty = pl.DataFrame(schema={"kabupaten": pl.String, "kecamatan": pl.String, "tahun": pl.Int64})
    skor = empty.with_columns(
        pl.lit(None, pl.String).alias("jenis"),
        pl.lit(None, pl.Float64).alias("nilai"),
        pl.lit(None, pl.String).alias("kategori"),
        pl.lit(None, pl.Float64).alias("target"),
        pl.lit(None, pl.String).alias("predikat"),
        pl.lit(None, pl.String).alias("sumber_predikat"),
        pl.lit(None, pl.Float64).alias("nilai_skala"),
    )
    capaian = empty.with_columns(pl.lit(None, pl.Float64).alias("capaian"))
    table = analisis.tabel_kecamatan(skor, capaian, program, 2024)
    serapan = dict(zip(table["Kecamatan"], table["Serapan (%)"]))
    assert serapan == {"A": 0.0, "B": None, "C": None}
    ranked = analisis.nilai_metrik("Penyerapan anggaran", skor, program.with_columns(pl.lit("f").alias("nama_file")))
    assert dict(zip(ranked["kecamatan"], ranked["nilai"])) == {"A": 0.0, "B": None}


# --- every SQL copy is the canonical form ------------------------------------------------------

_DIVISION_BY_PAGU = re.compile(r"([\w.]+)\s*/\s*([\w.]*pagu[\w.]*)\s*\*\s*100", re.IGNORECASE)
_TIMES_25 = re.compile(r"([\w.]+)\s*\*\s*25\b")


def _flat(text: str) -> str:
    no_comments = "\n".join(line.split("--", 1)[0] for line in text.splitlines())
    return " ".join(no_comments.lower().split())


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_sql_copies_are_the_canonical_forms(path: Path) -> None:
    text = _flat(path.read_text(encoding="utf-8"))
    for m in _DIVISION_BY_PAGU.finditer(text):
        realisasi, pagu = m.group(1), m.group(2)
        assert rules.sql(rules.SQL_SERAPAN, pagu=pagu, realisasi=realisasi) in text, (
            f"{path.name}: serapan written as {m.group(0)!r}; use etl.rules.SQL_SERAPAN"
        )
    for m in _TIMES_25.finditer(text):
        assert rules.sql(rules.SQL_IKM_NIK, nilai=m.group(1)) in text, (
            f"{path.name}: IKM rescaled as {m.group(0)!r}; use etl.rules.SQL_IKM_NIK"
        )


def test_the_copies_exist_where_the_sql_computes_them() -> None:
    # the known places today: the views' IKM scale (skor.nilai_skala, which the benchmark and the
    # pages read) and the serapan macro that every view and query reads its serapan from
    schema = _flat((ROOT / "etl" / "schema.sql").read_text())
    assert (
        "macro nilai_skala(jenis, nilai) as case when jenis = 'ikm' then " + rules.sql(rules.SQL_IKM_NIK, nilai="nilai") in schema
    )
    assert "nilai_skala as nilai" in _flat((ROOT / "queries" / "pembanding_perangkat_daerah.sql").read_text())
    assert (
        "macro serapan_persen(pagu, realisasi) as " + rules.sql(rules.SQL_SERAPAN, pagu="pagu", realisasi="realisasi") in schema
    )
