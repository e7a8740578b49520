{#-
    matches_child_row_count(child_model, key, child_key=None)

    A count stored on a parent row equals the number of its rows in `child_model`
    (e.g. n_roles on an actor link equals its rows in fct_actor_roles), matching
    parent `key` to `child_key` (defaults to the same column name).
    Returns every parent row whose count differs.
-#}
{% test matches_child_row_count(model, column_name, child_model, key, child_key=none) %}

{%- set child_key = child_key or key %}

with parents as (
    select
        {{ key }} as parent_key,
        {{ column_name }} as stored_count
    from {{ model }}
),

child_counts as (
    select
        {{ child_key }} as parent_key,
        cast(count(*) as bigint) as child_rows
    from {{ child_model }}
    group by {{ child_key }}
),

mismatches as (
    select
        parents.parent_key,
        parents.stored_count,
        coalesce(child_counts.child_rows, 0) as child_rows
    from parents
    left join child_counts
        on parents.parent_key = child_counts.parent_key
    where coalesce(parents.stored_count, -1) <> coalesce(child_counts.child_rows, 0)
)

select * from mismatches

{% endtest %}
