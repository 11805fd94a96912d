-- The other perangkat daerah of a kabupaten/kota (dinas, badan, biro … — units that are not a
-- kecamatan) as a benchmark for its kecamatan, as LKjIPs themselves compare against "the average
-- SAKIP of the kabupaten's perangkat daerah": per kabupaten, year and score, the mean realised
-- value and how many units it is over. An IKM printed on the 1–4 scale is averaged on 25–100: the
-- view's skor.nilai_skala (docs/domain.md §2.3). $kabupaten: list of kode_kabupaten (PP.KK: Kab. Bogor and Kota Bogor are two).
-- The range of $kabupaten next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
with others as (
    select kode_kabupaten, kabupaten, kabupaten_label, perangkat_daerah, tahun, jenis,
        nilai_skala as nilai
    from skor
    where kecamatan is null and kabupaten is not null and list_contains($kabupaten, kode_kabupaten) and kode_kabupaten between list_min($kabupaten) and list_max($kabupaten)
),

final as (
    select kode_kabupaten, kabupaten, kabupaten_label, tahun, jenis, avg(nilai) as rata_rata, count(distinct perangkat_daerah) as jumlah_perangkat_daerah,
           string_agg(distinct perangkat_daerah, '; ' order by perangkat_daerah) as perangkat_daerah
    from others
    group by kode_kabupaten, kabupaten, kabupaten_label, tahun, jenis
)

select * from final order by kabupaten, kabupaten_label, tahun, jenis
