{#-
    pair_in_crosswalk(model, column_name, other_column, crosswalk, crosswalk_column, crosswalk_other_column)

    "Two codings of one actor fall on a plausible pair": every row whose `column_name` and
    `other_column` are both coded has that pair in the crosswalk seed (pairings natural,
    plausible, or forced_by_tables, each with its reason). Rows with either coding empty ("sin
    información") pass. Fails with one row per pair outside the crosswalk and how many rows
    hold it.
-#}
{% test pair_in_crosswalk(model, column_name, other_column, crosswalk, crosswalk_column, crosswalk_other_column) %}

with

coded as (
    select
        {{ column_name }} as code,
        {{ other_column }} as other_code
    from {{ model }}
    where {{ column_name }} is not null and {{ other_column }} is not null
),

crosswalk as (
    select * from {{ crosswalk }}
),

outside as (
    select
        coded.code,
        coded.other_code,
        cast(count(*) as bigint) as n_rows
    from coded
    left join crosswalk
        on
            coded.code = crosswalk.{{ crosswalk_column }}
            and coded.other_code = crosswalk.{{ crosswalk_other_column }}
    where crosswalk.{{ crosswalk_column }} is null
    group by coded.code, coded.other_code
)

select * from outside

{% endtest %}
