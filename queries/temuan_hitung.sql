-- Reviu Data: the number of findings of the selection per level (tingkat, jumlah).
-- The selection (shared by temuan_halaman, temuan_hitung, temuan_per_kecamatan, temuan_satu): findings
-- of the kecamatan in $wilayah (kode_kecamatan list), of the years in $tahun, the checks in $kode and
-- the levels in $tingkat (an empty list: all), of verified documents only when $terverifikasi.
-- Run only when the view `temuan` exists (queries.run_if_exists).
with findings as (
    select tingkat
    from temuan
    where list_contains($wilayah::VARCHAR[], kode_kecamatan)
        and (len($tahun::INTEGER[]) = 0 or list_contains($tahun::INTEGER[], tahun))
        and (len($kode::VARCHAR[]) = 0 or list_contains($kode::VARCHAR[], kode))
        and (len($tingkat::VARCHAR[]) = 0 or list_contains($tingkat::VARCHAR[], tingkat))
        and (not $terverifikasi or dokumen_id in (select dokumen_id from dokumen where status_verifikasi = 'diverifikasi'))
)

select tingkat, count(*) as jumlah from findings group by tingkat order by tingkat
