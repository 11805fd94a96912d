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
with lines as (
    select a.*, coalesce(a.bagian, '') || '/' || a.tahap || '/' || coalesce(a.jenis_pk, '') as tabel
    from anggaran as a
    where a.unit_kerja = 'Kecamatan' and list_contains($wilayah, a.kode_kecamatan) and a.kode_kecamatan between list_min($wilayah) and list_max($wilayah)
        and (len($tahun) = 0 or list_contains($tahun, a.tahun))
),

chosen_lines as (select * from lines where tabel_dipakai),  -- the table that counts (anggaran.tabel_dipakai)

with_program as (
    select
        l.*,
        case l.tingkat
            when 'program' then l.urutan
            when 'kegiatan' then l.induk_urutan
            else p.induk_urutan
        end as program_urutan,
        not exists (
            select 1 from chosen_lines as c
            where c.dokumen_id = l.dokumen_id and c.tabel = l.tabel and c.induk_urutan = l.urutan
        ) as rinci
    from chosen_lines as l
    left join chosen_lines as p on p.dokumen_id = l.dokumen_id and p.tabel = l.tabel and p.urutan = l.induk_urutan
),

programs as (
    select
        w.kode_kecamatan, w.kabupaten, w.kabupaten_label, w.kecamatan, w.tahun, w.dokumen_id, w.program_urutan,
        sum(w.pagu) filter (where coalesce(w.masuk_jumlah_pagu, w.rinci))::double as pagu,
        sum(w.realisasi) filter (where coalesce(w.masuk_jumlah_realisasi, w.rinci))::double as realisasi,
        sum(w.pagu) filter (where w.rinci)::double as pagu_rinci,
        sum(w.realisasi) filter (where w.rinci)::double as realisasi_rinci,
        any_value(w.tabel) as tabel
    from with_program as w
    group by w.kode_kecamatan, w.kabupaten, w.kabupaten_label, w.kecamatan, w.tahun, w.dokumen_id, w.program_urutan
),

notes as (
    select
        j.dokumen_id, coalesce(j.bagian, '') || '/' || j.tahap || '/' || coalesce(j.jenis_pk, '') as tabel,
        string_agg(j.keterangan, ' ' order by j.ukuran) as keterangan_jumlah
    from anggaran_jumlah as j
    where j.unit_kerja = 'Kecamatan' and abs(j.jumlah_rinci - j.jumlah_dipakai) >= 0.5
        and list_contains($wilayah, j.kode_kecamatan) and j.kode_kecamatan between list_min($wilayah) and list_max($wilayah)
        and (len($tahun) = 0 or list_contains($tahun, j.tahun))
    group by all
),

final as (
    select
        p.kode_kecamatan, p.kabupaten, p.kabupaten_label, p.kecamatan, p.tahun,
        coalesce(l.nama, 'Tanpa program') as program,
        p.pagu, p.realisasi,
        l.pagu as pagu_tertulis, l.realisasi as realisasi_tertulis,
        l.tahap, l.bagian, p.dokumen_id, l.sumber_baris, d.nama_file,
        p.pagu_rinci, p.realisasi_rinci, n.keterangan_jumlah,
        serapan_persen(p.pagu, p.realisasi) as serapan,
        l.pagu_koreksi, l.realisasi_koreksi, l.alasan_koreksi, l.dikoreksi_oleh
    from programs as p
    left join chosen_lines as l
        on l.dokumen_id = p.dokumen_id and l.urutan = p.program_urutan
        and l.kode_kecamatan = p.kode_kecamatan and l.tahun = p.tahun
    left join dokumen as d on d.dokumen_id = p.dokumen_id
    left join notes as n on n.dokumen_id = p.dokumen_id and n.tabel = p.tabel
)

select * from final order by kabupaten, kabupaten_label, kecamatan, tahun, sumber_baris
