"""The parse stage on a Dask cluster, the single writer afterwards (issue 16).

    python -m etl parse --keluaran DIR [--pekerja N | --penjadwal tcp://HOST:8786] PATH...
    python -m etl publish-dir DIR [--db FILE]

``parse`` prepares every file exactly as ``etl load`` does (:func:`etl.parallel.prepare`: read,
extract, settle, review on its own) as one task per file on a Dask cluster — a
``dask.distributed.LocalCluster`` of N processes on this machine, or the scheduler given — and
writes what each task returned into DIR as it arrives:

* ``DIR/NNNNNN.dokumen.pkl`` — one file per input file, in input order: the prepared file (its
  documents, their findings, or the GAGAL message), pickled;
* ``DIR/manifest.json`` — written last: the parser version, the input files in order with their
  output file, and the paths that were skipped (``LEWAT``). A DIR without it is an unfinished stage.

``publish-dir`` is ``etl load``'s writer fed from DIR instead of a process pool: the same lock,
staging copy, per-document transactions, cross-document checks and publication (etl.publish), the
same report lines in the same order; the database equals a direct ``etl load`` of the same files.

Why pickle and not Parquet: the writer needs the whole document (its lines, the tables the review
and the cross-document budget stage read, the evidence), not only the rows it inserts; a Parquet
copy of the rows could not be loaded the same way. A pickle runs code when it is read: DIR must be
writable only by the parse job (it is trusted like the database file itself).
"""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.extract import PARSER_VERSION
from etl.parallel import WORKER_DIED, PreparedFile, prepare

MANIFEST = "manifest.json"


@dataclass
class Parsed:
    """What the parse stage made of one file, for its report line."""

    path: Path
    error: str | None  # the file's GAGAL message
    doc_errors: list[str | None]  # per document: None, or why its review failed
    seconds: float


class StageError(Exception):
    """DIR is not a finished parse stage of this parser (message in Indonesian)."""


def _task(path: str, kabupaten: str | None) -> bytes:
    """One file on a Dask worker: prepared and pickled there (the scheduler only moves bytes)."""
    return pickle.dumps(prepare(Path(path), kabupaten), protocol=pickle.HIGHEST_PROTOCOL)


def _write(target: Path, data: bytes) -> None:
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def parse_to_dir(
    files: list[Path],
    out: Path,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    kabupaten: str | None = None,
    skipped: list[tuple[str, str]] | None = None,
    errors: int = 0,
) -> list[Parsed]:
    """Prepare ``files`` on a Dask cluster and write them into ``out``; returns, in input order,
    what each file gave (for the report)."""
    from dask.distributed import Client, LocalCluster, as_completed
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)  # unfinished until written again
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40)
    client = Client(cluster if cluster is not None else scheduler)
    entries: list[dict[str, Any]] = []
    summary: list[Parsed] = []
    try:
        futures = {
            client.submit(_task, str(f), kabupaten, key=f"kinerja-parse-{k:06d}", pure=False, retries=0): k
            for k, f in enumerate(files)
        }
        results: dict[int, Parsed] = {}
        for future in as_completed(futures):
            k = futures[future]
            path = files[k]
            try:
                data = future.result()
            except (KilledWorker, FutureCancelledError):
                data = pickle.dumps(PreparedFile(path, error=f"{path}: {WORKER_DIED}"))
            name = f"{k:06d}.dokumen.pkl"
            _write(out / name, data)
            future.release()
            got = pickle.loads(data)  # made just now by our own task
            results[k] = Parsed(path, got.error, [d.error for d in got.docs], got.seconds)
        for k, f in enumerate(files):
            entries.append({"nomor": k, "berkas": str(f), "keluaran": f"{k:06d}.dokumen.pkl"})
            summary.append(results[k])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    manifest = {
        "versi_parser": PARSER_VERSION,
        "berkas": entries,
        "dilewati": [list(s) for s in skipped or []],
        "galat_masukan": errors,
    }
    _write(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    return summary


def read_manifest(stage: Path) -> dict[str, Any]:
    path = stage / MANIFEST
    if not path.is_file():
        raise StageError(
            f"{stage} bukan hasil tahap parse yang selesai ({MANIFEST} tidak ada): jalankan "
            "'python -m etl parse --keluaran DIR ...' sampai selesai"
        )
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("versi_parser") != PARSER_VERSION:
        raise StageError(
            f"{stage} dibaca dengan versi parser {manifest.get('versi_parser')}, versi ini {PARSER_VERSION}: "
            "jalankan tahap parse lagi"
        )
    return manifest


def prepared_from_dir(stage: Path, manifest: dict[str, Any]) -> Iterator[PreparedFile]:
    """The prepared files of a parse stage, in input order, one at a time."""
    for entry in manifest["berkas"]:
        data = (stage / entry["keluaran"]).read_bytes()
        prepared = pickle.loads(data)  # DIR is written by our own parse stage (see module doc)
        if not isinstance(prepared, PreparedFile):
            raise StageError(f"{stage / entry['keluaran']} bukan keluaran tahap parse")
        yield prepared
