-- Budget per program for each kecamatan and year, from one budget table per kecamatan-year:
-- the table with realisasi first, then the latest stage (perubahan), then the PK Perubahan,
-- then the newest document. Pagu and realisasi are sums of the lines the ETL counts in totals
-- (anggaran.masuk_jumlah_*: the most detailed lines, except where a parent and its children
-- disagree and the parent's level is the one that reconciles with the printed grand total), so a
-- parent line (or a total printed on a program line) is never counted twice; the program line as
-- printed stays next to it, and the sums of the most detailed lines (pagu_rinci, realisasi_rinci)
-- with the table's explanation (keterangan_jumlah) when they differ. serapan is the program's
-- realisasi over its pagu by the views' one rule (macro serapan_persen, domain.md §3). A verifikator's
-- correction of the program line comes beside it (pagu_koreksi, realisasi_koreksi; issue 15).
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix).
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
-- $tahun: the years wanted (an empty list: every year); a page about one year asks for that year
-- only (nationally the budget of every year is ~185 MB as a frame, one year ~26 MB).
-- The sums are computed at load time (mat_anggaran_program, etl/schema.sql's hitung_anggaran_program);
-- only the corrections, which change without a load, are joined here.
with programs as (
    select *
    from mat_anggaran_program as p
    where list_contains($wilayah, p.kode_kecamatan) and p.kode_kecamatan between list_min($wilayah) and list_max($wilayah)
        and (len($tahun) = 0 or list_contains($tahun, p.tahun))
),

final as (
    select
        p.kode_kecamatan, p.kabupaten, p.kabupaten_label, p.kecamatan, p.tahun, p.program,
        p.pagu, p.realisasi, p.pagu_tertulis, p.realisasi_tertulis,
        p.tahap, p.bagian, p.dokumen_id, p.sumber_baris, p.nama_file,
        p.pagu_rinci, p.realisasi_rinci, p.keterangan_jumlah, p.serapan,
        k.koreksi_pagu as pagu_koreksi, k.koreksi_realisasi as realisasi_koreksi, k.alasan_koreksi, k.dikoreksi_oleh
    from programs as p
    left join koreksi_terakhir('anggaran') as k on k.k_dokumen_id = p.dokumen_id and k.k_urutan = p.program_urutan
)

select * from final order by kabupaten, kabupaten_label, kecamatan, tahun, sumber_baris
