"""Where the database lives: the KINERJA_DB environment variable, else data/kinerja.duckdb."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "kinerja.duckdb"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit)
    env = os.environ.get("KINERJA_DB")
    return Path(env) if env else DEFAULT_DB


def alur_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The workflow store (accounts, sessions, uploads, verification, corrections, audit): the
    KINERJA_ALUR environment variable, else the database path with suffix ``.alur.sqlite`` beside
    it (data/kinerja.alur.sqlite)."""
    env = os.environ.get("KINERJA_ALUR")
    if env:
        return Path(env)
    target = db_path(db)
    return target.with_name(target.stem + ".alur.sqlite")


def unggahan_dir(db: str | os.PathLike[str] | None = None) -> Path:
    """Where uploaded files are kept, content-addressed (``<sha256[:2]>/<sha256>.<ext>``): the
    KINERJA_UNGGAHAN environment variable, else the folder ``unggahan`` beside the database
    (data/unggahan)."""
    env = os.environ.get("KINERJA_UNGGAHAN")
    return Path(env) if env else db_path(db).parent / "unggahan"


def unggahan_path(sha256: str, ext: str, db: str | os.PathLike[str] | None = None) -> Path:
    """The one place an uploaded file with these bytes is kept."""
    return unggahan_dir(db) / sha256[:2] / f"{sha256}.{ext.lower().lstrip('.')}"
