-- kinerja-kecamatan database: core tables (written by the ETL) and the public views (the data
-- contract, docs/data-contract.md). Core tables are keyed by dokumen_id; every row of a document
-- is replaced together, in one transaction. Numbers are DOUBLE: what the document printed sits in
-- the *_teks column next to it, what the code computed in its own column.

CREATE TABLE IF NOT EXISTS core_dokumen (
    dokumen_id VARCHAR PRIMARY KEY,
    nama_file VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    jenis VARCHAR NOT NULL,              -- PK | PK_PERUBAHAN | LKJIP | REALISASI_TRIWULAN
    kode_kecamatan VARCHAR,
    provinsi VARCHAR,
    kabupaten VARCHAR,
    kecamatan VARCHAR,                   -- NULL for a perangkat daerah that is not a kecamatan
    tahun INTEGER NOT NULL,
    tanggal DATE,
    tanggal_teks VARCHAR,
    pihak_pertama VARCHAR,
    jabatan_pihak_pertama VARCHAR,
    pihak_kedua VARCHAR,
    jabatan_pihak_kedua VARCHAR,
    renstra_awal INTEGER,
    renstra_akhir INTEGER,
    format VARCHAR,
    jumlah_baris INTEGER,
    versi_parser VARCHAR,
    edisi_referensi VARCHAR,
    dimuat_pada TIMESTAMP NOT NULL,
    perangkat_daerah VARCHAR,            -- "Kecamatan X" or "Dinas …", "Badan …" as the document names it
    kode_kabupaten VARCHAR,              -- Kemendagri code; NULL for a provincial unit
    kode_provinsi VARCHAR                -- Kemendagri code PP
);
ALTER TABLE core_dokumen ADD COLUMN IF NOT EXISTS perangkat_daerah VARCHAR;
ALTER TABLE core_dokumen ADD COLUMN IF NOT EXISTS kode_kabupaten VARCHAR;
ALTER TABLE core_dokumen ADD COLUMN IF NOT EXISTS kode_provinsi VARCHAR;
-- The document's place in load order (1, 2, 3 …; a replaced document gets a new one). Its lines in
-- core_baris carry it as nomor_dokumen and are appended in that order, so one document's lines sit
-- in one or two row groups whose zone maps say so: a lookup of one document's lines (the view
-- sumber_baris joins on it) skips the other ~800 row groups of a national database instead of
-- scanning 95 M lines for a random dokumen_id (issue 16, bench/README.md). etl.load.connect numbers
-- the documents of a database made before it.
ALTER TABLE core_dokumen ADD COLUMN IF NOT EXISTS nomor BIGINT;

CREATE TABLE IF NOT EXISTS core_baris (
    dokumen_id VARCHAR NOT NULL,
    baris INTEGER NOT NULL,
    halaman INTEGER,
    cara_baca VARCHAR,
    teks VARCHAR
);
ALTER TABLE core_baris ADD COLUMN IF NOT EXISTS nomor_dokumen BIGINT;  -- core_dokumen.nomor

CREATE TABLE IF NOT EXISTS core_perjanjian (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    jenis_pk VARCHAR,
    unit_kerja VARCHAR,
    pihak_pertama VARCHAR,
    jabatan_pihak_pertama VARCHAR,
    pihak_kedua VARCHAR,
    jabatan_pihak_kedua VARCHAR,
    tanggal DATE,
    tanggal_teks VARCHAR,
    baris_awal INTEGER,
    baris_akhir INTEGER
);

CREATE TABLE IF NOT EXISTS core_target (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    jenis_pk VARCHAR,
    bagian VARCHAR,
    unit_kerja VARCHAR,
    tingkat VARCHAR,
    sasaran VARCHAR,
    indikator VARCHAR,
    kunci VARCHAR,
    satuan VARCHAR,
    target DOUBLE,
    target_teks VARCHAR,
    predikat_target VARCHAR,
    tipe_perhitungan VARCHAR,
    formulasi VARCHAR,
    sumber_data VARCHAR,
    polaritas VARCHAR,
    sumber_baris INTEGER
);

CREATE TABLE IF NOT EXISTS core_realisasi (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    bagian VARCHAR,
    unit_kerja VARCHAR,
    tahun INTEGER,
    sasaran VARCHAR,
    indikator VARCHAR,
    kunci VARCHAR,
    satuan VARCHAR,
    target DOUBLE,
    target_teks VARCHAR,
    realisasi DOUBLE,
    realisasi_teks VARCHAR,
    capaian_dilaporkan DOUBLE,
    capaian_teks VARCHAR,
    capaian DOUBLE,
    rumus_capaian VARCHAR,
    rumus_terdeteksi VARCHAR,
    predikat VARCHAR,
    kategori_dilaporkan VARCHAR,
    target_akhir DOUBLE,
    riwayat BOOLEAN,
    sumber_baris INTEGER,
    sumber_rumus VARCHAR,                -- why rumus_capaian: 'capaian tercetak', 'petunjuk kata: …'
    predikat_hitung VARCHAR,             -- predicate of the computed capaian
    sumber_predikat VARCHAR              -- 'tercetak' or 'dihitung (Permendagri 86/2017)'
);
ALTER TABLE core_realisasi ADD COLUMN IF NOT EXISTS sumber_rumus VARCHAR;
ALTER TABLE core_realisasi ADD COLUMN IF NOT EXISTS predikat_hitung VARCHAR;
ALTER TABLE core_realisasi ADD COLUMN IF NOT EXISTS sumber_predikat VARCHAR;

CREATE TABLE IF NOT EXISTS core_skor (
    dokumen_id VARCHAR NOT NULL,
    tahun INTEGER NOT NULL,
    jenis VARCHAR NOT NULL,
    nilai DOUBLE NOT NULL,
    nilai_teks VARCHAR,
    kategori VARCHAR,
    kategori_dilaporkan VARCHAR,
    sumber VARCHAR,
    sumber_baris INTEGER,
    predikat VARCHAR,                    -- kategori_dilaporkan where printed, else kategori
    sumber_predikat VARCHAR              -- 'tercetak' or 'dihitung (<regulation>)'
);
ALTER TABLE core_skor ADD COLUMN IF NOT EXISTS predikat VARCHAR;
ALTER TABLE core_skor ADD COLUMN IF NOT EXISTS sumber_predikat VARCHAR;

CREATE TABLE IF NOT EXISTS core_komponen (
    dokumen_id VARCHAR NOT NULL,
    tahun INTEGER NOT NULL,
    jenis VARCHAR NOT NULL,
    urutan INTEGER,
    komponen VARCHAR,
    komponen_dokumen VARCHAR,
    induk VARCHAR,
    peran VARCHAR,
    bobot DOUBLE,
    nilai DOUBLE,
    nilai_teks VARCHAR,
    mutu_dilaporkan VARCHAR,
    sumber_baris INTEGER
);

CREATE TABLE IF NOT EXISTS core_anggaran (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    jenis_pk VARCHAR,
    bagian VARCHAR,
    unit_kerja VARCHAR,
    tahap VARCHAR,
    tingkat VARCHAR,
    peran VARCHAR,
    nama VARCHAR,
    induk_urutan INTEGER,
    pagu DOUBLE,
    pagu_teks VARCHAR,
    realisasi DOUBLE,
    realisasi_teks VARCHAR,
    persen_dilaporkan DOUBLE,
    persen_teks VARCHAR,
    sumber_dana VARCHAR,
    sumber_baris INTEGER,
    sumber_tahap VARCHAR,                -- evidence for tahap: the table's heading, a total it equals, …
    masuk_jumlah_pagu BOOLEAN,           -- the line's pagu is summed in the table's reconciled total
    masuk_jumlah_realisasi BOOLEAN
);
ALTER TABLE core_anggaran ADD COLUMN IF NOT EXISTS sumber_tahap VARCHAR;
ALTER TABLE core_anggaran ADD COLUMN IF NOT EXISTS masuk_jumlah_pagu BOOLEAN;
ALTER TABLE core_anggaran ADD COLUMN IF NOT EXISTS masuk_jumlah_realisasi BOOLEAN;

-- One row per budget table and measure: its printed total, the sum of its most detailed lines and
-- the sum used (the level that reconciles with the printed total), with the lines that disagree.
CREATE TABLE IF NOT EXISTS core_anggaran_jumlah (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    bagian VARCHAR,
    unit_kerja VARCHAR,
    jenis_pk VARCHAR,
    tahap VARCHAR,
    ukuran VARCHAR NOT NULL,             -- pagu | realisasi
    jumlah_tertulis DOUBLE,
    jumlah_tertulis_teks VARCHAR,
    asal_jumlah VARCHAR,
    jumlah_rinci DOUBLE,
    jumlah_dipakai DOUBLE,
    cocok BOOLEAN,
    jumlah_beda INTEGER,
    baris_beda VARCHAR,
    baris_salah VARCHAR,
    keterangan VARCHAR,
    baris_awal INTEGER,
    sumber_baris INTEGER
);

CREATE TABLE IF NOT EXISTS core_anggaran_sasaran (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    bagian VARCHAR,
    sasaran VARCHAR,
    indikator VARCHAR,
    kunci VARCHAR,
    target DOUBLE,
    realisasi_kinerja DOUBLE,
    capaian_dilaporkan DOUBLE,
    pagu DOUBLE,
    realisasi DOUBLE,
    serapan_dilaporkan DOUBLE,
    serapan_teks VARCHAR,
    efisiensi_dilaporkan DOUBLE,
    keterangan VARCHAR,
    sumber_baris INTEGER,
    rumus_capaian VARCHAR,               -- the formula reproducing capaian_dilaporkan, else the hint's
    sumber_rumus VARCHAR
);
ALTER TABLE core_anggaran_sasaran ADD COLUMN IF NOT EXISTS rumus_capaian VARCHAR;
ALTER TABLE core_anggaran_sasaran ADD COLUMN IF NOT EXISTS sumber_rumus VARCHAR;

-- Quarterly realisation reports (Permendagri 86/2017): one row per table row and quarter printed.
CREATE TABLE IF NOT EXISTS core_realisasi_triwulan (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    unit_kerja VARCHAR,
    tahun INTEGER,
    triwulan INTEGER NOT NULL,
    tingkat VARCHAR NOT NULL,            -- total | program | kegiatan | sub_kegiatan
    tingkat_pasti BOOLEAN,
    nama VARCHAR,
    indikator VARCHAR,
    kinerja DOUBLE,
    kinerja_teks VARCHAR,
    realisasi_rp DOUBLE,
    realisasi_rp_teks VARCHAR,
    induk_urutan INTEGER,
    sumber_baris INTEGER
);

CREATE TABLE IF NOT EXISTS core_catatan (
    dokumen_id VARCHAR NOT NULL,
    baris INTEGER,
    tingkat VARCHAR,
    pesan VARCHAR
);

-- Findings of the review (etl/review): one row per slip or doubt. lingkup 'dokumen' rows belong to
-- the document's own load; 'lintas' rows (across documents) are recomputed for the kecamatan after
-- every load. sumber_baris is the line of the printed value; baris_terkait lists every line read;
-- baris_slip the lines where the same slip shows up (a subset of baris_terkait, what pages mark).
CREATE TABLE IF NOT EXISTS core_temuan (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    lingkup VARCHAR NOT NULL,            -- dokumen | lintas
    kategori VARCHAR,
    kode VARCHAR NOT NULL,
    tingkat VARCHAR NOT NULL,            -- galat | peringatan | info
    pesan VARCHAR NOT NULL,
    nilai_tertulis VARCHAR,
    nilai_hitung VARCHAR,
    angka_tertulis DOUBLE,
    angka_hitung DOUBLE,
    rumus VARCHAR,
    kunci VARCHAR,
    sumber_baris INTEGER,
    baris_terkait VARCHAR,
    dokumen_pembanding VARCHAR,
    baris_pembanding VARCHAR,
    baris_slip VARCHAR                   -- the places the slip shows up (sumber_baris included)
);
ALTER TABLE core_temuan ADD COLUMN IF NOT EXISTS baris_slip VARCHAR;

-- ---------------------------------------------------------------------------------------------
-- The workflow (issue 15, etl/alur): events copied from the workflow store (data/kinerja.alur.sqlite)
-- at every publication of the snapshot. Never written by a load; times are UTC.
CREATE TABLE IF NOT EXISTS alur_unggahan (
    id BIGINT, waktu TIMESTAMP, username VARCHAR, nama_file VARCHAR, sha256 VARCHAR,
    status VARCHAR,                      -- dimuat | sama | diganti (uploads that gave a document)
    dokumen_id VARCHAR, unit VARCHAR
);
CREATE TABLE IF NOT EXISTS alur_verifikasi (
    id BIGINT, waktu TIMESTAMP, username VARCHAR, dokumen_id VARCHAR,
    status VARCHAR,                      -- diverifikasi | dikembalikan
    alasan VARCHAR
);
CREATE TABLE IF NOT EXISTS alur_koreksi (
    id BIGINT, waktu TIMESTAMP, username VARCHAR, dokumen_id VARCHAR,
    tabel VARCHAR,                       -- the view: target_kinerja | realisasi_kinerja | skor | anggaran
    urutan INTEGER, tahun INTEGER, jenis VARCHAR,   -- the row: urutan, or (tahun, jenis) for skor
    kolom VARCHAR, nilai DOUBLE, nilai_tertulis VARCHAR, alasan VARCHAR
);
CREATE TABLE IF NOT EXISTS alur_status_temuan (
    id BIGINT, waktu TIMESTAMP, username VARCHAR, temuan_id VARCHAR,
    status VARCHAR,                      -- dikonfirmasi | bukan_kesalahan | ditindaklanjuti
    catatan VARCHAR
);

-- ---------------------------------------------------------------------------------------------
-- The rules in SQL, once (etl/rules.py holds the same in Python): every view computes with these.
-- serapan (domain.md §3): realisasi ÷ pagu × 100; NULL without both or with pagu 0 (or below).
-- The body is etl.rules.SQL_SERAPAN verbatim (tests/rules/test_rules_agree.py checks every copy).
CREATE OR REPLACE MACRO serapan_persen(pagu, realisasi) AS
    case when pagu > 0 and realisasi is not null then realisasi / pagu * 100 end;
-- One indicator across tables and documents (domain.md §1.6): its key (IKM, SAKIP, …), else its
-- wording folded as etl.text.fold does. The body is etl.rules.SQL_KUNCI_INDIKATOR verbatim (the
-- review's etl.rules.kunci_indikator is the Python form; tests/rules/test_kunci_indikator.py).
CREATE OR REPLACE MACRO kunci_indikator(kunci, indikator) AS
    coalesce(kunci, trim(regexp_replace(lower(regexp_replace(strip_accents(coalesce(indikator, '')), '[^\x00-\x7f]', '', 'g')), '[^a-z0-9]+', ' ', 'g')));
-- A key score on the scale it is compared on (domain.md §2.3): an IKM printed on the 1–4 scale
-- (NI) × 25 gives the 25–100 NIK; an IKM on 25–100 and every other score as they are. The IKM body
-- is etl.rules.SQL_IKM_NIK verbatim.
CREATE OR REPLACE MACRO nilai_skala(jenis, nilai) AS
    CASE WHEN jenis = 'IKM' THEN case when nilai <= 4 then nilai * 25 else nilai end ELSE nilai END;
-- The label of a kabupaten/kota: 'Kab. Bogor' (32.01) or 'Kota Bogor' (32.71) — a kota's code has
-- KK 71 and above. The body is etl.reference.SQL_LABEL_KABUPATEN verbatim.
CREATE OR REPLACE MACRO label_kabupaten(kode, nama) AS
    case when kode is null or nama is null then nama when try_cast(split_part(kode, '.', 2) as integer) >= 71 then 'Kota ' || nama else 'Kab. ' || nama end;
-- Which budget table of a document a line belongs to (its part, stage and agreement version): the
-- key the choice of the one table per kecamatan-year (anggaran.tabel_dipakai) and the budget
-- queries group the lines by.
CREATE OR REPLACE MACRO tabel_anggaran(bagian, tahap, jenis_pk) AS
    coalesce(bagian, '') || '/' || tahap || '/' || coalesce(jenis_pk, '');
-- capaian (domain.md §1) under one formula: positif R/T, neg_2t (2T−R)/T, neg_ratio T/R, neg_diff
-- (T−R)/T; NULL where undefined (§1.2: T = 0 is undefined for positif, 100 for a negative R = 0).
CREATE OR REPLACE MACRO capaian_persen(target, realisasi, rumus) AS
    CAST(CASE
        WHEN target IS NULL OR realisasi IS NULL THEN NULL
        WHEN coalesce(rumus, 'positif') = 'positif' THEN CASE WHEN target = 0 THEN NULL ELSE realisasi / target * 100 END
        WHEN target = 0 THEN CASE WHEN realisasi = 0 THEN 100 ELSE NULL END
        WHEN rumus = 'neg_2t' THEN (2 * target - realisasi) / target * 100
        WHEN rumus = 'neg_ratio' THEN CASE WHEN realisasi = 0 THEN NULL ELSE target / realisasi * 100 END
        WHEN rumus = 'neg_diff' THEN (target - realisasi) / target * 100
    END AS DOUBLE);

-- The latest correction of each row of one view (id orders the events): the corrected value per
-- column, and the reason, user and time of the row's latest correction.
CREATE OR REPLACE MACRO koreksi_terakhir(nama_tabel) AS TABLE
SELECT dokumen_id AS k_dokumen_id, urutan AS k_urutan, tahun AS k_tahun, jenis AS k_jenis,
       arg_max(nilai, id) FILTER (WHERE kolom = 'target') AS koreksi_target,
       arg_max(nilai, id) FILTER (WHERE kolom = 'realisasi') AS koreksi_realisasi,
       arg_max(nilai, id) FILTER (WHERE kolom = 'pagu') AS koreksi_pagu,
       arg_max(nilai, id) FILTER (WHERE kolom = 'nilai') AS koreksi_nilai,
       arg_max(alasan, id) AS alasan_koreksi, arg_max(username, id) AS dikoreksi_oleh,
       arg_max(waktu, id) AS dikoreksi_pada
FROM alur_koreksi WHERE tabel = nama_tabel
GROUP BY dokumen_id, urutan, tahun, jenis;

-- ---------------------------------------------------------------------------------------------
-- Materialised at load time (issue 16; etl/materialise.py): what the public views used to compute
-- on every query — the join to the source lines (cara_baca, sumber_halaman), serapan, capaian,
-- kunci_indikator, nilai_skala, the kabupaten label, the winners of "which observation wins" and
-- target_kinerja.berlaku — is computed once per document by the hitung_* macros below and kept in
-- the mat_* tables. `ids` is a list of dokumen_id (NULL: every document). A window (skor,
-- komponen_skor, berlaku) partitions by the document's unit (kode_kabupaten, kabupaten, kecamatan,
-- perangkat_daerah) and years, so computed over every document of the units of `ids` it gives what
-- it gives over the whole database: the loader passes whole kecamatan (etl.load.load_document,
-- in the document's own transaction). What changes without a load — corrections (alur_koreksi),
-- verification (alur_verifikasi), the status of a finding (alur_status_temuan) — stays live in
-- the views. Every source line of a document as runs of consecutive lines with one page and one
-- way of reading: the lookup of sumber_halaman and cara_baca without the table of every line.
CREATE TABLE IF NOT EXISTS mat_halaman (
    dokumen_id VARCHAR NOT NULL,
    baris_awal INTEGER NOT NULL,
    baris_akhir INTEGER NOT NULL,
    halaman INTEGER,
    cara_baca VARCHAR
);
-- The schema the mat_* tables were built with (sha256 of this file): another one rebuilds them.
CREATE TABLE IF NOT EXISTS mat_versi (versi VARCHAR NOT NULL);

CREATE OR REPLACE MACRO hitung_halaman(ids) AS TABLE
SELECT dokumen_id, min(baris) AS baris_awal, max(baris) AS baris_akhir, halaman, cara_baca
FROM (
    SELECT dokumen_id, baris, halaman, cara_baca,
           baris - row_number() OVER (PARTITION BY dokumen_id, halaman, cara_baca ORDER BY baris) AS pulau
    FROM core_baris WHERE ids IS NULL OR list_contains(ids, dokumen_id)
)
GROUP BY dokumen_id, halaman, cara_baca, pulau;

CREATE OR REPLACE MACRO hitung_target_kinerja(ids) AS TABLE
SELECT t.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, t.unit_kerja, t.tingkat, t.sasaran,
       t.indikator, t.kunci, t.satuan, t.target, t.target_teks, t.tipe_perhitungan,
       t.sumber_baris, t.jenis_pk, t.bagian, t.predikat_target, t.formulasi, t.sumber_data,
       t.polaritas, t.urutan, b.cara_baca, b.halaman AS sumber_halaman, d.perangkat_daerah,
       kunci_indikator(t.kunci, t.indikator) AS kunci_indikator,
       CASE WHEN t.jenis_pk IN ('PK', 'PK_PERUBAHAN') THEN
           t.jenis_pk = 'PK_PERUBAHAN' OR NOT bool_or(t.jenis_pk = 'PK_PERUBAHAN') OVER (
               PARTITION BY d.kode_kabupaten, d.kabupaten, d.kecamatan, d.perangkat_daerah, d.tahun, t.unit_kerja,
                            kunci_indikator(t.kunci, t.indikator)
           )
       END AS berlaku,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM (SELECT * FROM core_target WHERE ids IS NULL OR list_contains(ids, dokumen_id)) t
JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
    ON b.dokumen_id = t.dokumen_id AND t.sumber_baris BETWEEN b.baris_awal AND b.baris_akhir
WHERE t.bagian <> 'penjelasan';
CREATE TABLE IF NOT EXISTS mat_target_kinerja AS SELECT * FROM hitung_target_kinerja(NULL) LIMIT 0;

CREATE OR REPLACE MACRO hitung_realisasi_kinerja(ids) AS TABLE
SELECT r.dokumen_id, d.kabupaten, d.kecamatan, r.tahun, r.indikator, r.kunci, r.satuan,
       r.target, r.realisasi, r.capaian_dilaporkan, r.capaian, r.sumber_baris, r.unit_kerja,
       r.sasaran, r.target_teks, r.realisasi_teks, r.capaian_teks, r.rumus_capaian,
       r.rumus_terdeteksi, r.predikat, r.kategori_dilaporkan, r.target_akhir, r.riwayat,
       r.bagian, r.urutan, b.cara_baca, b.halaman AS sumber_halaman, d.perangkat_daerah,
       r.sumber_rumus, r.predikat_hitung, r.sumber_predikat,
       kunci_indikator(r.kunci, r.indikator) AS kunci_indikator,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM (SELECT * FROM core_realisasi WHERE ids IS NULL OR list_contains(ids, dokumen_id)) r
JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
    ON b.dokumen_id = r.dokumen_id AND r.sumber_baris BETWEEN b.baris_awal AND b.baris_akhir;
CREATE TABLE IF NOT EXISTS mat_realisasi_kinerja AS SELECT * FROM hitung_realisasi_kinerja(NULL) LIMIT 0;

CREATE OR REPLACE MACRO hitung_skor_observasi(ids) AS TABLE
SELECT d.kabupaten, d.kecamatan, s.tahun, s.jenis, s.nilai, s.kategori, s.dokumen_id,
       s.sumber_baris, s.nilai_teks, s.kategori_dilaporkan, s.sumber,
       d.tahun AS tahun_dokumen, d.jenis AS jenis_dokumen, d.dimuat_pada, b.cara_baca,
       b.halaman AS sumber_halaman, d.perangkat_daerah, s.predikat, s.sumber_predikat,
       nilai_skala(s.jenis, s.nilai) AS nilai_skala,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM (SELECT * FROM core_skor WHERE ids IS NULL OR list_contains(ids, dokumen_id)) s
JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
    ON b.dokumen_id = s.dokumen_id AND s.sumber_baris BETWEEN b.baris_awal AND b.baris_akhir;
CREATE TABLE IF NOT EXISTS mat_skor_observasi AS SELECT * FROM hitung_skor_observasi(NULL) LIMIT 0;

-- One value per kecamatan, year and kind: the year's own report wins over a later report's
-- history table; then the realisasi table over a component total; then the newest document.
-- Reads mat_skor_observasi (refreshed first).
CREATE OR REPLACE MACRO hitung_skor(ids) AS TABLE
SELECT kabupaten, kecamatan, tahun, jenis, nilai, kategori, dokumen_id, sumber_baris,
       nilai_teks, kategori_dilaporkan, sumber, jumlah_observasi, cara_baca, sumber_halaman,
       perangkat_daerah, predikat, sumber_predikat, nilai_skala,
       kode_provinsi, kode_kabupaten, kode_kecamatan, kabupaten_label
FROM (
    SELECT o.*,
           count(*) OVER w_all AS jumlah_observasi,
           row_number() OVER (
               PARTITION BY kode_kabupaten, kabupaten, kecamatan, perangkat_daerah, tahun, jenis
               ORDER BY (tahun_dokumen = tahun) DESC,
                        CASE sumber WHEN 'realisasi' THEN 0 WHEN 'komponen' THEN 1 ELSE 2 END,
                        tahun_dokumen DESC, dimuat_pada DESC, sumber_baris
           ) AS pilihan
    FROM (SELECT * FROM mat_skor_observasi WHERE ids IS NULL OR list_contains(ids, dokumen_id)) o
    WINDOW w_all AS (PARTITION BY kode_kabupaten, kabupaten, kecamatan, perangkat_daerah, tahun, jenis)
)
WHERE pilihan = 1;
CREATE TABLE IF NOT EXISTS mat_skor AS SELECT * FROM hitung_skor(NULL) LIMIT 0;

CREATE OR REPLACE MACRO hitung_komponen_skor(ids) AS TABLE
SELECT kabupaten, kecamatan, tahun, jenis, urutan, komponen, bobot, nilai, induk, peran,
       komponen_dokumen, nilai_teks, mutu_dilaporkan, dokumen_id, sumber_baris, cara_baca,
       sumber_halaman, perangkat_daerah, kode_provinsi, kode_kabupaten, kode_kecamatan, kabupaten_label
FROM (
    SELECT d.kabupaten, d.kecamatan, d.perangkat_daerah, k.*, b.cara_baca, b.halaman AS sumber_halaman,
           d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan, label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label,
           dense_rank() OVER (
               PARTITION BY d.kode_kabupaten, d.kabupaten, d.kecamatan, d.perangkat_daerah, k.tahun, k.jenis
               ORDER BY (d.tahun = k.tahun) DESC, d.tahun DESC, d.dimuat_pada DESC, k.dokumen_id
           ) AS pilihan
    FROM (SELECT * FROM core_komponen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) k
    JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
    LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
        ON b.dokumen_id = k.dokumen_id AND k.sumber_baris BETWEEN b.baris_awal AND b.baris_akhir
    WHERE k.peran IN ('komponen', 'sub')
)
WHERE pilihan = 1;
CREATE TABLE IF NOT EXISTS mat_komponen_skor AS SELECT * FROM hitung_komponen_skor(NULL) LIMIT 0;

-- tabel_dipakai: the line belongs to the one budget table that counts for its kecamatan
-- (kode_kecamatan; without one, the document's unit), year and unit kerja. A table is a document's
-- lines of one unit kerja with one bagian, tahap and jenis_pk; the one with realisasi wins, then the
-- latest stage (perubahan), then the PK Perubahan, then the newest load, then the table key
-- (bagian/tahap/jenis_pk), then dokumen_id. A window over every document of the place: the
-- loader recomputes it for the whole kecamatan (etl/materialise.MAT, scope "tempat").
CREATE OR REPLACE MACRO hitung_anggaran(ids) AS TABLE
WITH baris AS (
    SELECT a.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, a.tahap, a.tingkat, a.nama, a.pagu,
           a.realisasi, a.sumber_dana, a.sumber_baris, a.unit_kerja, a.jenis_pk, a.bagian,
           a.pagu_teks, a.realisasi_teks, a.persen_dilaporkan, a.persen_teks, a.urutan,
           a.induk_urutan, b.cara_baca, b.halaman AS sumber_halaman, d.perangkat_daerah,
           serapan_persen(a.pagu, a.realisasi) AS serapan, a.sumber_tahap, a.masuk_jumlah_pagu,
           a.masuk_jumlah_realisasi,
           d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
           label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label,
           tabel_anggaran(a.bagian, a.tahap, a.jenis_pk) AS tabel,
           d.dimuat_pada
    FROM (SELECT * FROM core_anggaran WHERE ids IS NULL OR list_contains(ids, dokumen_id)) a
    JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
    LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
        ON b.dokumen_id = a.dokumen_id AND a.sumber_baris BETWEEN b.baris_awal AND b.baris_akhir
    WHERE a.peran = 'baris'
),
tabel AS (
    SELECT kode_kecamatan, kode_kabupaten, kabupaten, kecamatan, perangkat_daerah, tahun, unit_kerja,
           dokumen_id, tabel,
           bool_or(realisasi IS NOT NULL) AS ada_realisasi,
           max(tahap = 'perubahan') AS perubahan,
           max(coalesce(jenis_pk, '') = 'PK_PERUBAHAN') AS pk_perubahan,
           max(dimuat_pada) AS dimuat_pada
    FROM baris
    GROUP BY ALL
),
pilihan AS (
    SELECT dokumen_id, unit_kerja, tabel,
           row_number() OVER (
               PARTITION BY kode_kecamatan, tahun, unit_kerja,
                            CASE WHEN kode_kecamatan IS NULL THEN kode_kabupaten END,
                            CASE WHEN kode_kecamatan IS NULL THEN kabupaten END,
                            CASE WHEN kode_kecamatan IS NULL THEN kecamatan END,
                            CASE WHEN kode_kecamatan IS NULL THEN perangkat_daerah END
               ORDER BY ada_realisasi DESC, perubahan DESC, pk_perubahan DESC, dimuat_pada DESC, tabel, dokumen_id
           ) = 1 AS tabel_dipakai
    FROM tabel
)
SELECT l.dokumen_id, l.kabupaten, l.kecamatan, l.tahun, l.tahap, l.tingkat, l.nama, l.pagu,
       l.realisasi, l.sumber_dana, l.sumber_baris, l.unit_kerja, l.jenis_pk, l.bagian,
       l.pagu_teks, l.realisasi_teks, l.persen_dilaporkan, l.persen_teks, l.urutan,
       l.induk_urutan, l.cara_baca, l.sumber_halaman, l.perangkat_daerah,
       l.serapan, l.sumber_tahap, l.masuk_jumlah_pagu, l.masuk_jumlah_realisasi,
       l.kode_provinsi, l.kode_kabupaten, l.kode_kecamatan, l.kabupaten_label,
       coalesce(p.tabel_dipakai, false) AS tabel_dipakai
FROM baris l
LEFT JOIN pilihan p ON p.dokumen_id = l.dokumen_id AND p.unit_kerja = l.unit_kerja AND p.tabel = l.tabel;
CREATE TABLE IF NOT EXISTS mat_anggaran AS SELECT * FROM hitung_anggaran(NULL) LIMIT 0;

CREATE OR REPLACE MACRO hitung_anggaran_sasaran(ids) AS TABLE
SELECT a.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, a.sasaran, a.indikator, a.kunci,
       a.target, a.realisasi_kinerja, a.capaian_dilaporkan, a.pagu, a.realisasi,
       a.serapan_dilaporkan, a.efisiensi_dilaporkan, a.keterangan, a.bagian, a.sumber_baris,
       a.urutan, b.cara_baca, b.halaman AS sumber_halaman, d.perangkat_daerah,
       serapan_persen(a.pagu, a.realisasi) AS serapan,
       capaian_persen(a.target, a.realisasi_kinerja, a.rumus_capaian) AS capaian, a.rumus_capaian,
       a.sumber_rumus,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM (SELECT * FROM core_anggaran_sasaran WHERE ids IS NULL OR list_contains(ids, dokumen_id)) a
JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
    ON b.dokumen_id = a.dokumen_id AND a.sumber_baris BETWEEN b.baris_awal AND b.baris_akhir;
CREATE TABLE IF NOT EXISTS mat_anggaran_sasaran AS SELECT * FROM hitung_anggaran_sasaran(NULL) LIMIT 0;

-- Each budget table's total per measure, reconciled to the document (etl/evidence.py).
CREATE OR REPLACE MACRO hitung_anggaran_jumlah(ids) AS TABLE
SELECT j.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, j.bagian, j.unit_kerja, j.jenis_pk, j.tahap,
       j.ukuran, j.jumlah_tertulis, j.jumlah_tertulis_teks, j.asal_jumlah, j.jumlah_rinci,
       j.jumlah_dipakai, j.cocok, j.jumlah_beda, j.baris_beda, j.keterangan, j.baris_awal,
       j.sumber_baris, j.urutan, b.halaman AS sumber_halaman, d.perangkat_daerah, j.baris_salah,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM (SELECT * FROM core_anggaran_jumlah WHERE ids IS NULL OR list_contains(ids, dokumen_id)) j
JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
    ON b.dokumen_id = j.dokumen_id AND j.sumber_baris BETWEEN b.baris_awal AND b.baris_akhir;
CREATE TABLE IF NOT EXISTS mat_anggaran_jumlah AS SELECT * FROM hitung_anggaran_jumlah(NULL) LIMIT 0;

-- Each kecamatan's own budget per program and document (queries/anggaran_program.sql adds the
-- verifikator's corrections and the selection): of the one table per kecamatan-year that counts
-- (mat_anggaran.tabel_dipakai), pagu and realisasi summed over the lines the ETL counts in totals
-- (masuk_jumlah_*, else the most detailed lines), the program line as printed beside them, the sums
-- of the most detailed lines and the table's explanation where they differ (anggaran_jumlah).
-- Computed at load time (issue 16: summed on every query it took 2,2 s for all of Indonesia);
-- tabel_dipakai is a window over the place, so the scope is "tempat" like mat_anggaran's.
CREATE OR REPLACE MACRO hitung_anggaran_program(ids) AS TABLE
WITH chosen_lines AS (
    -- the documents' rows found through their kabupaten code too: the join hands its range to the
    -- scan of mat_anggaran (rows in kode_kabupaten order), whose zone maps then skip the other
    -- kabupaten (national size: 90 → 19 ms for one kecamatan); rows without a code apart
    SELECT a.*, tabel_anggaran(a.bagian, a.tahap, a.jenis_pk) AS tabel
    FROM (
        SELECT a.* FROM mat_anggaran a
        SEMI JOIN (SELECT dokumen_id, kode_kabupaten FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d
            ON d.dokumen_id = a.dokumen_id AND d.kode_kabupaten = a.kode_kabupaten
        UNION ALL
        SELECT a.* FROM mat_anggaran a WHERE a.kode_kabupaten IS NULL AND (ids IS NULL OR list_contains(ids, a.dokumen_id))
    ) a
    WHERE a.unit_kerja = 'Kecamatan' AND a.tabel_dipakai
),
with_program AS (
    SELECT l.*,
           CASE l.tingkat WHEN 'program' THEN l.urutan WHEN 'kegiatan' THEN l.induk_urutan ELSE p.induk_urutan END
               AS program_urutan,
           NOT EXISTS (
               SELECT 1 FROM chosen_lines c
               WHERE c.dokumen_id = l.dokumen_id AND c.tabel = l.tabel AND c.induk_urutan = l.urutan
           ) AS rinci
    FROM chosen_lines l
    LEFT JOIN chosen_lines p ON p.dokumen_id = l.dokumen_id AND p.tabel = l.tabel AND p.urutan = l.induk_urutan
),
programs AS (
    SELECT w.kode_provinsi, w.kode_kabupaten, w.kode_kecamatan, w.kabupaten, w.kabupaten_label, w.kecamatan,
           w.tahun, w.dokumen_id, w.program_urutan,
           sum(w.pagu) FILTER (WHERE coalesce(w.masuk_jumlah_pagu, w.rinci))::DOUBLE AS pagu,
           sum(w.realisasi) FILTER (WHERE coalesce(w.masuk_jumlah_realisasi, w.rinci))::DOUBLE AS realisasi,
           sum(w.pagu) FILTER (WHERE w.rinci)::DOUBLE AS pagu_rinci,
           sum(w.realisasi) FILTER (WHERE w.rinci)::DOUBLE AS realisasi_rinci,
           any_value(w.tabel) AS tabel
    FROM with_program w
    GROUP BY ALL
),
notes AS (
    SELECT j.dokumen_id, tabel_anggaran(j.bagian, j.tahap, j.jenis_pk) AS tabel,
           string_agg(j.keterangan, ' ' ORDER BY j.ukuran) AS keterangan_jumlah
    FROM mat_anggaran_jumlah j
    WHERE (ids IS NULL OR list_contains(ids, j.dokumen_id)) AND j.unit_kerja = 'Kecamatan'
        AND abs(j.jumlah_rinci - j.jumlah_dipakai) >= 0.5
    GROUP BY ALL
)
SELECT p.kode_provinsi, p.kode_kabupaten, p.kode_kecamatan, p.kabupaten, p.kabupaten_label, p.kecamatan, p.tahun,
       coalesce(l.nama, 'Tanpa program') AS program,
       p.pagu, p.realisasi,
       l.pagu AS pagu_tertulis, l.realisasi AS realisasi_tertulis,
       l.tahap, l.bagian, p.dokumen_id, l.sumber_baris, d.nama_file,
       p.pagu_rinci, p.realisasi_rinci, n.keterangan_jumlah,
       serapan_persen(p.pagu, p.realisasi) AS serapan,
       p.program_urutan
FROM programs p
LEFT JOIN chosen_lines l
    ON l.dokumen_id = p.dokumen_id AND l.urutan = p.program_urutan
    AND l.kode_kecamatan IS NOT DISTINCT FROM p.kode_kecamatan AND l.tahun = p.tahun
LEFT JOIN (SELECT dokumen_id, nama_file FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d
    ON d.dokumen_id = p.dokumen_id
LEFT JOIN notes n ON n.dokumen_id = p.dokumen_id AND n.tabel = p.tabel;
CREATE TABLE IF NOT EXISTS mat_anggaran_program AS SELECT * FROM hitung_anggaran_program(NULL) LIMIT 0;

-- Quarterly realisation per kecamatan: K (kinerja) and Rp per row and quarter, amounts per quarter
-- (not cumulative); '-' printed is 0, a quarter not reported has no row.
CREATE OR REPLACE MACRO hitung_realisasi_triwulan(ids) AS TABLE
SELECT r.dokumen_id, d.kabupaten, d.kecamatan, r.tahun, r.triwulan, r.tingkat, r.nama, r.indikator,
       r.kinerja, r.kinerja_teks, r.realisasi_rp, r.realisasi_rp_teks, b.halaman AS sumber_halaman,
       r.sumber_baris, r.tingkat_pasti, r.urutan, r.induk_urutan, b.cara_baca, d.provinsi,
       d.perangkat_daerah,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM (SELECT * FROM core_realisasi_triwulan WHERE ids IS NULL OR list_contains(ids, dokumen_id)) r
JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
    ON b.dokumen_id = r.dokumen_id AND r.sumber_baris BETWEEN b.baris_awal AND b.baris_akhir;
CREATE TABLE IF NOT EXISTS mat_realisasi_triwulan AS SELECT * FROM hitung_realisasi_triwulan(NULL) LIMIT 0;

CREATE OR REPLACE MACRO hitung_catatan_muat(ids) AS TABLE
SELECT c.dokumen_id, d.nama_file, d.kecamatan, d.tahun, c.baris, c.tingkat, c.pesan,
       d.perangkat_daerah, d.kabupaten, b.halaman,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM (SELECT * FROM core_catatan WHERE ids IS NULL OR list_contains(ids, dokumen_id)) c
JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
    ON b.dokumen_id = c.dokumen_id AND c.baris BETWEEN b.baris_awal AND b.baris_akhir;
CREATE TABLE IF NOT EXISTS mat_catatan_muat AS SELECT * FROM hitung_catatan_muat(NULL) LIMIT 0;

-- temuan_id names a finding across reloads of its document (not its urutan, which a new review
-- may renumber).
CREATE OR REPLACE MACRO hitung_temuan(ids) AS TABLE
SELECT t.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, t.kode, t.tingkat, t.pesan,
       t.nilai_tertulis, t.nilai_hitung, t.sumber_baris, t.kategori, t.kunci, t.angka_tertulis,
       t.angka_hitung, t.rumus, t.baris_terkait, t.dokumen_pembanding, t.baris_pembanding,
       t.lingkup, t.urutan, d.nama_file, d.jenis AS jenis_dokumen, b.halaman AS sumber_halaman,
       d.perangkat_daerah, coalesce(t.baris_slip, CAST(t.sumber_baris AS VARCHAR)) AS baris_slip,
       substr(md5(t.dokumen_id || '|' || t.lingkup || '|' || t.kode || '|' || coalesce(t.kunci, '') || '|'
                  || coalesce(CAST(t.sumber_baris AS VARCHAR), '') || '|' || coalesce(t.dokumen_pembanding, '')
                  || '|' || coalesce(t.nilai_tertulis, '')), 1, 16) AS temuan_id,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM (SELECT * FROM core_temuan WHERE ids IS NULL OR list_contains(ids, dokumen_id)) t
JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
LEFT JOIN (SELECT * FROM mat_halaman WHERE ids IS NULL OR list_contains(ids, dokumen_id)) b
    ON b.dokumen_id = t.dokumen_id AND t.sumber_baris BETWEEN b.baris_awal AND b.baris_akhir;
CREATE TABLE IF NOT EXISTS mat_temuan AS SELECT * FROM hitung_temuan(NULL) LIMIT 0;

-- The regions and years with any data (queries/wilayah.sql, the sidebar of every page): per
-- document, the years it is of or states a score or a realisasi of (an earlier year's history
-- table). Kecamatan only: the other perangkat daerah are benchmarks. A kecamatan code holds its
-- kabupaten's.
CREATE OR REPLACE MACRO hitung_wilayah(ids) AS TABLE
SELECT DISTINCT d.dokumen_id, d.provinsi, coalesce(left(d.kode_kecamatan, 5), d.kode_kabupaten) AS kode_kabupaten,
       d.kabupaten, label_kabupaten(coalesce(left(d.kode_kecamatan, 5), d.kode_kabupaten), d.kabupaten) AS kabupaten_label,
       d.kabupaten AS nama_kabupaten, d.kode_kecamatan, d.kecamatan, y.tahun
FROM (
    SELECT dokumen_id, tahun FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)
    UNION SELECT dokumen_id, tahun FROM core_skor WHERE ids IS NULL OR list_contains(ids, dokumen_id)
    UNION SELECT dokumen_id, tahun FROM core_realisasi WHERE ids IS NULL OR list_contains(ids, dokumen_id)
) y
JOIN (SELECT * FROM core_dokumen WHERE ids IS NULL OR list_contains(ids, dokumen_id)) d USING (dokumen_id)
WHERE d.kecamatan IS NOT NULL;
CREATE TABLE IF NOT EXISTS mat_wilayah AS SELECT * FROM hitung_wilayah(NULL) LIMIT 0;

-- ---------------------------------------------------------------------------------------------
-- Public views: the data contract. Names and columns are documented in docs/data-contract.md;
-- tests/test_data_contract.py fails when the two differ. Each is a select over its mat_* table
-- (above) with the live workflow joins; dokumen, perjanjian and sumber_baris read the core tables
-- (no window, no lookup of a source line).

CREATE OR REPLACE VIEW dokumen AS
SELECT dokumen_id, nama_file, sha256, jenis, provinsi, kabupaten, kecamatan, tahun, tanggal,
       dimuat_pada, kode_kecamatan, tanggal_teks, pihak_pertama, jabatan_pihak_pertama,
       pihak_kedua, jabatan_pihak_kedua, renstra_awal, renstra_akhir, format, jumlah_baris,
       perangkat_daerah, kode_kabupaten,
       coalesce(v.status, CASE WHEN dokumen_id IN (SELECT dokumen_id FROM alur_unggahan) THEN 'diunggah' END)
           AS status_verifikasi,
       v.alasan AS alasan_verifikasi, v.oleh AS diverifikasi_oleh, v.pada AS diverifikasi_pada,
       kode_provinsi, label_kabupaten(kode_kabupaten, kabupaten) AS kabupaten_label
FROM core_dokumen
LEFT JOIN (
    SELECT dokumen_id, arg_max(status, id) AS status, arg_max(alasan, id) AS alasan,
           arg_max(username, id) AS oleh, arg_max(waktu, id) AS pada
    FROM alur_verifikasi GROUP BY dokumen_id
) v USING (dokumen_id);

CREATE OR REPLACE VIEW perjanjian AS
SELECT p.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, p.urutan, p.jenis_pk, p.unit_kerja,
       p.pihak_pertama, p.jabatan_pihak_pertama, p.pihak_kedua, p.jabatan_pihak_kedua,
       p.tanggal, p.tanggal_teks, p.baris_awal, p.baris_akhir, d.perangkat_daerah,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_perjanjian p JOIN core_dokumen d USING (dokumen_id);

-- berlaku: the row belongs to the agreement version in force for its kecamatan, year, unit and
-- indicator (domain.md §5: the PK Perubahan where one exists, else the PK; etl.rules.versi_berlaku,
-- which the review uses); NULL for a report's own target table (no agreement version).
CREATE OR REPLACE VIEW target_kinerja AS
SELECT t.dokumen_id, t.kabupaten, t.kecamatan, t.tahun, t.unit_kerja, t.tingkat, t.sasaran,
       t.indikator, t.kunci, t.satuan, t.target, t.target_teks, t.tipe_perhitungan,
       t.sumber_baris, t.jenis_pk, t.bagian, t.predikat_target, t.formulasi, t.sumber_data,
       t.polaritas, t.urutan, t.cara_baca, t.sumber_halaman, t.perangkat_daerah,
       t.kunci_indikator, t.berlaku,
       k.koreksi_target AS target_koreksi, k.alasan_koreksi, k.dikoreksi_oleh, k.dikoreksi_pada,
       t.kode_provinsi, t.kode_kabupaten, t.kode_kecamatan, t.kabupaten_label
FROM mat_target_kinerja t
LEFT JOIN koreksi_terakhir('target_kinerja') k ON k.k_dokumen_id = t.dokumen_id AND k.k_urutan = t.urutan;

CREATE OR REPLACE VIEW realisasi_kinerja AS
SELECT r.dokumen_id, r.kabupaten, r.kecamatan, r.tahun, r.indikator, r.kunci, r.satuan,
       r.target, r.realisasi, r.capaian_dilaporkan, r.capaian, r.sumber_baris, r.unit_kerja,
       r.sasaran, r.target_teks, r.realisasi_teks, r.capaian_teks, r.rumus_capaian,
       r.rumus_terdeteksi, r.predikat, r.kategori_dilaporkan, r.target_akhir, r.riwayat,
       r.bagian, r.urutan, r.cara_baca, r.sumber_halaman, r.perangkat_daerah,
       r.sumber_rumus, r.predikat_hitung, r.sumber_predikat, r.kunci_indikator,
       k.koreksi_realisasi AS realisasi_koreksi,
       CASE WHEN k.koreksi_realisasi IS NOT NULL THEN capaian_persen(r.target, k.koreksi_realisasi, r.rumus_capaian) END
           AS capaian_koreksi,
       k.alasan_koreksi, k.dikoreksi_oleh, k.dikoreksi_pada,
       r.kode_provinsi, r.kode_kabupaten, r.kode_kecamatan, r.kabupaten_label
FROM mat_realisasi_kinerja r
LEFT JOIN koreksi_terakhir('realisasi_kinerja') k ON k.k_dokumen_id = r.dokumen_id AND k.k_urutan = r.urutan;

-- Every achieved score observed in any document.
CREATE OR REPLACE VIEW skor_observasi AS SELECT * FROM mat_skor_observasi;

-- One value per kecamatan, year and kind: the year's own report wins over a later report's
-- history table; then the realisasi table over a component total; then the newest document.
CREATE OR REPLACE VIEW skor AS
SELECT p.kabupaten, p.kecamatan, p.tahun, p.jenis, p.nilai, p.kategori, p.dokumen_id, p.sumber_baris,
       p.nilai_teks, p.kategori_dilaporkan, p.sumber, p.jumlah_observasi, p.cara_baca, p.sumber_halaman,
       p.perangkat_daerah, p.predikat, p.sumber_predikat, p.nilai_skala,
       k.koreksi_nilai AS nilai_koreksi, k.alasan_koreksi, k.dikoreksi_oleh, k.dikoreksi_pada,
       p.kode_provinsi, p.kode_kabupaten, p.kode_kecamatan, p.kabupaten_label
FROM mat_skor p
LEFT JOIN koreksi_terakhir('skor') k ON k.k_dokumen_id = p.dokumen_id AND k.k_tahun = p.tahun AND k.k_jenis = p.jenis;

CREATE OR REPLACE VIEW komponen_skor AS SELECT * FROM mat_komponen_skor;

CREATE OR REPLACE VIEW anggaran AS
SELECT a.dokumen_id, a.kabupaten, a.kecamatan, a.tahun, a.tahap, a.tingkat, a.nama, a.pagu,
       a.realisasi, a.sumber_dana, a.sumber_baris, a.unit_kerja, a.jenis_pk, a.bagian,
       a.pagu_teks, a.realisasi_teks, a.persen_dilaporkan, a.persen_teks, a.urutan,
       a.induk_urutan, a.cara_baca, a.sumber_halaman, a.perangkat_daerah,
       a.serapan, a.sumber_tahap, a.masuk_jumlah_pagu, a.masuk_jumlah_realisasi,
       k.koreksi_pagu AS pagu_koreksi, k.koreksi_realisasi AS realisasi_koreksi,
       CASE WHEN k.koreksi_pagu IS NOT NULL OR k.koreksi_realisasi IS NOT NULL THEN
           serapan_persen(coalesce(k.koreksi_pagu, a.pagu), coalesce(k.koreksi_realisasi, a.realisasi))
       END AS serapan_koreksi,
       k.alasan_koreksi, k.dikoreksi_oleh, k.dikoreksi_pada,
       a.kode_provinsi, a.kode_kabupaten, a.kode_kecamatan, a.kabupaten_label, a.tabel_dipakai
FROM mat_anggaran a
LEFT JOIN koreksi_terakhir('anggaran') k ON k.k_dokumen_id = a.dokumen_id AND k.k_urutan = a.urutan;

CREATE OR REPLACE VIEW anggaran_sasaran AS SELECT * FROM mat_anggaran_sasaran;

-- Each budget table's total per measure, reconciled to the document (etl/evidence.py).
CREATE OR REPLACE VIEW anggaran_jumlah AS SELECT * FROM mat_anggaran_jumlah;

-- Quarterly realisation per kecamatan: K (kinerja) and Rp per row and quarter, amounts per quarter
-- (not cumulative); '-' printed is 0, a quarter not reported has no row.
CREATE OR REPLACE VIEW realisasi_triwulan AS SELECT * FROM mat_realisasi_triwulan;

-- Joined on nomor too: the one document's number reaches the scan of core_baris as a dynamic
-- filter, and its zone maps skip every row group of other documents.
CREATE OR REPLACE VIEW sumber_baris AS
SELECT b.dokumen_id, d.nama_file, b.baris, b.halaman, b.cara_baca, b.teks
FROM core_baris b JOIN core_dokumen d ON b.dokumen_id = d.dokumen_id AND b.nomor_dokumen = d.nomor;

CREATE OR REPLACE VIEW catatan_muat AS SELECT * FROM mat_catatan_muat;

-- Findings of the review with their place; the dashboard's Reviu Data page and the Inspektorat's export.
-- status_* is the Inspektorat's latest judgement of a finding (etl/alur).
CREATE OR REPLACE VIEW temuan AS
SELECT f.*, s.status AS status_reviu, s.catatan AS catatan_reviu, s.oleh AS status_oleh, s.pada AS status_pada
FROM mat_temuan f
LEFT JOIN (
    SELECT temuan_id, arg_max(status, id) AS status, arg_max(catatan, id) AS catatan,
           arg_max(username, id) AS oleh, arg_max(waktu, id) AS pada
    FROM alur_status_temuan GROUP BY temuan_id
) s USING (temuan_id);

-- The findings of a Reviu Data selection (queries/temuan_halaman.sql, temuan_hitung.sql,
-- temuan_per_kecamatan.sql, temuan_satu.sql): of the kecamatan in p_wilayah (kode_kecamatan list),
-- the years in p_tahun, the checks in p_kode and the levels in p_tingkat (an empty list: all), of
-- verified documents only when p_terverifikasi. nama_temuan names a finding in a link: its document
-- and number; a document's own findings and its cross-document ones are numbered apart, so the
-- latter carry '~2'. The code range beside list_contains lets zone maps skip other regions.
CREATE OR REPLACE MACRO temuan_pilihan(p_wilayah, p_tahun, p_kode, p_tingkat, p_terverifikasi) AS TABLE
SELECT dokumen_id, kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, kode, tingkat, pesan,
       nilai_tertulis, nilai_hitung, sumber_baris, kategori, kunci, baris_terkait, dokumen_pembanding,
       baris_pembanding, lingkup, nama_file, jenis_dokumen, urutan,
       temuan_id, status_reviu, catatan_reviu, status_oleh, status_pada,
       dokumen_id || ':' || urutan || CASE WHEN lingkup = 'lintas' THEN '~2' ELSE '' END AS nama_temuan,
       CASE tingkat WHEN 'galat' THEN 0 WHEN 'peringatan' THEN 1 ELSE 2 END AS urutan_tingkat
FROM temuan
WHERE kode_kecamatan BETWEEN list_min(p_wilayah) AND list_max(p_wilayah)
    AND list_contains(p_wilayah, kode_kecamatan)
    AND (len(p_tahun) = 0 OR list_contains(p_tahun, tahun))
    AND (len(p_kode) = 0 OR list_contains(p_kode, kode))
    AND (len(p_tingkat) = 0 OR list_contains(p_tingkat, tingkat))
    AND (NOT p_terverifikasi OR dokumen_id IN (SELECT dokumen_id FROM dokumen WHERE status_verifikasi = 'diverifikasi'));

-- ---------------------------------------------------------------------------------------------
-- Facts the review reads (etl/documents/pejabat.py, pernyataan.py, survei.py): the officials a
-- document names, what its sentences state, its survey distributions. Rows only; the review judges them (etl/review).

CREATE TABLE IF NOT EXISTS core_pejabat (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    perjanjian_urutan INTEGER,           -- core_perjanjian.urutan of the agreement holding the mention
    unit_kerja VARCHAR,
    peran VARCHAR,                       -- pihak_pertama | pihak_kedua | NULL
    nama VARCHAR NOT NULL,               -- as printed
    nama_baku VARCHAR NOT NULL,          -- capitals, titles and degrees removed
    nip VARCHAR,                         -- as printed
    nip_baku VARCHAR,                    -- spaces and dots removed
    jabatan VARCHAR,
    baris_nama INTEGER NOT NULL,
    sumber_baris INTEGER NOT NULL        -- the NIP's line, else the name's
);

CREATE TABLE IF NOT EXISTS core_pernyataan (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    jenis VARCHAR NOT NULL,              -- tanggal_tanda_tangan | klaim_target | perbandingan | perubahan | jumlah_disebut | program_sasaran | bagian_kalimat | nilai_kalimat
    subjek VARCHAR,
    kunci VARCHAR,
    ukuran VARCHAR,                      -- nilai | capaian; for nilai_kalimat: target | realisasi | capaian
    arah VARCHAR,                        -- di_bawah | di_atas | naik | turun | tercapai; for a count: tabel | kata
    nilai DOUBLE,
    nilai_teks VARCHAR,
    pembanding DOUBLE,
    pembanding_teks VARCHAR,
    tanggal DATE,
    tanggal_teks VARCHAR,
    perjanjian_urutan INTEGER,
    teks VARCHAR NOT NULL,
    sumber_baris INTEGER NOT NULL,
    baris_pembanding INTEGER,
    keseluruhan DOUBLE                   -- the whole a share stated in a sentence is of
);

CREATE TABLE IF NOT EXISTS core_sebaran_survei (
    dokumen_id VARCHAR NOT NULL,
    urutan INTEGER NOT NULL,
    kelompok INTEGER NOT NULL,           -- one row pair (counts, percentages) of one table
    tabel VARCHAR,
    unsur VARCHAR,
    kategori VARCHAR,
    jumlah DOUBLE,
    jumlah_teks VARCHAR,
    persen DOUBLE,
    persen_teks VARCHAR,
    total DOUBLE,
    total_teks VARCHAR,
    baris_jumlah INTEGER,
    baris_persen INTEGER,
    baris_total INTEGER
);

-- Officials named in each document (both parties of every agreement, each mention with its NIP).
CREATE OR REPLACE VIEW pejabat AS
SELECT p.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, p.urutan, p.perjanjian_urutan, p.unit_kerja,
       pj.jenis_pk, p.peran, p.nama, p.nama_baku, p.nip, p.nip_baku, p.jabatan, p.baris_nama,
       p.sumber_baris, pj.tanggal, pj.tanggal_teks, d.perangkat_daerah,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_pejabat p JOIN core_dokumen d USING (dokumen_id)
LEFT JOIN core_perjanjian pj ON pj.dokumen_id = p.dokumen_id AND pj.urutan = p.perjanjian_urutan;

-- What the running text states: signing dates, claims that targets were met, comparisons, changes, counts.
CREATE OR REPLACE VIEW pernyataan AS
SELECT s.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, s.urutan, s.jenis, s.subjek, s.kunci, s.ukuran,
       s.arah, s.nilai, s.nilai_teks, s.pembanding, s.pembanding_teks, s.tanggal, s.tanggal_teks,
       s.perjanjian_urutan, s.teks, s.sumber_baris, s.baris_pembanding, s.keseluruhan, d.perangkat_daerah,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_pernyataan s JOIN core_dokumen d USING (dokumen_id);

-- Survey distributions: respondents per answer category with the share printed beneath.
CREATE OR REPLACE VIEW sebaran_survei AS
SELECT s.dokumen_id, d.kabupaten, d.kecamatan, d.tahun, s.urutan, s.kelompok, s.tabel, s.unsur,
       s.kategori, s.jumlah, s.jumlah_teks, s.persen, s.persen_teks, s.total, s.total_teks,
       s.baris_jumlah, s.baris_persen, s.baris_total, d.perangkat_daerah,
       d.kode_provinsi, d.kode_kabupaten, d.kode_kecamatan,
       label_kabupaten(d.kode_kabupaten, d.kabupaten) AS kabupaten_label
FROM core_sebaran_survei s JOIN core_dokumen d USING (dokumen_id);

-- The documents of a dashboard selection (queries/dokumen_halaman.sql, dokumen_jumlah.sql,
-- view_halaman.sql, view_jumlah.sql): those of the kecamatan in p_wilayah (kode_kecamatan list)
-- and, when p_lain, of the other perangkat daerah (no kecamatan) of p_kabupaten / p_provinsi
-- (NULL: any); years in p_tahun (empty: every year); only verified documents when p_terverifikasi.
CREATE OR REPLACE MACRO lingkup_dokumen(p_wilayah, p_lain, p_kabupaten, p_provinsi, p_tahun, p_terverifikasi) AS TABLE
SELECT dokumen_id
FROM dokumen
WHERE (
        list_contains(p_wilayah, kode_kecamatan)
        OR (
            kecamatan IS NULL AND p_lain
            AND (p_kabupaten IS NULL OR kode_kabupaten = p_kabupaten)
            AND (p_provinsi IS NULL OR provinsi = p_provinsi)
        )
    )
    AND (len(p_tahun) = 0 OR list_contains(p_tahun, tahun))
    AND (NOT p_terverifikasi OR status_verifikasi = 'diverifikasi');
