{#-
    parts_add_up_to_whole(parts)

    The listed categories of the column account for every row: the rows counted
    per part (e.g. public + civil_society + market links) add up to all rows.
    Returns one row, with each part's count, when they do not.
-#}
{% test parts_add_up_to_whole(model, column_name, parts) %}

with counts as (
    select
        {% for part in parts -%}
        cast(sum(case when {{ column_name }} = '{{ part }}' then 1 else 0 end) as bigint)
            as n_{{ part | replace(' ', '_') }},
        {% endfor -%}
        cast(count(*) as bigint) as n_whole
    from {{ model }}
),

mismatches as (
    select *
    from counts
    where
        {% for part in parts -%}
        coalesce(n_{{ part | replace(' ', '_') }}, 0){{ " +" if not loop.last }}
        {% endfor -%}
        <> n_whole
)

select * from mismatches

{% endtest %}
