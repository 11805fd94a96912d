-- Data & Sumber: how many kecamatan of $wilayah the coverage matrix has rows for (cakupan_halaman's pages).
with docs as (
    select provinsi, kabupaten, kabupaten_label, kecamatan
    from dokumen
    where kecamatan is not null and list_contains($wilayah::VARCHAR[], kode_kecamatan)
),

history as (
    select d.provinsi, o.kabupaten, o.kabupaten_label, o.kecamatan
    from skor_observasi as o
    join dokumen as d on d.dokumen_id = o.dokumen_id
    where o.sumber = 'riwayat' and o.kecamatan is not null and list_contains($wilayah::VARCHAR[], o.kode_kecamatan)
)

select count(*) as jumlah from (select * from docs union select * from history)
