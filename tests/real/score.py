"""Score what the ETL read from a real document against its hand-read answer key.

The keys live beside the documents in ``../shared/real-documents/*.json`` (third-party files,
never copied into the project). A fact is one printed number the key names: an indicator's
target (and, in an LKjIP, its realisasi and capaian), a program's pagu (and its realisasi), a
score. It counts as found when a row of the matching view names the same indicator or program
(fuzzy on the words, since wrapped cells and hyphenation differ) and holds the same number, or the
same printed text where the key has no single number (ranges, categories).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from rapidfuzz import fuzz

from etl.text import fold

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real-documents"
NAME_MIN = 80  # token-set ratio for "the same indicator/program name" across wrapping and typos


@dataclass
class Score:
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # rows of the document's own unit matching no key entry

    @property
    def share(self) -> float:
        total = len(self.found) + len(self.missed)
        return 100.0 * len(self.found) / total if total else 100.0


def key(stem: str) -> dict[str, Any]:
    return json.loads((REAL / f"{stem}.json").read_text(encoding="utf-8"))


def same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and fuzz.token_set_ratio(fold(a or ""), fold(b or "")) >= NAME_MIN


def _squash(text: str | None) -> str:
    return "".join((text or "").lower().split())


def same_value(number: Any, text: str | None, row_number: float | None, row_text: str | None) -> bool:
    if (
        isinstance(number, int | float)
        and row_number is not None
        and abs(row_number - float(number)) < 1e-6 * max(1, abs(number))
    ):
        return True
    return bool(text) and _squash(text) == _squash(row_text)


def score(con: duckdb.DuckDBPyConnection, dokumen_id: str, answer: dict[str, Any]) -> Score:
    s = Score()
    targets = con.execute(
        "SELECT indikator, target, target_teks FROM target_kinerja WHERE dokumen_id = ? AND unit_kerja IN ('Kecamatan', 'Perangkat Daerah')",
        [dokumen_id],
    ).fetchall()
    realisasi = con.execute(
        "SELECT indikator, realisasi, realisasi_teks, capaian_dilaporkan, capaian_teks FROM realisasi_kinerja"
        " WHERE dokumen_id = ? AND NOT riwayat",
        [dokumen_id],
    ).fetchall()
    budgets = con.execute(
        "SELECT nama, pagu, pagu_teks, realisasi, realisasi_teks, tahap FROM anggaran WHERE dokumen_id = ?", [dokumen_id]
    ).fetchall()
    scores = con.execute("SELECT jenis, tahun, nilai FROM skor_observasi WHERE dokumen_id = ?", [dokumen_id]).fetchall()
    lkjip = answer["jenis"] == "LKJIP"
    for ind in answer["indicators"]:
        name = ind["indikator"]
        target = ind.get("target")
        number = target if isinstance(target, int | float) else None
        ok = any(same_name(name, r[0]) and same_value(number, ind.get("target_text"), r[1], r[2]) for r in targets)
        if lkjip and not ok:  # an LKjIP prints its targets in the capaian table
            ok = any(
                same_name(name, r[0]) and same_value(number, ind.get("target_text"), *_target_of(con, dokumen_id, r[0]))
                for r in realisasi
            )
        (s.found if ok else s.missed).append(f"target {name!r} = {ind.get('target_text')!r}")
        if lkjip:
            real = ind.get("realisasi")
            real_n = real if isinstance(real, int | float) else (real or {}).get("nilai") if isinstance(real, dict) else None
            ok = any(same_name(name, r[0]) and same_value(real_n, ind.get("realisasi_text"), r[1], r[2]) for r in realisasi)
            (s.found if ok else s.missed).append(f"realisasi {name!r} = {ind.get('realisasi_text')!r}")
            cap = ind.get("capaian")
            ok = any(same_name(name, r[0]) and same_value(cap, ind.get("capaian_text"), r[3], r[4]) for r in realisasi)
            (s.found if ok else s.missed).append(f"capaian {name!r} = {ind.get('capaian_text')!r}")
    for prog in answer["programs"]:
        name = prog["program"]
        for field_, tahap in (("pagu", None), ("pagu_murni", "murni")):
            if field_ not in prog:
                continue
            ok = any(
                same_name(name, r[0]) and same_value(prog[field_], None, r[1], r[2]) and (tahap is None or r[5] == tahap)
                for r in budgets
            )
            (s.found if ok else s.missed).append(f"{field_} {name!r} = {prog.get(field_ + '_text')!r}")
        if prog.get("realisasi") is not None:
            ok = any(same_name(name, r[0]) and same_value(prog["realisasi"], None, r[3], r[4]) for r in budgets)
            (s.found if ok else s.missed).append(f"realisasi anggaran {name!r} = {prog.get('realisasi_text')!r}")
    for kind in ("ikm", "sakip", "kematangan"):
        fact = answer.get(kind)
        if not fact or "target" in str(fact.get("kind", "")):
            continue  # a score printed only as a PK target is counted with the indicators
        observed = [(fact.get("tahun"), fact.get("value"))] + [(h["tahun"], h["value"]) for h in fact.get("history", [])]
        for tahun, value in observed:
            ok = any(j == kind.upper() and t == tahun and abs(n - value) < 1e-6 for j, t, n in scores)
            (s.found if ok else s.missed).append(f"{kind} {tahun} = {value}")
    # the key's own list of the agreement's indicators, and a second PK table it documents as
    # printing other names (real-documents/009 Tabel 2.2)
    key_names = [i["indikator"] for i in answer["indicators"]] + [
        r["indikator"] for r in answer.get("pk_targets_bab2", {}).get("rows", [])
    ]
    s.extra = [r[0] for r in targets if not any(same_name(r[0], k) for k in key_names)]
    return s


def _target_of(con: duckdb.DuckDBPyConnection, dokumen_id: str, indikator: str) -> tuple[float | None, str | None]:
    row = con.execute(
        "SELECT target, target_teks FROM realisasi_kinerja WHERE dokumen_id = ? AND indikator = ? AND NOT riwayat LIMIT 1",
        [dokumen_id, indikator],
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)
