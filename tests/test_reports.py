"""The reports reproduce the study: every published figure is reconciled once, none is left
unexplained, at least 90 % are reproduced, and the audit of the study's own arithmetic finds
each of its contradictions (docs/reconstruction.md) with the arithmetic that shows it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from territorio.figures import load_figures

FIGURES = load_figures()
STATUSES = ("exact", "rounding", "inconsistent_in_study", "unexplained")

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
}


def status_counts(con) -> dict[str, int]:
    counts = dict(con.execute(
        "select status, count(*) from reports.paper_reconciliation group by status"
    ).fetchall())
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
    reproduced = counts["exact"] + counts["rounding"]
    assert sum(counts.values()) == len(FIGURES)
    assert reproduced / len(FIGURES) >= 0.9, counts


def test_every_published_figure_is_reconciled_once(con):
    ids = [
        row[0]
        for row in con.execute("select figure_id from reports.paper_reconciliation").fetchall()
    ]
    assert len(ids) == len(set(ids)) == len(FIGURES)
    assert set(ids) == set(FIGURES)
    missing = con.execute(
        "select figure_id from reports.paper_reconciliation "
        "where report_model is null or computed_value is null"
    ).fetchall()
    assert not missing, missing


def test_statuses_follow_the_matching_rule_of_figures_py(con):
    rows = con.execute(
        "select figure_id, published_value, published_text, computed_value, status "
        "from reports.paper_reconciliation"
    ).fetchall()
    for figure_id, published, published_text, computed, status in rows:
        figure = FIGURES[figure_id]
        assert published_text == str(figure.value) and published == float(figure.value)
        matches = computed is not None and figure.matches(computed)
        assert matches == (status in ("exact", "rounding")), (figure_id, computed, status)
        if status == "exact":
            assert float(figure.value) == pytest.approx(computed, abs=1e-9), figure_id


def test_inconsistent_figures_name_failed_checks(con):
    failed = {row[0] for row in con.execute(
        "select check_id from reports.paper_audit where not holds"
    ).fetchall()}
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
    row = con.execute(
        "select holds, arithmetic from reports.paper_audit where check_id = ?", [check_id]
    ).fetchone()
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
    return {
        status: int(count)
        for status, count in re.findall(r'id="count-([a-z_]+)">(\d+)<', page)
    }


def test_the_report_script_writes_the_status_counts(con, warehouse: Path, tmp_path: Path):
    out = tmp_path / "report" / "reproduction.html"
    env = {**os.environ}
    env.pop("TERRITORIO_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "territorio.reproduction_report", "--db", str(warehouse),
         "--out", str(out)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False,
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
    assert not re.search(r"(src|href)=\"https?://", page), "the page must not load anything"


def test_the_build_writes_the_report_next_to_the_warehouse(con, warehouse: Path):
    page = (warehouse.parent / "reproduction.html").read_text(encoding="utf-8")
    assert _counts_in_page(page) == {**status_counts(con), "total": len(FIGURES)}
