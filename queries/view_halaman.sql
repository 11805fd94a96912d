-- Data & Sumber: rows of one public view ($nama, bound, never formatted in) in the sidebar's scope,
-- in a fixed order (every column), $batas rows from row $mulai ($batas NULL: all, for downloads).
-- Every public view names its document (dokumen_id): the scope is applied through it.
-- The scope: the documents of the sidebar's selection (macro lingkup_dokumen, etl/schema.sql).
with scope as (
    select dokumen_id
    from lingkup_dokumen($wilayah::VARCHAR[], $lain, $kode_kabupaten::VARCHAR, $provinsi::VARCHAR, $tahun::INTEGER[], $terverifikasi)
),

isi as (
    select * from query_table($nama)
    where dokumen_id in (select dokumen_id from scope)
)

select * from isi
order by all
limit $batas offset $mulai
