{#-
    dbt's `unique` test on DuckDB (dbt looks for `duckdb__test_unique` in the project before its
    own): only the rows whose hash of the value repeats are grouped on their values
    (rows_with_repeated_hash.sql: exact, about twice as fast on ten million text keys). Returns
    what dbt's own test returns: each repeated value (`unique_field`) and its number of rows
    (`n_records`); nulls are left to `not_null`, as dbt's test leaves them.
-#}
{% macro duckdb__test_unique(model, column_name) %}

with candidates as (
    {{ rows_with_repeated_hash(model, [column_name]) }}
)

select
    {{ column_name }} as unique_field,
    count(*) as n_records
from candidates
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1

{% endmacro %}
