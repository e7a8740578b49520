{#-
    role_comes_with_contribution(model, column_name, role, contribution, contributions)

    "A financing role comes with a money contribution": every link of `model` (one row per link
    and role, `column_name` the role) holding `role` has a row with `contribution` in the
    `contributions` model (one row per link and contribution). Fails with one row per link
    that holds the role without the contribution.
-#}
{% test role_comes_with_contribution(model, column_name, role, contribution, contributions) %}

with

roles as (
    select link_id from {{ model }}
    where {{ column_name }} = '{{ role }}'
),

contributions as (
    select link_id from {{ contributions }}
    where contribution = '{{ contribution }}'
),

without_contribution as (
    select roles.link_id
    from roles
    left join contributions
        on roles.link_id = contributions.link_id
    where contributions.link_id is null
)

select * from without_contribution

{% endtest %}
