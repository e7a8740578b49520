{#-
    relationships_by_column(to, fields)

    dbt's `relationships` for several columns of a model that refer to one relation, in one
    node: every non-null value of each column of `fields` ({column: field}) is a value of that
    field in `to` (a field may be an expression over `to`'s columns, e.g. one variable's
    categories: "case when variable = 'functioning' then category end"). Returns one row per
    orphan value: the column, the value (as text) and its number of rows.
-#}
{% test relationships_by_column(model, to, fields) %}

with

{% for column, field in fields.items() -%}
orphans_{{ loop.index }} as (
    select
        '{{ column }}' as column_name,
        cast(child.{{ column }} as {{ type_text() }}) as value,
        count(*) as n_rows
    from {{ model }} as child
    where
        child.{{ column }} is not null
        and child.{{ column }} not in (
            select parent_field
            from (select {{ field }} as parent_field from {{ to }}) as parent
            where parent_field is not null
        )
    group by child.{{ column }}
),

{% endfor -%}
orphan_values as (
    {% for column in fields -%}
    select * from orphans_{{ loop.index }}
    {% if not loop.last %}union all
    {% endif %}
    {%- endfor %}
)

select * from orphan_values

{% endtest %}
