-- Who moved: each kecamatan's key scores in $tahun next to the year before (on the view's
-- nilai_skala, an IKM on 1–4 as 25–100), with the change in points and the view's predicate.
-- Rows only where both years have a value. Ringkasan's "paling membaik" / "penurunan terbesar".
-- $wilayah: list of kode_kecamatan (Kemendagri codes: Kab. X and Kota X never mix); $tahun: the year.
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
with achieved as (
    select s.kode_kecamatan, s.kabupaten, s.kabupaten_label, s.kecamatan, s.tahun, s.jenis, s.nilai_skala, s.predikat,
        d.nama_file
    from skor as s
    left join dokumen as d on d.dokumen_id = s.dokumen_id
    where s.nilai_skala is not null and list_contains($wilayah, s.kode_kecamatan) and s.kode_kecamatan between list_min($wilayah) and list_max($wilayah)
),

now as (select * from achieved where tahun = $tahun),

before as (select kode_kecamatan, jenis, nilai_skala from achieved where tahun = $tahun - 1),

final as (
    select
        n.kode_kecamatan, n.kabupaten, n.kabupaten_label, n.kecamatan, n.jenis, n.tahun,
        b.nilai_skala as nilai_lalu,
        n.nilai_skala as nilai,
        n.nilai_skala - b.nilai_skala as perubahan,
        n.predikat, n.nama_file
    from now as n
    join before as b on b.kode_kecamatan = n.kode_kecamatan and b.jenis = n.jenis
)

select * from final order by perubahan desc, kabupaten_label, kecamatan, jenis
