"""The workflow store: one SQLite file (WAL) beside the DuckDB database.

Every write function checks the caller's role against the account as stored (not as passed in),
writes its event and its audit row in one transaction, and on refusal raises
:class:`~etl.alur.model.TidakBerwenang` having written only the audit row of the refusal. Each call
opens its own short connection, so one ``Alur`` may be shared by the dashboard's threads.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from etl.alur import rahasia
from etl.alur.model import (
    BOLEH_KELOLA,
    BOLEH_KOREKSI,
    BOLEH_STATUS_TEMUAN,
    BOLEH_UNGGAH,
    BOLEH_VERIFIKASI,
    KOLOM_KOREKSI,
    KUNCI_KOREKSI,
    LABEL_STATUS_TEMUAN,
    PERAN,
    STATUS_TEMUAN,
    STATUS_VERIFIKASI,
    HasilUnggah,
    IsianSalah,
    Pengguna,
    SandiSalah,
    Sesi,
    TerlaluBanyakPercobaan,
    TidakBerwenang,
    unit_diizinkan,
)
from etl.paths import alur_path

SESI_JAM = 8.0  # a session lasts one working day; then the user logs in again
GAGAL_MAKS_USERNAME = 5  # failed logins per user name within the window before it is held
GAGAL_MAKS_ASAL = 20  # per origin (an office behind one address shares it, hence more than per user)
JENDELA_DETIK = 15 * 60
SANDI_MIN = 10  # characters
BUSY_MS = 5000
# the append-only tables and how their refusal names them
RIWAYAT = {
    "audit": "log audit",
    "unggahan": "riwayat unggahan",
    "verifikasi": "riwayat verifikasi",
    "koreksi": "riwayat koreksi",
    "status_temuan": "riwayat status temuan",
}
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
CLI = "cli"  # the audit's user name for the command line
ANONIM = "-"
# The command line's caller (user management on the server, where the store file is anyway). Only
# this very object counts: None (nobody logged in) is refused like any other caller without a right.
BARIS_PERINTAH = Pengguna(CLI, "Baris perintah (server)", "admin")
_RESERVED = {CLI, "admin-cli", "root", "sistem"}


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _waktu(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


def wajib_masuk() -> bool:
    """Whether reading the dashboard needs an account ($KINERJA_WAJIB_MASUK=1)."""
    return os.environ.get("KINERJA_WAJIB_MASUK", "").strip().lower() in {"1", "ya", "true", "yes"}


class Alur:
    """The workflow API over one store file (see docs/accounts.md)."""

    def __init__(self, path: Path, jam: Callable[[], dt.datetime] | None = None) -> None:
        self.path = path
        self._jam = jam or (lambda: dt.datetime.now(dt.UTC))
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._con() as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(resources.files("etl.alur").joinpath("skema.sql").read_text(encoding="utf-8"))
            for table, what in RIWAYAT.items():  # append-only: a change of mind is a new row
                for op, verb in (("UPDATE", "diubah"), ("DELETE", "dihapus")):
                    con.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_tanpa_{op.lower()} BEFORE {op} ON {table} BEGIN"
                        f" SELECT RAISE(ABORT, '{what} hanya dapat ditambah, tidak dapat {verb}'); END"
                    )

    # --- plumbing ---------------------------------------------------------------------------

    def sekarang(self) -> dt.datetime:
        return self._jam()

    @contextlib.contextmanager
    def _con(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            con.row_factory = sqlite3.Row
            con.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def _tulis(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taken at once, so two writers queue instead of failing midway)."""
        with self._con() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def _catat(
        self, con: sqlite3.Connection, username: str, aksi: str, objek: str = "", rincian: Any = "", berhasil: bool = True
    ) -> None:
        text = rincian if isinstance(rincian, str) else json.dumps(rincian, ensure_ascii=False, sort_keys=True, default=str)
        con.execute(
            "INSERT INTO audit (waktu, username, aksi, objek, rincian, berhasil) VALUES (?, ?, ?, ?, ?, ?)",
            (_iso(self.sekarang()), username, aksi, objek, text, int(berhasil)),
        )

    def _baris_pengguna(self, con: sqlite3.Connection, username: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = con.execute("SELECT * FROM pengguna WHERE username = ?", (username,)).fetchone()
        return row

    @staticmethod
    def _pengguna(row: sqlite3.Row) -> Pengguna:
        return Pengguna(row["username"], row["nama"], row["peran"], tuple(json.loads(row["unit"])), bool(row["aktif"]))

    def _wajib(self, oleh: Pengguna | None, aksi: str, objek: str, peran: Sequence[str]) -> Pengguna:
        """The caller as stored, when active and holding one of ``peran``; else the refusal is
        audited and TidakBerwenang raised. The Pengguna passed in is only a name: its role is
        read again from the store, so a forged object gains nothing."""
        stored = None
        if oleh is not None:
            with self._con() as con:
                row = self._baris_pengguna(con, oleh.username)
            stored = self._pengguna(row) if row is not None else None
        if stored is not None and stored.aktif and stored.peran in peran:
            return stored
        who = oleh.username if oleh is not None else ANONIM
        with self._tulis() as con:
            self._catat(con, who, aksi, objek, "ditolak: tidak berwenang", berhasil=False)
        labels = ", ".join(peran)
        if stored is None or not stored.aktif:
            raise TidakBerwenang("Anda belum masuk atau akun Anda tidak aktif: tindakan ini memerlukan akun yang aktif.")
        raise TidakBerwenang(f"Akun dengan peran {stored.peran} tidak berwenang untuk tindakan ini (hanya {labels}).")

    # --- users ------------------------------------------------------------------------------

    @staticmethod
    def _periksa_pengguna(peran: str | None, unit: Sequence[str] | None, sandi: str | None) -> None:
        if peran is not None and peran not in PERAN:
            raise IsianSalah(f"Peran '{peran}' tidak dikenal; pilih salah satu: {', '.join(PERAN)}.")
        if sandi is not None and len(sandi) < SANDI_MIN:
            raise IsianSalah(f"Kata sandi terlalu pendek: paling sedikit {SANDI_MIN} karakter.")
        if unit is not None and any(not str(u).strip() for u in unit):
            raise IsianSalah("Nama atau kode unit tidak boleh kosong.")

    def buat_pengguna(
        self, oleh: Pengguna | None, username: str, nama: str, peran: str, sandi: str, unit: Sequence[str] = ()
    ) -> Pengguna:
        """A new account: admins, or the command line (``oleh=BARIS_PERINTAH``, audited as 'cli')."""
        username = username.strip().lower()
        who = CLI if oleh is BARIS_PERINTAH else self._wajib(oleh, "buat_pengguna", username, BOLEH_KELOLA).username
        if username in _RESERVED:
            raise IsianSalah(f"Nama pengguna '{username}' dicadangkan; pilih nama lain.")
        if not _USERNAME.match(username):
            raise IsianSalah(
                "Nama pengguna harus 3-32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, "
                "diawali huruf atau angka."
            )
        if not nama.strip():
            raise IsianSalah("Nama lengkap tidak boleh kosong.")
        units = tuple(dict.fromkeys(str(u).strip() for u in unit))
        self._periksa_pengguna(peran, units, sandi)
        if peran == "operator" and not units:
            raise IsianSalah("Operator memerlukan paling sedikit satu unit (kode kecamatan atau nama perangkat daerah).")
        now = _iso(self.sekarang())
        with self._tulis() as con:
            if self._baris_pengguna(con, username) is not None:
                raise IsianSalah(f"Nama pengguna '{username}' sudah dipakai.")
            con.execute(
                "INSERT INTO pengguna (username, nama, peran, unit, aktif, sandi_hash, dibuat_pada, diubah_pada)"
                " VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                (username, nama.strip(), peran, json.dumps(units, ensure_ascii=False), rahasia.hash_sandi(sandi), now, now),
            )
            self._catat(con, who, "buat_pengguna", username, {"nama": nama.strip(), "peran": peran, "unit": list(units)})
        return Pengguna(username, nama.strip(), peran, units, True)

    def ubah_pengguna(
        self,
        oleh: Pengguna | None,
        username: str,
        *,
        peran: str | None = None,
        unit: Sequence[str] | None = None,
        aktif: bool | None = None,
        sandi: str | None = None,
        nama: str | None = None,
    ) -> Pengguna:
        """Change an account; deactivating it or changing its password or role ends its sessions."""
        username = username.strip().lower()
        who = CLI if oleh is BARIS_PERINTAH else self._wajib(oleh, "ubah_pengguna", username, BOLEH_KELOLA).username
        units = None if unit is None else tuple(dict.fromkeys(str(u).strip() for u in unit))
        self._periksa_pengguna(peran, units, sandi)
        with self._tulis() as con:
            row = self._baris_pengguna(con, username)
            if row is None:
                raise IsianSalah(f"Pengguna '{username}' tidak ditemukan.")
            now_user = self._pengguna(row)
            new_peran = peran if peran is not None else now_user.peran
            new_unit = units if units is not None else now_user.unit
            if new_peran == "operator" and not new_unit:
                raise IsianSalah("Operator memerlukan paling sedikit satu unit (kode kecamatan atau nama perangkat daerah).")
            new_aktif = aktif if aktif is not None else now_user.aktif
            if now_user.peran == "admin" and (new_peran != "admin" or not new_aktif) and self._admin_lain(con, username) == 0:
                raise IsianSalah("Admin aktif terakhir tidak dapat diturunkan atau dinonaktifkan; buat admin lain lebih dulu.")
            new_nama = nama.strip() if nama and nama.strip() else now_user.nama
            sets = {
                "peran": new_peran,
                "unit": json.dumps(new_unit, ensure_ascii=False),
                "aktif": int(new_aktif),
                "nama": new_nama,
            }
            if sandi is not None:
                sets["sandi_hash"] = rahasia.hash_sandi(sandi)
            sets["diubah_pada"] = _iso(self.sekarang())
            con.execute(
                f"UPDATE pengguna SET {', '.join(f'{k} = ?' for k in sets)} WHERE username = ?", (*sets.values(), username)
            )
            if sandi is not None or not new_aktif or new_peran != now_user.peran or new_unit != now_user.unit:
                self._cabut_semua(con, username)
            changes = {
                k: v
                for k, v in (
                    ("peran", peran),
                    ("unit", list(units) if units is not None else None),
                    ("aktif", aktif),
                    ("nama", nama),
                )
                if v is not None
            }
            if sandi is not None:
                changes["sandi"] = "diganti"
            self._catat(con, who, "ubah_pengguna", username, changes)
        return Pengguna(username, new_nama, new_peran, new_unit, new_aktif)

    @staticmethod
    def _admin_lain(con: sqlite3.Connection, username: str) -> int:
        return int(
            con.execute(
                "SELECT count(*) FROM pengguna WHERE peran = 'admin' AND aktif = 1 AND username <> ?", (username,)
            ).fetchone()[0]
        )

    def _cabut_semua(self, con: sqlite3.Connection, username: str) -> None:
        con.execute(
            "UPDATE sesi SET dicabut_pada = ? WHERE username = ? AND dicabut_pada IS NULL", (_iso(self.sekarang()), username)
        )

    def daftar_pengguna(self, oleh: Pengguna | None) -> list[Pengguna]:
        """Every account (admins, or the command line: ``BARIS_PERINTAH``)."""
        if oleh is not BARIS_PERINTAH:
            self._wajib(oleh, "daftar_pengguna", "", BOLEH_KELOLA)
        with self._con() as con:
            return [self._pengguna(r) for r in con.execute("SELECT * FROM pengguna ORDER BY username")]

    def pengguna(self, username: str) -> Pengguna | None:
        """One account as stored (no secret in it), or None."""
        with self._con() as con:
            row = self._baris_pengguna(con, username.strip().lower())
        return self._pengguna(row) if row is not None else None

    def ada_admin(self) -> bool:
        with self._con() as con:
            return bool(con.execute("SELECT count(*) FROM pengguna WHERE peran = 'admin' AND aktif = 1").fetchone()[0])

    # --- login ------------------------------------------------------------------------------

    @staticmethod
    def _tunggu(con: sqlite3.Connection, column: str, value: str, since: float, most: int, now: float) -> float:
        """Seconds until the failures of ``column = value`` after ``since`` fall below ``most``."""
        fails = [
            r[0]
            for r in con.execute(
                f"SELECT waktu FROM percobaan_masuk WHERE {column} = ? AND hasil = 'gagal' AND waktu > ? ORDER BY waktu DESC",
                (value, since),
            )
        ]
        return fails[most - 1] + JENDELA_DETIK - now if len(fails) >= most else 0.0

    def _tahan(self, con: sqlite3.Connection, username: str, asal: str, now: float) -> int:
        """Seconds to wait before this user name / origin may try again; 0 when it may. A user
        name's count starts again after its last successful login."""
        since = now - JENDELA_DETIK
        last_ok = con.execute(
            "SELECT max(waktu) FROM percobaan_masuk WHERE username = ? AND hasil = 'berhasil'", (username,)
        ).fetchone()[0]
        wait = self._tunggu(con, "username", username, max(since, last_ok or since), GAGAL_MAKS_USERNAME, now)
        if asal:
            wait = max(wait, self._tunggu(con, "asal", asal, since, GAGAL_MAKS_ASAL, now))
        return max(0, int(wait + 0.999))

    def masuk(self, username: str, sandi: str, asal: str = "") -> Sesi:
        """Log in: a new server-side session, or SandiSalah / TerlaluBanyakPercobaan (audited)."""
        username = username.strip().lower()[:64]
        asal = asal[:200]
        now = self.sekarang()
        stamp = now.timestamp()
        with self._con() as con:
            wait = self._tahan(con, username, asal, stamp)
            row = self._baris_pengguna(con, username) if not wait else None
        if wait:
            with self._tulis() as con:
                con.execute(
                    "INSERT INTO percobaan_masuk (waktu, username, asal, hasil) VALUES (?, ?, ?, 'ditahan')",
                    (stamp, username, asal),
                )
                self._catat(con, username, "masuk", username, {"asal": asal, "hasil": "ditahan", "tunggu_detik": wait}, False)
            raise TerlaluBanyakPercobaan(wait)
        ok = rahasia.cocok_sandi(row["sandi_hash"] if row is not None else None, sandi)
        ok = ok and row is not None and bool(row["aktif"])
        with self._tulis() as con:
            con.execute(
                "INSERT INTO percobaan_masuk (waktu, username, asal, hasil) VALUES (?, ?, ?, ?)",
                (stamp, username, asal, "berhasil" if ok else "gagal"),
            )
            if not ok:
                self._catat(con, username, "masuk", username, {"asal": asal, "hasil": "gagal"}, False)
            else:
                assert row is not None
                token = rahasia.token_baru()
                until = now + dt.timedelta(hours=SESI_JAM)
                con.execute(
                    "INSERT INTO sesi (token_hash, username, asal, dibuat_pada, kedaluwarsa) VALUES (?, ?, ?, ?, ?)",
                    (rahasia.hash_token(token), username, asal, _iso(now), _iso(until)),
                )
                if rahasia.perlu_hash_ulang(row["sandi_hash"]):
                    con.execute("UPDATE pengguna SET sandi_hash = ? WHERE username = ?", (rahasia.hash_sandi(sandi), username))
                self._catat(con, username, "masuk", username, {"asal": asal, "hasil": "berhasil"})
        if not ok:
            raise SandiSalah()
        return Sesi(token, username, until)

    def keluar(self, token: str | None) -> None:
        """Log out: the session is revoked server-side, so its cookie is worthless from now on."""
        if not token:
            return
        with self._tulis() as con:
            row = con.execute(
                "SELECT username FROM sesi WHERE token_hash = ? AND dicabut_pada IS NULL", (rahasia.hash_token(token),)
            ).fetchone()
            if row is None:
                return
            con.execute(
                "UPDATE sesi SET dicabut_pada = ? WHERE token_hash = ?", (_iso(self.sekarang()), rahasia.hash_token(token))
            )
            self._catat(con, row["username"], "keluar", row["username"])

    def pengguna_sesi(self, token: str | None) -> Pengguna | None:
        """The account of a live session; None if the token is unknown, expired or revoked, or the
        account inactive."""
        if not token:
            return None
        with self._con() as con:
            row = con.execute(
                "SELECT p.*, s.kedaluwarsa, s.dicabut_pada FROM sesi s JOIN pengguna p USING (username) WHERE s.token_hash = ?",
                (rahasia.hash_token(token),),
            ).fetchone()
        if row is None or row["dicabut_pada"] is not None or not row["aktif"]:
            return None
        if _waktu(row["kedaluwarsa"]) <= self.sekarang():
            return None
        return self._pengguna(row)

    def pengguna_cookie(self, nilai: str | None) -> Pengguna | None:
        """The account behind a signed cookie value (None when forged, expired or revoked)."""
        return self.pengguna_sesi(rahasia.baca_cookie(nilai))

    # --- upload -----------------------------------------------------------------------------

    def unggah(
        self,
        oleh: Pengguna | None,
        nama_file: str,
        isi: bytes,
        db: Path,
        *,
        batas_detik: float | None = None,
        terbit: bool = True,
    ) -> HasilUnggah:
        """Keep the file (content-addressed) and load it through the CLI loader; an operator only
        for its own units. See :mod:`etl.alur.unggah`. With ``terbit`` (the default) the snapshot
        is published again so that the views show the upload ('diunggah'); several files at once
        may pass ``terbit=False`` and call :func:`etl.alur.terbitkan` after the last."""
        from etl.alur import unggah

        user = self._wajib(oleh, "unggah", nama_file, BOLEH_UNGGAH)
        hasil = unggah.unggah(user, nama_file, isi, Path(db), self.path, batas_detik=batas_detik)
        with self._tulis() as con:
            for did in hasil.dokumen_ids or (hasil.dokumen_id,):
                con.execute(
                    "INSERT INTO unggahan (waktu, username, nama_file, sha256, status, pesan, dokumen_id, unit, jumlah_catatan,"
                    " kode_kecamatan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        _iso(self.sekarang()),
                        user.username,
                        hasil.nama_file,
                        hasil.sha256,
                        hasil.status,
                        hasil.pesan,
                        did,
                        hasil.unit,
                        hasil.jumlah_catatan,
                        hasil.kode_kecamatan,
                    ),
                )
            self._catat(
                con,
                user.username,
                "unggah",
                hasil.nama_file,
                {
                    "sha256": hasil.sha256,
                    "status": hasil.status,
                    "dokumen_id": hasil.dokumen_id,
                    "unit": hasil.unit,
                    "pesan": hasil.pesan,
                },
                berhasil=hasil.status in ("dimuat", "sama", "diganti"),
            )
        if terbit and hasil.dokumen_ids:
            from etl.alur.terbit import terbitkan

            terbitkan(Path(db), self)
        return hasil

    def status_dokumen(self, oleh: Pengguna | None, units: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Every upload, newest first, with its document's verification (latest event): an
        operator sees its own uploads and its units' documents; the other roles all of them,
        or only ``units`` when given."""
        user = self._wajib(oleh, "status_dokumen", "", PERAN)
        scope: tuple[str, ...] | None = tuple(units) if units is not None else None
        if user.peran == "operator":
            scope = tuple(u for u in (scope or user.unit) if u in user.unit)
        with self._con() as con:
            rows = con.execute(
                "SELECT u.id, u.waktu, u.username, u.nama_file, u.sha256, u.status, u.pesan, u.dokumen_id, u.unit,"
                " u.jumlah_catatan, u.kode_kecamatan, v.status AS status_verifikasi, v.alasan AS alasan_verifikasi,"
                " v.username AS diverifikasi_oleh, v.waktu AS diverifikasi_pada"
                " FROM unggahan u LEFT JOIN verifikasi v ON v.id = ("
                "   SELECT max(id) FROM verifikasi WHERE dokumen_id = u.dokumen_id)"
                " ORDER BY u.id DESC"
            ).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            mine = user.peran == "operator" and d["username"] == user.username
            if scope is not None and not mine and not unit_diizinkan(d["kode_kecamatan"], d["unit"], scope):
                continue
            if d["dokumen_id"] and d["status"] in ("dimuat", "sama", "diganti") and d["status_verifikasi"] is None:
                d["status_verifikasi"] = "diunggah"
            d["waktu"] = _waktu(d["waktu"])
            if d["diverifikasi_pada"]:
                d["diverifikasi_pada"] = _waktu(d["diverifikasi_pada"])
            out.append(d)
        return out

    # --- verification, corrections, findings ------------------------------------------------

    def verifikasi(self, oleh: Pengguna | None, dokumen_id: str, status: str, alasan: str = "", db: Path | None = None) -> None:
        """Accept ('diverifikasi') or return ('dikembalikan', with a reason the operator sees) a document."""
        user = self._wajib(oleh, "verifikasi", dokumen_id, BOLEH_VERIFIKASI)
        if status not in STATUS_VERIFIKASI:
            raise IsianSalah(f"Status verifikasi '{status}' tidak dikenal; pilih diverifikasi atau dikembalikan.")
        alasan = (alasan or "").strip()
        if status == "dikembalikan" and not alasan:
            raise IsianSalah("Dokumen yang dikembalikan memerlukan alasan, agar operator tahu apa yang harus diperbaiki.")
        if db is not None:
            from etl.alur.terbit import dokumen_ada

            if not dokumen_ada(db, dokumen_id):
                raise IsianSalah(f"Dokumen {dokumen_id} tidak ada di basis data.")
        with self._tulis() as con:
            con.execute(
                "INSERT INTO verifikasi (waktu, username, dokumen_id, status, alasan) VALUES (?, ?, ?, ?, ?)",
                (_iso(self.sekarang()), user.username, dokumen_id, status, alasan),
            )
            self._catat(con, user.username, "verifikasi", dokumen_id, {"status": status, "alasan": alasan})

    def koreksi(
        self,
        oleh: Pengguna | None,
        dokumen_id: str,
        tabel: str,
        kunci: dict[str, Any],
        kolom: str,
        nilai: float,
        alasan: str,
        db: Path | None = None,
    ) -> None:
        """Record the right value of one printed number, beside it (the printed value stays).
        ``kunci`` names the row: {'urutan': n} for target_kinerja, realisasi_kinerja and anggaran,
        {'tahun': y, 'jenis': 'IKM'} for skor. With ``db`` the row must exist there."""
        user = self._wajib(oleh, "koreksi", f"{tabel}:{dokumen_id}", BOLEH_KOREKSI)
        if tabel not in KOLOM_KOREKSI:
            raise IsianSalah(f"Tabel '{tabel}' tidak dapat dikoreksi; pilih {', '.join(KOLOM_KOREKSI)}.")
        if kolom not in KOLOM_KOREKSI[tabel]:
            raise IsianSalah(f"Kolom '{kolom}' dari {tabel} tidak dapat dikoreksi; pilih {', '.join(KOLOM_KOREKSI[tabel])}.")
        need = KUNCI_KOREKSI[tabel]
        if set(kunci) != set(need):
            raise IsianSalah(f"Kunci baris {tabel} harus berisi tepat: {', '.join(need)}.")
        try:
            value = float(nilai)
        except (TypeError, ValueError):
            raise IsianSalah(f"Nilai koreksi '{nilai}' bukan angka.") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise IsianSalah("Nilai koreksi harus angka yang terhingga.")
        alasan = (alasan or "").strip()
        if not alasan:
            raise IsianSalah("Koreksi memerlukan alasan (misalnya halaman dokumen sumber yang benar).")
        key: dict[str, Any] = {"urutan": None, "tahun": None, "jenis": None}
        try:
            for k in need:
                key[k] = str(kunci[k]) if k == "jenis" else int(kunci[k])
        except (TypeError, ValueError):
            raise IsianSalah(f"Kunci baris {tabel} tidak sah: {kunci}.") from None
        printed = None
        if db is not None:
            from etl.alur.terbit import nilai_tertulis

            found, printed = nilai_tertulis(db, tabel, dokumen_id, key, KOLOM_KOREKSI[tabel][kolom])
            if not found:
                raise IsianSalah(f"Baris {tabel} {kunci} dari dokumen {dokumen_id} tidak ada di basis data.")
        with self._tulis() as con:
            con.execute(
                "INSERT INTO koreksi (waktu, username, dokumen_id, tabel, urutan, tahun, jenis, kolom, nilai, nilai_tertulis, alasan)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _iso(self.sekarang()),
                    user.username,
                    dokumen_id,
                    tabel,
                    key["urutan"],
                    key["tahun"],
                    key["jenis"],
                    kolom,
                    value,
                    printed,
                    alasan,
                ),
            )
            self._catat(
                con,
                user.username,
                "koreksi",
                f"{tabel}:{dokumen_id}",
                {"kunci": kunci, "kolom": kolom, "nilai": value, "nilai_tertulis": printed, "alasan": alasan},
            )

    def atur_status_temuan(
        self, oleh: Pengguna | None, temuan_id: str, status: str, catatan: str = "", db: Path | None = None
    ) -> None:
        """The Inspektorat's judgement of a finding (the ``temuan_id`` column of the temuan view);
        with ``db`` the finding must exist there."""
        user = self._wajib(oleh, "status_temuan", temuan_id, BOLEH_STATUS_TEMUAN)
        if status not in STATUS_TEMUAN:
            raise IsianSalah(f"Status temuan '{status}' tidak dikenal; pilih {', '.join(LABEL_STATUS_TEMUAN.values())}.")
        if not temuan_id or not str(temuan_id).strip():
            raise IsianSalah("Temuan tidak disebut.")
        if db is not None:
            from etl.alur.terbit import temuan_ada

            if not temuan_ada(db, temuan_id):
                raise IsianSalah(f"Temuan {temuan_id} tidak ada di basis data (dokumennya mungkin sudah diganti versi baru).")
        catatan = (catatan or "").strip()
        with self._tulis() as con:
            con.execute(
                "INSERT INTO status_temuan (waktu, username, temuan_id, status, catatan) VALUES (?, ?, ?, ?, ?)",
                (_iso(self.sekarang()), user.username, temuan_id, status, catatan),
            )
            self._catat(con, user.username, "status_temuan", temuan_id, {"status": status, "catatan": catatan})

    # --- audit ------------------------------------------------------------------------------

    def audit(self, oleh: Pengguna | None, batas: int = 1000) -> list[dict[str, Any]]:
        """The newest ``batas`` audit rows (admins): waktu, username, aksi, objek, rincian, berhasil."""
        self._wajib(oleh, "baca_audit", "", BOLEH_KELOLA)
        with self._con() as con:
            rows = con.execute(
                "SELECT id, waktu, username, aksi, objek, rincian, berhasil FROM audit ORDER BY id DESC LIMIT ?",
                (max(0, int(batas)),),
            ).fetchall()
        return [{**dict(r), "waktu": _waktu(r["waktu"]), "berhasil": bool(r["berhasil"])} for r in rows]

    def audit_csv(self, oleh: Pengguna | None, batas: int = 1_000_000) -> str:
        """The audit log as CSV (oldest first), for export."""
        rows = list(reversed(self.audit(oleh, batas)))
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["id", "waktu", "username", "aksi", "objek", "rincian", "berhasil"])
        for r in rows:
            w.writerow(
                [
                    r["id"],
                    _iso(r["waktu"]),
                    r["username"],
                    r["aksi"],
                    r["objek"],
                    r["rincian"],
                    "ya" if r["berhasil"] else "tidak",
                ]
            )
        return out.getvalue()


def buka(path: Path | None = None, jam: Callable[[], dt.datetime] | None = None) -> Alur:
    """Open (or create) the workflow store: ``path``, else :func:`etl.paths.alur_path`."""
    return Alur(Path(path) if path is not None else alur_path(), jam)
