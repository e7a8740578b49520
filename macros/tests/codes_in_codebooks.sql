{#-
    codes_in_codebooks(codes, classes)

    One test for every coded column of a model: each non-null value of a column of `codes`
    ({column: question}) is a code of that codebook, and each non-null value of a column of
    `classes` ({column: question}) is one of that codebook's classes (a sector, a role class...).
    The codebooks are the seeds (stg_codebook), so a code added to a seed is accepted here
    without any other edit. Returns one row per unknown value: the column, the codebook, whether
    a code or a class was expected, and the value. One node per model instead of one per column;
    the model is read once, reduced to the distinct combinations of the checked columns, before
    the codebook is looked up.
    territorio/validate.py derives its Great Expectations from these declarations.
-#}
{% test codes_in_codebooks(model, codes={}, classes={}) %}

{%- set checks = [] -%}
{%- for column, question in codes.items() -%}
{%- do checks.append((column, question, 'code')) -%}
{%- endfor -%}
{%- for column, question in classes.items() -%}
{%- do checks.append((column, question, 'class')) -%}
{%- endfor %}

with

stg_codebook as (
    select * from {{ ref('stg_codebook') }}
),

-- the model is read once: its distinct combinations of the checked columns (a few hundred rows
-- where the model has millions; a model that is a view is computed once, not once per column)
model_values as (
    select distinct
        {%- for column in ((codes.keys() | list) + (classes.keys() | list)) | unique %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}
),

observed_values as (
    {%- for column, question, field in checks %}
    select distinct
        '{{ column }}' as column_name,
        '{{ question }}' as codebook,
        '{{ field }}' as expected,
        cast({{ column }} as {{ type_text() }}) as observed_value
    from model_values
    where {{ column }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

known_values as (
    select
        question as codebook,
        'code' as expected,
        code as known_value
    from stg_codebook
    union
    select
        question as codebook,
        'class' as expected,
        class as known_value
    from stg_codebook
),

unknown_values as (
    select observed_values.*
    from observed_values
    left join known_values
        on
            observed_values.codebook = known_values.codebook
            and observed_values.expected = known_values.expected
            and observed_values.observed_value = known_values.known_value
    where known_values.known_value is null
)

select * from unknown_values

{% endtest %}
