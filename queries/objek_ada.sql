-- Whether a view or table exists (a view another part of the product adds later, e.g. findings).
-- $nama.
select count(*) > 0 as ada
from information_schema.tables
where table_schema = 'main' and table_name = $nama
