"""Command line: ``python -m etl load [--db FILE] PATH...``.

Every file is read, checked and loaded on its own: a file that cannot be read or understood is
reported on stderr with its name, line and what was expected, the others still load, and the exit
code is 1. Messages are in Bahasa Indonesia, for the staff who run it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

from etl.extract import extract_file
from etl.load import connect, load_document
from etl.model import DocumentError
from etl.paths import db_path
from etl.read import supported


def iter_files(paths: Iterable[str]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    problems: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and supported(f) and not f.name.startswith("."))
            if not found:
                problems.append(f"{path}: folder tidak berisi dokumen yang didukung")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: berkas atau folder tidak ditemukan")
    return files, problems


def cmd_load(args: argparse.Namespace) -> int:
    files, problems = iter_files(args.paths)
    for p in problems:
        print(f"GAGAL  {p}", file=sys.stderr)
    target = db_path(args.db)
    try:
        con = connect(target)
    except duckdb.IOException as exc:
        print(
            f"GAGAL  basis data {target} tidak dapat dibuka (mungkin sedang dipakai dasbor atau proses lain): {exc}",
            file=sys.stderr,
        )
        return 2
    failed = len(problems)
    for f in files:
        started = time.perf_counter()
        try:
            doc = extract_file(f)
            result = load_document(con, doc)
        except DocumentError as exc:
            failed += 1
            print(f"GAGAL  {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            failed += 1
            print(
                f"GAGAL  {f}: kesalahan tak terduga saat membaca ({type(exc).__name__}: {exc}); berkas lain tetap dimuat",
                file=sys.stderr,
            )
            continue
        took = time.perf_counter() - started
        label = {"dimuat": "DIMUAT", "diganti": "DIGANTI", "tidak_berubah": "SAMA  "}[result.status]
        print(
            f"{label} {f.name}: {doc.jenis} {doc.kecamatan} ({doc.kabupaten}) {doc.tahun} — "
            f"{len(doc.target)} target, {len(doc.realisasi)} realisasi, {len(doc.skor)} skor, "
            f"{len(doc.komponen)} komponen, {len(doc.anggaran)} anggaran, {len(doc.catatan)} catatan ({took:.2f} dtk)"
        )
    con.close()
    print(
        f"{len(files) - failed + len(problems)} dari {len(files)} berkas dimuat ke {target}"
        if files
        else f"tidak ada berkas dimuat ke {target}"
    )
    return 1 if failed else 0


def cmd_template(args: argparse.Namespace) -> int:
    from etl.template import template_csv, template_xlsx

    out = Path(args.out or f"templat_kinerja_kecamatan.{args.format}")
    try:
        out.write_bytes(template_xlsx() if args.format == "xlsx" else template_csv())
    except OSError as exc:
        print(f"GAGAL  templat tidak dapat ditulis ke {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"templat {args.format.upper()} ditulis ke {out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Muat dokumen PK / LKjIP kecamatan ke DuckDB.")
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="baca dokumen (berkas atau folder) dan muat ke basis data")
    load.add_argument("paths", nargs="+", metavar="PATH")
    load.add_argument("--db", help="berkas DuckDB (bawaan: $KINERJA_DB atau data/kinerja.duckdb)")
    load.set_defaults(func=cmd_load)
    template = sub.add_parser("template", help="tulis templat isian kosong (XLSX atau CSV) untuk diisi manual")
    template.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    template.add_argument("--out", help="berkas tujuan (bawaan: templat_kinerja_kecamatan.xlsx/.csv)")
    template.set_defaults(func=cmd_template)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
