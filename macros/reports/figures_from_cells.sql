{#-
    figures_from_cells(table_code=none, also=none)

    The last step of every report model, written once: it turns the model's `cells` CTE into the
    figures paper_reconciliation stacks (figure_id, computed_value, numerator, denominator), and
    selects them. A cell is a numerator, a denominator (null for a count) and a scale (100 for a
    percentage, 1 for a mean, null for a count; macros/reports/figure_value.sql). With a table
    code, a cell is named by its row_key and column_key (`<table_code>.<row_key>.<column_key>`);
    without one, it carries its own figure_id. `also` names a CTE of figures that are not cells
    (already in the figures' columns), selected with them.
-#}
{% macro figures_from_cells(table_code=none, also=none) -%}
figures as (
    select
        {% if table_code -%}
            '{{ table_code }}.' || row_key || '.' || column_key
        {%- else -%}
            figure_id
        {%- endif %} as figure_id,
        {{ figure_value('numerator', 'denominator', 'scale') }} as computed_value,
        numerator,
        denominator
    from cells
)

select * from figures
{%- if also %}
union all
select * from {{ also }}
{%- endif %}
{%- endmacro %}


{#-
    count_and_percent_cells(counts, n_column, base, base_column, count_column_key, percent_where)

    The cells of a table that prints each count and its share of a base: one count cell per row
    of `counts` (column key `count_column_key`, 'count' unless given), and one `percent` cell per
    row (those matching `percent_where`, when given) whose denominator is the single row of
    `base`. Used by the tables that print "N" and "%" side by side (Tablas 1, 2, 5-8, 12-15).
-#}
{% macro count_and_percent_cells(counts, n_column, base, base_column, count_column_key="'count'", percent_where=none) -%}
    select
        {{ counts }}.row_key,
        {{ count_column_key }} as column_key,
        {{ count_cell(counts ~ '.' ~ n_column) }}
    from {{ counts }}
    union all
    select
        {{ counts }}.row_key,
        'percent' as column_key,
        {{ percent_cell(counts ~ '.' ~ n_column, base ~ '.' ~ base_column) }}
    from {{ counts }}
    cross join {{ base }}
    {%- if percent_where %}
    where {{ percent_where }}
    {%- endif %}
{%- endmacro %}


{#-
    count_cell(numerator), percent_cell(part, whole), mean_cell(total, per)

    The three kinds of cell, as the last columns of a row of a `cells` CTE (numerator,
    denominator, scale): a count; a percentage, 100 · part / whole; a mean, total / per.
-#}
{% macro count_cell(numerator) -%}
    {{ numerator }} as numerator,
        cast(null as bigint) as denominator,
        cast(null as {{ type_double() }}) as scale
{%- endmacro %}

{% macro percent_cell(part, whole) -%}
    {{ part }} as numerator,
        {{ whole }} as denominator,
        100.0 as scale
{%- endmacro %}

{% macro mean_cell(total, per) -%}
    {{ total }} as numerator,
        {{ per }} as denominator,
        1.0 as scale
{%- endmacro %}
