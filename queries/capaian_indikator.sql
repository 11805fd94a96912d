-- Capaian of each indicator of the kecamatan itself in its year (history rows excluded). An
-- indicator printed in several report tables counts once: the first table that gives a capaian.
-- One indicator = the view's kunci_indikator (the review's identity, domain.md §1.6).
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix).
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
-- $tahun: the years wanted (an empty list: every year; the ranking below is per year, so a year's
-- rows are the same either way).
with observed as (
    select
        kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, indikator, kunci, satuan, target, realisasi,
        coalesce(capaian, capaian_dilaporkan) as capaian,
        capaian_dilaporkan, predikat, sumber_predikat, dokumen_id, sumber_baris, urutan,
        kunci_indikator
    from realisasi_kinerja
    where not riwayat and unit_kerja = 'Kecamatan'
        and coalesce(capaian, capaian_dilaporkan) is not null
        and list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
        and (len($tahun) = 0 or list_contains($tahun, tahun))
),

ranked as (
    select *, row_number() over (
        partition by kode_kecamatan, tahun, kunci_indikator
        order by (realisasi is not null) desc, urutan
    ) as pilihan
    from observed
),

final as (
    select * exclude (pilihan) from ranked where pilihan = 1
)

select * from final order by kabupaten, kabupaten_label, kecamatan, tahun, urutan
