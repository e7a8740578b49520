{#-
    answer_shares(table_code, answers, answer_column)

    The body of rpt_tabla_02, rpt_tabla_13, rpt_tabla_14 and rpt_tabla_15, after the model's own
    import CTE `answers` (one row per experience, the answer in `answer_column`): how many
    experiences gave each answer of a single-answer question (`<table_code>.<answer>.count`),
    their share of the
    experiences that answered (`.percent`), and the total of those that answered
    (`<table_code>.total.count`, `.percent`). Experiences without an answer are left out, as
    the study leaves them out (Tabla 13 totals 117, Tabla 14 119, Tabla 15 118).
-#}
{% macro answer_shares(table_code, answers, answer_column) -%}
answered as (
    select
        experience_id,
        {{ answer_column }} as answer
    from {{ answers }}
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
    {{ count_and_percent_cells('counts', 'n_experiences', 'all_answered', 'n_answered') }}
),

{{ figures_from_cells(table_code) }}

{%- endmacro %}
