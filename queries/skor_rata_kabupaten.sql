-- The kabupaten/kota average of each key score per year, over every loaded kecamatan of that
-- kabupaten with an achieved value: the reference line on Tren and Peringkat. On the view's
-- nilai_skala (an IKM on 1–4 as 25–100), the scale scores are compared on.
-- $kabupaten: list of kode_kabupaten (PP.KK).
-- The range of $kabupaten next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
with achieved as (
    select kode_kabupaten, kabupaten, kabupaten_label, kode_kecamatan, tahun, jenis, nilai_skala
    from skor
    where nilai_skala is not null and kode_kecamatan is not null and list_contains($kabupaten, kode_kabupaten) and kode_kabupaten between list_min($kabupaten) and list_max($kabupaten)
),

final as (
    select kode_kabupaten, kabupaten, kabupaten_label, jenis, tahun, avg(nilai_skala) as rata,
        count(distinct kode_kecamatan) as jumlah
    from achieved
    group by kode_kabupaten, kabupaten, kabupaten_label, jenis, tahun
)

select * from final order by kabupaten_label, jenis, tahun
