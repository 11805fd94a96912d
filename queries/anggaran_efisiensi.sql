-- Penyerapan anggaran against capaian kinerja per kecamatan and sasaran (LKjIP budget-per-sasaran
-- tables). One point per sasaran: the row that carries both figures, first in the document.
-- Serapan and capaian are the view's own (serapan from pagu and realisasi where both are printed;
-- capaian by the formula the printed capaian proves), the printed ones where the view has none;
-- the printed ones stay next to them.
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix).
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
-- $tahun: the years wanted (an empty list: every year; the ranking below is per year, so a year's
-- rows are the same either way).
with rows_ as (
    select
        kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, sasaran, indikator, kunci,
        coalesce(capaian, capaian_dilaporkan) as capaian, capaian_dilaporkan,
        serapan as serapan_hitung,
        serapan_dilaporkan, efisiensi_dilaporkan, keterangan,
        pagu, realisasi, dokumen_id, sumber_baris, bagian, urutan
    from anggaran_sasaran
    where list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
        and (len($tahun) = 0 or list_contains($tahun, tahun))
),

ranked as (
    select *, row_number() over (
        partition by kode_kecamatan, tahun, lower(trim(sasaran))
        order by (capaian is not null and coalesce(serapan_hitung, serapan_dilaporkan) is not null) desc,
            (pagu is not null) desc, urutan
    ) as pilihan
    from rows_
),

final as (
    select
        r.* exclude (pilihan),
        coalesce(r.serapan_hitung, r.serapan_dilaporkan) as serapan,
        d.nama_file
    from ranked as r
    left join dokumen as d using (dokumen_id)
    where r.pilihan = 1 and r.capaian is not null and coalesce(r.serapan_hitung, r.serapan_dilaporkan) is not null
)

select * from final order by kabupaten, kabupaten_label, kecamatan, tahun, urutan
