-- The text of source lines, to show each number in its context.
-- $dokumen_id, $baris: list of line numbers.
with lines as (
    select dokumen_id, nama_file, baris, halaman, cara_baca, teks
    from sumber_baris
    where dokumen_id = $dokumen_id and list_contains($baris, baris)
)

select * from lines order by baris
