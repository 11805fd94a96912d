-- Data & Sumber: the number of rows of one public view ($nama) in the sidebar's scope (the rows
-- view_halaman pages through and a download holds).
-- The scope: the documents of the sidebar's selection (macro lingkup_dokumen, etl/schema.sql).
with scope as (
    select dokumen_id
    from lingkup_dokumen($wilayah::VARCHAR[], $lain, $kode_kabupaten::VARCHAR, $provinsi::VARCHAR, $tahun::INTEGER[], $terverifikasi)
)

select count(*) as jumlah
from query_table($nama)
where dokumen_id in (select dokumen_id from scope)
