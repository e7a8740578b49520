{#-
    Lists (arrays) of codes, for the multi-select answers.

    A multi-select answer ("code_a; code_b") is parsed once, in staging, into a list of codes;
    the models after it count, test and unnest that list instead of splitting the text again or
    joining a long table back to its links on their text keys. Each adapter spells lists its
    own way (DuckDB lists, PostgreSQL arrays, Spark arrays), hence one dispatched macro per
    operation.

    multiselect_list(column)   the answer's codes in their order: split on `;`, each trimmed,
                               empty ones (a trailing `;`, `; ;`) dropped; an empty or missing
                               answer is the empty list
    unnest_list(column)        one row per element (in a select list)
    list_length(column)        how many elements
    list_has_any(column, values)  whether any element is one of `values`, a list expression
                               (list_of(...), or a column holding list_agg(...) of a one-row
                               relation cross-joined in)
    list_of(values)            a literal list of strings from a Jinja list
    list_agg(expression)       the aggregate that collects a group's values into a list
-#}

{% macro multiselect_list(column) -%}
    {{ return(adapter.dispatch('multiselect_list', 'territorio')(column)) }}
{%- endmacro %}

{% macro default__multiselect_list(column) -%}
    list_filter(
        list_transform(string_split(coalesce({{ column }}, ''), ';'), lambda token: trim(token)),
        lambda token: token <> ''
    )
{%- endmacro %}

{% macro postgres__multiselect_list(column) -%}
    array(
        select trim(token)
        from unnest(string_to_array(coalesce({{ column }}, ''), ';')) with ordinality as tokens (token, position)
        where trim(token) <> ''
        order by position
    )
{%- endmacro %}

{% macro spark__multiselect_list(column) -%}
    filter(transform(split(coalesce({{ column }}, ''), ';'), token -> trim(token)), token -> token <> '')
{%- endmacro %}

{% macro unnest_list(column) -%}
    {{ return(adapter.dispatch('unnest_list', 'territorio')(column)) }}
{%- endmacro %}

{% macro default__unnest_list(column) -%}
    unnest({{ column }})
{%- endmacro %}

{% macro spark__unnest_list(column) -%}
    explode({{ column }})
{%- endmacro %}

{% macro list_length(column) -%}
    {{ return(adapter.dispatch('list_length', 'territorio')(column)) }}
{%- endmacro %}

{% macro default__list_length(column) -%}
    len({{ column }})
{%- endmacro %}

{% macro postgres__list_length(column) -%}
    cardinality({{ column }})
{%- endmacro %}

{% macro spark__list_length(column) -%}
    size({{ column }})
{%- endmacro %}

{% macro list_has_any(column, values) -%}
    {{ return(adapter.dispatch('list_has_any', 'territorio')(column, values)) }}
{%- endmacro %}

{#- DuckDB: each element looked up in `values` (list_contains) rather than list_has_any, which
    builds a set for every row: 2.7x faster on ten million lists of roles (0.57 -> 0.21 s), the
    same answer (elements that are null match nothing). `values` is a list column or literal, not
    a subquery (a lambda cannot hold one). -#}
{% macro default__list_has_any(column, values) -%}
    coalesce(list_bool_or(list_transform({{ column }}, lambda element: list_contains({{ values }}, element))), false)
{%- endmacro %}

{% macro postgres__list_has_any(column, values) -%}
    coalesce({{ column }} && {{ values }}, false)
{%- endmacro %}

{% macro spark__list_has_any(column, values) -%}
    coalesce(arrays_overlap({{ column }}, {{ values }}), false)
{%- endmacro %}

{% macro list_of(values) -%}
    {{ return(adapter.dispatch('list_of', 'territorio')(values)) }}
{%- endmacro %}

{% macro default__list_of(values) -%}
    [{% for value in values %}'{{ value }}'{{ ", " if not loop.last }}{% endfor %}]
{%- endmacro %}

{% macro postgres__list_of(values) -%}
    array[{% for value in values %}'{{ value }}'{{ ", " if not loop.last }}{% endfor %}]::text[]
{%- endmacro %}

{% macro spark__list_of(values) -%}
    array({% for value in values %}'{{ value }}'{{ ", " if not loop.last }}{% endfor %})
{%- endmacro %}

{% macro list_agg(expression) -%}
    {{ return(adapter.dispatch('list_agg', 'territorio')(expression)) }}
{%- endmacro %}

{% macro default__list_agg(expression) -%}
    list({{ expression }})
{%- endmacro %}

{% macro postgres__list_agg(expression) -%}
    array_agg({{ expression }})
{%- endmacro %}

{% macro spark__list_agg(expression) -%}
    collect_list({{ expression }})
{%- endmacro %}
