"""Queries and pages read what the views store (issue 13, Deliver 1): every place of one slip is
marked; predicates shown are the views' (printed first, with their source); IKM is compared on the
view's 25–100 value."""

from __future__ import annotations

import duckdb
import polars as pl

import queries

KERTANEGARA = ["Purbalingga|Kertanegara"]


def _query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    return queries.run(con, name, **params)


def test_every_place_of_a_merged_slip_is_marked(seed_con: duckdb.DuckDBPyConnection) -> None:
    # one serapan slip (85 % printed for 1.607.070.802 of 1.714.490.000) shows at 838, 905, 916 and 929
    # of the Kertanegara LKjIP: one finding, four marked places; a line a check only read is not marked
    galat = _query(seed_con, "galat_angka", wilayah=KERTANEGARA)
    serapan = galat.filter((pl.col("kode") == "serapan_persen") & (pl.col("baris_temuan") == 838))
    assert sorted(serapan["sumber_baris"].to_list()) == [838, 905, 916, 929]
    findings = seed_con.execute(
        "select count(*) from temuan where tingkat = 'galat' and kode = 'serapan_persen' and sumber_baris = 838"
    ).fetchone()
    assert findings == (1,)
    marked = set(galat["sumber_baris"].to_list())
    assert {905, 916, 929, 464, 950} <= marked  # places of merged slips, not their findings' own lines
    assert 456 not in marked  # an IKM unsur the IKM slip's check read, no place of the slip


def test_baris_slip_is_within_baris_terkait(seed_con: duckdb.DuckDBPyConnection) -> None:
    rows = seed_con.execute("select sumber_baris, baris_slip, baris_terkait from temuan").fetchall()
    assert rows
    for own, slip, terkait in rows:
        places = {int(x) for x in slip.split(",")}
        read = {int(x) for x in terkait.split(",")} if terkait else set()
        assert own in places and places <= read | {own}, (own, slip, terkait)
