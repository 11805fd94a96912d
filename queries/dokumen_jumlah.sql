-- Data & Sumber: how many documents are in the sidebar's scope (jumlah), how many of them have no
-- number read yet (belum_ada_angka), and how many documents are loaded at all (semua).
-- The scope: the documents of the sidebar's selection (macro lingkup_dokumen, etl/schema.sql).
with scope as (
    select dokumen_id
    from lingkup_dokumen($wilayah::VARCHAR[], $lain, $kode_kabupaten::VARCHAR, $provinsi::VARCHAR, $tahun::INTEGER[], $terverifikasi)
),

numbered as (
    -- filtered on the views' own kecamatan code first, then to the documents. The rows of the
    -- views target_kinerja, realisasi_kinerja, anggaran and skor_observasi are those of their mat
    -- tables (the views add only the corrections' columns), read here without that join
    -- (nationally 509 → ~420 ms)
    select distinct dokumen_id
    from (
        select dokumen_id, kode_kecamatan from mat_target_kinerja
        union all select dokumen_id, kode_kecamatan from mat_realisasi_kinerja
        union all select dokumen_id, kode_kecamatan from mat_anggaran
        union all select dokumen_id, kode_kecamatan from mat_skor_observasi
    )
    where (list_contains($wilayah::VARCHAR[], kode_kecamatan) or kode_kecamatan is null)
        and dokumen_id in (select dokumen_id from scope)
)

select
    (select count(*) from scope) as jumlah,
    (select count(*) from scope where dokumen_id not in (select dokumen_id from numbered)) as belum_ada_angka,
    (select count(*) from dokumen) as semua
