"""Which observation wins, once (docs/domain.md §5): the agreement version in force for a year,
unit and indicator is the PK Perubahan where one exists, else the PK. The views' column
target_kinerja.berlaku (the pages' targets) and etl.rules.versi_berlaku (the review's
lintas_target_pk) agree on every mix of versions."""

from __future__ import annotations

from datetime import datetime

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from etl import materialise, rules
from etl.load import schema_sql

row = st.tuples(
    st.sampled_from(["Kecamatan", "Seksi A"]), st.sampled_from(["x", "y"]), st.sampled_from(["PK", "PK_PERUBAHAN", None])
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(row, min_size=1, max_size=8))
def test_view_and_python_choose_the_same_version(rows: list[tuple[str, str, str | None]]) -> None:
    con = duckdb.connect()
    con.execute(schema_sql())
    for n, doc in enumerate(("d1", "d2")):
        con.execute(
            "insert into core_dokumen (dokumen_id, nama_file, sha256, jenis, kabupaten, kecamatan, tahun, dimuat_pada)"
            " values (?, ?, 's', 'PK', 'K', 'A', 2024, ?)",
            [doc, f"{doc}.txt", datetime(2024, 1, 1 + n)],
        )
    for k, (unit, ind, versi) in enumerate(rows):
        con.execute(
            "insert into core_target (dokumen_id, urutan, jenis_pk, bagian, unit_kerja, indikator, target, sumber_baris)"
            " values (?, ?, ?, 'perjanjian', ?, ?, 1, ?)",
            [("d1", "d2")[k % 2], k, versi, unit, ind, k],
        )
    materialise.rebuild_all(con, schema_sql())  # rows written past the loader: the views' tables built from them
    got = con.execute("select unit_kerja, indikator, jenis_pk, berlaku from target_kinerja").fetchall()
    for unit, ind, versi, berlaku in got:
        versions = [v for u, i, v in rows if (u, i) == (unit, ind)]
        if versi is None:
            assert berlaku is None
        else:
            assert berlaku == (rules.versi_berlaku(versions) == versi), (unit, ind, versi, versions)


def test_versi_berlaku_edges() -> None:
    assert rules.versi_berlaku(["PK", "PK_PERUBAHAN", "PK"]) == "PK_PERUBAHAN"
    assert rules.versi_berlaku(["PK"]) == "PK"
    assert rules.versi_berlaku([None]) is None
