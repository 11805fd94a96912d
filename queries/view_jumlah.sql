-- Data & Sumber: the number of rows of one public view ($nama) in the sidebar's scope (the rows
-- view_halaman pages through and a download holds).
-- The scope (shared by dokumen_halaman, dokumen_jumlah, view_halaman, view_jumlah): the documents of
-- the kecamatan in $wilayah (kode_kecamatan list) and, when $lain, of the other perangkat daerah
-- (no kecamatan) of $kode_kabupaten / $provinsi (NULL: any); years in $tahun (empty: every year);
-- only verified documents when $terverifikasi.
with scope as (
    select dokumen_id
    from dokumen
    where (
            list_contains($wilayah::VARCHAR[], kode_kecamatan)
            or (
                kecamatan is null and $lain
                and ($kode_kabupaten::VARCHAR is null or kode_kabupaten = $kode_kabupaten)
                and ($provinsi::VARCHAR is null or provinsi = $provinsi)
            )
        )
        and (len($tahun::INTEGER[]) = 0 or list_contains($tahun::INTEGER[], tahun))
        and (not $terverifikasi or status_verifikasi = 'diverifikasi')
)

select count(*) as jumlah
from query_table($nama)
where dokumen_id in (select dokumen_id from scope)
