"""Stages E-G and the output: roles per link, contributions, strategic allies, the remaining
questionnaire answers, and the three raw CSV files.

Everything here is deterministic: no random numbers, only fixed orders, so `make reconstruct`
rewrites the committed files byte for byte.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from territorio import knowledge
from territorio.figures import REPO_ROOT, Figure, load_figures, printed_count
from territorio.reconstruct import answers as answers_stage
from territorio.reconstruct import experiences as experiences_stage
from territorio.reconstruct import links as links_stage
from territorio.reconstruct.answers import LINK_KINDS, ROLE_PATTERNS, link_kind
from territorio.reconstruct.typology import classify_in_warehouse
from territorio.reconstruct.vocabulary import (
    ACTOR_TYPES,
    APPLICANT_GROUPS,
    CONTRIBUTIONS,
    COVERAGES,
    ROLES,
)

ROLE_ORDER = list(ROLES)

RAW_DIR = REPO_ROOT / "seeds" / "raw"
N_QUESTIONNAIRES = printed_count("txt.questionnaires_applied")
# Contributions go first to the links whose role classes make them most plausible; money goes
# only to links with a principal role (they finance: `realise_roles`).
CONTRIBUTION_AFFINITY = {
    "money": {"principal"},
    "facilities": {"support"},
    "human_resources": {"implementation"},
    "materials_equipment": {"support"},
    "institutional_support": {"principal"},
    "contact_management": {"support"},
    "other_commitment": {"other", "beneficiary"},
}
# Within a kind of link, principal roles go first to the actor types listed first, beneficiary
# roles to those listed last (the social organisations the text names as beneficiaries).
PRINCIPAL_FIRST = [
    "interior_government",
    "ministry_seremi",
    "sectoral_public_service",
    "municipality",
    "municipal_corporation",
    "other_public_body",
    "school",
    "health_centre",
    "foundation",
    "trade_union_guild",
    "church",
    "other_civil_group",
    "indigenous_organisation",
    "social_organisation",
    "business_association",
    "company",
    "productive_organisation",
]
ALLY_REASONS_PRINTED = [code for code, kind in knowledge.classes("ally_reasons").items() if kind == "printed"]
# The text names three more reasons without figures ("Luego las visiones se dispersan en ..."):
# which allies gave which is not in the study, so the remainder is one explicit code.
ALLY_REASON_REMAINDER = "other_unspecified"
CAPACITY_NEEDS = knowledge.codes("capacity_needs")


@dataclass
class Reconstruction:
    experiences: list
    links: list
    answers: object
    roles: dict  # link index -> set of roles
    contributions: dict  # link index -> list of contributions
    allies: dict  # link index -> reason
    coverage: list[str]
    capacity_need: list[str | None]
    awarded: list[bool]
    field_visited: list[bool]
    sacrificed: dict[str, list[str]]


def spread(order_key: int, index: int, modulus: int) -> int:
    """A fixed, well-mixed order over indices (a multiplicative hash, no randomness)."""
    return (index * 7919 + order_key * 104_729) % max(modulus, 1)


def count_for_share(figure: Figure, denominator: int) -> int:
    """The integer count whose share of the denominator prints as the figure, nearest to it."""
    target = Fraction(figure.value) * denominator / 100
    candidates = [k for k in range(denominator + 1) if figure.calibration_matches(Fraction(100 * k, denominator))]
    if not candidates:
        raise ValueError(f"no count over {denominator} prints as {figure.figure_id} = {figure.value}")
    return min(candidates, key=lambda k: (abs(k - target), k))


def assign_role_classes(links, pattern_counts) -> dict[int, tuple[str, ...]]:
    """Hand each cell's role-class patterns to its links (principal first, beneficiary last)."""
    classes: dict[int, tuple[str, ...]] = {}
    by_cell: dict[tuple[int, str], list[int]] = {}
    for index, link in enumerate(links):
        by_cell.setdefault((link.experience_index, link_kind(link)), []).append(index)
    order = [p for p in ROLE_PATTERNS if "principal" in p] + [p for p in ROLE_PATTERNS if "principal" not in p]
    for cell, members in by_cell.items():
        ranked = sorted(members, key=lambda j: (PRINCIPAL_FIRST.index(links[j].actor_type), j))
        pool = [pattern for pattern in order for _ in range(pattern_counts[cell][pattern])]
        assert len(pool) == len(ranked), cell
        classes.update(zip(ranked, pool, strict=True))
    return classes


def realise_roles(links, classes, contributions) -> dict[int, set[str]]:
    """Role codes from role classes: every link holds every code of each class it holds, so that
    the mean roles per actor comes as close to the text's 3,6 ("en general los actores juegan más
    de un papel en ellas, (3,6 en promedio), es decir, combinan formas de apoyo y participación")
    as Gráficos 1-2, read as shares of actors, allow (docs/reconstruction.md, Readings). A
    principal link takes part in decisions and, where it contributes money (Tabla 10), also
    finances: a financing role always comes with a money contribution."""
    roles: dict[int, set[str]] = {}
    codes: dict[str, list[str]] = {}  # role class -> its codes (codebook_roles)
    for role, role_class in ROLES.items():
        codes.setdefault(role_class, []).append(role)
    for j in range(len(links)):
        held = set()
        for role_class in classes[j]:
            if role_class == "principal":
                held.add("decision_making")
                if "money" in contributions[j]:
                    held.add("financing")
            else:
                held.update(codes[role_class])
        roles[j] = held
    return roles


def assign_contributions(figures, links, classes) -> dict[int, list[str]]:
    """Tabla 10's cells, by actor sector: each contribution to that many distinct links."""
    result: dict[int, list[str]] = {i: [] for i in range(len(links))}
    for sector in ("public", "civil_society", "market"):
        members = [i for i, link in enumerate(links) if link.actor_sector == sector]
        for code_index, code in enumerate(CONTRIBUTIONS):
            wanted = figures[f"t10.{sector}.{code}"].as_int
            ranked = sorted(
                members,
                key=lambda i: (
                    0 if set(classes[i]) & CONTRIBUTION_AFFINITY[code] else 1,
                    spread(code_index, i, len(links)),
                ),
            )
            if code == "money" and any("principal" not in classes[i] for i in ranked[:wanted]):
                raise AssertionError(f"{sector}: more money contributors than principal links")
            for i in ranked[:wanted]:
                result[i].append(code)
    return result


def assign_allies(figures, experiences, links, roles, contributions) -> dict[int, str]:
    """Tabla 11: the strategic allies of each applicant group; the text's reasons."""
    allies: dict[int, str] = {}
    for group in APPLICANT_GROUPS:
        figure = figures.get(f"t11.{group}.strategic_allies")
        wanted = figure.as_int if figure else 0
        members = [i for i, link in enumerate(links) if experiences[link.experience_index].applicant_group == group]
        ranked = sorted(
            members,
            key=lambda i: (
                0 if roles[i] & {"decision_making", "financing"} else 1,
                0 if set(contributions[i]) & {"money", "human_resources", "institutional_support"} else 1,
                spread(len(group), i, len(links)),
            ),
        )
        for i in ranked[:wanted]:
            allies[i] = ""
    total = len(allies)
    printed = {
        reason: count_for_share(figures[f"txt.ally_reason_{reason}.percent"], total) for reason in ALLY_REASONS_PRINTED
    }
    affinity = {
        "political_backing": lambda i: "institutional_support" in contributions[i],
        "valuable_resources": lambda i: "money" in contributions[i] or "materials_equipment" in contributions[i],
        "gathers_beneficiaries": lambda i: links[i].actor_sector == "civil_society",
    }
    pending = sorted(allies)
    for reason in ALLY_REASONS_PRINTED:
        ranked = sorted(pending, key=lambda i: (0 if affinity[reason](i) else 1, spread(3, i, len(links))))
        for i in ranked[: printed[reason]]:
            allies[i] = reason
        pending = [i for i in pending if not allies[i]]
    for i in pending:
        allies[i] = ALLY_REASON_REMAINDER
    return allies


def deal(counts: dict[str, int], order: list[int]) -> dict[int, str]:
    """Hand out category codes by their counts over experiences taken in the given order; when
    the counts add up to fewer than the experiences (Tabla 15: 110 of 120), the last get none."""
    codes = [code for code, count in counts.items() for _ in range(count)]
    return dict(zip(order, codes, strict=False))


def reconstruct(figures: dict[str, Figure] | None = None) -> Reconstruction:
    figures = figures or load_figures()
    cells = experiences_stage.calibrate(figures)
    experiences = experiences_stage.expand(cells)
    partner_links, partner_sacrificed = links_stage.calibrate_partner_groups(figures, cells.classified)
    links = links_stage.lay_out_links(experiences, partner_links)
    links_stage.assign_actor_types(figures, links)
    answers = answers_stage.calibrate(figures, experiences, links)
    pattern_counts, roles_sacrificed = answers_stage.assign_role_counts(figures, experiences, links, answers)
    classes = assign_role_classes(links, pattern_counts)
    contributions = assign_contributions(figures, links, classes)
    roles = realise_roles(links, classes, contributions)
    # Gráficos 1-2 as shares of actors leave 1 to 2 roles per actor: the text's 3,6 cannot hold
    # (docs/reconstruction.md, Readings); measured, and reported as given up when it does not
    roles_per_actor = figures["txt.roles_per_actor"]
    if not roles_per_actor.calibration_matches(Fraction(sum(len(r) for r in roles.values()), len(links))):
        roles_sacrificed = sorted([*roles_sacrificed, roles_per_actor.figure_id])
    allies = assign_allies(figures, experiences, links, roles, contributions)

    n = len(experiences)
    order = sorted(range(n), key=lambda i: spread(11, i, n))
    coverage_counts = {code: figures[f"t02.{code}.count"].as_int for code in COVERAGES}
    coverage = deal(coverage_counts, order)
    need_counts = {code: figures[f"t15.{code}.count"].as_int for code in CAPACITY_NEEDS}
    needs = deal(need_counts, sorted(range(n), key=lambda i: spread(13, i, n)))
    # "La mayoría de estas experiencias [territorializadas] fueron premiadas": the smallest majority
    territorial = sorted(
        (i for i in range(n) if answers.model_of[i] == "territorialised"), key=lambda i: (-experiences[i].n_links, i)
    )
    awarded = set(territorial[: len(territorial) // 2 + 1])
    # "salvo en 35 de los casos más relevantes": the awarded ones, then the largest governance cases
    relevant = sorted(
        (i for i in range(n) if i not in awarded),
        key=lambda i: (answers.model_of[i] not in ("territorialised", "collaborative"), -experiences[i].n_links, i),
    )
    visited = awarded | set(relevant[: figures["txt.experiences_field_visited"].as_int - len(awarded)])

    return Reconstruction(
        experiences=experiences,
        links=links,
        answers=answers,
        roles=roles,
        contributions=contributions,
        allies=allies,
        coverage=[coverage[i] for i in range(n)],
        capacity_need=[needs.get(i) for i in range(n)],
        awarded=[i in awarded for i in range(n)],
        field_visited=[i in visited for i in range(n)],
        sacrificed={
            "experiences": cells.sacrificed,
            "partner_groups": partner_sacrificed,
            "answers": answers.sacrificed,
            "roles": roles_sacrificed,
        },
    )


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _flag(value: bool) -> str:
    return "true" if value else "false"


def questionnaire_numbers(n: int) -> tuple[set[int], dict[int, int]]:
    """The numbers of the excluded questionnaires, and the experience index at each other number.

    The excluded questionnaires sit at evenly spaced numbers; the experiences fill the rest in a
    fixed, mixed order so that numbers say nothing about the experiences."""
    n_excluded = N_QUESTIONNAIRES - n
    excluded_numbers = {round((k + 0.5) * N_QUESTIONNAIRES / n_excluded) for k in range(n_excluded)}
    numbers = [q for q in range(1, N_QUESTIONNAIRES + 1) if q not in excluded_numbers]
    return excluded_numbers, dict(zip(numbers, sorted(range(n), key=lambda i: spread(17, i, n)), strict=True))


def render(rec: Reconstruction) -> dict[str, str]:
    """The three raw CSV files, as text."""
    n = len(rec.experiences)
    excluded_numbers, experience_at = questionnaire_numbers(n)
    questionnaire_id = {i: f"TC08-{q:03d}" for q, i in experience_at.items()}

    questionnaires = []
    for q in range(1, N_QUESTIONNAIRES + 1):
        qid = f"TC08-{q:03d}"
        if q in excluded_numbers:
            questionnaires.append(
                dict(
                    questionnaire_id=qid,
                    is_analysed="false",
                    exclusion_reason_code="not_reported",
                    applicant_type_code="",
                    applicant_group_code="",
                    theme_code="",
                    coverage_code="",
                    agreement_type_code="",
                    agreement_nature_code="",
                    capacity_codes="",
                    capacity_need_code="",
                    is_awarded="false",
                    is_field_visited="false",
                )
            )
            continue
        i = experience_at[q]
        e = rec.experiences[i]
        questionnaires.append(
            dict(
                questionnaire_id=qid,
                is_analysed="true",
                exclusion_reason_code="",
                applicant_type_code=e.applicant_type,
                applicant_group_code="" if e.applicant_group == "no_information" else e.applicant_group,
                theme_code=e.theme,
                coverage_code=rec.coverage[i],
                agreement_type_code=rec.answers.agreement_type[i] or "",
                agreement_nature_code=rec.answers.agreement_nature[i] or "",
                capacity_codes=";".join(rec.answers.capacities[i]),
                capacity_need_code=rec.capacity_need[i] or "",
                is_awarded=_flag(rec.awarded[i]),
                is_field_visited=_flag(rec.field_visited[i]),
            )
        )

    link_rows = []
    by_experience: dict[int, list[int]] = {}
    for index, link in enumerate(rec.links):
        by_experience.setdefault(link.experience_index, []).append(index)
    actor_order = list(ACTOR_TYPES)
    for q in range(1, N_QUESTIONNAIRES + 1):
        i = experience_at.get(q)
        if i is None:
            continue
        members = sorted(
            by_experience.get(i, []),
            key=lambda j: (LINK_KINDS.index(link_kind(rec.links[j])), actor_order.index(rec.links[j].actor_type), j),
        )
        for position, j in enumerate(members, start=1):
            link = rec.links[j]
            link_rows.append(
                dict(
                    questionnaire_id=questionnaire_id[i],
                    link_position=position,
                    actor_type_code=link.actor_type,
                    partner_group_code=link.partner_group or "",
                    government_level_code=link.government_level or "",
                    role_codes=";".join(r for r in ROLE_ORDER if r in rec.roles[j]),
                    contribution_codes=";".join(rec.contributions[j]),
                    is_strategic_ally=_flag(j in rec.allies),
                    ally_reason_code=rec.allies.get(j, ""),
                )
            )

    mechanism_rows = []
    for q in range(1, N_QUESTIONNAIRES + 1):
        i = experience_at.get(q)
        if i is None:
            continue
        for position, (stage, objective) in enumerate(rec.answers.mechanisms[i], start=1):
            mechanism_rows.append(
                dict(
                    questionnaire_id=questionnaire_id[i],
                    mechanism_position=position,
                    policy_stage_code=stage,
                    participation_objective_code=objective,
                )
            )
    return {
        "raw_questionnaires.csv": _csv(questionnaires),
        "raw_actor_links.csv": _csv(link_rows),
        "raw_participation_mechanisms.csv": _csv(mechanism_rows),
    }


def render_calibration_report(rec: Reconstruction, figures: dict[str, Figure]) -> str:
    lines = [
        "# Calibration report",
        "",
        "Written by `make reconstruct` (do not edit). The published figures each calibration stage",
        "could not hold together with the others; `docs/reconstruction.md` explains the decisions.",
        "",
    ]
    for stage, figure_ids in rec.sacrificed.items():
        plural = "" if len(figure_ids) == 1 else "s"
        lines.append(f"## Stage `{stage}`: {len(figure_ids)} figure{plural} given up")
        lines.append("")
        if figure_ids:
            lines.append("| figure | source | row | column | printed |")
            lines.append("|---|---|---|---|---|")
            for fid in figure_ids:
                f = figures[fid]
                lines.append(f"| `{fid}` | {f.source} | {f.row_label} | {f.column_label} | {f.value} |")
            lines.append("")
    return "\n".join(lines) + "\n"


def prove_typology(rec: Reconstruction, files: dict[str, str]) -> None:
    """Before anything is written: the warehouse's own classification (its SQL, run on these raw
    files by :func:`territorio.reconstruct.typology.classify_in_warehouse`) gives every experience
    the model it was calibrated for, or none where it was calibrated as unclassifiable."""
    _, experience_at = questionnaire_numbers(len(rec.experiences))
    observed = classify_in_warehouse(files)
    wrong = []
    for q, i in sorted(experience_at.items()):
        intended = rec.answers.model_of[i]
        expected = None if intended == answers_stage.UNCLASSIFIABLE else intended
        qid = f"TC08-{q:03d}"
        if observed.get(qid, "not classified") != expected:
            wrong.append(f"{qid} (experience {i}): calibrated as {intended}, the warehouse gives {observed.get(qid)}")
    if wrong:
        raise AssertionError("the typology does not give the calibrated models: " + "; ".join(wrong))


def write(
    rec: Reconstruction, figures: dict[str, Figure], raw_dir: Path = RAW_DIR, docs_dir: Path = REPO_ROOT / "docs"
) -> list[Path]:
    files = render(rec)
    prove_typology(rec, files)
    written = []
    for name, text in files.items():
        path = raw_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    report = docs_dir / "calibration.md"
    report.write_text(render_calibration_report(rec, figures), encoding="utf-8")
    written.append(report)
    return written
