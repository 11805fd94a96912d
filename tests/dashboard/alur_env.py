"""A workflow on the seed documents for the dashboard's tests: a database built with the CLI loader
(``python -m etl load``) from three seeds — Somagede's agreement is left out, for an operator to
upload — a workflow store, and one account per role made through the store as the CLI does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from etl.alur import BARIS_PERINTAH, Alur, buka

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
DOCS = ROOT / "tests" / "fixtures" / "documents"
LOADED = (
    "lkjip_2024_purbalingga_kertanegara.txt",
    "pk_2019_banyumas_ajibarang.txt",
    "pk-perubahan_2024_luwu-timur_mangkutana.txt",
)
SOMAGEDE = "33.02.09"  # Somagede's kecamatan code (data/raw/pk_2024_banyumas_somagede.txt)
SANDI = "sandi-yang-panjang-1"
RAHASIA = "kunci-uji-dasbor-" + "x" * 40
AKUN = {  # username → (name, role, units)
    "admin": ("Admin Kabupaten", "admin", ()),
    "bupati": ("Kantor Bupati", "pimpinan", ()),
    "op.somagede": ("Operator Somagede", "operator", (SOMAGEDE,)),
    "verif": ("Bagian Organisasi", "verifikator", ()),
    "inspek": ("Inspektorat", "inspektorat", ()),
}
PERAN_AKUN = {peran: username for username, (_, peran, _) in AKUN.items()}


def build_db(path: Path) -> Path:
    """The database of the three seeds, built by the CLI loader."""
    subprocess.run(
        [sys.executable, "-m", "etl", "load", "--db", str(path), *(str(RAW / f) for f in LOADED)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return path


@dataclass
class Alur0:
    db: Path
    store: Path
    unggahan: Path

    def buka(self) -> Alur:
        return buka(self.store)


def make(template_db: Path, folder: Path) -> Alur0:
    """A copy of `template_db` with a fresh store holding one account per role."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "kinerja.duckdb"
    shutil.copy(template_db, db)
    env = Alur0(db, folder / "kinerja.alur.sqlite", folder / "unggahan")
    alur = env.buka()
    for username, (nama, peran, unit) in AKUN.items():
        alur.buat_pengguna(BARIS_PERINTAH, username, nama, peran, SANDI, list(unit))
    return env
