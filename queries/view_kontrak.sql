-- The public views of the data contract (what a user may download).
select table_name as nama
from information_schema.tables
where table_schema = 'main' and table_type = 'VIEW'
order by table_name
