-- The places of galat_angka only (dokumen_id, sumber_baris; one row per place): what a page needs
-- to mark a number with an arithmetic error, without the findings' texts (at national size the
-- full rows of galat_angka took ~2,8 GB of a Tren rerun, measured; these two columns far less).
-- Same rules as galat_angka.sql: one row per place of temuan.baris_slip, context lines not marked.
-- Run only when the view `temuan` exists (see queries.run_if_exists).
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix).
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables skip
-- every row group outside it.
with errors as (
    select dokumen_id, baris_slip
    from temuan
    where tingkat = 'galat' and list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
)

select distinct e.dokumen_id, cast(trim(b.baris) as integer) as sumber_baris
from errors as e, unnest(string_split(e.baris_slip, ',')) as b (baris)
where trim(b.baris) <> ''
order by e.dokumen_id, sumber_baris
