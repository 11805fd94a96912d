-- Every budget line (program, kegiatan, sub kegiatan) of one kecamatan and year, in the
-- document's order, with the line's level, its parent, the amounts as printed and serapan computed
-- beside them. One budget table per unit kerja: for the Kecamatan itself the table
-- anggaran_program.sql chooses (the table with realisasi first, then the latest stage, then the
-- PK Perubahan, then the newest document); for its sub-units (sekretariat, seksi …, whose own
-- agreements carry the kegiatan and sub kegiatan) the same order.
-- $kode_kecamatan (PP.KK.CC), $tahun.
with lines as (
    select a.*, tabel_anggaran(a.bagian, a.tahap, a.jenis_pk) as tabel
    from anggaran as a
    where a.kode_kecamatan = $kode_kecamatan and a.tahun = $tahun
),

final as (
    select
        l.unit_kerja, l.tingkat, l.nama, l.pagu, l.realisasi, l.serapan, l.tahap, l.bagian, l.jenis_pk,
        l.urutan, l.induk_urutan, l.dokumen_id, l.sumber_baris, d.nama_file,
        l.unit_kerja = 'Kecamatan' as unit_kecamatan
    from lines as l
    left join dokumen as d using (dokumen_id)
    where l.tabel_dipakai  -- the table that counts for the unit kerja (anggaran.tabel_dipakai)
)

select * from final order by unit_kecamatan desc, dokumen_id, sumber_baris, urutan
