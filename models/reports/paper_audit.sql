-- The study's own arithmetic, checked on the printed figures alone (published_figures; the
-- warehouse's data play no part). Three kinds of check:
--   sum          (seed audit_sums)   printed parts against a printed total, or a literal one
--                                    (100 for shares); `=` or `<=`; identities between tables
--                                    are one-part sums (Tabla 6's 147 against Tabla 11's 174)
--   ratio        (seed audit_ratios) a printed share or mean against scale × printed counts /
--                                    printed counts, under the matching rule
--   whole_count  (seed audit_ratios, no numerator) some whole count over the printed base
--                                    must print as the share
--   range, bound (SQL below)         means against what Tabla 4's link ranges, or Tabla 1's
--                                    room for experiences, allow
-- Counts compare exactly. A printed share or mean v with d decimals stands for the interval
-- of values that print as it: [v - 0.5·10^-d, v + 0.5·10^-d) rounded half-up, widened to
-- v + 10^-d where the study is shown to truncate, or the bound or approximation its wording
-- states (seed figure_comparisons, macros/reports/printed_figures.sql); sums of shares compare
-- as sums of intervals.
-- Why one long model: every kind of check ends in the same rows (check, figures, arithmetic,
-- verdict) that paper_reconciliation joins by figure; the checks themselves are data (seeds
-- audit_sums, audit_ratios), and what is long here is their few SQL-only kinds (range, bound).

with

published_figures as (
    select * from {{ ref('published_figures') }}
),

audit_sums as (
    select * from {{ ref('audit_sums') }}
),

audit_ratios as (
    select * from {{ ref('audit_ratios') }}
),

figure_comparisons as (
    select * from {{ ref('figure_comparisons') }}
),

-- each printed figure with the interval of values that print as it (figure_comparisons)
figures as (
    select
        published_figures.figure_id,
        published_figures.unit,
        published_figures.value as value_text,
        coalesce(figure_comparisons.comparison, 'rounded') as comparison,
        figure_comparisons.tolerance,
        {{ printed_number('published_figures.value') }} as value_number,
        {{ printed_decimals('published_figures.value') }} as decimals,
        case
            when published_figures.unit = 'count' then {{ printed_number('published_figures.value') }}
            else {{ printed_low(
                'published_figures.value', "coalesce(figure_comparisons.comparison, 'rounded')",
                'figure_comparisons.tolerance'
            ) }}
        end as low_value,
        case
            when published_figures.unit = 'count'
                then {{ printed_number('published_figures.value') }} + cast(0.000000001 as decimal(38, 12))
            else {{ printed_high(
                'published_figures.value', "coalesce(figure_comparisons.comparison, 'rounded')",
                'figure_comparisons.tolerance'
            ) }}
        end as high_value
    from published_figures
    left join figure_comparisons
        on published_figures.figure_id = figure_comparisons.figure_id
),

-- sums ----------------------------------------------------------------------------------------

sum_part_ids as (
    select
        check_id,
        part_ids,
        trim(part_id) as figure_id
    from (
        select
            check_id,
            part_ids,
            {{ split_multiselect('part_ids') }} as part_id
        from audit_sums
    ) as split_parts
    where trim(part_id) <> ''
),

sum_part_figures as (
    select
        sum_part_ids.check_id,
        position(
            ';' || sum_part_ids.figure_id || ';' in ';' || replace(sum_part_ids.part_ids, ' ', '') || ';'
        ) as part_position,
        figures.value_text,
        figures.value_number,
        figures.decimals,
        figures.low_value,
        figures.high_value
    from sum_part_ids
    inner join figures
        on sum_part_ids.figure_id = figures.figure_id
),

sum_parts as (
    select
        check_id,
        cast(count(*) as bigint) as n_parts,
        sum(value_number) as parts_number,
        sum(low_value) as parts_low,
        sum(high_value) as parts_high,
        max(decimals) as parts_decimals,
        {{ string_agg_ordered('value_text', "'+'", 'part_position') }} as parts_text
    from sum_part_figures
    group by check_id
),

sum_checks as (
    select
        audit_sums.check_id,
        audit_sums.check_group,
        audit_sums.description,
        audit_sums.comparison,
        audit_sums.total_id,
        replace(replace(
            coalesce(audit_sums.total_id || ';', '') || audit_sums.part_ids, ' ', ''
        ), ';', ',') as figure_ids,
        sum_parts.n_parts,
        sum_parts.parts_number,
        sum_parts.parts_low,
        sum_parts.parts_high,
        sum_parts.parts_decimals,
        sum_parts.parts_text,
        coalesce(figures.value_number, cast(audit_sums.total_value as decimal(38, 12))) as total_number,
        coalesce(figures.low_value, cast(audit_sums.total_value as decimal(38, 12))) as total_low,
        coalesce(
            figures.high_value,
            cast(audit_sums.total_value as decimal(38, 12)) + cast(0.000000001 as decimal(38, 12))
        ) as total_high,
        coalesce(figures.value_text, audit_sums.total_value) as total_text
    from audit_sums
    inner join sum_parts
        on audit_sums.check_id = sum_parts.check_id
    left join figures
        on audit_sums.total_id = figures.figure_id
),

sum_results as (
    select
        check_id,
        'sum' as check_kind,
        check_group,
        description,
        figure_ids,
        case
            when total_id is null then cast(total_number as {{ type_double() }})
            else cast(parts_number as {{ type_double() }})
        end as expected_value,
        case
            when total_id is null then cast(parts_number as {{ type_double() }})
            else cast(total_number as {{ type_double() }})
        end as printed_value,
        case
            when comparison = '<=' then parts_low < total_high
            else greatest(parts_low, total_low) < least(parts_high, total_high)
        end as holds,
        parts_text,
        n_parts,
        case
            when parts_decimals = 0 then cast(cast(parts_number as bigint) as {{ type_text() }})
            else {{ double_text(round_double('cast(parts_number as ' ~ type_double() ~ ')', 'parts_decimals')) }}
        end as parts_sum_text,
        comparison,
        parts_number = total_number as is_equal,
        total_text
    from sum_checks
),

sum_audit as (
    select
        check_id,
        check_kind,
        check_group,
        description,
        figure_ids,
        expected_value,
        printed_value,
        holds,
        case when n_parts = 1 then parts_text else parts_text || ' = ' || parts_sum_text end
        || case
            when comparison = '<=' and holds then ' ≤ '
            when comparison = '<=' then ' > '
            when is_equal then ' = '
            when holds then ' ≈ '
            else ' ≠ '
        end
        || total_text as arithmetic
    from sum_results
),

-- ratios and whole counts ---------------------------------------------------------------------

ratio_term_ids as (
    select
        check_id,
        'numerator' as term,
        numerator_ids as term_ids,
        trim(term_id) as figure_id
    from (
        select
            check_id,
            numerator_ids,
            {{ split_multiselect('numerator_ids') }} as term_id
        from audit_ratios
    ) as split_numerators
    where trim(term_id) <> ''
    union all
    select
        check_id,
        'denominator' as term,
        denominator_ids as term_ids,
        trim(term_id) as figure_id
    from (
        select
            check_id,
            denominator_ids,
            {{ split_multiselect('denominator_ids') }} as term_id
        from audit_ratios
    ) as split_denominators
    where trim(term_id) <> ''
),

ratio_terms as (
    select
        ratio_term_ids.check_id,
        ratio_term_ids.term,
        cast(count(*) as bigint) as n_terms,
        cast(sum(figures.value_number) as bigint) as term_value,
        {{ string_agg_ordered(
            'figures.value_text', "'+'",
            "position(';' || ratio_term_ids.figure_id || ';' in ';' || replace(ratio_term_ids.term_ids, ' ', '') || ';')"
        ) }} as term_text
    from ratio_term_ids
    inner join figures
        on ratio_term_ids.figure_id = figures.figure_id
    group by
        ratio_term_ids.check_id,
        ratio_term_ids.term
),

ratio_checks as (
    select
        audit_ratios.check_id,
        audit_ratios.check_group,
        audit_ratios.description,
        audit_ratios.scale,
        audit_ratios.numerator_ids is null as is_whole_count,
        replace(replace(
            audit_ratios.figure_id
            || coalesce(';' || audit_ratios.numerator_ids, '')
            || ';' || audit_ratios.denominator_ids,
            ' ', ''
        ), ';', ',') as figure_ids,
        figures.value_text,
        figures.value_number,
        figures.decimals,
        figures.low_value,
        figures.high_value,
        figures.comparison,
        figures.tolerance,
        numerators.term_value as numerator_value,
        case
            when numerators.n_terms > 1 then '(' || numerators.term_text || ')'
            else numerators.term_text
        end as numerator_text,
        denominators.term_value as denominator_value,
        case
            when denominators.n_terms > 1 then '(' || denominators.term_text || ')'
            else denominators.term_text
        end as denominator_text
    from audit_ratios
    inner join figures
        on audit_ratios.figure_id = figures.figure_id
    inner join ratio_terms as denominators
        on
            audit_ratios.check_id = denominators.check_id
            and denominators.term = 'denominator'
    left join ratio_terms as numerators
        on
            audit_ratios.check_id = numerators.check_id
            and numerators.term = 'numerator'
),

ratio_values as (
    select
        *,
        {{ ratio('scale * numerator_value', 'nullif(denominator_value, 0)') }} as implied_value,
        -- whole-count checks: the smallest whole count whose share reaches the printed interval
        cast(
            ceil({{ round_double('cast(low_value as ' ~ type_double() ~ ') * denominator_value / scale', 9) }})
            as bigint
        ) as smallest_count,
        cast(floor(cast(value_number as {{ type_double() }}) * denominator_value / scale) as bigint)
            as floor_count
    from ratio_checks
),

whole_count_values as (
    select
        *,
        {{ ratio('scale * smallest_count', 'denominator_value') }} as smallest_share,
        {{ ratio('scale * floor_count', 'denominator_value') }} as floor_share,
        {{ ratio('scale * (floor_count + 1)', 'denominator_value') }} as next_share,
        cast(decimals + 1 as integer) as shown_decimals
    from ratio_values
    where is_whole_count
),

ratio_audit as (
    select
        check_id,
        'ratio' as check_kind,
        check_group,
        description,
        figure_ids,
        implied_value as expected_value,
        cast(value_number as {{ type_double() }}) as printed_value,
        {{ matches_printed('implied_value', 'value_text', 'comparison', 'tolerance') }} as holds,
        numerator_text || '/' || denominator_text || ' = '
        || {{ double_text(round_double('implied_value', 'cast(decimals + 1 as integer)')) }}
        || case
            when {{ exact_number('implied_value') }} = value_number then ' = '
            when
                comparison = 'at_most'
                and {{ matches_printed('implied_value', 'value_text', 'comparison', 'tolerance') }}
                then ' ≤ '
            when
                comparison = 'at_least'
                and {{ matches_printed('implied_value', 'value_text', 'comparison', 'tolerance') }}
                then ' ≥ '
            when {{ matches_printed('implied_value', 'value_text', 'comparison', 'tolerance') }} then ' ≈ '
            else ' ≠ '
        end
        || value_text as arithmetic
    from ratio_values
    where not is_whole_count
),

whole_count_audit as (
    select
        check_id,
        'whole_count' as check_kind,
        check_group,
        description,
        figure_ids,
        cast(value_number as {{ type_double() }}) * denominator_value / scale as expected_value,
        cast(value_number as {{ type_double() }}) as printed_value,
        {{ matches_printed('smallest_share', 'value_text', 'comparison', 'tolerance') }} as holds,
        case
            when {{ matches_printed('smallest_share', 'value_text', 'comparison', 'tolerance') }}
                then
                    cast(smallest_count as {{ type_text() }}) || '/' || denominator_text || ' = '
                    || {{ double_text(round_double('smallest_share', 'shown_decimals')) }}
                    || ' ≈ ' || value_text
            else
                value_text || '% of ' || denominator_text || ' = '
                || {{ double_text(round_double(
                    'cast(value_number as ' ~ type_double() ~ ') * denominator_value / scale', 2
                )) }}
                || ', not a whole count: '
                || cast(floor_count as {{ type_text() }}) || '/' || denominator_text || ' = '
                || {{ double_text(round_double('floor_share', 'shown_decimals')) }}
                || ', ' || cast(floor_count + 1 as {{ type_text() }}) || '/' || denominator_text || ' = '
                || {{ double_text(round_double('next_share', 'shown_decimals')) }}
                || ' ≠ ' || value_text
        end as arithmetic
    from whole_count_values
),

-- means against Tabla 4's link ranges ---------------------------------------------------------

link_ranges as (
    select
        '0_5' as range_key,
        0 as fewest_links,
        5 as most_links
    union all
    select
        '6_10' as range_key,
        6 as fewest_links,
        10 as most_links
    union all
    select
        '11_15' as range_key,
        11 as fewest_links,
        15 as most_links
    union all
    select
        '16_20' as range_key,
        16 as fewest_links,
        20 as most_links
),

range_check_rows as (
    select
        'range.t04.civil_society.mean_links' as check_id,
        'txt.mean_links_civil_society' as figure_id,
        'civil_society' as row_key,
        'The text''s mean links per civil-society experience must lie within what Tabla 4''s link '
        || 'ranges allow for the civil-society row' as description
    union all
    select
        'range.t04.public_subtotal.mean_links' as check_id,
        'txt.mean_links_public' as figure_id,
        'public_subtotal' as row_key,
        'The text''s mean links per public experience must lie within what Tabla 4''s link ranges '
        || 'allow for the public Subtotal row' as description
    union all
    select
        'range.t04.all.mean_links' as check_id,
        'txt.mean_links_all' as figure_id,
        'public_subtotal' as row_key,
        'The text''s mean links per experience must lie within what Tabla 4''s link ranges allow '
        || 'for all rows' as description
    union all
    select
        'range.t04.all.mean_links' as check_id,
        'txt.mean_links_all' as figure_id,
        'civil_society' as row_key,
        'The text''s mean links per experience must lie within what Tabla 4''s link ranges allow '
        || 'for all rows' as description
),

range_cells as (
    select
        range_check_rows.check_id,
        range_check_rows.figure_id,
        range_check_rows.description,
        cells.figure_id as cell_id,
        cast(cells.value_number as bigint) as n_experiences,
        link_ranges.fewest_links,
        link_ranges.most_links,
        row_number() over (
            partition by range_check_rows.check_id
            order by range_check_rows.row_key desc, link_ranges.fewest_links asc
        ) as cell_order
    from range_check_rows
    cross join link_ranges
    inner join figures as cells
        on cells.figure_id = 't04.' || range_check_rows.row_key || '.' || link_ranges.range_key
),

range_bounds as (
    select
        check_id,
        figure_id,
        description,
        cast(sum(n_experiences) as bigint) as n_experiences,
        cast(sum(n_experiences * fewest_links) as bigint) as fewest_links,
        cast(sum(n_experiences * most_links) as bigint) as most_links,
        {{ string_agg_ordered(
            "cast(fewest_links as " ~ type_text() ~ ") || '×' || cast(n_experiences as " ~ type_text() ~ ")",
            "' + '", 'cell_order'
        ) }}
            as fewest_text,
        {{ string_agg_ordered('cell_id', "','", 'cell_order') }} as cell_ids
    from range_cells
    group by
        check_id,
        figure_id,
        description
),

range_audit as (
    select
        range_bounds.check_id,
        'range' as check_kind,
        'text_restatement' as check_group,
        range_bounds.description,
        range_bounds.figure_id || ',' || range_bounds.cell_ids as figure_ids,
        case
            when figures.high_value <= {{ ratio('range_bounds.fewest_links', 'range_bounds.n_experiences') }}
                then {{ ratio('range_bounds.fewest_links', 'range_bounds.n_experiences') }}
            when figures.low_value > {{ ratio('range_bounds.most_links', 'range_bounds.n_experiences') }}
                then {{ ratio('range_bounds.most_links', 'range_bounds.n_experiences') }}
            else cast(figures.value_number as {{ type_double() }})
        end as expected_value,
        cast(figures.value_number as {{ type_double() }}) as printed_value,
        figures.high_value > {{ ratio('range_bounds.fewest_links', 'range_bounds.n_experiences') }}
        and figures.low_value <= {{ ratio('range_bounds.most_links', 'range_bounds.n_experiences') }} as holds,
        'fewest links (' || range_bounds.fewest_text || ')/' || cast(range_bounds.n_experiences as {{ type_text() }})
        || ' = ' || {{ double_text(round_double(ratio('range_bounds.fewest_links', 'range_bounds.n_experiences'), 2)) }}
        || ', most links ' || cast(range_bounds.most_links as {{ type_text() }}) || '/'
        || cast(range_bounds.n_experiences as {{ type_text() }}) || ' = '
        || {{ double_text(round_double(ratio('range_bounds.most_links', 'range_bounds.n_experiences'), 2)) }}
        || case
            when figures.high_value <= {{ ratio('range_bounds.fewest_links', 'range_bounds.n_experiences') }}
                then '; ' || figures.value_text || ' is below the fewest'
            when figures.low_value > {{ ratio('range_bounds.most_links', 'range_bounds.n_experiences') }}
                then '; ' || figures.value_text || ' is above the most'
            else '; ' || figures.value_text || ' lies within'
        end as arithmetic
    from range_bounds
    inner join figures
        on range_bounds.figure_id = figures.figure_id
),

-- Tabla 8's political-institutional mean against Tabla 1's room for experiences ---------------

political_institutional_room as (
    select
        max(case when figure_id = 't08.mean_links.political_institutional' then value_number end)
            as mean_number,
        max(case when figure_id = 't08.mean_links.political_institutional' then high_value end)
            as mean_high,
        max(case when figure_id = 't08.mean_links.political_institutional' then value_text end)
            as mean_text,
        cast(max(case when figure_id = 't08.total.political_institutional' then value_number end) as bigint)
            as n_links,
        cast(max(case when figure_id = 't01.total.political_institutional' then value_number end) as bigint)
            as n_all_experiences,
        cast(sum(
            case
                when
                    figure_id in (
                        't05.experiences.political_institutional',
                        't06.experiences.political_institutional',
                        't07.experiences.political_institutional'
                    )
                    then value_number
            end
        ) as bigint) as n_public_group_experiences
    from figures
),

bound_audit as (
    select
        'bound.t08.political_institutional.mean_links' as check_id,
        'bound' as check_kind,
        'cross_table' as check_group,
        'Tabla 8''s Promedio Vínculos for political-institutional experiences needs its 8 '
        || 'experiences; Tabla 1 (28 in the theme) leaves Tabla 8 room for at most 28 minus those of '
        || 'Tablas 5-7, so the mean is at least its links over that room' as description,
        't08.mean_links.political_institutional,t08.total.political_institutional,t01.total.political_institutional,'
        || 't05.experiences.political_institutional,t06.experiences.political_institutional,'
        || 't07.experiences.political_institutional' as figure_ids,
        {{ ratio('n_links', '(n_all_experiences - n_public_group_experiences)') }} as expected_value,
        cast(mean_number as {{ type_double() }}) as printed_value,
        mean_high > {{ ratio('n_links', '(n_all_experiences - n_public_group_experiences)') }} as holds,
        cast(n_links as {{ type_text() }}) || '/(' || cast(n_all_experiences as {{ type_text() }}) || '-'
        || cast(n_public_group_experiences as {{ type_text() }}) || ') = '
        || {{ double_text(round_double(ratio('n_links', '(n_all_experiences - n_public_group_experiences)'), 2)) }}
        || case
            when mean_high > {{ ratio('n_links', '(n_all_experiences - n_public_group_experiences)') }} then ' ≤ '
            else ' > '
        end
        || mean_text as arithmetic
    from political_institutional_room
    where mean_number is not null
),

-- The text's 3,6 roles per actor against Gráficos 1-2 read as shares of actors ---------------
-- Each chart category (principal, implementation, support, other or beneficiary) holds at most
-- two role codes, so an actor with r roles counts in at least r/2 categories and the shares of a
-- chart add up to at least 100·r/2: 3,6 roles need 180, the charts print 107 and 98,6.

roles_per_actor_room as (
    select
        max(case when figure_id = 'txt.roles_per_actor' then value_number end) as roles_number,
        max(case when figure_id = 'txt.roles_per_actor' then low_value end) as roles_low,
        max(case when figure_id = 'txt.roles_per_actor' then value_text end) as roles_text,
        sum(case when figure_id like 'g1.%' and figure_id <> 'g1.implementation_or_support.percent' then high_value end)
            as g1_high,
        sum(case when figure_id like 'g2.%' and figure_id <> 'g2.implementation_or_support.percent' then high_value end)
            as g2_high,
        {{ string_agg_ordered(
            "case when figure_id like 'g1.%' and figure_id <> 'g1.implementation_or_support.percent' "
            ~ "then " ~ double_text(round_double('cast(high_value as ' ~ type_double() ~ ')', 2)) ~ " end",
            "'+'", 'figure_id'
        ) }} as g1_high_text
    from figures
),

roles_bound_audit as (
    select
        'bound.txt.roles_per_actor' as check_id,
        'bound' as check_kind,
        'text_restatement' as check_group,
        'Roles de los Actores: read as shares of actors (docs/reconstruction.md), Gráficos 1-2 '
        || 'leave each actor in about one role category; with at most two role codes per category, '
        || 'the mean roles per actor is at most twice the charts'' summed shares over 100' as description,
        'txt.roles_per_actor,g1.principal.percent,g1.implementation.percent,g1.support.percent,'
        || 'g1.other_or_beneficiary.percent,g2.principal.percent,g2.implementation.percent,g2.support.percent,'
        || 'g2.other_or_beneficiary.percent' as figure_ids,
        2 * cast(greatest(g1_high, g2_high) as {{ type_double() }}) / 100 as expected_value,
        cast(roles_number as {{ type_double() }}) as printed_value,
        roles_low <= 2 * greatest(g1_high, g2_high) / 100 as holds,
        '2×(' || g1_high_text || ')/100 = '
        || {{ double_text(round_double('2 * cast(greatest(g1_high, g2_high) as ' ~ type_double() ~ ') / 100', 2)) }}
        || case when roles_low <= 2 * greatest(g1_high, g2_high) / 100 then ' ≥ ' else ' < ' end
        || roles_text as arithmetic
    from roles_per_actor_room
    where roles_number is not null
),

all_checks as (
    select * from sum_audit
    union all
    select * from ratio_audit
    union all
    select * from whole_count_audit
    union all
    select * from range_audit
    union all
    select * from bound_audit
    union all
    select * from roles_bound_audit
)

select * from all_checks
