-- Reviu Data: findings of the selection counted per kecamatan and level, the most galat first.
-- The selection: macro temuan_pilihan (etl/schema.sql), shared with temuan_halaman, temuan_hitung
-- and temuan_satu.
-- Run only when the view `temuan` exists (queries.run_if_exists).
with final as (
    select kabupaten, kabupaten_label, kode_kecamatan, kecamatan,
           count(*) filter (where tingkat = 'galat') as galat,
           count(*) filter (where tingkat = 'peringatan') as peringatan,
           count(*) filter (where tingkat = 'info') as info
    from temuan_pilihan($wilayah::VARCHAR[], $tahun::INTEGER[], $kode::VARCHAR[], $tingkat::VARCHAR[], $terverifikasi)
    group by kabupaten, kabupaten_label, kode_kecamatan, kecamatan
)

select * from final order by galat desc, peringatan desc, kecamatan, kabupaten_label, kode_kecamatan
