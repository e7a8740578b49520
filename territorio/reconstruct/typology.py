"""The typology rules of docs/typology.md in Python, to check the reconstruction.

The warehouse evaluates the rules in SQL (models/intermediate/int_experiences_typology_evidence.sql
and models/marts/dim_experience_classification.sql) from the rules seed; the generator evaluates the
same seed here so it can prove, before writing anything, that every experience gets the model it
was calibrated for.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass

from territorio import knowledge
from territorio.figures import REPO_ROOT
from territorio.reconstruct.vocabulary import MODELS, POLICY_STAGES, ROLES

RULES_CSV = REPO_ROOT / "seeds" / "reference" / "typology_rules.csv"
PRINCIPAL = {role for role, role_class in ROLES.items() if role_class == "principal"}
STAGE_ORDER = POLICY_STAGES
# an experience with evidence on fewer variables is unclassifiable (docs/typology.md; dbt var)
MIN_VARIABLES_WITH_EVIDENCE = int(knowledge.dbt_var("typology_min_variables_with_evidence"))


@dataclass
class ExperienceAnswers:
    agreement_type: str | None
    agreement_nature: str | None
    capacities: list[str]
    mechanisms: list[tuple[str, str]]  # (policy stage, objective)
    links: list[tuple[str, str | None, set[str]]]  # (actor sector, government level, roles)


def load_rules() -> dict[tuple[str, str], list[str]]:
    rules: dict[tuple[str, str], list[str]] = defaultdict(list)
    with RULES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rules[(row["variable"], row["category"])].append(row["model"])
    return rules


def categories(answers: ExperienceAnswers) -> dict[str, str]:
    """The observed category of each of the nine variables."""
    agreement = answers.agreement_type
    stages = {stage for stage, _ in answers.mechanisms}
    deepest = max((STAGE_ORDER.index(s) for s in stages), default=0)
    if deepest == 5:
        spaces = "evaluation_control"
    elif deepest >= 3:
        spaces = "joint_management"
    elif deepest >= 1:
        spaces = "agenda_design"
    else:
        spaces = "information"

    def principal(predicate) -> bool:
        return any(roles & PRINCIPAL for sector, level, roles in answers.links if predicate(sector, level))

    regional = principal(lambda sector, level: sector == "public" and level in ("central", "regional"))
    local_links = [roles for sector, level, roles in answers.links if sector == "public" and level == "local"]
    civil_links = [roles for sector, _, roles in answers.links if sector == "civil_society"]
    local_principal = any(roles & PRINCIPAL for roles in local_links)
    civil_principal = any(roles & PRINCIPAL for roles in civil_links)
    if not regional:
        regional_role = "absent"
    elif local_principal or civil_principal:
        regional_role = "joint"
    else:
        regional_role = "concentrated"
    local_role = "absent" if not local_links else ("joint" if local_principal else "implementation_support")
    if not civil_links:
        civil_role = "absent"
    elif civil_principal:
        civil_role = "decision_financing"
    elif any("information_other" in roles for roles in civil_links):
        civil_role = "information_agenda"
    else:
        civil_role = "support_implementation"

    capacities = set(answers.capacities)
    if not capacities:
        created = "missing"
    elif "integrated_management" in capacities:
        created = "integrated"
    elif capacities & {"shared_visions", "public_interaction", "active_citizenship"}:
        created = "governance"
    elif capacities - {"none"}:
        created = "operational"
    else:
        created = "none"

    empowering = {stage for stage, objective in answers.mechanisms if objective == "empowering"}
    if not answers.mechanisms:
        participation = "none"
    elif empowering & {"decision_making", "implementation", "evaluation"}:
        participation = "empowering_shared_management"
    elif empowering:
        participation = "empowering_agenda"
    elif stages - {"information"}:
        participation = "instrumental"
    else:
        participation = "information"

    return {
        "institutionalisation": agreement or "missing",
        "articulation_spaces": spaces,
        "regional_sectoral_role": regional_role,
        "local_role": local_role,
        "civil_society_role": civil_role,
        "functioning": "missing" if agreement is None else ("punctual" if agreement == "punctual" else "systematic"),
        "capacities_created": created,
        "agreement_nature": answers.agreement_nature or "missing",
        "participation_mechanisms": participation,
    }


def classify(answers: ExperienceAnswers, rules: dict[tuple[str, str], list[str]]) -> str | None:
    """The articulation model, or None when three or more variables lack evidence."""
    observed = categories(answers)
    supported = {variable: rules.get((variable, category), []) for variable, category in observed.items()}
    if sum(1 for models in supported.values() if models) < MIN_VARIABLES_WITH_EVIDENCE:
        return None
    score = {m: sum(1 for models in supported.values() if m in models) for m in MODELS}
    best = max(score.values())
    return next(m for m in MODELS if score[m] == best)  # ties go to the lower rank
