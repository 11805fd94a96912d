-- The source lines around a finding: every line from $dari to $sampai of one document.
-- $dokumen_id, $dari, $sampai.
with lines as (
    select dokumen_id, nama_file, baris, halaman, cara_baca, teks
    from sumber_baris
    where dokumen_id = $dokumen_id and baris between $dari and $sampai
)

select * from lines order by baris
