-- The workflow store (SQLite, etl.paths.alur_path()): accounts, sessions, login attempts, and the
-- events of the workflow. Event tables and the audit log are append-only: triggers refuse UPDATE
-- and DELETE, so the history can only grow. Times are UTC, ISO 8601.

CREATE TABLE IF NOT EXISTS pengguna (
    username TEXT PRIMARY KEY,
    nama TEXT NOT NULL,
    peran TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '[]',          -- JSON list of kode_kecamatan / perangkat_daerah names
    aktif INTEGER NOT NULL DEFAULT 1,
    sandi_hash TEXT NOT NULL,                 -- argon2id, encoded with its parameters and salt
    dibuat_pada TEXT NOT NULL,
    diubah_pada TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sesi (
    token_hash TEXT PRIMARY KEY,              -- sha256 of the token; the token itself is never stored
    username TEXT NOT NULL,
    asal TEXT NOT NULL DEFAULT '',
    dibuat_pada TEXT NOT NULL,
    kedaluwarsa TEXT NOT NULL,
    dicabut_pada TEXT
);
CREATE INDEX IF NOT EXISTS sesi_username ON sesi (username);

CREATE TABLE IF NOT EXISTS percobaan_masuk (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    waktu REAL NOT NULL,                      -- seconds since the epoch (UTC), for the rate limit
    username TEXT NOT NULL,
    asal TEXT NOT NULL DEFAULT '',
    hasil TEXT NOT NULL                       -- berhasil | gagal | ditahan
);
CREATE INDEX IF NOT EXISTS percobaan_username ON percobaan_masuk (username, waktu);
CREATE INDEX IF NOT EXISTS percobaan_asal ON percobaan_masuk (asal, waktu);

CREATE TABLE IF NOT EXISTS unggahan (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    waktu TEXT NOT NULL,
    username TEXT NOT NULL,
    nama_file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,                     -- dimuat | sama | diganti | gagal | ditolak
    pesan TEXT NOT NULL,
    dokumen_id TEXT,
    unit TEXT,                                -- perangkat_daerah found by the reader (else its code)
    jumlah_catatan INTEGER NOT NULL DEFAULT 0,
    kode_kecamatan TEXT
);

CREATE TABLE IF NOT EXISTS verifikasi (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    waktu TEXT NOT NULL,
    username TEXT NOT NULL,
    dokumen_id TEXT NOT NULL,
    status TEXT NOT NULL,                     -- diverifikasi | dikembalikan
    alasan TEXT NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS koreksi (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    waktu TEXT NOT NULL,
    username TEXT NOT NULL,
    dokumen_id TEXT NOT NULL,
    tabel TEXT NOT NULL,                      -- target_kinerja | realisasi_kinerja | skor | anggaran
    urutan INTEGER,                           -- the row's key: urutan, or (tahun, jenis) for skor
    tahun INTEGER,
    jenis TEXT,
    kolom TEXT NOT NULL,
    nilai REAL NOT NULL,
    nilai_tertulis TEXT,                      -- the printed value when the correction was made, where known
    alasan TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS status_temuan (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    waktu TEXT NOT NULL,
    username TEXT NOT NULL,
    temuan_id TEXT NOT NULL,
    status TEXT NOT NULL,                     -- dikonfirmasi | bukan_kesalahan | ditindaklanjuti
    catatan TEXT NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    waktu TEXT NOT NULL,
    username TEXT NOT NULL,                   -- 'cli' for the command line, '-' for nobody logged in
    aksi TEXT NOT NULL,
    objek TEXT NOT NULL DEFAULT '',
    rincian TEXT NOT NULL DEFAULT '',
    berhasil INTEGER NOT NULL DEFAULT 1       -- 0: refused (no right, wrong password, rate limit)
);
-- The triggers refusing UPDATE and DELETE on the event tables and the audit log are made by
-- etl.alur.store.Alur (RIWAYAT), one pair per table.
