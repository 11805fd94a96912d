-- Every budget line (program, kegiatan, sub kegiatan) of one kecamatan and year, in the
-- document's order, with the line's level, its parent, the amounts as printed and serapan computed
-- beside them. One budget table per unit kerja: for the Kecamatan itself the table
-- anggaran_program.sql chooses (the table with realisasi first, then the latest stage, then the
-- PK Perubahan, then the newest document); for its sub-units (sekretariat, seksi …, whose own
-- agreements carry the kegiatan and sub kegiatan) the same order.
-- $kode_kecamatan (PP.KK.CC), $tahun.
with lines as (
    select a.*, coalesce(a.bagian, '') || '/' || a.tahap || '/' || coalesce(a.jenis_pk, '') as tabel
    from anggaran as a
    where a.kode_kecamatan = $kode_kecamatan and a.tahun = $tahun
),

tables as (
    select
        l.unit_kerja, l.dokumen_id, l.tabel,
        bool_or(l.realisasi is not null) as ada_realisasi,
        max(l.tahap = 'perubahan') as perubahan,
        max(coalesce(l.jenis_pk, '') = 'PK_PERUBAHAN') as pk_perubahan,
        max(d.dimuat_pada) as dimuat_pada
    from lines as l join dokumen as d using (dokumen_id)
    group by all
),

chosen as (
    select * from (
        select *, row_number() over (
            partition by unit_kerja
            order by ada_realisasi desc, perubahan desc, pk_perubahan desc, dimuat_pada desc, tabel
        ) as pilihan
        from tables
    ) where pilihan = 1
),

final as (
    select
        l.unit_kerja, l.tingkat, l.nama, l.pagu, l.realisasi, l.serapan, l.tahap, l.bagian, l.jenis_pk,
        l.urutan, l.induk_urutan, l.dokumen_id, l.sumber_baris, d.nama_file,
        l.unit_kerja = 'Kecamatan' as unit_kecamatan
    from lines as l
    join chosen as c using (unit_kerja, dokumen_id, tabel)
    left join dokumen as d using (dokumen_id)
)

select * from final order by unit_kecamatan desc, dokumen_id, sumber_baris, urutan
