-- Documents loaded: kind, unit, year, date loaded, and whether their numbers were read.
-- status_angka: 'lengkap' (numbers and no warning), 'dengan catatan' (numbers and at least one
-- peringatan in catatan_muat), 'belum ada angka' (the document's identity loaded, no numbers).
with docs as (
    select dokumen_id, nama_file, jenis, provinsi, kode_kecamatan, kabupaten, kabupaten_label, kecamatan, perangkat_daerah, tahun,
           tanggal_teks, dimuat_pada
    from dokumen
),

numbers as (
    select dokumen_id, count(*) as angka
    from (
        select dokumen_id from target_kinerja
        union all select dokumen_id from realisasi_kinerja
        union all select dokumen_id from anggaran
        union all select dokumen_id from skor_observasi
    )
    group by dokumen_id
),

notes as (
    select dokumen_id, count(*) filter (where tingkat = 'peringatan') as peringatan, count(*) as catatan
    from catatan_muat
    group by dokumen_id
),

final as (
    select d.*,
           coalesce(n.angka, 0) as jumlah_angka,
           coalesce(c.catatan, 0) as jumlah_catatan,
           case when coalesce(n.angka, 0) = 0 then 'belum ada angka'
                when coalesce(c.peringatan, 0) > 0 then 'dengan catatan'
                else 'lengkap' end as status_angka
    from docs as d
    left join numbers as n using (dokumen_id)
    left join notes as c using (dokumen_id)
    order by d.provinsi, d.kabupaten, d.perangkat_daerah, d.tahun, d.jenis
)

select * from final
