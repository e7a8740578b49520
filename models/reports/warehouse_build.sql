-- One row that identifies the build that wrote this warehouse: the page shows it, so a reader
-- can tell which published warehouse it is looking at.

select
    cast('{{ invocation_id }}' as varchar(36)) as invocation_id,
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as built_at,
    cast('{{ dbt_version }}' as varchar(20)) as dbt_version,
    cast('{{ target.type }}' as varchar(20)) as adapter_type,
    cast({{ var('scale', 1) }} as integer) as scale
