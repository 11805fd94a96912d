"""Command line: ``python -m etl load [--db FILE] PATH...``.

Every file is read, checked and loaded on its own: a file that cannot be read or understood is
reported on stderr with its name, line and what was expected, the others still load, and the exit
code is 1. Messages are in Bahasa Indonesia, for the staff who run it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from etl import publish
from etl.errors import document_message, fatal_message
from etl.extract import extract_file
from etl.load import DeferredRefresh, LoadResult, load_document
from etl.model import Catatan, DocumentError, Dokumen
from etl.parallel import Parser, PreparedFile, default_workers
from etl.paths import db_path
from etl.read import sniff, supported
from etl.reference import label_kabupaten

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".heic")


@dataclass
class Inventory:
    """What a load was given: the files it will read, and every path it will not, with the reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason in Indonesian)
    errors: int = 0  # paths given that are missing, empty or unreadable: the load fails (exit 1)

    def unreadable(self, err: OSError) -> None:
        self.skipped.append((str(err.filename), f"folder tidak dapat dibaca ({err.strerror or err})"))
        self.errors += 1


def _why_not(path: Path) -> str:
    """Why a file found in a folder is not read, in words for the user."""
    if path.name.startswith("."):
        return "berkas tersembunyi dilewati"
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return "gambar: pindai atau simpan sebagai PDF (halaman pindaian dibaca dengan OCR)"
    try:
        sniff(path)
    except DocumentError as exc:
        return exc.expected
    return "jenis berkas tidak didukung"


def iter_files(paths: Iterable[str]) -> Inventory:
    inv = Inventory()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            before = len(inv.files)
            for root, dirs, names in os.walk(path, onerror=inv.unreadable):
                dirs.sort()
                for name in sorted(names):
                    f = Path(root) / name
                    if not name.startswith(".") and supported(f):
                        inv.files.append(f)
                    else:
                        inv.skipped.append((str(f), _why_not(f)))
            if len(inv.files) == before:
                inv.skipped.append((str(path), "folder tidak berisi dokumen yang didukung"))
                inv.errors += 1
        elif path.is_file():
            inv.files.append(path)
        else:
            inv.skipped.append((str(path), "berkas atau folder tidak ditemukan"))
            inv.errors += 1
    return inv


def _unit_text(doc: Dokumen) -> str:
    where = ", ".join(x for x in (label_kabupaten(doc.kode_kabupaten, doc.kabupaten), doc.provinsi) if x)  # "Kota Bogor"
    return f"{doc.perangkat_daerah or doc.kecamatan or '?'}" + (f" ({where})" if where else "")


def _incomplete(doc: Dokumen) -> list[Catatan]:
    return [c for c in doc.catatan if c.tingkat == "peringatan"]


def cmd_load(args: argparse.Namespace) -> int:
    return _write(args, iter_files(args.paths))


def _write(args: argparse.Namespace, inv: Inventory, source: Iterable[PreparedFile] | None = None) -> int:
    """The one writer of ``inv``'s files: prepared here (a pool of ``--pekerja``) or, for
    ``publish-dir``, read from a finished parse stage (``source``)."""
    for path, reason in inv.skipped:
        print(f"LEWAT  {path}: {reason}", file=sys.stderr)
    target = db_path(args.db)

    def waiting() -> None:
        print(
            f"TUNGGU pemuatan lain sedang menulis {target}; menunggu sampai selesai (paling lama {fmt_seconds(args.tunggu)} dtk)",
            file=sys.stderr,
        )

    lock = publish.writer_lock(target, args.tunggu, waiting)
    try:
        lock.__enter__()
    except publish.LoaderBusy:
        print(
            f"GAGAL  {target} masih dimuat oleh proses lain setelah {fmt_seconds(args.tunggu)} dtk: "
            "tunggu pemuatan itu selesai lalu jalankan perintah ini lagi (atau beri --tunggu lebih lama)",
            file=sys.stderr,
        )
        return 2
    except OSError as exc:
        print(f"GAGAL  {target}: berkas kunci {publish.lock_path(target)} tidak dapat dibuat ({exc})", file=sys.stderr)
        return 2
    try:
        if source is not None:
            return _load_with(args, inv, target, source)
        return _load_into(args, inv, target)
    finally:
        lock.__exit__(None, None, None)


def _stopped(target: Path, why: str, done: int, published: int) -> int:
    kept = (
        f"{target} berisi dokumen sampai penerbitan terakhir ({published} kali terbit dalam pemuatan ini)"
        if published
        else f"{target} tidak diubah"
    )
    print(
        f"GAGAL  pemuatan dihentikan: {why}. {kept}; {done} dokumen yang belum terbit dibatalkan. "
        "Kosongkan ruang disk (atau perbaiki penyebabnya) lalu jalankan perintah yang sama lagi",
        file=sys.stderr,
    )
    return 2


def _load_into(args: argparse.Namespace, inv: Inventory, target: Path) -> int:
    # the parse workers are forked before the staging database is opened (etl/parallel.py)
    with Parser(args.pekerja, args.kabupaten, files=len(inv.files)) as parser:
        return _load_with(args, inv, target, parser.prepared(inv.files))


def _load_with(args: argparse.Namespace, inv: Inventory, target: Path, source: Iterable[PreparedFile]) -> int:
    snapshot = publish.Snapshot(target, every_docs=args.terbit_setiap, every_seconds=args.terbit_detik)
    try:
        snapshot.open()
    except duckdb.Error as exc:
        if why := fatal_message(exc):
            return _stopped(target, why, 0, 0)
        print(f"GAGAL  basis data {target} tidak dapat dibuka (bukan basis data DuckDB yang utuh?): {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        return _stopped(target, fatal_message(exc) or f"salinan kerja tidak dapat dibuat ({exc})", 0, 0)
    try:
        failed, complete, with_notes = _load_files(args, source, snapshot)
        snapshot.publish()
    except _Fatal as stop:
        snapshot.discard()
        return _stopped(target, stop.why, snapshot.pending, snapshot.published)
    except KeyboardInterrupt:
        snapshot.discard()
        print(
            f"GAGAL  pemuatan dibatalkan (Ctrl-C): {target} berisi dokumen sampai penerbitan terakhir; "
            "jalankan perintah yang sama lagi untuk melanjutkan (berkas yang sudah dimuat dilaporkan SAMA)",
            file=sys.stderr,
        )
        return 130
    except BaseException as exc:
        snapshot.discard()
        if why := fatal_message(exc):
            return _stopped(target, why, snapshot.pending, snapshot.published)
        raise
    print(
        f"{complete + with_notes} dokumen dari {len(inv.files)} berkas dimuat ke {target}: {complete} lengkap, "
        f"{with_notes} dengan catatan (lihat catatan_muat), {failed} gagal; {len(inv.skipped)} dilewati"
        if inv.files
        else f"tidak ada berkas dimuat ke {target}; {len(inv.skipped)} dilewati"
    )
    return 1 if failed or inv.errors else 0


class _Fatal(Exception):
    """The load cannot go on (disk full, database invalidated): stop before the next file."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _load_files(args: argparse.Namespace, files: Iterable[PreparedFile], snapshot: publish.Snapshot) -> tuple[int, int, int]:
    """The one writer: every prepared file, in input order, into the staging database. The mat
    tables are refreshed for all documents since the last publication at once, before it."""
    failed = complete = with_notes = 0
    deferred = DeferredRefresh()
    snapshot.before_publish = deferred.flush
    for prepared in files:
        f = prepared.path
        if prepared.error is not None:  # the file could not be read (or its worker died)
            failed += _failed(f, prepared.error, prepared.fatal)
            continue
        parse_seconds = prepared.seconds
        for item in prepared.docs:  # one document, or one per unit of a file that reports on several
            started = time.perf_counter()
            doc = item.doc
            if (units := getattr(args, "hanya_unit", None)) and not _unit_allowed(f, doc, units):
                failed += 1
                continue
            if args.ketat and (notes := _incomplete(doc)):
                failed += 1
                print(f"GAGAL  {f}: --ketat: dokumen tidak lengkap ({len(notes)} peringatan), tidak dimuat", file=sys.stderr)
                for c in notes:
                    print(f"       baris {c.baris}: {c.pesan}", file=sys.stderr)
                continue
            if item.error is not None:  # its settling or review failed in the worker
                failed += _failed(f, item.error, item.fatal)
                continue
            try:
                assert snapshot.con is not None
                result = load_document(snapshot.con, doc, item.found, deferred)
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others; _failure re-raises a fatal one
                failed += _failure(f, exc)
                continue
            snapshot.committed()
            if _incomplete(doc):
                with_notes += 1
            else:
                complete += 1
            _report(f, doc, result, parse_seconds + time.perf_counter() - started)
            parse_seconds = 0.0
            if args.jelaskan:
                from etl.explain import explain

                print("\n".join(explain(doc)), flush=True)
    return failed, complete, with_notes


def _unit_allowed(f: Path, doc: Dokumen, units: list[str]) -> bool:
    """--hanya-unit (an operator's upload): a document of another unit is refused before it is written."""
    from etl.alur.model import unit_diizinkan

    if unit_diizinkan(doc.kode_kecamatan, doc.perangkat_daerah, units):
        return True
    print(
        f"DITOLAK {f}: dokumen {doc.jenis} {doc.tahun} milik {doc.perangkat_daerah or 'unit yang tidak terbaca'} "
        f"(kode {doc.kode_kecamatan or '-'}), bukan unit yang boleh dimuat ({', '.join(units)}); tidak dimuat",
        file=sys.stderr,
    )
    return False


def _failed(f: Path, message: str, fatal: str | None) -> int:
    """A file or document that failed in a parse worker: its message, made there."""
    if fatal:
        raise _Fatal(fatal)
    print(f"GAGAL  {message}", file=sys.stderr)
    return 1


def _failure(f: Path, exc: Exception) -> int:
    """One file or document that failed: said on one line; a fatal error (disk full) stops the load."""
    if why := fatal_message(exc):
        raise _Fatal(why) from exc
    print(f"GAGAL  {document_message(f, exc)}", file=sys.stderr)
    return 1


def _report(f: Path, doc: Dokumen, result: LoadResult, took: float) -> None:
    label = {"dimuat": "DIMUAT", "diganti": "DIGANTI", "tidak_berubah": "SAMA  "}[result.status]
    replaced = f" (menggantikan {', '.join(result.replaced_files)})" if result.replaced_files else ""
    counts = (
        f"{len(doc.realisasi_triwulan)} realisasi triwulan"
        if doc.realisasi_triwulan
        else f"{len(doc.target)} target, {len(doc.realisasi)} realisasi, {len(doc.skor)} skor, "
        f"{len(doc.komponen)} komponen, {len(doc.anggaran)} anggaran"
    )
    print(
        f"{label} {f.name}: {doc.jenis} {_unit_text(doc)} {doc.tahun}{replaced} — {counts}, {len(doc.catatan)} catatan "
        f"({fmt_seconds(took)} dtk)",
        flush=True,
    )


def _workers(text: str) -> int:
    """``--pekerja``: a whole number of processes, at least 1."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"jumlah pekerja harus bilangan bulat 1 atau lebih, bukan '{text}'")
    return n


def fmt_seconds(seconds: float) -> str:
    """Seconds the Indonesian way: 0,64."""
    return f"{seconds:.2f}".replace(".", ",")


def cmd_template(args: argparse.Namespace) -> int:
    from etl.template import template_csv, template_xlsx

    out = Path(args.out or f"templat_kinerja_kecamatan.{args.format}")
    prefill = None
    if args.dari:
        from etl.template import prefill_rows

        if args.format != "xlsx":
            print("GAGAL  --dari hanya untuk templat XLSX", file=sys.stderr)
            return 2
        try:
            doc = extract_file(Path(args.dari))
        except DocumentError as exc:
            print(f"GAGAL  {exc}", file=sys.stderr)
            return 2
        if not doc.kecamatan:
            print(
                f"GAGAL  {args.dari}: templat isian untuk kecamatan; dokumen ini milik {doc.perangkat_daerah}",
                file=sys.stderr,
            )
            return 2
        prefill = prefill_rows(doc)
    try:
        out.write_bytes(template_xlsx(prefill) if args.format == "xlsx" else template_csv())
    except OSError as exc:
        print(f"GAGAL  templat tidak dapat ditulis ke {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"templat {args.format.upper()} ditulis ke {out}" + (f" (diisi dari {args.dari})" if args.dari else ""))
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    """The parse stage on a Dask cluster (etl/distributed.py): every file prepared, written to DIR."""
    from etl.distributed import parse_to_dir

    try:
        import distributed  # noqa: F401 - only to say what is missing before any work
    except ImportError:
        print("GAGAL  tahap parse memerlukan Dask: pip install 'kinerja-kecamatan[cluster]' (paket distributed)", file=sys.stderr)
        return 2

    inv = iter_files(args.paths)
    for path, reason in inv.skipped:
        print(f"LEWAT  {path}: {reason}", file=sys.stderr)
    out = Path(args.keluaran)
    try:
        parsed = parse_to_dir(
            inv.files,
            out,
            workers=args.pekerja,
            scheduler=args.penjadwal,
            kabupaten=args.kabupaten,
            skipped=inv.skipped,
            errors=inv.errors,
        )
    except OSError as exc:
        print(f"GAGAL  {out}: keluaran tidak dapat ditulis ({exc.strerror or exc})", file=sys.stderr)
        return 2
    failed = 0
    for p in parsed:
        if p.error is not None:
            failed += 1
            print(f"GAGAL  {p.error}", file=sys.stderr)
        else:
            print(f"DIBACA {p.path.name}: {len(p.doc_errors)} dokumen ({fmt_seconds(p.seconds)} dtk)", flush=True)
    print(
        f"{len(parsed) - failed} dari {len(parsed)} berkas dibaca ke {out}; {failed} gagal, {len(inv.skipped)} dilewati. "
        f"Muat dengan: python -m etl publish-dir {out}"
    )
    return 1 if failed or inv.errors else 0


def cmd_publish_dir(args: argparse.Namespace) -> int:
    """The single writer over a finished parse stage: as ``etl load`` of the same files."""
    from etl.distributed import StageError, prepared_from_dir, read_manifest

    stage = Path(args.dir)
    try:
        manifest = read_manifest(stage)
    except (StageError, OSError, ValueError) as exc:
        print(f"GAGAL  {exc}", file=sys.stderr)
        return 2
    inv = Inventory(
        files=[Path(e["berkas"]) for e in manifest["berkas"]],
        skipped=[(a, b) for a, b in manifest["dilewati"]],
        errors=int(manifest["galat_masukan"]),
    )
    return _write(args, inv, prepared_from_dir(stage, manifest))


def _writer_options(p: argparse.ArgumentParser) -> None:
    """The options of the one writer, shared by ``load`` and ``publish-dir``."""
    p.add_argument("--db", help="berkas DuckDB (bawaan: $KINERJA_DB atau data/kinerja.duckdb)")
    p.add_argument(
        "--ketat",
        action="store_true",
        help="dokumen yang tidak lengkap (ada peringatan di catatan_muat) dianggap gagal dan tidak dimuat",
    )
    p.add_argument(
        "--jelaskan",
        "-v",
        action="store_true",
        help="jelaskan setiap tabel: jenisnya dan alasannya, peran setiap kolom, dan apa yang terbaca",
    )
    p.add_argument(
        "--tunggu",
        type=float,
        default=publish.WAIT_SECONDS,
        metavar="DETIK",
        help="jika pemuatan lain sedang menulis berkas yang sama, tunggu paling lama sekian detik (bawaan: 600)",
    )
    p.add_argument("--terbit-setiap", type=int, default=publish.EVERY_DOCS, help=argparse.SUPPRESS)
    p.add_argument("--terbit-detik", type=float, default=publish.EVERY_SECONDS, help=argparse.SUPPRESS)


def _add_stage_commands(sub: Any) -> None:
    """``parse`` (on a Dask cluster) and ``publish-dir`` (the one writer over its output)."""
    parse = sub.add_parser("parse", help="tahap baca saja, di klaster Dask: tulis hasil baca setiap berkas ke folder")
    parse.add_argument("paths", nargs="+", metavar="PATH")
    parse.add_argument("--keluaran", required=True, metavar="DIR", help="folder hasil baca (untuk publish-dir)")
    parse.add_argument(
        "--pekerja", type=_workers, default=default_workers(), metavar="N", help="proses Dask lokal (bawaan: jumlah inti)"
    )
    parse.add_argument("--penjadwal", metavar="ALAMAT", help="alamat penjadwal Dask yang sudah berjalan (tcp://HOST:8786)")
    parse.add_argument(
        "--kabupaten", help="kabupaten/kota laporan triwulan bila nama kecamatannya ada di beberapa kabupaten/kota"
    )
    parse.set_defaults(func=cmd_parse)
    pub = sub.add_parser("publish-dir", help="muat hasil tahap parse ke basis data (satu penulis)")
    pub.add_argument("dir", metavar="DIR")
    _writer_options(pub)
    pub.set_defaults(func=cmd_publish_dir)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Muat dokumen PK / LKjIP kecamatan ke DuckDB.")
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="baca dokumen (berkas atau folder) dan muat ke basis data")
    load.add_argument("paths", nargs="+", metavar="PATH")
    _writer_options(load)
    load.add_argument(
        "--kabupaten",
        help="kabupaten/kota laporan triwulan bila nama kecamatannya ada di beberapa kabupaten/kota",
    )
    load.add_argument(
        "--pekerja",
        type=_workers,
        default=default_workers(),
        metavar="N",
        help="baca berkas dengan N proses sekaligus; satu proses menulis basis data (bawaan: jumlah inti prosesor)",
    )
    load.add_argument(
        "--hanya-unit",
        action="append",
        metavar="UNIT",
        help="muat hanya dokumen unit ini (kode kecamatan atau nama perangkat daerah; boleh berulang); dokumen unit lain DITOLAK",
    )
    load.set_defaults(func=cmd_load)
    template = sub.add_parser("template", help="tulis templat isian kosong (XLSX atau CSV) untuk diisi manual")
    template.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    template.add_argument("--out", help="berkas tujuan (bawaan: templat_kinerja_kecamatan.xlsx/.csv)")
    template.add_argument(
        "--dari", metavar="DOKUMEN", help="isi templat dengan identitas dan angka yang sudah terbaca dari dokumen ini"
    )
    template.set_defaults(func=cmd_template)
    _add_stage_commands(sub)
    from etl.alur.cli import add_parser as add_pengguna

    add_pengguna(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
