-- The kabupaten/kota average of each key score per year, over every loaded kecamatan of that
-- kabupaten with an achieved value: the reference line on Tren and Peringkat. On the view's
-- nilai_skala (an IKM on 1–4 as 25–100), the scale scores are compared on.
-- $kabupaten: list of kabupaten/kota names.
with achieved as (
    select kabupaten, kecamatan, tahun, jenis, nilai_skala
    from skor
    where nilai_skala is not null and list_contains($kabupaten, kabupaten)
),

final as (
    select kabupaten, jenis, tahun, avg(nilai_skala) as rata, count(distinct kecamatan) as jumlah
    from achieved
    group by kabupaten, jenis, tahun
)

select * from final order by kabupaten, jenis, tahun
