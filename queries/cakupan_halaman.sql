-- Data & Sumber: coverage (as in cakupan) for one page of kecamatan of $wilayah (kode_kecamatan list):
-- $batas kecamatan from kecamatan $mulai in the order provinsi, kabupaten, kecamatan. Every year.
with docs as (
    select provinsi, kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, jenis
    from dokumen
    where kecamatan is not null and list_contains($wilayah::VARCHAR[], kode_kecamatan)
),

history as (
    select d.provinsi, o.kode_kecamatan, o.kabupaten, o.kabupaten_label, o.kecamatan, o.tahun, 'riwayat' as jenis
    from skor_observasi as o
    join dokumen as d on d.dokumen_id = o.dokumen_id
    where o.sumber = 'riwayat' and o.kecamatan is not null and list_contains($wilayah::VARCHAR[], o.kode_kecamatan)
),

semua as (
    select distinct * from (select * from docs union all select * from history)
),

page as (
    select distinct provinsi, kabupaten, kabupaten_label, kecamatan
    from semua
    order by provinsi, kabupaten, kabupaten_label, kecamatan
    limit $batas offset $mulai
)

select s.*
from semua as s
join page as p using (provinsi, kabupaten, kabupaten_label, kecamatan)
order by provinsi, kabupaten, kabupaten_label, kecamatan, tahun, jenis
