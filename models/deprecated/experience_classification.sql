{#-
    The classification mart's name until it was renamed dim_experience_classification, like the
    other marts: a view under the old name so that queries written against it keep working for
    one release. New queries: marts.dim_experience_classification.
-#}

-- every column of the mart, whatever it holds: the alias follows the mart it names
select * from {{ ref('dim_experience_classification') }}  -- noqa: AM04
