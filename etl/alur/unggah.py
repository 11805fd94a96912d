"""Upload: keep the bytes content-addressed, then load them with the CLI loader in a subprocess.

The loader is the one the command line runs (``python -m etl load``), with its limits
(etl/limits.py) and its publication (readers never wait). It runs as a separate process with a
time limit, so a hostile file can at worst fail its own load, never the dashboard. For an operator
it runs with ``--hanya-unit`` for each of the operator's units: a document of another unit is
refused by the loader before anything is written (``DITOLAK``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

from etl import limits
from etl.alur.model import HasilUnggah, Pengguna
from etl.paths import PROJECT_ROOT, unggahan_dir, unggahan_path

BATAS_DETIK = 600.0  # one upload's load; OCR of a long scan takes minutes, a runaway file no longer
TUNGGU_DETIK = 120.0  # how long the loader waits for another load of the same database
_NAME = re.compile(r"[^\w .()\-]+")
_STATUS = {"DITOLAK": "ditolak", "GAGAL": "gagal", "DIGANTI": "diganti", "DIMUAT": "dimuat", "SAMA": "sama"}
_ORDER = ("ditolak", "gagal", "diganti", "dimuat", "sama")
_UNIT = re.compile(r"milik (.+?) \(kode ([^)]+)\)")


def nama_aman(nama_file: str) -> str:
    """The file name without folders or odd characters (it names the document in the views)."""
    name = _NAME.sub("_", Path(nama_file.replace("\\", "/")).name).strip(" .")
    return name[-120:] or "berkas"


def simpan(isi: bytes, sha256: str, ext: str, db: Path) -> Path:
    """Keep the bytes at their content address; the same bytes twice are one file, never rewritten."""
    path = unggahan_path(sha256, ext, db)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".simpan-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(isi)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o640)
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)  # atomic and never over an existing file
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return path


def _tolak(name: str, sha: str, pesan: str) -> HasilUnggah:
    return HasilUnggah(name, sha, "ditolak", pesan)


def unggah(user: Pengguna, nama_file: str, isi: bytes, db: Path, store: Path, batas_detik: float | None = None) -> HasilUnggah:
    """Check, keep and load one uploaded file for ``user`` (whose role the caller has checked)."""
    name = nama_aman(nama_file)
    sha = hashlib.sha256(isi).hexdigest()
    ext = Path(name).suffix.lower().lstrip(".")
    if ext not in limits.MAX_BYTES:
        kinds = ", ".join(sorted(limits.MAX_BYTES))
        return _tolak(name, sha, f"DITOLAK {name}: jenis berkas tidak didukung (hanya {kinds}); berkas tidak disimpan")
    limit = limits.MAX_BYTES[ext]
    if len(isi) > limit:
        kind = limits.FORMAT_NAMES.get(ext, ext)
        err = limits.refuse(
            name,
            f"berkas {kind} berukuran {limits.ukuran(len(isi))}",
            f"{limits.ukuran(limit)} untuk berkas {kind}",
            limits.SPLIT,
        )
        return _tolak(name, sha, f"DITOLAK {err}; berkas tidak disimpan")
    if not isi:
        return _tolak(name, sha, f"DITOLAK {name}: berkas kosong; berkas tidak disimpan")
    kept = simpan(isi, sha, ext, db)
    units = user.unit if user.peran == "operator" else ()
    return _muat(kept, name, sha, units, Path(db), store, batas_detik or BATAS_DETIK)


def _muat(kept: Path, name: str, sha: str, units: tuple[str, ...], db: Path, store: Path, batas: float) -> HasilUnggah:
    work = Path(tempfile.mkdtemp(prefix=".muat-", dir=unggahan_dir(db)))
    try:
        target = work / name  # the loader names the document after the file
        try:
            os.link(kept, target)
        except OSError:
            shutil.copyfile(kept, target)
        cmd = [sys.executable, "-m", "etl", "load", "--db", str(db), "--tunggu", str(int(TUNGGU_DETIK))]
        for u in units:
            cmd += ["--hanya-unit", u]
        cmd.append(str(target))
        env = dict(os.environ)
        env.pop("KINERJA_RAHASIA", None)  # the loader signs nothing: it does not get the cookie key
        env["KINERJA_ALUR"] = str(store)  # the loader's publications carry this store's events
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p)
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=PROJECT_ROOT, start_new_session=True
        )
        try:
            out, err = proc.communicate(timeout=batas)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # the loader and any OCR it started
            proc.communicate()
            lama = f"{round(batas / 60)} menit" if batas >= 60 else f"{batas:.1f} detik".replace(".", ",")
            return HasilUnggah(
                name,
                sha,
                "gagal",
                f"GAGAL  {name}: pemuatan dihentikan setelah {lama}; berkas disimpan, basis data tidak diubah",
            )
        text = (out + "\n" + err).replace(str(target), name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _hasil(text, name, sha, db, proc.returncode)


def _hasil(text: str, name: str, sha: str, db: Path, code: int) -> HasilUnggah:
    """The upload's outcome from the loader's lines and, for a loaded file, the database."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        word = line.split(" ", 1)[0]
        if word in _STATUS:
            found.setdefault(_STATUS[word], []).append(line.strip())
    # a file of several units may load some and refuse others: loaded wins, every line is said
    loaded = [s for s in _ORDER[2:] if s in found]
    status = loaded[0] if loaded else next((s for s in _ORDER if s in found), "gagal")
    if status == "gagal" and "gagal" not in found:
        tail = [ln for ln in text.splitlines() if ln.strip()][-1:] or [f"kode keluar {code}"]
        pesan = f"GAGAL  {name}: pemuat berhenti tanpa hasil ({tail[0].strip()})"
    else:
        pesan = "\n".join(line for s in _ORDER for line in found.get(s, ()) if s == status or loaded)
    if status in ("ditolak", "gagal"):
        m = _UNIT.search(pesan)
        kode = m.group(2) if m and m.group(2) != "-" else None
        return HasilUnggah(name, sha, status, pesan, unit=m.group(1) if m else None, kode_kecamatan=kode)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT d.dokumen_id, coalesce(d.perangkat_daerah, d.kode_kecamatan), d.kode_kecamatan,"
            " (SELECT count(*) FROM core_catatan c WHERE c.dokumen_id = d.dokumen_id)"
            " FROM core_dokumen d WHERE d.sha256 = ? ORDER BY d.dokumen_id",
            [sha],
        ).fetchall()
    finally:
        con.close()
    ids = tuple(r[0] for r in rows)
    return HasilUnggah(
        name,
        sha,
        status,
        pesan,
        dokumen_id=ids[0] if ids else None,
        jumlah_catatan=sum(int(r[3]) for r in rows),
        unit=rows[0][1] if rows else None,
        kode_kecamatan=rows[0][2] if rows else None,
        dokumen_ids=ids,
    )
