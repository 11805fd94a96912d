-- The budget as a tree for a treemap: every line (program, kegiatan, sub kegiatan) of the Kecamatan's
-- own budget table of each kecamatan and year, the same one table per kecamatan-year that
-- anggaran_program.sql chooses (realisasi first, then the latest stage, then the PK Perubahan, then
-- the newest document). Each line carries its own counted amounts (pagu_sendiri, realisasi_sendiri:
-- the line's amount where the ETL counts it in totals, anggaran.masuk_jumlah_*, else the most
-- detailed lines) and the sums over the line and every line below it (pagu_cabang,
-- realisasi_cabang), so a parent is exactly the sum of what is drawn inside it and no amount counts
-- twice; serapan_cabang is realisasi_cabang over pagu_cabang by the views' one rule (macro
-- serapan_persen). The line as printed (pagu, realisasi, and its serapan) stays beside them.
-- $wilayah: list of kode_kecamatan (PP.KK.CC); $tahun.
with lines as (
    select a.*, tabel_anggaran(a.bagian, a.tahap, a.jenis_pk) as tabel
    from anggaran as a
    where a.unit_kerja = 'Kecamatan' and a.tahun = $tahun and list_contains($wilayah, a.kode_kecamatan)
),

chosen_lines as (select * from lines where tabel_dipakai),  -- the table that counts (anggaran.tabel_dipakai)

counted as (
    select
        l.*,
        not exists (
            select 1 from chosen_lines as c
            where c.dokumen_id = l.dokumen_id and c.tabel = l.tabel and c.induk_urutan = l.urutan
        ) as rinci,
        p.induk_urutan as kakek_urutan
    from chosen_lines as l
    left join chosen_lines as p on p.dokumen_id = l.dokumen_id and p.tabel = l.tabel and p.urutan = l.induk_urutan
),

own as (
    select
        c.*,
        case when coalesce(c.masuk_jumlah_pagu, c.rinci) then c.pagu end::double as pagu_sendiri,
        case when coalesce(c.masuk_jumlah_realisasi, c.rinci) then c.realisasi end::double as realisasi_sendiri
    from counted as c
),

branches as (
    -- a line's branch: itself, its children and its grandchildren (program → kegiatan → sub kegiatan)
    select
        n.dokumen_id, n.tabel, n.urutan,
        sum(d.pagu_sendiri) as pagu_cabang,
        sum(d.realisasi_sendiri) as realisasi_cabang
    from own as n
    join own as d
        on d.dokumen_id = n.dokumen_id and d.tabel = n.tabel
        and n.urutan in (d.urutan, d.induk_urutan, d.kakek_urutan)
    group by n.dokumen_id, n.tabel, n.urutan
),

final as (
    select
        o.kode_kecamatan, o.kabupaten, o.kabupaten_label, o.kecamatan, o.tahun,
        o.tingkat, o.nama, o.urutan, o.induk_urutan, o.dokumen_id, o.sumber_baris, d.nama_file,
        o.pagu, o.realisasi, o.serapan, o.pagu_sendiri, o.realisasi_sendiri,
        b.pagu_cabang, b.realisasi_cabang,
        serapan_persen(b.pagu_cabang, b.realisasi_cabang) as serapan_cabang
    from own as o
    join branches as b using (dokumen_id, tabel, urutan)
    left join dokumen as d on d.dokumen_id = o.dokumen_id
)

select * from final order by kabupaten_label, kecamatan, sumber_baris, urutan
