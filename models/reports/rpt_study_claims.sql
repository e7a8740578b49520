{{ config(alias="study_claims", pre_hook="{{ hash_joins_only() }}") }}

-- The study's prose claims (seed study_claims, docs/claims.md) evaluated against the marts.
--
-- Each claim is a spec, not a query: an entity (experience, link, contribution, mechanism,
-- strategic ally), a metric over it (share, count, or links per experience: mean, min, max), a
-- base population and a subject, both written as conditions on the entity's attributes
-- ("applicant_sector=public; theme!=social_development", values separated by "|"), an optional
-- grouping attribute with the groups the claim names, and a comparison with a target and, where
-- the wording is approximate, a tolerance. The attributes are the marts' own columns, unpivoted
-- below into one long relation per entity (entity_attributes).
--
-- Status, per claim:
--   contradicted_by_tables  the printed figures named in table_lhs_ids / table_rhs_ids already
--                           break the claim (arithmetic shown): no data set can satisfy both
--   holds                   the marts satisfy the claim as worded
--   partly                  the direction holds but not the magnitude or not every part
--                           (the reason says which)
--   fails                   the marts do not satisfy it (the reason gives the observed values)
-- Comparisons (scalar value v, target t, tolerance e):
--   more_than v > t; at_least v >= t; less_than v < t; at_most v <= t; equals v = t
--   approximately          |v - t| <= e holds, <= 2e partly
--   slightly_more_than     t < v <= t + e holds ("poco más de"), v > t + e partly
--   slightly_less_than     t - e <= v < t holds ("poco menos de", "casi"), v < t - e partly
--   all / none            share 100 / 0 holds, a majority / minority partly
-- Comparisons over groups (group_by; expected_groups, "|"-separated):
--   highest / lowest      the expected groups are the top (bottom) k of all groups; partly when
--                         some of them are
--   similar               max - min over the groups <= e holds, <= 2e partly
--   at_least_times        the expected group is at least t times every other group; partly when
--                         it is only the largest
--   each_more_than / each_less_than  every group's value beyond t; partly when some are
--
-- Why one long model: it is one evaluator for all the claims, read top to bottom (attributes,
-- conditions, metrics, comparisons, the tables' own arithmetic, verdict); the claims are rows of
-- the seed, so a new claim is a seed row, and no claim's evaluation is spread across models.

with

study_claims as (
    select * from {{ ref('study_claims') }}
),

published_figures as (
    select * from {{ ref('published_figures') }}
),

dim_experiences as (
    select * from {{ ref('dim_experiences') }}
),

dim_experience_classification as (
    select * from {{ ref('dim_experience_classification') }}
),

fct_actor_links as (
    select * from {{ ref('fct_actor_links') }}
),

fct_actor_roles as (
    select * from {{ ref('fct_actor_roles') }}
),

fct_actor_contributions as (
    select * from {{ ref('fct_actor_contributions') }}
),

fct_capacities as (
    select * from {{ ref('fct_capacities') }}
),

fct_participation_mechanisms as (
    select * from {{ ref('fct_participation_mechanisms') }}
),

fct_strategic_allies as (
    select * from {{ ref('fct_strategic_allies') }}
),

-- attributes ------------------------------------------------------------------------------------

-- one row per experience: what its links, roles, capacities and mechanisms say about it
link_summaries as (
    select
        fct_actor_links.experience_id,
        cast(count(*) as bigint) as n_links,
        -- "relaciones ... intraestatales" (section III.3) reads Tablas 5-7, which group the
        -- links by partner group: public means a central, regional or local institution there
        cast(sum(case when fct_actor_links.partner_group_sector = 'public' then 1 else 0 end) as bigint)
            as n_public_partner_group,
        max(case when fct_actor_links.actor_sector = 'public' then 1 else 0 end) as has_public,
        max(case when fct_actor_links.actor_sector = 'civil_society' then 1 else 0 end) as has_civil_society,
        max(case when fct_actor_links.actor_sector = 'market' then 1 else 0 end) as has_market
    from fct_actor_links
    group by fct_actor_links.experience_id
),

civil_society_decisions as (
    select distinct fct_actor_roles.experience_id
    from fct_actor_roles
    where
        fct_actor_roles.actor_sector = 'civil_society'
        and fct_actor_roles.role = 'decision_making'
),

created_capacities as (
    select distinct fct_capacities.experience_id
    from fct_capacities
    where fct_capacities.capacity <> 'none'
),

experience_scores as (
    select
        experience_id,
        articulation_model,
        greatest(score_vertical, score_consultative, score_collaborative, score_territorialised) as top_score,
        (case when score_vertical = greatest(
                    score_vertical, score_consultative, score_collaborative, score_territorialised
                ) then 1
            else 0
        end)
        + (case when score_consultative = greatest(
                    score_vertical, score_consultative, score_collaborative, score_territorialised
                ) then 1
            else 0
        end)
        + (case when score_collaborative = greatest(
                    score_vertical, score_consultative, score_collaborative, score_territorialised
                ) then 1
            else 0
        end)
        + (case when score_territorialised = greatest(
                    score_vertical, score_consultative, score_collaborative, score_territorialised
                ) then 1
            else 0
        end) as n_top_models
    from dim_experience_classification
),

experience_flags as (
    select
        dim_experiences.experience_id,
        case when dim_experiences.n_actor_links > 0 then 'true' else 'false' end as has_links,
        case when dim_experiences.n_actor_links < 6 then 'true' else 'false' end as links_under_6,
        case
            when
                coalesce(link_summaries.n_links, 0) > 0
                and 2 * link_summaries.n_public_partner_group > link_summaries.n_links
                then 'true'
            else 'false'
        end as links_mostly_public,
        case
            when link_summaries.has_public = 1
                and link_summaries.has_civil_society = 1
                and link_summaries.has_market = 1
                then 'true'
            else 'false'
        end as links_all_three_sectors,
        case when civil_society_decisions.experience_id is not null then 'true' else 'false' end
            as civil_society_decides,
        case when created_capacities.experience_id is not null then 'true' else 'false' end
            as has_created_capacities,
        case when dim_experiences.n_participation_mechanisms > 0 then 'true' else 'false' end
            as has_participation_mechanisms,
        case
            when experience_scores.articulation_model is null then null
            when experience_scores.n_top_models > 1 then 'true'
            else 'false'
        end as decided_by_tie_break,
        case when dim_experiences.is_awarded then 'true' else 'false' end as is_awarded,
        coalesce(dim_experience_classification.articulation_model, 'unclassified') as articulation_model,
        coalesce(dim_experience_classification.model_family, 'unclassified') as model_family
    from dim_experiences
    left join link_summaries
        on dim_experiences.experience_id = link_summaries.experience_id
    left join civil_society_decisions
        on dim_experiences.experience_id = civil_society_decisions.experience_id
    left join created_capacities
        on dim_experiences.experience_id = created_capacities.experience_id
    left join experience_scores
        on dim_experiences.experience_id = experience_scores.experience_id
    left join dim_experience_classification
        on dim_experiences.experience_id = dim_experience_classification.experience_id
),

{% set experience_columns = [
    'applicant_type', 'applicant_sector', 'applicant_group', 'theme', 'coverage', 'coverage_class',
    'link_range', 'agreement_type', 'agreement_nature', 'agreement_nature_class', 'capacity_need',
    'capacity_need_class'
] %}
{% set flag_columns = [
    'has_links', 'links_under_6', 'links_mostly_public', 'links_all_three_sectors', 'civil_society_decides',
    'has_created_capacities', 'has_participation_mechanisms', 'decided_by_tie_break', 'is_awarded',
    'articulation_model', 'model_family'
] %}
{% set typology_columns = [
    'institutionalisation_category', 'articulation_spaces_category', 'regional_sectoral_role_category',
    'local_role_category', 'civil_society_role_category', 'functioning_category',
    'capacities_created_category', 'agreement_nature_category', 'participation_mechanisms_category'
] %}

-- one row per (experience, attribute_name, value); capacities and mechanism objectives are multi-valued
experience_attributes as (
    {% for column in experience_columns %}
    select
        experience_id,
        '{{ column }}' as attribute_name,
        cast({{ column }} as {{ type_text() }}) as attribute_value
    from dim_experiences
    union all
    {% endfor %}
    {% for column in flag_columns %}
    select
        experience_id,
        '{{ column }}' as attribute_name,
        {{ column }} as attribute_value
    from experience_flags
    union all
    {% endfor %}
    {% for column in typology_columns %}
    select
        experience_id,
        '{{ column }}' as attribute_name,
        {{ column }} as attribute_value
    from dim_experience_classification
    union all
    {% endfor %}
    select
        experience_id,
        'capacity' as attribute_name,
        capacity as attribute_value
    from fct_capacities
    union all
    select distinct
        experience_id,
        'mechanism_objective' as attribute_name,
        objective as attribute_value
    from fct_participation_mechanisms
),

link_roles as (
    select
        link_id,
        'role' as attribute_name,
        role as attribute_value
    from fct_actor_roles
    union all
    select distinct
        link_id,
        'role_class' as attribute_name,
        role_class as attribute_value
    from fct_actor_roles
),

{% set link_columns = [
    'actor_type', 'actor_sector', 'partner_group', 'partner_group_sector', 'government_level'
] %}

-- one row per (link, attribute_name, value): its own columns, its roles and those of its experience
link_attributes as (
    {% for column in link_columns %}
    select
        link_id,
        experience_id,
        '{{ column }}' as attribute_name,
        cast({{ column }} as {{ type_text() }}) as attribute_value
    from fct_actor_links
    union all
    {% endfor %}
    select
        link_id,
        experience_id,
        'is_strategic_ally' as attribute_name,
        case when is_strategic_ally then 'true' else 'false' end as attribute_value
    from fct_actor_links
    union all
    select
        link_id,
        experience_id,
        'has_principal_role' as attribute_name,
        case when has_principal_role then 'true' else 'false' end as attribute_value
    from fct_actor_links
    union all
    select
        link_id,
        experience_id,
        'has_several_roles' as attribute_name,
        case when n_roles > 1 then 'true' else 'false' end as attribute_value
    from fct_actor_links
    union all
    select
        fct_actor_links.link_id,
        fct_actor_links.experience_id,
        link_roles.attribute_name,
        link_roles.attribute_value
    from fct_actor_links
    inner join link_roles
        on fct_actor_links.link_id = link_roles.link_id
    union all
    select
        fct_actor_links.link_id,
        fct_actor_links.experience_id,
        experience_attributes.attribute_name,
        experience_attributes.attribute_value
    from fct_actor_links
    inner join experience_attributes
        on fct_actor_links.experience_id = experience_attributes.experience_id
),

-- one row per (contribution, attribute, value): its own kind and class
contribution_attributes as (
    select
        link_id,
        experience_id,
        contribution,
        'contribution' as attribute_name,
        contribution as attribute_value
    from fct_actor_contributions
    union all
    select
        link_id,
        experience_id,
        contribution,
        'contribution_class' as attribute_name,
        contribution_class as attribute_value
    from fct_actor_contributions
),

-- one row per (entity kind, entity, attribute, value)
entity_attributes as (
    select
        'experience' as entity,
        experience_id as entity_id,
        experience_id,
        attribute_name,
        attribute_value
    from experience_attributes
    union all
    select
        'link' as entity,
        link_id as entity_id,
        experience_id,
        attribute_name,
        attribute_value
    from link_attributes
    union all
    select
        'contribution' as entity,
        link_id || '/' || contribution as entity_id,
        experience_id,
        attribute_name,
        attribute_value
    from contribution_attributes
    union all
    select
        'contribution' as entity,
        fct_actor_contributions.link_id || '/' || fct_actor_contributions.contribution as entity_id,
        fct_actor_contributions.experience_id,
        link_attributes.attribute_name,
        link_attributes.attribute_value
    from fct_actor_contributions
    inner join link_attributes
        on fct_actor_contributions.link_id = link_attributes.link_id
    union all
    select
        'mechanism' as entity,
        fct_participation_mechanisms.mechanism_id as entity_id,
        fct_participation_mechanisms.experience_id,
        'objective' as attribute_name,
        fct_participation_mechanisms.objective as attribute_value
    from fct_participation_mechanisms
    union all
    select
        'mechanism' as entity,
        fct_participation_mechanisms.mechanism_id as entity_id,
        fct_participation_mechanisms.experience_id,
        'policy_stage' as attribute_name,
        fct_participation_mechanisms.policy_stage as attribute_value
    from fct_participation_mechanisms
    union all
    select
        'mechanism' as entity,
        fct_participation_mechanisms.mechanism_id as entity_id,
        fct_participation_mechanisms.experience_id,
        experience_attributes.attribute_name,
        experience_attributes.attribute_value
    from fct_participation_mechanisms
    inner join experience_attributes
        on fct_participation_mechanisms.experience_id = experience_attributes.experience_id
    union all
    select
        'strategic_ally' as entity,
        fct_strategic_allies.link_id as entity_id,
        fct_strategic_allies.experience_id,
        'reason_class' as attribute_name,
        fct_strategic_allies.reason_class as attribute_value
    from fct_strategic_allies
    union all
    select
        'strategic_ally' as entity,
        fct_strategic_allies.link_id as entity_id,
        fct_strategic_allies.experience_id,
        'reason' as attribute_name,
        fct_strategic_allies.reason as attribute_value
    from fct_strategic_allies
    union all
    select
        'strategic_ally' as entity,
        fct_strategic_allies.link_id as entity_id,
        fct_strategic_allies.experience_id,
        link_attributes.attribute_name,
        link_attributes.attribute_value
    from fct_strategic_allies
    inner join link_attributes
        on fct_strategic_allies.link_id = link_attributes.link_id
),

entities as (
    select distinct
        entity,
        entity_id,
        experience_id
    from entity_attributes
    union
    select
        'experience' as entity,
        experience_id as entity_id,
        experience_id
    from dim_experiences
),

-- the specs ---------------------------------------------------------------------------------------

claim_specs as (
    select
        claim_id,
        entity,
        metric,
        case when metric like '%per_experience' then 'experience' else entity end as base_entity,
        coalesce(base, '') as base,
        coalesce(subject, '') as subject,
        group_by,
        expected_groups,
        comparison,
        cast(target as {{ type_double() }}) as target_value,
        cast(coalesce(tolerance, 0) as {{ type_double() }}) as tolerance
    from study_claims
),

-- one row per (claim, part, condition): "attribute_name=v1|v2" or "attribute_name!=v1|v2"
condition_texts as (
    select
        claim_id,
        'base' as part,
        trim(condition_text) as condition_text
    from (
        select
            claim_id,
            {{ split_multiselect('base') }} as condition_text
        from claim_specs
    ) as split_base
    where trim(condition_text) <> ''
    union all
    select
        claim_id,
        'subject' as part,
        trim(condition_text) as condition_text
    from (
        select
            claim_id,
            {{ split_multiselect('subject') }} as condition_text
        from claim_specs
    ) as split_subject
    where trim(condition_text) <> ''
),

conditions as (
    select
        claim_id,
        part,
        condition_text,
        position('!=' in condition_text) > 0 as is_negated,
        trim(substring(
            condition_text, 1,
            case
                when position('!=' in condition_text) > 0 then position('!=' in condition_text) - 1
                else position('=' in condition_text) - 1
            end
        )) as attribute_name,
        replace(substring(
            condition_text,
            position('=' in condition_text) + 1,
            length(condition_text)
        ), '|', ';') as values_text
    from condition_texts
),

condition_values as (
    select
        claim_id,
        part,
        is_negated,
        attribute_name,
        trim(condition_value) as condition_value
    from (
        select
            claim_id,
            part,
            is_negated,
            attribute_name,
            {{ split_multiselect('values_text') }} as condition_value
        from conditions
    ) as split_values
),

condition_counts as (
    select
        claim_id,
        part,
        cast(sum(case when is_negated then 0 else 1 end) as bigint) as n_required
    from conditions
    group by
        claim_id,
        part
),

-- which entities meet which (claim, part, condition)
condition_hits as (
    select distinct
        condition_values.claim_id,
        condition_values.part,
        condition_values.attribute_name,
        condition_values.is_negated,
        entity_attributes.entity_id
    from condition_values
    inner join claim_specs
        on condition_values.claim_id = claim_specs.claim_id
    inner join entity_attributes
        on
            entity_attributes.entity = case
                when condition_values.part = 'base' then claim_specs.base_entity
                else claim_specs.entity
            end
            and condition_values.attribute_name = entity_attributes.attribute_name
            and condition_values.condition_value = entity_attributes.attribute_value
),

hit_counts as (
    select
        claim_id,
        part,
        entity_id,
        cast(count(distinct case when not is_negated then attribute_name end) as bigint) as n_met,
        cast(count(distinct case when is_negated then attribute_name end) as bigint) as n_excluded
    from condition_hits
    group by
        claim_id,
        part,
        entity_id
),

claim_parts as (
    select
        claim_id,
        'base' as part,
        base_entity as part_entity
    from claim_specs
    union all
    select
        claim_id,
        'subject' as part,
        entity as part_entity
    from claim_specs
),

-- one row per (claim, part, entity that meets every condition of the part)
part_members as (
    select
        claim_parts.claim_id,
        claim_parts.part,
        entities.entity_id,
        entities.experience_id
    from claim_parts
    inner join entities
        on claim_parts.part_entity = entities.entity
    left join condition_counts
        on
            claim_parts.claim_id = condition_counts.claim_id
            and claim_parts.part = condition_counts.part
    left join hit_counts
        on
            claim_parts.claim_id = hit_counts.claim_id
            and claim_parts.part = hit_counts.part
            and entities.entity_id = hit_counts.entity_id
    where
        coalesce(hit_counts.n_met, 0) = coalesce(condition_counts.n_required, 0)
        and coalesce(hit_counts.n_excluded, 0) = 0
),

-- a base condition on the grouping attribute_name itself also limits the groups to its values
group_restrictions as (
    select distinct
        condition_values.claim_id,
        condition_values.condition_value as group_value
    from condition_values
    inner join claim_specs
        on
            condition_values.claim_id = claim_specs.claim_id
            and condition_values.attribute_name = claim_specs.group_by
    where condition_values.part = 'base' and not condition_values.is_negated
),

restricted_claims as (
    select distinct claim_id
    from group_restrictions
),

-- the base, split into the claim's groups (one group, '', when the claim has none)
base_groups as (
    select
        part_members.claim_id,
        part_members.entity_id,
        part_members.experience_id,
        '' as group_value
    from part_members
    inner join claim_specs
        on part_members.claim_id = claim_specs.claim_id
    where part_members.part = 'base' and claim_specs.group_by is null
    union all
    select distinct
        part_members.claim_id,
        part_members.entity_id,
        part_members.experience_id,
        entity_attributes.attribute_value as group_value
    from part_members
    inner join claim_specs
        on part_members.claim_id = claim_specs.claim_id
    inner join entity_attributes
        on
            claim_specs.base_entity = entity_attributes.entity
            and part_members.entity_id = entity_attributes.entity_id
            and claim_specs.group_by = entity_attributes.attribute_name
    left join restricted_claims
        on part_members.claim_id = restricted_claims.claim_id
    left join group_restrictions
        on
            part_members.claim_id = group_restrictions.claim_id
            and entity_attributes.attribute_value = group_restrictions.group_value
    where
        part_members.part = 'base'
        and (
            group_restrictions.claim_id is not null
            or restricted_claims.claim_id is null
        )
),

subject_members as (
    select
        claim_id,
        entity_id,
        experience_id
    from part_members
    where part = 'subject'
),

-- metrics -----------------------------------------------------------------------------------------

-- share and count: the base's entities that are also subjects
entity_metric_values as (
    select
        base_groups.claim_id,
        base_groups.group_value,
        cast(count(distinct subject_members.entity_id) as bigint) as numerator,
        cast(count(distinct base_groups.entity_id) as bigint) as denominator
    from base_groups
    inner join claim_specs
        on base_groups.claim_id = claim_specs.claim_id
    left join subject_members
        on
            base_groups.claim_id = subject_members.claim_id
            and base_groups.entity_id = subject_members.entity_id
    where claim_specs.metric in ('share', 'count')
    group by
        base_groups.claim_id,
        base_groups.group_value
),

-- per experience of the base: how many subject entities it has (zero included)
experience_subject_counts as (
    select
        base_groups.claim_id,
        base_groups.group_value,
        base_groups.experience_id,
        cast(count(distinct subject_members.entity_id) as bigint) as n_subjects
    from base_groups
    inner join claim_specs
        on base_groups.claim_id = claim_specs.claim_id
    left join subject_members
        on
            base_groups.claim_id = subject_members.claim_id
            and base_groups.experience_id = subject_members.experience_id
    where claim_specs.metric like '%per_experience'
    group by
        base_groups.claim_id,
        base_groups.group_value,
        base_groups.experience_id
),

experience_metric_values as (
    select
        claim_id,
        group_value,
        cast(sum(n_subjects) as bigint) as numerator,
        cast(count(*) as bigint) as denominator,
        cast(min(n_subjects) as bigint) as fewest,
        cast(max(n_subjects) as bigint) as most
    from experience_subject_counts
    group by
        claim_id,
        group_value
),

-- a scale build (var scale = N copies of the raw layer) has N times each count: counts are read
-- per copy, as paper_reconciliation reads them, so the ledger's statuses do not move with N
{% set per_copy = '' if var('scale', 1) | int == 1 else ' / ' ~ (var('scale') | int) %}
group_values as (
    select
        entity_metric_values.claim_id,
        entity_metric_values.group_value,
        case
            when claim_specs.metric = 'count'
                then cast(entity_metric_values.numerator{{ per_copy }} as {{ type_double() }})
            else {{ ratio('100 * entity_metric_values.numerator', 'nullif(entity_metric_values.denominator, 0)') }}
        end as observed_value,
        case
            when claim_specs.metric = 'count'
                then cast(cast(entity_metric_values.numerator{{ per_copy }} as bigint) as {{ type_text() }})
            else
                {{ double_text(round_double(
                    ratio('100 * entity_metric_values.numerator', 'nullif(entity_metric_values.denominator, 0)'), 1
                )) }} || '% (' || cast(entity_metric_values.numerator as {{ type_text() }}) || '/'
                || cast(entity_metric_values.denominator as {{ type_text() }}) || ')'
        end as observed_text
    from entity_metric_values
    inner join claim_specs
        on entity_metric_values.claim_id = claim_specs.claim_id
    union all
    select
        experience_metric_values.claim_id,
        experience_metric_values.group_value,
        case claim_specs.metric
            when 'min_per_experience' then cast(experience_metric_values.fewest as {{ type_double() }})
            when 'max_per_experience' then cast(experience_metric_values.most as {{ type_double() }})
            else {{ ratio('experience_metric_values.numerator', 'nullif(experience_metric_values.denominator, 0)') }}
        end as observed_value,
        case claim_specs.metric
            when 'min_per_experience' then cast(experience_metric_values.fewest as {{ type_text() }})
            when 'max_per_experience' then cast(experience_metric_values.most as {{ type_text() }})
            else
                {{ double_text(round_double(
                    ratio('experience_metric_values.numerator', 'nullif(experience_metric_values.denominator, 0)'), 2
                )) }} || ' (' || cast(experience_metric_values.numerator as {{ type_text() }}) || '/'
                || cast(experience_metric_values.denominator as {{ type_text() }}) || ')'
        end as observed_text
    from experience_metric_values
    inner join claim_specs
        on experience_metric_values.claim_id = claim_specs.claim_id
),

-- comparisons -------------------------------------------------------------------------------------

scalar_results as (
    select
        claim_specs.claim_id,
        group_values.observed_value,
        group_values.observed_text,
        case
            when group_values.observed_value is null then 'fails'
            when claim_specs.comparison = 'more_than'
                then case when group_values.observed_value > claim_specs.target_value then 'holds' else 'fails' end
            when claim_specs.comparison = 'at_least'
                then case when group_values.observed_value >= claim_specs.target_value then 'holds' else 'fails' end
            when claim_specs.comparison = 'less_than'
                then case when group_values.observed_value < claim_specs.target_value then 'holds' else 'fails' end
            when claim_specs.comparison = 'at_most'
                then case when group_values.observed_value <= claim_specs.target_value then 'holds' else 'fails' end
            when claim_specs.comparison = 'equals'
                then case when group_values.observed_value = claim_specs.target_value then 'holds' else 'fails' end
            when claim_specs.comparison = 'approximately'
                then case
                        when abs(group_values.observed_value - claim_specs.target_value) <= claim_specs.tolerance
                            then 'holds'
                        when abs(group_values.observed_value - claim_specs.target_value) <= 2 * claim_specs.tolerance
                            then 'partly'
                        else 'fails'
                    end
            when claim_specs.comparison = 'slightly_more_than'
                then case
                        when group_values.observed_value <= claim_specs.target_value then 'fails'
                        when group_values.observed_value <= claim_specs.target_value + claim_specs.tolerance
                            then 'holds'
                        else 'partly'
                    end
            when claim_specs.comparison = 'slightly_less_than'
                then case
                        when group_values.observed_value >= claim_specs.target_value then 'fails'
                        when group_values.observed_value >= claim_specs.target_value - claim_specs.tolerance
                            then 'holds'
                        else 'partly'
                    end
            when claim_specs.comparison = 'all'
                then case
                        when group_values.observed_value >= 100 then 'holds'
                        when group_values.observed_value > 50 then 'partly'
                        else 'fails'
                    end
            when claim_specs.comparison = 'none'
                then case
                        when group_values.observed_value <= 0 then 'holds'
                        when group_values.observed_value < 50 then 'partly'
                        else 'fails'
                    end
        end as marts_status
    from claim_specs
    left join group_values
        on claim_specs.claim_id = group_values.claim_id
    where claim_specs.group_by is null
),

expected_group_values as (
    select distinct
        claim_id,
        trim(expected_group) as group_value
    from (
        select
            claim_id,
            {{ split_multiselect("replace(coalesce(expected_groups, ''), '|', ';')") }} as expected_group
        from claim_specs
        where group_by is not null
    ) as split_groups
    where trim(expected_group) <> ''
),

expected_group_counts as (
    select
        claim_id,
        cast(count(*) as bigint) as n_expected
    from expected_group_values
    group by claim_id
),

ranked_groups as (
    select
        group_values.claim_id,
        group_values.group_value,
        group_values.observed_value,
        group_values.observed_text,
        expected_group_values.group_value is not null as is_expected,
        row_number() over (
            partition by group_values.claim_id order by group_values.observed_value desc, group_values.group_value asc
        ) as rank_from_top,
        row_number() over (
            partition by group_values.claim_id order by group_values.observed_value asc, group_values.group_value asc
        ) as rank_from_bottom
    from group_values
    inner join claim_specs
        on group_values.claim_id = claim_specs.claim_id
    left join expected_group_values
        on
            group_values.claim_id = expected_group_values.claim_id
            and group_values.group_value = expected_group_values.group_value
    where claim_specs.group_by is not null
),

group_summaries as (
    select
        ranked_groups.claim_id,
        cast(count(distinct expected_group_values.group_value) as bigint) as n_expected,
        cast(sum(case when ranked_groups.is_expected then 1 else 0 end) as bigint) as n_expected_found,
        min(case when ranked_groups.is_expected then ranked_groups.observed_value end) as expected_min,
        max(case when ranked_groups.is_expected then ranked_groups.observed_value end) as expected_max,
        max(case when not ranked_groups.is_expected then ranked_groups.observed_value end) as others_max,
        min(case when not ranked_groups.is_expected then ranked_groups.observed_value end) as others_min,
        max(ranked_groups.observed_value) as all_max,
        min(ranked_groups.observed_value) as all_min,
        cast(count(*) as bigint) as n_groups,
        {{ string_agg_ordered(
            "ranked_groups.group_value || ' ' || ranked_groups.observed_text", "'; '", 'ranked_groups.rank_from_top'
        ) }} as observed_text
    from ranked_groups
    left join expected_group_values
        on
            ranked_groups.claim_id = expected_group_values.claim_id
            and ranked_groups.group_value = expected_group_values.group_value
    group by ranked_groups.claim_id
),

group_rank_hits as (
    select
        ranked_groups.claim_id,
        cast(sum(
            case
                when ranked_groups.is_expected and ranked_groups.rank_from_top <= group_counts.n_expected then 1 else 0
            end
        ) as bigint) as n_in_top,
        cast(sum(
            case
                when
                    ranked_groups.is_expected and ranked_groups.rank_from_bottom <= group_counts.n_expected
                    then 1
                else 0
            end
        ) as bigint) as n_in_bottom
    from ranked_groups
    inner join expected_group_counts as group_counts
        on ranked_groups.claim_id = group_counts.claim_id
    group by ranked_groups.claim_id
),

grouped_results as (
    select
        claim_specs.claim_id,
        case
            when claim_specs.comparison = 'similar' then group_summaries.all_max - group_summaries.all_min
            when claim_specs.comparison = 'each_more_than' then group_summaries.all_min
            when claim_specs.comparison = 'each_less_than' then group_summaries.all_max
            else group_summaries.expected_min
        end as observed_value,
        group_summaries.observed_text,
        case
            when group_summaries.n_groups is null then 'fails'
            when claim_specs.comparison in ('highest', 'lowest')
                and group_summaries.n_expected_found < group_summaries.n_expected
                then 'fails'
            when claim_specs.comparison = 'highest'
                then case
                        when group_summaries.others_max is null
                            or group_summaries.expected_min > group_summaries.others_max
                            then 'holds'
                        when group_rank_hits.n_in_top > 0 then 'partly'
                        else 'fails'
                    end
            when claim_specs.comparison = 'lowest'
                then case
                        when group_summaries.others_min is null
                            or group_summaries.expected_max < group_summaries.others_min
                            then 'holds'
                        when group_rank_hits.n_in_bottom > 0 then 'partly'
                        else 'fails'
                    end
            when claim_specs.comparison = 'similar'
                then case
                        when group_summaries.all_max - group_summaries.all_min <= claim_specs.tolerance then 'holds'
                        when
                            group_summaries.all_max - group_summaries.all_min <= 2 * claim_specs.tolerance
                            then 'partly'
                        else 'fails'
                    end
            when claim_specs.comparison = 'at_least_times'
                then case
                        when
                            group_summaries.expected_min >= claim_specs.target_value * group_summaries.others_max
                            then 'holds'
                        when group_summaries.expected_min > group_summaries.others_max then 'partly'
                        else 'fails'
                    end
            when claim_specs.comparison = 'each_more_than'
                then case
                        when group_summaries.all_min > claim_specs.target_value then 'holds'
                        when group_summaries.all_max > claim_specs.target_value then 'partly'
                        else 'fails'
                    end
            when claim_specs.comparison = 'each_less_than'
                then case
                        when group_summaries.all_max < claim_specs.target_value then 'holds'
                        when group_summaries.all_min < claim_specs.target_value then 'partly'
                        else 'fails'
                    end
        end as marts_status
    from claim_specs
    left join group_summaries
        on claim_specs.claim_id = group_summaries.claim_id
    left join group_rank_hits
        on claim_specs.claim_id = group_rank_hits.claim_id
    where claim_specs.group_by is not null
),

marts_results as (
    select * from scalar_results
    union all
    select * from grouped_results
),

-- the printed tables: lhs (relation) scale × rhs, on published figures only ------------------------

table_terms as (
    select
        claim_id,
        'lhs' as side,
        table_lhs_ids as term_ids,
        trim(term_id) as figure_id
    from (
        select
            claim_id,
            table_lhs_ids,
            {{ split_multiselect('table_lhs_ids') }} as term_id
        from study_claims
        where table_lhs_ids is not null
    ) as split_lhs
    where trim(term_id) <> ''
    union all
    select
        claim_id,
        'rhs' as side,
        table_rhs_ids as term_ids,
        trim(term_id) as figure_id
    from (
        select
            claim_id,
            table_rhs_ids,
            {{ split_multiselect('table_rhs_ids') }} as term_id
        from study_claims
        where table_rhs_ids is not null
    ) as split_rhs
    where trim(term_id) <> ''
),

table_sides as (
    select
        table_terms.claim_id,
        table_terms.side,
        sum(cast(published_figures.value as {{ type_double() }})) as side_value,
        cast(count(*) as bigint) as n_terms,
        {{ string_agg_ordered(
            'published_figures.value', "'+'",
            "position(';' || table_terms.figure_id || ';' in ';' || replace(table_terms.term_ids, ' ', '') || ';')"
        ) }} as side_text
    from table_terms
    inner join published_figures
        on table_terms.figure_id = published_figures.figure_id
    group by
        table_terms.claim_id,
        table_terms.side
),

table_checks as (
    select
        study_claims.claim_id,
        lhs.side_value as lhs_value,
        coalesce(rhs.side_value, cast(study_claims.table_rhs_value as {{ type_double() }}))
        * cast(coalesce(study_claims.table_rhs_scale, 1) as {{ type_double() }}) as rhs_value,
        case
            when lhs.n_terms > 1
                then lhs.side_text || ' = ' || {{ double_text(round_double('lhs.side_value', 2)) }}
            else lhs.side_text
        end as lhs_text,
        case when study_claims.table_rhs_scale is not null
                then
                    cast(study_claims.table_rhs_scale as {{ type_text() }}) || ' × '
            else ''
        end
        || case
            when rhs.n_terms > 1 then '(' || rhs.side_text || ')'
            when rhs.n_terms = 1 then rhs.side_text
            else cast(study_claims.table_rhs_value as {{ type_text() }})
        end as rhs_text,
        study_claims.table_relation
    from study_claims
    inner join table_sides as lhs
        on study_claims.claim_id = lhs.claim_id and lhs.side = 'lhs'
    left join table_sides as rhs
        on study_claims.claim_id = rhs.claim_id and rhs.side = 'rhs'
),

table_results as (
    select
        claim_id,
        case table_relation
            when '>' then lhs_value > rhs_value
            when '>=' then lhs_value >= rhs_value
            when '<' then lhs_value < rhs_value
            when '<=' then lhs_value <= rhs_value
        end as tables_allow,
        lhs_text,
        rhs_text,
        rhs_value,
        table_relation
    from table_checks
),

table_arithmetic as (
    select
        claim_id,
        tables_allow,
        lhs_text || ' '
        || case
            when tables_allow then table_relation
            when table_relation = '>' then '≤'
            when table_relation = '>=' then '<'
            when table_relation = '<' then '≥'
            else '>'
        end
        || ' ' || rhs_text
        || case
            when rhs_text like '%×%' or rhs_text like '(%'
                then ' = ' || {{ double_text(round_double('rhs_value', 2)) }}
            else ''
        end as arithmetic
    from table_results
),

-- the ledger --------------------------------------------------------------------------------------

evaluated as (
    select
        study_claims.claim_id,
        study_claims.section,
        study_claims.quote_es,
        study_claims.assertion_en,
        study_claims.fixed_by_tables,
        study_claims.figure_ids,
        study_claims.entity,
        study_claims.metric,
        study_claims.base,
        study_claims.subject,
        study_claims.group_by,
        study_claims.expected_groups,
        study_claims.comparison,
        cast(study_claims.target as {{ type_double() }}) as target_value,
        cast(study_claims.tolerance as {{ type_double() }}) as tolerance,
        marts_results.observed_value,
        marts_results.observed_text,
        marts_results.marts_status,
        table_arithmetic.arithmetic as table_arithmetic,
        study_claims.known_limit,
        case
            when table_arithmetic.tables_allow = false then 'contradicted_by_tables'
            else marts_results.marts_status
        end as status
    from study_claims
    inner join marts_results
        on study_claims.claim_id = marts_results.claim_id
    left join table_arithmetic
        on study_claims.claim_id = table_arithmetic.claim_id
),

final as (
    select
        *,
        case
            when status = 'contradicted_by_tables'
                then 'The printed tables rule it out: ' || table_arithmetic || '.'
            when status = 'holds' then null
            else
                'The marts give ' || coalesce(observed_text, 'nothing') || '; the claim needs '
                || case
                    when group_by is not null and comparison in ('highest', 'lowest')
                        then expected_groups || ' ' || comparison || ' by ' || group_by
                    when group_by is not null
                        then comparison || ' ' || coalesce(cast(target_value as {{ type_text() }}), '')
                            || coalesce(' (tolerance ' || cast(tolerance as {{ type_text() }}) || ')', '')
                            || ' over ' || group_by
                    when comparison in ('all', 'none') then comparison
                    else
                        comparison || ' ' || cast(target_value as {{ type_text() }})
                        || coalesce(' (tolerance ' || cast(tolerance as {{ type_text() }}) || ')', '')
                end
                || case
                    when status = 'partly' then ': the direction holds, the magnitude or part of it does not.'
                    else '.'
                end
                || coalesce(' ' || known_limit, '')
        end as reason
    from evaluated
)

select * from final
