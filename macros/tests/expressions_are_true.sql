{#-
    expressions_are_true(rules)

    Several row-level business rules of one model in one test (one node of dbt's build instead
    of one per rule): `rules` is a list of {description, expression}; returns every row for
    which an expression is not true (false or null), with the rule's description in
    `failed_rule`. Each rule reads as an expression_is_true on the model would.
-#}
{% test expressions_are_true(model, rules) %}

with

{% for rule in rules %}
rule_{{ loop.index }} as (
    select
        '{{ rule.description | replace("'", "''") | trim }}' as failed_rule,
        *
    from {{ model }}
    where not coalesce(({{ rule.expression }}), false)
){{ "," if not loop.last }}
{% endfor %}

{% for rule in rules %}
select * from rule_{{ loop.index }}
{{ "union all" if not loop.last }}
{% endfor %}

{% endtest %}
