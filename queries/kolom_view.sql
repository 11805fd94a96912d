-- The columns of one public view ($nama): which scope query fits it (Data & Sumber).
select column_name as kolom, data_type as tipe
from information_schema.columns
where table_schema = 'main' and table_name = $nama
order by ordinal_position
