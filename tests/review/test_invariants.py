"""Invariants on the loaded seeds: parts add up to their totals, or the mismatch is recorded in
`temuan` at the line of the printed total. Written against the views only, so they hold for any
database, not just for the slips we know."""

from __future__ import annotations

import duckdb

HALF_CENT = 0.005  # half a unit of the second decimal: what rounding a printed percentage explains


def _flagged(con: duckdb.DuckDBPyConnection, dokumen_id: str, line: int, *kode: str) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM temuan WHERE dokumen_id = ? AND kode IN (SELECT unnest(?))"
        " AND (sumber_baris = ? OR list_contains(string_split(baris_terkait, ', '), ?))",
        [dokumen_id, list(kode), line, str(line)],
    ).fetchone()
    return bool(rows and rows[0])


def test_every_printed_serapan_matches_its_numbers_or_is_a_finding(seed_con: duckdb.DuckDBPyConnection) -> None:
    rows = seed_con.execute(
        "SELECT dokumen_id, sumber_baris, realisasi / pagu * 100, persen_dilaporkan FROM anggaran"
        " WHERE persen_dilaporkan IS NOT NULL AND pagu > 0 AND realisasi IS NOT NULL"
    ).fetchall()
    assert len(rows) > 20
    off = [(d, line) for d, line, computed, printed in rows if abs(computed - printed) > HALF_CENT]
    assert off, "the seeds print percentages that do not match their numbers"
    for d, line in off:
        # a percentage that is off because its amount is the typo belongs to that amount's finding
        assert _flagged(seed_con, d, line, "serapan_persen", "anggaran_induk"), f"line {line}: serapan off and not reported"


def test_budget_children_add_up_to_their_parent_or_it_is_a_finding(seed_con: duckdb.DuckDBPyConnection) -> None:
    rows = seed_con.execute("SELECT dokumen_id, urutan, induk_urutan, sumber_baris, pagu FROM anggaran").fetchall()
    kids: dict[tuple[str, int], list[tuple[str, int, int | None, int, float | None]]] = {}
    for r in rows:
        if r[2] is not None:
            kids.setdefault((r[0], r[2]), []).append(r)

    def amount(r: tuple[str, int, int | None, int, float | None]) -> float:
        """A line's pagu; a heading printed without one stands for the sum of its own lines."""
        return r[4] if r[4] is not None else sum(amount(k) for k in kids.get((r[0], r[1]), []))

    checked = 0
    for r in rows:
        children = kids.get((r[0], r[1]))
        if r[4] is None or not children:
            continue
        checked += 1
        total = sum(amount(k) for k in children)
        if abs(r[4] - total) >= 1:
            assert _flagged(seed_con, r[0], r[3], "anggaran_induk"), f"line {r[3]}: {total} of {r[4]} not reported"
    assert checked > 10


def test_score_components_add_up_to_the_score_or_it_is_a_finding(seed_con: duckdb.DuckDBPyConnection) -> None:
    rows = seed_con.execute(
        """SELECT s.dokumen_id, s.sumber_baris, s.jenis, s.nilai, sum(k.nilai)
           FROM skor s JOIN komponen_skor k USING (kabupaten, kecamatan, tahun, jenis)
           WHERE k.peran = 'komponen' AND s.jenis IN ('SAKIP', 'KEMATANGAN')
           GROUP BY ALL"""
    ).fetchall()
    assert {r[2] for r in rows} == {"SAKIP", "KEMATANGAN"}
    for d, line, jenis, total, parts in rows:
        if abs(total - parts) > HALF_CENT:
            found = seed_con.execute(
                "SELECT count(*) FROM temuan WHERE dokumen_id = ? AND kunci = ?"
                " AND (kode LIKE '%jumlah' OR kode LIKE '%_sub')",  # a component that is the typo carries the total's slip
                [d, jenis],
            ).fetchone()
            assert found and found[0], f"{jenis} {parts} vs {total} (line {line}) not reported"
