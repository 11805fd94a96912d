-- Data & Sumber: the number of rows of one public view with kode_kecamatan and tahun ($nama) in the
-- sidebar's scope (the rows view_halaman_wilayah pages through; the same parameters).
with lain as (
    select dokumen_id
    from dokumen
    where kecamatan is null and $lain
        and ($kode_kabupaten::VARCHAR is null or kode_kabupaten = $kode_kabupaten)
        and ($provinsi::VARCHAR is null or provinsi = $provinsi)
)

select count(*) as jumlah
from query_table($nama)
where (
        list_contains($wilayah::VARCHAR[], kode_kecamatan)
        or (kode_kecamatan is null and dokumen_id in (select dokumen_id from lain))
    )
    and (len($tahun::INTEGER[]) = 0 or list_contains($tahun::INTEGER[], tahun))
    and (not $terverifikasi or dokumen_id in (select dokumen_id from dokumen where status_verifikasi = 'diverifikasi'))
