{#-
    sum_equals_row_count_of(compare_model)

    Parts add up to the whole: the sum of the column over the model equals the
    number of rows of `compare_model` (e.g. the actor links counted per experience
    add up to the rows of fct_actor_links). Returns one row when they differ.
-#}
{% test sum_equals_row_count_of(model, column_name, compare_model) %}

with model_total as (
    select cast(coalesce(sum({{ column_name }}), 0) as bigint) as total
    from {{ model }}
),

compare_total as (
    select cast(count(*) as bigint) as total
    from {{ compare_model }}
),

mismatches as (
    select
        model_total.total as summed_in_model,
        compare_total.total as rows_in_compare_model
    from model_total
    cross join compare_total
    where model_total.total <> compare_total.total
)

select * from mismatches

{% endtest %}
