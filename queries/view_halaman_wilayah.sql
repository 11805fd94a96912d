-- Data & Sumber: rows of one public view that carries kode_kecamatan and tahun ($nama, bound, never
-- formatted in) in the sidebar's scope, filtered on the rows' own columns (faster than through the
-- documents; view_halaman does that for a view without them): the kecamatan in $wilayah
-- (kode_kecamatan list) and, when $lain, the rows without a kecamatan (other perangkat daerah) of
-- the documents of $kode_kabupaten / $provinsi (NULL: any); the rows' years in $tahun (empty: every
-- year); only verified documents when $terverifikasi. A fixed order (every column); $batas rows from
-- row $mulai ($batas NULL: all, for downloads).
with lain as (
    select dokumen_id
    from dokumen
    where kecamatan is null and $lain
        and ($kode_kabupaten::VARCHAR is null or kode_kabupaten = $kode_kabupaten)
        and ($provinsi::VARCHAR is null or provinsi = $provinsi)
),

isi as (
    select * from query_table($nama)
    where (
            list_contains($wilayah::VARCHAR[], kode_kecamatan)
            or (kode_kecamatan is null and dokumen_id in (select dokumen_id from lain))
        )
        and (len($tahun::INTEGER[]) = 0 or list_contains($tahun::INTEGER[], tahun))
        and (not $terverifikasi or dokumen_id in (select dokumen_id from dokumen where status_verifikasi = 'diverifikasi'))
)

select * from isi
order by all
limit $batas offset $mulai
