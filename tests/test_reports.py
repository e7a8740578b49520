"""The reports reproduce the study: every published figure is reconciled once, none is left
unexplained, at least 90 % are reproduced, each is compared as the study prints it (SQL and
figures.py agree on every figure), the audit of the study's own arithmetic finds each of its
contradictions (docs/reconstruction.md) with the arithmetic that shows it, and the ledger of the
study's prose claims (reports.study_claims, docs/claims.md) evaluates every claim once.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from territorio.figures import COMPARISONS_CSV, FIGURES_CSV, load_figures

FIGURES = load_figures()
STATUSES = ("exact", "rounding", "as_worded", "inconsistent_in_study", "unexplained")
CLAIM_STATUSES = ("holds", "partly", "fails", "contradicted_by_tables")

#: Failed checks of reports.paper_audit, with (a part of) the arithmetic each must show.
CONTRADICTIONS = {
    # Tabla 10: row totals, the sponsorship column and the grand total are not sums of cells
    "sum.t10.public.row": "196+105+188+20+125+67+49 = 750 ≠ 650",
    "sum.t10.civil_society.row": "32+34+88+6+36+49+55 = 300 ≠ 261",
    "sum.t10.market.row": "19+7+5+11+5+5+24 = 76 ≠ 58",
    "sum.t10.institutional_support.column": "125+36+5 = 166 ≠ 164",
    "sum.t10.total.rows": "650+261+58 = 969 ≠ 974",
    "sum.t10.total.columns": "247+146+281+37+164+121+128 = 1124 ≠ 974",
    # the same applicant group in two tables
    "cross.t06_t11.sectoral_public_services": "147 ≠ 174",
    # Tablas 1, 4 and 5-8 count experiences per applicant group differently
    "cross.t05_t08_t01.political_institutional": "10+4+7+8 = 29 > 28",
    "cross.t07_t04.interior_government": "7 ≠ 14",
    "cross.t05_t04.municipalities": "35+6 = 41 ≠ 38",
    "bound.t08.political_institutional.mean_links": "47/(28-21) = 6.71 > 5.9",
    # means of links per experience
    "ratio.txt.mean_links_all": "995/120 = 8.29 ≠ 8.9",
    "range.t04.civil_society.mean_links": "(0×13 + 6×19 + 11×16 + 16×0)/48 = 6.04",
    "ratio.txt.sps_mean_links.t11": "174/16 = 10.88 ≠ 11.2",
    "ratio.txt.sps_mean_links.t06": "147/16 = 9.19 ≠ 11.2",
    "ratio.txt.interior_mean_links": "64/14 = 4.57 ≠ 4.2",
    "ratio.t05.mean_links.total": "323/38 = 8.5 ≠ 11.8",
    # Tabla 4's subtotals and shares
    "sum.t04.public_subtotal.row": "19+26+22+3 = 70 ≠ 72",
    "sum.t04.6_10.subtotal": "4+7+1+12+4 = 28 ≠ 26",
    "sum.t04.public_subtotal.percent_row": "26.3+36.1+30.5+4.1 = 97.0 ≠ 100",
    "ratio.t04.civil_society.0_5.percent": "13/48 = 27.08 ≠ 27.3",
    # Tabla 6's "Otras Org." rows
    "sum.t06.other_subtotal.total": "11+1 = 12 ≠ 9",
    "sum.t06.environment_territorial_planning.partner_rows": "= 47 ≠ 44",
    # Tabla 12
    "sum.t12.none_and_operational_or_management.count": "34+88 = 122 > 120",
    "ratio.t12.public_interaction.percent": "67/120 = 55.83 ≠ 55.0",
    # Gráficos 1-2 read as shares of actors, and the classification split
    "bound.txt.roles_per_actor": " < 3.6",
    "share.txt.classification_vertical_family": "46.5% of 118 = 54.87, not a whole count",
    "cross.txt.classification_split": "46.5+29+23 = 98.5 ≠ 100",
    # Tabla 10's totals read as actors with at least one contribution
    "cross.t10_t03.civil_society.actors_with_contribution": "261 > 238",
    # the text against the tables it restates
    "ratio.txt.agreements_substantive.t14": "(52+3+2)/119 = 47.9 ≠ 46.9",
    "ratio.txt.agreements_systematic.t13": "(69+32)/117 = 86.32 ≠ 84.2",
    "ratio.txt.public_municipalities": "172/659 = 26.1 ≠ 25",
    "ratio.txt.coverage_international": "3/120 = 2.5 ≠ 2.56",
    "ratio.t02.province.percent": "9/120 = 7.5 ≠ 7.7",
    "ratio.txt.municipal_del_mean_regional": "40/15 = 2.67 ≠ 4.2",
}

#: Checks that hold only under the study's own rounding (half-up here, truncated there).
ROUNDING_HOLDS = {
    "ratio.t07.public_subtotal.percent": "44/64 = 68.75 ≈ 68.8",
    "ratio.t07.market_subtotal.percent": "12/64 = 18.75 ≈ 18.7",
    "sum.t03.total.percent": "66.2+23.9+9.8 = 99.9 = 99.9",
    "ratio.txt.agreements_systematic.t01": "(69+32)/120 = 84.17 ≈ 84.2",
    "ratio.t12.shared_visions.percent": "77/120 = 64.17 ≈ 64.1",
    # bounds and the classified base, as the study words them
    "ratio.txt.public_mean_social_organisations": "= 0.84 ≤ 1.5",
    "ratio.txt.interior_share_of_actors": "73/995 = 7.3 ≤ 10",
    "ratio.txt.interior_public_partners": "44/64 = 68.8 ≥ 68",
    "cross.txt.sps_links_experiences": "118 = 118",
    "cross.t10_t03.public.actors_with_contribution": "650 ≤ 659",
}


def status_counts(con) -> dict[str, int]:
    counts = dict(con.execute("select status, count(*) from reports.paper_reconciliation group by status").fetchall())
    return {status: counts.get(status, 0) for status in STATUSES}


def test_no_published_figure_is_unexplained(con):
    unexplained = con.execute(
        "select figure_id, explanation from reports.paper_reconciliation "
        "where status = 'unexplained' order by figure_id"
    ).fetchall()
    assert not unexplained, unexplained


def test_at_least_90_percent_of_the_figures_are_reproduced(con):
    counts = status_counts(con)
    print("paper_reconciliation:", ", ".join(f"{s} {n}" for s, n in counts.items()))
    reproduced = counts["exact"] + counts["rounding"] + counts["as_worded"]
    assert sum(counts.values()) == len(FIGURES)
    assert reproduced / len(FIGURES) >= 0.9, counts


def test_every_published_figure_is_reconciled_once(con):
    ids = [row[0] for row in con.execute("select figure_id from reports.paper_reconciliation").fetchall()]
    assert len(ids) == len(set(ids)) == len(FIGURES)
    assert set(ids) == set(FIGURES)
    missing = con.execute(
        "select figure_id from reports.paper_reconciliation where report_model is null or computed_value is null"
    ).fetchall()
    assert not missing, missing


def test_statuses_follow_the_matching_rule_of_figures_py(con):
    rows = con.execute(
        "select figure_id, published_value, published_text, computed_value, status from reports.paper_reconciliation"
    ).fetchall()
    for figure_id, published, published_text, computed, status in rows:
        figure = FIGURES[figure_id]
        assert published_text == str(figure.value) and published == float(figure.value)
        matches = computed is not None and figure.matches(computed)
        assert matches == (status in ("exact", "rounding", "as_worded")), (figure_id, computed, status)
        if status == "exact":
            assert float(figure.value) == pytest.approx(computed, abs=1e-9), figure_id


def test_sql_and_figures_py_compare_every_figure_alike(con):
    # The comparison per figure is the seed's in both, and so is the interval: SQL's matching
    # rule (macros/reports/printed_figures.sql) and Figure.matches agree on values just inside
    # and just outside each figure's interval.
    rows = con.execute("select figure_id, comparison, status from reports.paper_reconciliation").fetchall()
    assert len(rows) == len(FIGURES)
    for figure_id, comparison, status in rows:
        assert comparison == FIGURES[figure_id].comparison, figure_id
        if status == "rounding":
            assert comparison in ("rounded", "truncated"), figure_id
        if status == "as_worded":
            assert comparison in ("at_most", "at_least", "approximately"), figure_id
    intervals = con.execute("select figure_id, match_low, match_high from reports.paper_reconciliation").fetchall()
    for figure_id, match_low, match_high in intervals:
        assert (Fraction(match_low), Fraction(match_high)) == FIGURES[figure_id].interval(), figure_id


def test_truncation_is_accepted_only_where_the_study_truncates(con):
    # A table truncates when one of its shares of printed counts prints only truncated
    # (41/174 = 23.56 printed 23,5); only such tables' shares may be compared truncated, and a
    # free reconstructed value (Gráfico 1's 18.97) must not pass as its truncation ("18").
    evidence = con.execute(
        """
        select audit.figure_ids
        from reports.paper_audit as audit
        where audit.check_kind = 'ratio' and audit.holds
            and audit.expected_value >= audit.printed_value
            and round(audit.expected_value, 9) >= audit.printed_value + 0.5 * power(10, -(
                case when position('.' in cast(audit.printed_value as varchar)) > 0
                    then length(cast(audit.printed_value as varchar))
                         - position('.' in cast(audit.printed_value as varchar)) else 0 end))
        """
    ).fetchall()
    truncating_sources = {FIGURES[ids.split(",")[0]].source for (ids,) in evidence}
    ratio_figures = {
        row[0]
        for row in con.execute("select figure_id from raw.audit_ratios where numerator_ids is not null").fetchall()
    }
    truncated = [f for f in FIGURES.values() if f.comparison == "truncated"]
    assert truncated
    for figure in truncated:
        assert figure.figure_id in ratio_figures, figure.figure_id
        assert figure.source in truncating_sources | {"Texto"}, figure.figure_id
    assert {"Tabla 4", "Tabla 11", "Tabla 12"} <= truncating_sources
    free = FIGURES["g1.implementation.percent"]
    assert free.comparison == "rounded"
    assert not free.matches(Fraction(1897, 100))
    assert free.matches(Fraction(1849, 100)) and not free.matches(Fraction(1850, 100))


def test_the_comparisons_seed_is_checked(tmp_path: Path):
    bad = tmp_path / "figure_comparisons.csv"
    bad.write_text("figure_id,comparison,tolerance,reason\ng1.principal.percent,roughly,,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2, column comparison"):
        load_figures(FIGURES_CSV, bad)
    bad.write_text("figure_id,comparison,tolerance,reason\ng1.principal.percent,approximately,,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2, column tolerance"):
        load_figures(FIGURES_CSV, bad)
    bad.write_text("figure_id,comparison,tolerance,reason\nno.such.figure,at_most,,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no\.such\.figure"):
        load_figures(FIGURES_CSV, bad)
    assert COMPARISONS_CSV.exists()


def test_bounds_are_evaluated_as_bounds():
    at_most = FIGURES["txt.public_mean_social_organisations"]
    assert at_most.comparison == "at_most"
    assert at_most.matches(0) and at_most.matches(at_most.value) and not at_most.matches(Fraction(151, 100))
    at_least = FIGURES["txt.interior_public_partners.percent"]
    assert at_least.comparison == "at_least"
    assert at_least.matches(at_least.value) and at_least.matches(99) and not at_least.matches(Fraction(6799, 100))


def test_inconsistent_figures_name_failed_checks(con):
    failed = {row[0] for row in con.execute("select check_id from reports.paper_audit where not holds").fetchall()}
    rows = con.execute(
        "select figure_id, audit_check_ids, explanation from reports.paper_reconciliation "
        "where status = 'inconsistent_in_study'"
    ).fetchall()
    assert rows
    for figure_id, check_ids, explanation in rows:
        named = set(check_ids.split(", "))
        assert named and named <= failed, (figure_id, check_ids)
        assert "contradicts itself" in explanation


def test_figures_given_up_by_a_decision_are_not_reproduced(con):
    rows = con.execute(
        """
        select reconciliation.figure_id, reconciliation.status
        from reports.paper_reconciliation as reconciliation
        where reconciliation.reconstruction_decision is not null
        """
    ).fetchall()
    assert len(rows) >= 20
    assert {status for _, status in rows} == {"inconsistent_in_study"}, rows


@pytest.mark.parametrize("check_id", sorted(CONTRADICTIONS))
def test_the_audit_finds_the_contradiction(con, check_id):
    row = con.execute("select holds, arithmetic from reports.paper_audit where check_id = ?", [check_id]).fetchone()
    assert row is not None, f"no check {check_id}"
    holds, arithmetic = row
    assert holds is False, (check_id, arithmetic)
    assert CONTRADICTIONS[check_id] in arithmetic, arithmetic


@pytest.mark.parametrize("check_id", sorted(ROUNDING_HOLDS))
def test_the_audit_accepts_the_study_rounding(con, check_id):
    holds, arithmetic = con.execute(
        "select holds, arithmetic from reports.paper_audit where check_id = ?", [check_id]
    ).fetchone()
    assert holds is True, arithmetic
    assert ROUNDING_HOLDS[check_id] in arithmetic, arithmetic


def test_the_audit_reads_the_printed_figures_only(con):
    # paper_audit's inputs are the seeds: its figure ids are all published figures.
    for (figure_ids,) in con.execute("select figure_ids from reports.paper_audit").fetchall():
        assert set(figure_ids.split(",")) <= set(FIGURES), figure_ids


def _counts_in_page(page: str) -> dict[str, int]:
    return {status: int(count) for status, count in re.findall(r'id="count-([a-z_]+)">(\d+)<', page)}


def test_the_report_script_writes_the_status_counts(con, warehouse: Path, tmp_path: Path):
    out = tmp_path / "report" / "reproduction.html"
    env = {**os.environ}
    env.pop("TERRITORIO_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "territorio.reproduction_report", "--db", str(warehouse), "--out", str(out)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = out.read_text(encoding="utf-8")
    counts = status_counts(con)
    shown = _counts_in_page(page)
    for status, count in counts.items():
        assert shown[status] == count, (status, shown)
    assert shown["total"] == len(FIGURES)
    assert "The data are reconstructed" in page
    assert "reconstruction.md" in page
    assert "196+105+188+20+125+67+49 = 750 ≠ 650" in page
    claims = dict(con.execute("select status, count(*) from reports.study_claims group by status").fetchall())
    shown_claims = {status: int(count) for status, count in re.findall(r'id="claims-([a-z_]+)">(\d+)<', page)}
    assert shown_claims == {**{s: claims.get(s, 0) for s in CLAIM_STATUSES}, "total": sum(claims.values())}
    (quote,) = con.execute("select quote_es from reports.study_claims order by claim_id limit 1").fetchone()
    assert html.escape(quote) in page
    assert not re.search(r"(src|href)=\"https?://", page), "the page must not load anything"


def test_the_build_writes_the_report_next_to_the_warehouse(con, warehouse: Path):
    page = (warehouse.parent / "reproduction.html").read_text(encoding="utf-8")
    assert _counts_in_page(page) == {**status_counts(con), "total": len(FIGURES)}


# the ledger of the study's prose claims ------------------------------------------------------------

CLAIMS_CSV = REPO_ROOT / "seeds" / "reference" / "study_claims.csv"


def _claims_seed() -> list[dict[str, str]]:
    import csv

    with CLAIMS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _claim(con, assertion_start: str) -> dict:
    cursor = con.execute(
        "select * from reports.study_claims where assertion_en like ? order by claim_id",
        [assertion_start + "%"],
    )
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    assert len(rows) == 1, (assertion_start, rows)
    return rows[0]


def test_every_claim_is_evaluated_once(con):
    seed = _claims_seed()
    ids = [row["claim_id"] for row in seed]
    assert len(ids) == len(set(ids)) >= 70
    evaluated = con.execute("select claim_id, status from reports.study_claims").fetchall()
    assert sorted(claim_id for claim_id, _ in evaluated) == sorted(ids)
    counts = {status: sum(1 for _, s in evaluated if s == status) for status in CLAIM_STATUSES}
    print("study_claims:", ", ".join(f"{s} {n}" for s, n in counts.items()))
    assert sum(counts.values()) == len(ids)
    for row in seed:
        assert row["quote_es"].strip() and row["assertion_en"].strip(), row["claim_id"]
        for column in ("figure_ids", "table_lhs_ids", "table_rhs_ids"):
            for figure_id in filter(None, (part.strip() for part in row[column].split(";"))):
                assert figure_id in FIGURES, (row["claim_id"], column, figure_id)


def test_a_claim_that_does_not_hold_says_why(con):
    rows = con.execute(
        "select claim_id, status, reason, table_arithmetic, observed_text from reports.study_claims"
    ).fetchall()
    for claim_id, status, reason, arithmetic, observed in rows:
        assert status in CLAIM_STATUSES, claim_id
        assert observed, claim_id
        assert (reason is None) == (status == "holds"), (claim_id, status, reason)
        if status == "contradicted_by_tables":
            assert arithmetic and arithmetic in reason, claim_id
        elif status != "holds":
            assert observed in reason, (claim_id, reason)


def test_contradicted_claims_rest_on_the_printed_figures_alone(con):
    seed = {row["claim_id"]: row for row in _claims_seed()}
    contradicted = {
        row[0]
        for row in con.execute(
            "select claim_id from reports.study_claims where status = 'contradicted_by_tables'"
        ).fetchall()
    }
    assert contradicted
    checked = 0
    for claim_id, row in seed.items():
        if not row["table_lhs_ids"]:
            continue

        def side(ids: str) -> Fraction:
            return sum((Fraction(FIGURES[part.strip()].value) for part in ids.split(";") if part.strip()), Fraction(0))

        lhs = side(row["table_lhs_ids"])
        rhs = side(row["table_rhs_ids"]) if row["table_rhs_ids"] else Fraction(row["table_rhs_value"])
        rhs *= Fraction(row["table_rhs_scale"] or 1)
        allowed = {">": lhs > rhs, ">=": lhs >= rhs, "<": lhs < rhs, "<=": lhs <= rhs}[row["table_relation"]]
        assert (claim_id in contradicted) == (not allowed), (claim_id, lhs, rhs)
        checked += 1
    assert checked >= len(contradicted)


def test_the_roles_claims_count_shares_of_actors(con):
    # "un 48% de los actores" is the share of the links of public experiences that have a
    # principal role (an actor with several roles counts once), not of role mentions.
    claim = _claim(con, "In public experiences, 48 % of the actors")
    numerator, denominator = con.execute(
        """
        select count(distinct case when roles.role_class = 'principal' then links.link_id end),
            count(distinct links.link_id)
        from marts.fct_actor_links as links
        left join marts.fct_actor_roles as roles on links.link_id = roles.link_id
        where links.applicant_sector = 'public'
        """
    ).fetchone()
    assert claim["observed_value"] == pytest.approx(100 * numerator / denominator)
    assert claim["status"] == ("holds" if abs(100 * numerator / denominator - 48) <= 0.5 else "fails")
    near_500 = _claim(con, "Almost 500")
    (principal_actors,) = con.execute(
        "select count(*) from marts.fct_actor_links "
        "where has_principal_role and actor_sector in ('public', 'civil_society')"
    ).fetchone()
    assert near_500["observed_value"] == principal_actors
    assert (near_500["status"] == "holds") == (450 <= principal_actors < 500)


def test_the_model_definitions_are_read_from_the_marts(con):
    # "no hay ... acuerdos sustantivos": no vertical experience has a substantive agreement
    claim = _claim(con, "No vertical experience has a substantive agreement")
    substantive, vertical = con.execute(
        """
        select count(distinct case when experiences.agreement_nature_class = 'substantive'
                then experiences.experience_id end),
            count(*)
        from marts.dim_experience_classification as classification
        join marts.dim_experiences as experiences using (experience_id)
        where classification.articulation_model = 'vertical'
        """
    ).fetchone()
    assert claim["observed_value"] == pytest.approx(100 * substantive / vertical)
    expected = "holds" if substantive == 0 else "partly" if 2 * substantive < vertical else "fails"
    assert claim["status"] == expected
    # collaborative: civil society "ausente de la toma de decisiones"
    claim = _claim(con, "In collaborative experiences civil society does not take part")
    deciding, collaborative = con.execute(
        """
        select count(distinct roles.experience_id), (
            select count(*) from marts.dim_experience_classification
            where articulation_model = 'collaborative')
        from marts.fct_actor_roles as roles
        join marts.dim_experience_classification as classification using (experience_id)
        where classification.articulation_model = 'collaborative'
            and roles.actor_sector = 'civil_society' and roles.role = 'decision_making'
        """
    ).fetchone()
    assert claim["observed_value"] == pytest.approx(100 * deciding / collaborative)
    # territorialised's "capacidad propositiva": the highest share of the proposals capacity
    claim = _claim(con, "Territorialised experiences report the proposals capacity")
    shares = dict(
        con.execute(
            """
        select classification.articulation_model,
            avg(case when capacities.experience_id is not null then 1.0 else 0.0 end)
        from marts.dim_experience_classification as classification
        left join marts.fct_capacities as capacities
            on classification.experience_id = capacities.experience_id and capacities.capacity = 'proposals'
        where classification.articulation_model is not null
        group by 1
        """
        ).fetchall()
    )
    best = max(shares.values())
    assert (claim["status"] == "holds") == (
        shares["territorialised"] == best and list(shares.values()).count(best) == 1
    )
