"""``python -m etl pengguna tambah|ubah|daftar|nonaktif``: accounts from the command line (the
first admin is made this way). Passwords are asked with getpass, or read from stdin's first line
(``--sandi-dari-stdin``, for scripts); never given as an argument (it would show in ``ps``)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from etl.alur.model import LABEL_PERAN, PERAN, IsianSalah
from etl.alur.store import BARIS_PERINTAH, SANDI_MIN, Alur, buka
from etl.paths import alur_path


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("pengguna", help="kelola akun dasbor (tambah, ubah, daftar, nonaktifkan)")
    p.add_argument("--alur", help="berkas penyimpanan alur kerja (bawaan: $KINERJA_ALUR atau data/kinerja.alur.sqlite)")
    p.add_argument("--db", help="basis data DuckDB yang penyimpanannya di sampingnya (bawaan: $KINERJA_DB)")
    ps = p.add_subparsers(dest="aksi", required=True)
    t = ps.add_parser("tambah", help="buat akun baru")
    t.add_argument("username")
    t.add_argument("--nama", required=True, help="nama lengkap atau nama kantor")
    t.add_argument("--peran", required=True, choices=PERAN, help="; ".join(f"{k}: {v}" for k, v in LABEL_PERAN.items()))
    t.add_argument(
        "--unit", action="append", default=[], help="unit operator: kode kecamatan atau nama perangkat daerah (boleh berulang)"
    )
    t.add_argument("--sandi-dari-stdin", action="store_true", help="baca kata sandi dari baris pertama stdin")
    u = ps.add_parser("ubah", help="ubah peran, unit, nama, status atau kata sandi akun")
    u.add_argument("username")
    u.add_argument("--nama")
    u.add_argument("--peran", choices=PERAN)
    u.add_argument("--unit", action="append", help="unit baru (menggantikan semua unit lama; boleh berulang)")
    state = u.add_mutually_exclusive_group()
    state.add_argument("--aktif", dest="aktif", action="store_const", const=True, default=None)
    state.add_argument("--nonaktif", dest="aktif", action="store_const", const=False)
    u.add_argument("--sandi-baru", action="store_true", help="minta kata sandi baru")
    u.add_argument("--sandi-dari-stdin", action="store_true", help="kata sandi baru dari baris pertama stdin")
    ps.add_parser("daftar", help="tampilkan semua akun")
    n = ps.add_parser("nonaktif", help="nonaktifkan akun (sesinya berakhir; riwayatnya tetap)")
    n.add_argument("username")
    p.set_defaults(func=cmd_pengguna)


def _sandi(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Kata sandi (paling sedikit {SANDI_MIN} karakter): ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise IsianSalah("Kedua kata sandi tidak sama.")
    return first


def _store(args: argparse.Namespace) -> Alur:
    return buka(Path(args.alur) if args.alur else alur_path(args.db))


def cmd_pengguna(args: argparse.Namespace) -> int:
    try:
        alur = _store(args)
        if args.aksi == "tambah":
            p = alur.buat_pengguna(BARIS_PERINTAH, args.username, args.nama, args.peran, _sandi(args.sandi_dari_stdin), args.unit)
            print(f"akun {p.username} ({p.peran}) dibuat di {alur.path}")
        elif args.aksi == "ubah":
            sandi = _sandi(args.sandi_dari_stdin) if args.sandi_baru or args.sandi_dari_stdin else None
            p = alur.ubah_pengguna(
                BARIS_PERINTAH, args.username, peran=args.peran, unit=args.unit, aktif=args.aktif, sandi=sandi, nama=args.nama
            )
            print(f"akun {p.username} diubah: {p.peran}, {'aktif' if p.aktif else 'nonaktif'}")
        elif args.aksi == "nonaktif":
            alur.ubah_pengguna(BARIS_PERINTAH, args.username, aktif=False)
            print(f"akun {args.username} dinonaktifkan")
        else:
            for p in alur.daftar_pengguna(BARIS_PERINTAH):
                units = f" [{', '.join(p.unit)}]" if p.unit else ""
                print(f"{p.username}\t{p.peran}\t{'aktif' if p.aktif else 'nonaktif'}\t{p.nama}{units}")
    except IsianSalah as exc:
        print(f"GAGAL  {exc}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("GAGAL  dibatalkan", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"GAGAL  penyimpanan alur kerja tidak dapat dibuka: {exc}", file=sys.stderr)
        return 2
    return 0
