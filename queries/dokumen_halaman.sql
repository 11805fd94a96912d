-- Data & Sumber: one page of the documents loaded in the sidebar's scope, with whether their numbers
-- were read (status_angka as in dokumen_dimuat). $batas rows from row $mulai ($batas NULL: all).
-- The scope: the documents of the sidebar's selection (macro lingkup_dokumen, etl/schema.sql).
with scope as (
    select dokumen_id
    from lingkup_dokumen($wilayah::VARCHAR[], $lain, $kode_kabupaten::VARCHAR, $provinsi::VARCHAR, $tahun::INTEGER[], $terverifikasi)
),

page as (
    select dokumen_id, nama_file, jenis, provinsi, kode_kecamatan, kabupaten, kabupaten_label, kecamatan, perangkat_daerah, tahun,
           tanggal_teks, dimuat_pada, status_verifikasi
    from dokumen
    where dokumen_id in (select dokumen_id from scope)
    order by provinsi, kabupaten, kabupaten_label, perangkat_daerah, tahun, jenis, nama_file, dokumen_id
    limit $batas offset $mulai
),

numbers as (
    -- filtered on the views' own kecamatan code first (pushed into the views), then to the documents
    select dokumen_id, count(*) as angka
    from (
        select dokumen_id, kode_kecamatan from target_kinerja
        union all select dokumen_id, kode_kecamatan from realisasi_kinerja
        union all select dokumen_id, kode_kecamatan from anggaran
        union all select dokumen_id, kode_kecamatan from skor_observasi
    )
    where (list_contains($wilayah::VARCHAR[], kode_kecamatan) or kode_kecamatan is null)
        and dokumen_id in (select dokumen_id from page)
    group by dokumen_id
),

notes as (
    select dokumen_id, count(*) filter (where tingkat = 'peringatan') as peringatan, count(*) as catatan
    from catatan_muat
    where dokumen_id in (select dokumen_id from page)
    group by dokumen_id
),

final as (
    select p.*,
           coalesce(n.angka, 0) as jumlah_angka,
           coalesce(c.catatan, 0) as jumlah_catatan,
           case when coalesce(n.angka, 0) = 0 then 'belum ada angka'
                when coalesce(c.peringatan, 0) > 0 then 'dengan catatan'
                else 'lengkap' end as status_angka
    from page as p
    left join numbers as n using (dokumen_id)
    left join notes as c using (dokumen_id)
)

select * from final
order by provinsi, kabupaten, kabupaten_label, perangkat_daerah, tahun, jenis, nama_file, dokumen_id
