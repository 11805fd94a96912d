"""Helpers for the fault tests: loaders in other processes, and whole-document checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from etl.model import Dokumen

ROOT = Path(__file__).resolve().parents[2]
PER_DOCUMENT = ("target", "realisasi", "skor", "komponen", "anggaran", "anggaran_sasaran", "catatan", "perjanjian")


def start_loader(*args: str) -> subprocess.Popen[str]:
    """``python -m tests.reliability.loader_loop ARGS`` (or ``-m etl load`` when args start with
    'load') in its own process, stdout and stderr piped as text."""
    module = ["-m", "etl", *args] if args[0] == "load" else ["-m", "tests.reliability.loader_loop", *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, *module], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def whole_documents(db: Path, seeds: dict[str, Dokumen]) -> list[str]:
    """Open ``db`` read-only and check that every document in it is whole: as many rows in every
    core table as its seed has (versions differ only by trailing blank lines), all its lines, no
    rows of a document that is not there. Returns the dokumen_id present."""
    by_unit = {(d.kecamatan, d.jenis, d.tahun): d for d in seeds.values()}
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("select dokumen_id, kecamatan, jenis, tahun, jumlah_baris from core_dokumen").fetchall()
        ids = [d[0] for d in docs]
        for did, kecamatan, jenis, tahun, lines in docs:
            seed = by_unit[(kecamatan, jenis, tahun)]
            got = con.execute("select count(*) from core_baris where dokumen_id = ?", [did]).fetchone()
            assert got == (lines,), (did, "baris", got, lines)
            for part in PER_DOCUMENT:
                got = con.execute(f"select count(*) from core_{part} where dokumen_id = ?", [did]).fetchone()
                assert got == (len(getattr(seed, part)),), (did, part, got)
        for table in ("core_baris", *(f"core_{p}" for p in PER_DOCUMENT), "core_temuan"):
            orphans = con.execute(f"select count(*) from {table} where not list_contains(?, dokumen_id)", [ids]).fetchone()
            assert orphans == (0,), (table, orphans)
        assert len(set((d[1], d[2], d[3]) for d in docs)) == len(docs), "two versions of one document"
        return ids
    finally:
        con.close()
