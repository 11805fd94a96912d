"""Shared fixtures: the seed documents and a database built from them once per session."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.extract import extract_file
from etl.load import connect, load_document
from etl.model import Dokumen

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SEEDS = {
    "somagede": RAW / "pk_2024_banyumas_somagede.txt",
    "ajibarang": RAW / "pk_2019_banyumas_ajibarang.txt",
    "kertanegara": RAW / "lkjip_2024_purbalingga_kertanegara.txt",
    "mangkutana": RAW / "pk-perubahan_2024_luwu-timur_mangkutana.txt",
}


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, Dokumen]:
    return {name: extract_file(path) for name, path in SEEDS.items()}


@pytest.fixture(scope="session")
def seed_db_path(tmp_path_factory: pytest.TempPathFactory, seed_docs: dict[str, Dokumen]) -> Path:
    path = tmp_path_factory.mktemp("db") / "kinerja.duckdb"
    con = connect(path)
    for doc in seed_docs.values():
        load_document(con, doc)
    con.close()
    return path


@pytest.fixture()
def seed_con(seed_db_path: Path):
    con = duckdb.connect(str(seed_db_path), read_only=True)
    yield con
    con.close()
