{#-
    answer_shares(table_code, model_name, answer_column)

    The body of rpt_tabla_02, rpt_tabla_13, rpt_tabla_14 and rpt_tabla_15: how many experiences gave each
    answer of a single-answer question (`<table_code>.<answer>.count`), their share of the
    experiences that answered (`.percent`), and the total of those that answered
    (`<table_code>.total.count`, `.percent`). Experiences without an answer are left out, as
    the study leaves them out (Tabla 13 totals 117, Tabla 14 119, Tabla 15 118).
-#}
{% macro answer_shares(table_code, model_name, answer_column) %}

with

{{ model_name }} as (
    select * from {{ ref(model_name) }}
),

answered as (
    select
        experience_id,
        {{ answer_column }} as answer
    from {{ model_name }}
    where {{ answer_column }} is not null
),

answer_rows as (
    select distinct answer as row_key
    from answered
    union all
    select 'total' as row_key
),

counts as (
    select
        answer_rows.row_key,
        cast(count(answered.experience_id) as bigint) as n_experiences
    from answer_rows
    left join answered
        on answer_rows.row_key in (answered.answer, 'total')
    group by answer_rows.row_key
),

all_answered as (
    select cast(count(*) as bigint) as n_answered
    from answered
),

cells as (
    select
        row_key,
        'count' as column_key,
        n_experiences as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
    from counts
    union all
    select
        counts.row_key,
        'percent' as column_key,
        counts.n_experiences as numerator,
        all_answered.n_answered as denominator,
        100.0 as scale
    from counts
    cross join all_answered
),

figures as (
    select
        '{{ table_code }}.' || row_key || '.' || column_key as figure_id,
        {{ figure_value('numerator', 'denominator', 'scale') }} as computed_value,
        numerator,
        denominator
    from cells
)

select * from figures

{% endmacro %}
