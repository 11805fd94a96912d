"""A loader that runs ``etl load`` again and again in one process (no start-up cost per load).

    python -m tests.reliability.loader_loop DB FOLDER FIRST ROUNDS [EXTRA_ARGS...]

Round i rewrites the seed documents in FOLDER as version i (the seed text plus i blank lines: a new
file of the same document, so every load replaces all of them) and loads FOLDER into DB, publishing
after every document. Prints ``RONDE i rc`` after each round and stops at the first failed load.
"""

from __future__ import annotations

import sys
from pathlib import Path

from etl.__main__ import main
from tests.conftest import SEEDS


def write_version(folder: Path, i: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.values():
        (folder / path.name).write_bytes(path.read_bytes() + b"\n" * i)


def run(db: str, folder: Path, first: int, rounds: int, extra: list[str]) -> int:
    for i in range(first, first + rounds):
        write_version(folder, i)
        rc = main(["load", "--db", db, "--terbit-setiap", "1", *extra, str(folder)])
        print(f"RONDE {i} {rc}", flush=True)
        if rc:
            return rc
    return 0


if __name__ == "__main__":
    db, folder, first, rounds, *extra = sys.argv[1:]
    sys.exit(run(db, Path(folder), int(first), int(rounds), extra))
