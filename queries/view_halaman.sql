-- Data & Sumber: rows of one public view ($nama, bound, never formatted in) in the sidebar's scope,
-- in a fixed order (every column), $batas rows from row $mulai ($batas NULL: all, for downloads).
-- Every public view names its document (dokumen_id): the scope is applied through it.
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
),

isi as (
    select * from query_table($nama)
    where dokumen_id in (select dokumen_id from scope)
)

select * from isi
order by all
limit $batas offset $mulai
