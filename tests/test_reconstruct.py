"""The reconstruction: the published-figures seed, the rounding rule, and byte-for-byte regeneration."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from territorio.figures import FIGURES_CSV, REPO_ROOT, load_figures
from territorio.reconstruct.solutions import SOLUTIONS_FILE

RAW_FILES = ["raw_questionnaires.csv", "raw_actor_links.csv", "raw_participation_mechanisms.csv"]


def test_published_figures_cover_every_table_of_the_study():
    figures = load_figures()
    assert len(figures) > 500
    sources = Counter(f.source for f in figures.values())
    assert {f"Tabla {n}" for n in range(1, 16)} <= set(sources)
    assert {"Gráfico 1", "Gráfico 2", "Texto"} <= set(sources)
    assert {f.unit for f in figures.values()} == {"count", "percent", "mean"}
    # headline figures, as printed
    assert figures["t03.total.count"].as_int == 995
    assert figures["t01.total.total"].as_int == 120
    assert figures["t11.total.strategic_allies"].as_int == 308


def test_rounding_rule_accepts_both_of_the_studys_roundings():
    figures = load_figures()
    assert figures["t07.public_subtotal.percent"].matches(Fraction(100 * 44, 64))  # 68.75 printed 68,8
    assert figures["t07.market_subtotal.percent"].matches(Fraction(100 * 12, 64))  # 18.75 printed 18,7
    assert not figures["t12.public_interaction.percent"].matches(Fraction(100 * 67, 120))  # 55.83 is not 55,0


def test_a_malformed_figures_seed_names_its_line(tmp_path: Path):
    broken = tmp_path / "published_figures.csv"
    lines = FIGURES_CSV.read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1]
    broken.write_text("\n".join([header, first, first]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 3: duplicate figure_id"):
        load_figures(broken)


def test_generator_rewrites_the_committed_files_byte_for_byte(tmp_path: Path):
    """The committed raw files, calibration report and solutions are the generator's output.

    The solvers' searches are replaced by the committed solutions (each checked against the model
    the code builds now, which must have the stored fingerprint): a stage whose model changed
    would be solved again, and the test fails on it, since the committed solutions would then be
    stale. The searches themselves: test_stages_solved_again_give_the_stored_solutions."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "territorio.reconstruct",
            "--raw-dir",
            str(tmp_path),
            "--docs-dir",
            str(tmp_path),
            "--solutions",
            str(tmp_path / SOLUTIONS_FILE.name),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "solved: none;" in result.stdout, f"stale solutions (make reconstruct): {result.stdout}"
    for name in RAW_FILES:
        assert (tmp_path / name).read_bytes() == (REPO_ROOT / "seeds" / "raw" / name).read_bytes(), name
    assert (tmp_path / "calibration.md").read_bytes() == (REPO_ROOT / "docs" / "calibration.md").read_bytes()
    assert (tmp_path / SOLUTIONS_FILE.name).read_bytes() == SOLUTIONS_FILE.read_bytes()


#: The stages whose search takes seconds (the experiences' MIP and the answers' CP-SAT rounds take
#: minutes: `make reconstruct SOLVE=1` searches them again).
SEARCHED_AGAIN = ("partner_groups", "actor_types", "roles")


def test_stages_solved_again_give_the_stored_solutions():
    from territorio.reconstruct.pipeline import reconstruct
    from territorio.reconstruct.solutions import SolutionStore, using

    store = SolutionStore.load()
    committed = dict(store.stored)
    assert set(SEARCHED_AGAIN) < set(committed)
    for stage in SEARCHED_AGAIN:
        del store.stored[stage]
    with using(store):
        reconstruct()
    assert sorted(store.solved) == sorted(SEARCHED_AGAIN)
    for stage in SEARCHED_AGAIN:
        assert store.used[stage] == committed[stage], stage


def _small_linear():
    from territorio.reconstruct.linear import LinearCalibration

    cal = LinearCalibration("small_linear", {})
    x = cal.var(0, 10)
    cal.add(x, low=3)
    cal.penalise(x)
    return cal, x


def _small_cp(low: int = 3):
    from territorio.reconstruct.calibration import Calibration

    cal = Calibration("small_cp", {})
    x = cal.model.NewIntVar(0, 10, "x")
    cal.model.Add(x >= low)
    cal.penalise(x)
    return cal, x


def test_a_stored_solution_is_reused_only_for_its_own_model_and_only_if_it_satisfies_it():
    from territorio.reconstruct.solutions import SolutionStore, StoredSolutionError, using

    found = SolutionStore(reuse=False)
    with using(found):
        linear, x = _small_linear()
        linear.solve()
        cp, y = _small_cp()
        cp.solve()
    assert linear.value(x) == 3 and cp.solver.Value(y) == 3
    assert found.solved == ["small_linear", "small_cp/1"]

    # the same models: the stored solutions, not a search
    again = SolutionStore(stored=dict(found.used))
    with using(again):
        linear, x = _small_linear()
        linear.solve()
        cp, y = _small_cp()
        cp.solve()
    assert again.reused == ["small_linear", "small_cp/1"] and again.solved == []
    assert linear.value(x) == 3 and cp.solver.Value(y) == 3

    # another model (a bound changed): its own search
    changed = SolutionStore(stored=dict(found.used))
    with using(changed):
        cp, y = _small_cp(low=4)
        cp.solve()
    assert changed.solved == ["small_cp/1"] and cp.solver.Value(y) == 4

    # a stored solution that breaks its model stops the run
    for stage, build in (("small_linear", _small_linear), ("small_cp/1", _small_cp)):
        broken = SolutionStore(stored=dict(found.used))
        broken.stored[stage] = replace(found.used[stage], values=[2])
        with using(broken), pytest.raises(StoredSolutionError, match="does not satisfy"):
            build()[0].solve()


def _raw_rows(name: str) -> list[dict]:
    import csv

    with (REPO_ROOT / "seeds" / "raw" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_link_counts_spread_over_their_range():
    from territorio.reconstruct.experiences import spread_sizes

    sizes = spread_sizes(5, 40, 6, 10)
    assert sum(sizes) == 40 and min(sizes) == 6 and max(sizes) == 10 and len(set(sizes)) == 5
    assert spread_sizes(3, 2, 0, 5).count(0) == 1  # fewer links than experiences: one names none
    assert spread_sizes(4, 4, 0, 5) == [1, 1, 1, 1]  # otherwise every experience names an actor
    assert spread_sizes(1, 13, 11, 15) == [13]


def test_committed_links_spread_from_zero_to_twenty():
    """ "El rango fluctúa desde cero a 20 actores": no value of the link count holds a pile."""
    counts = Counter(row["questionnaire_id"] for row in _raw_rows("raw_actor_links.csv"))
    analysed = [row["questionnaire_id"] for row in _raw_rows("raw_questionnaires.csv") if row["is_analysed"] == "true"]
    per_experience = Counter(counts.get(qid, 0) for qid in analysed)
    assert min(per_experience) == 0 and max(per_experience) == 20
    assert len(per_experience) >= 15
    assert max(per_experience.values()) <= 20  # of 120 experiences


def test_committed_codings_fall_on_crosswalk_pairs():
    from territorio.reconstruct.crosswalks import actor_type_partner_groups, applicant_type_groups

    links, applicants = actor_type_partner_groups(), applicant_type_groups()
    for row in _raw_rows("raw_actor_links.csv"):
        if row["partner_group_code"]:
            assert (row["actor_type_code"], row["partner_group_code"]) in links, row
    for row in _raw_rows("raw_questionnaires.csv"):
        if row["applicant_group_code"]:
            assert (row["applicant_type_code"], row["applicant_group_code"]) in applicants, row
    assert all(
        group
        not in (
            "productive_organisation",
            "company_business_association",
            "mixed_network",
            "international_organisation",
        )
        for (actor_type, group) in links
        if actor_type == "municipality"
    )


def test_committed_roles_and_contributions_agree():
    for row in _raw_rows("raw_actor_links.csv"):
        roles, contributions = row["role_codes"].split(";"), row["contribution_codes"].split(";")
        assert roles != [""], row
        assert ("financing" in roles) == ("money" in contributions), row
        if row["ally_reason_code"]:
            assert row["ally_reason_code"] in {
                "political_backing",
                "valuable_resources",
                "gathers_beneficiaries",
                "other_unspecified",
            }


def test_the_generator_classifies_with_the_warehouse_sql(con, monkeypatch: pytest.MonkeyPatch):
    """The generator's check runs the warehouse's own typology (no Python copy of its rules) on
    the raw files, and names every experience whose model is not the one calibrated."""
    from types import SimpleNamespace

    from territorio.reconstruct import pipeline
    from territorio.reconstruct.answers import UNCLASSIFIABLE

    # both checks below give the same files: the warehouse's SQL classifies them once (a dbt run)
    classify, seen, observed = pipeline.classify_in_warehouse, [], []

    def classify_once(given: dict[str, str]) -> dict:
        seen.append(given)
        if not observed:
            observed.append(classify(given))
        return observed[0]

    monkeypatch.setattr(pipeline, "classify_in_warehouse", classify_once)

    files = {path.name: path.read_text(encoding="utf-8") for path in pipeline.RAW_DIR.glob("raw_*.csv")}
    published = dict(
        con.execute("select experience_id, articulation_model from marts.dim_experience_classification").fetchall()
    )
    n = len(published)
    _, experience_at = pipeline.questionnaire_numbers(n)
    model_of = [None] * n
    for q, i in experience_at.items():
        model_of[i] = published[f"TC08-{q:03d}"] or UNCLASSIFIABLE
    rec = SimpleNamespace(experiences=[None] * n, answers=SimpleNamespace(model_of=model_of))
    pipeline.prove_typology(rec, files)  # the committed files give the calibrated models

    q, i = min(experience_at.items())
    model_of[i] = "territorialised" if model_of[i] != "territorialised" else "vertical"
    with pytest.raises(AssertionError, match=f"TC08-{q:03d} \\(experience {i}\\): calibrated as {model_of[i]}"):
        pipeline.prove_typology(rec, files)
    assert len(seen) == 2 and all(given is files for given in seen)  # two checks of the same files
