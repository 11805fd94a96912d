-- The places of galat_tempat.sql that are lines of a key score (view skor) in the selection: all
-- that Tren marks (a realisasi with an arithmetic error) and flags in its table. At national size
-- galat_tempat names 1,6 M places, of which the score lines are a few thousand, so the page caches
-- and joins these alone (issue 16: the server's memory).
-- Run only when the view `temuan` exists (see queries.run_if_exists).
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix).
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables skip
-- every row group outside it.
with errors as (
    select dokumen_id, baris_slip
    from temuan
    where tingkat = 'galat' and list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
),

places as (
    select distinct e.dokumen_id, cast(trim(b.baris) as integer) as sumber_baris
    from errors as e, unnest(string_split(e.baris_slip, ',')) as b (baris)
    where trim(b.baris) <> ''
),

score_lines as (
    select distinct dokumen_id, sumber_baris
    from skor
    where list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
)

select p.dokumen_id, p.sumber_baris
from places as p
semi join score_lines as s on p.dokumen_id = s.dokumen_id and p.sumber_baris = s.sumber_baris
order by p.dokumen_id, p.sumber_baris
