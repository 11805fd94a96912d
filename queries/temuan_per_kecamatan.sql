-- Reviu Data: findings of the selection counted per kecamatan and level, the most galat first.
-- The selection (shared by temuan_halaman, temuan_hitung, temuan_per_kecamatan, temuan_satu): findings
-- of the kecamatan in $wilayah (kode_kecamatan list), of the years in $tahun, the checks in $kode and
-- the levels in $tingkat (an empty list: all), of verified documents only when $terverifikasi.
-- Run only when the view `temuan` exists (queries.run_if_exists).
with findings as (
    select kabupaten, kabupaten_label, kode_kecamatan, kecamatan, tingkat
    from temuan
    where list_contains($wilayah::VARCHAR[], kode_kecamatan)
        and (len($tahun::INTEGER[]) = 0 or list_contains($tahun::INTEGER[], tahun))
        and (len($kode::VARCHAR[]) = 0 or list_contains($kode::VARCHAR[], kode))
        and (len($tingkat::VARCHAR[]) = 0 or list_contains($tingkat::VARCHAR[], tingkat))
        and (not $terverifikasi or dokumen_id in (select dokumen_id from dokumen where status_verifikasi = 'diverifikasi'))
),

final as (
    select kabupaten, kabupaten_label, kode_kecamatan, kecamatan,
           count(*) filter (where tingkat = 'galat') as galat,
           count(*) filter (where tingkat = 'peringatan') as peringatan,
           count(*) filter (where tingkat = 'info') as info
    from findings
    group by kabupaten, kabupaten_label, kode_kecamatan, kecamatan
)

select * from final order by galat desc, peringatan desc, kecamatan, kabupaten_label, kode_kecamatan
