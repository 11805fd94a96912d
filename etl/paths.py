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
