{#-
    in_codebook(question)

    Every non-null value of the column is a code of the codebook `question`
    (the codebook seed name without its `codebook_` prefix, e.g. `themes`).
    Returns the offending rows. Nulls pass: test them with not_null where required.
-#}
{% test in_codebook(model, column_name, question) %}

with model_values as (
    select {{ column_name }} as code_value
    from {{ model }}
    where {{ column_name }} is not null
),

codebook as (
    select code
    from {{ ref('stg_codebook') }}
    where question = '{{ question }}'
),

unknown_codes as (
    select model_values.code_value
    from model_values
    left join codebook
        on model_values.code_value = codebook.code
    where codebook.code is null
)

select * from unknown_codes

{% endtest %}
