-- One row that identifies the build that wrote this warehouse: the page shows it, so a reader
-- can tell which published warehouse it is looking at.

select
    cast('{{ invocation_id }}' as {{ type_text() }}) as invocation_id,
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as built_at,
    cast('{{ dbt_version }}' as {{ type_text() }}) as dbt_version,
    cast('{{ target.type }}' as {{ type_text() }}) as adapter_type,
    cast({{ var('scale', 1) }} as integer) as scale
