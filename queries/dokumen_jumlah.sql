-- Data & Sumber: how many documents are in the sidebar's scope (jumlah), how many of them have no
-- number read yet (belum_ada_angka), and how many documents are loaded at all (semua).
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

numbered as (
    -- filtered on the views' own kecamatan code first (pushed into the views), then to the documents
    select distinct dokumen_id
    from (
        select dokumen_id, kode_kecamatan from target_kinerja
        union all select dokumen_id, kode_kecamatan from realisasi_kinerja
        union all select dokumen_id, kode_kecamatan from anggaran
        union all select dokumen_id, kode_kecamatan from skor_observasi
    )
    where (list_contains($wilayah::VARCHAR[], kode_kecamatan) or kode_kecamatan is null)
        and dokumen_id in (select dokumen_id from scope)
)

select
    (select count(*) from scope) as jumlah,
    (select count(*) from scope where dokumen_id not in (select dokumen_id from numbered)) as belum_ada_angka,
    (select count(*) from dokumen) as semua
