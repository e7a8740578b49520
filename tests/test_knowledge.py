"""The generator's code lists come from the codebook seeds, not from copies of them."""

from __future__ import annotations

import ast
from pathlib import Path

from territorio import knowledge
from territorio.reconstruct import answers, pipeline, vocabulary

RECONSTRUCT = Path(vocabulary.__file__).parent
PYTHON_FILES = sorted(
    [
        *RECONSTRUCT.parent.glob("*.py"),
        *RECONSTRUCT.glob("*.py"),
        *(RECONSTRUCT.parents[1] / "streamlit_app").glob("*.py"),
    ]
)
TYPOLOGY_LISTS = {"typology_models": knowledge.models, "typology_variables": knowledge.variables}
CODEBOOKS = sorted(p.stem.removeprefix("codebook_") for p in (knowledge.SEEDS / "codebook").glob("codebook_*.csv"))


def codebook_copies(source: str) -> list[tuple[int, str]]:
    """(line, codebook) of each list or tuple that spells out a codebook's codes in its order, and
    of each dict that maps them to the codebook's classes. A list in another order (the order in
    which actor types take principal roles) or a dict of a preference adds knowledge of its own."""
    copies = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.List | ast.Tuple):
            spelled = [i.value for i in node.elts if isinstance(i, ast.Constant)]
            found = [name for name in CODEBOOKS if len(spelled) >= 2 and spelled == knowledge.codes(name)]
            found += [name for name, listed in TYPOLOGY_LISTS.items() if spelled == listed()]
        elif isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.keys):
            pairs = {
                k.value: v.value for k, v in zip(node.keys, node.values, strict=True) if isinstance(v, ast.Constant)
            }
            found = [name for name in CODEBOOKS if len(pairs) >= 2 and pairs == knowledge.classes(name)]
        else:
            continue
        copies += [(node.lineno, name) for name in found]
    return copies


def test_no_python_file_keeps_a_copy_of_a_codebook() -> None:
    """The generator, the build, the validation and the page read the seeds (territorio.knowledge)."""
    copies = [
        f"{path}:{line}: a copy of {name}"
        for path in PYTHON_FILES
        for line, name in codebook_copies(path.read_text(encoding="utf-8"))
    ]
    assert copies == []


def test_the_copy_check_sees_a_hand_written_codebook() -> None:
    source = "\n".join(
        [
            "THEMES = " + repr(knowledge.codes("themes")),
            "ROLES = " + repr(knowledge.classes("roles")),
            "FIRST = " + repr(list(reversed(knowledge.codes("themes")))),  # an order of its own
            "MODELS = " + repr(tuple(knowledge.models())),
        ]
    )
    assert codebook_copies(source) == [(1, "themes"), (2, "roles"), (4, "typology_models")]


def test_the_vocabulary_follows_the_seeds() -> None:
    assert knowledge.codes("applicant_types") == vocabulary.APPLICANT_TYPES
    assert knowledge.codes("partner_groups") == vocabulary.PARTNER_GROUPS
    assert list(vocabulary.ACTOR_TYPES) == knowledge.codes("actor_types")
    assert set(vocabulary.ACTOR_TYPES.values()) == {"public", "civil_society", "market"}
    assert vocabulary.MODELS == ["vertical", "consultative", "collaborative", "territorialised"]
    assert knowledge.codes("capacities") == answers.CAPACITIES
    assert set(pipeline.ALLY_REASONS_PRINTED) < set(knowledge.codes("ally_reasons"))
    # every partner group falls in one subtotal row of Tablas 5-8
    assert sorted(g for groups in vocabulary.PARTNER_SUBTOTALS.values() for g in groups) == sorted(
        vocabulary.PARTNER_GROUPS
    )


# ---- the study's figures are written once, in the seed published_figures ---------------------

#: Constants that equal a printed figure by coincidence, with what they are.
NOT_FIGURES = {
    ("territorio/contract.py", 200): "lines of issues printed before '... and N more'",
    ("territorio/build.py", 200): "characters of a database error kept in a message",
    ("streamlit_app/exports.py", 200): "rows sampled to size a spreadsheet column",
}


def printed_figure_literals(source: str, counts: set[int], shares: set[float]) -> list[tuple[int, object]]:
    """(line, value) of each numeric literal that is a printed count of 100 or more, or a printed
    share or mean with decimals (3.6, 66.2, ...): values no code needs except as the figure."""
    found = []
    for node in ast.walk(ast.parse(source)):
        value = node.value if isinstance(node, ast.Constant) else None
        if isinstance(value, bool):
            continue
        if (isinstance(value, int) and value in counts) or (isinstance(value, float) and value in shares):
            found.append((node.lineno, value))
    return found


def _printed_values() -> tuple[set[int], set[float]]:
    from territorio.figures import load_figures

    values = [figure.value for figure in load_figures().values()]
    counts = {int(v) for v in values if v == int(v) and v >= 100 and v != 100}
    shares = {float(v) for v in values if v != int(v)}
    return counts, shares


def test_no_study_figure_is_a_literal_in_the_code() -> None:
    counts, shares = _printed_values()
    root = RECONSTRUCT.parents[1]
    files = sorted([*(root / "territorio").rglob("*.py"), *(root / "streamlit_app").rglob("*.py")])
    literals = [
        f"{path.relative_to(root)}:{line} {value}"
        for path in files
        for line, value in printed_figure_literals(path.read_text(encoding="utf-8"), counts, shares)
        if (path.relative_to(root).as_posix(), value) not in NOT_FIGURES
    ]
    assert not literals, f"printed figures written as literals (read them from the seed by figure id): {literals}"


def test_the_literal_check_sees_a_figure() -> None:
    counts, shares = _printed_values()
    source = "N_LINKS = 995\nROLES_PER_LINK = 3.6\nLIMIT = 7\n"
    assert printed_figure_literals(source, counts, shares) == [(1, 995), (2, 3.6)]


def test_the_sql_list_of_typology_variables_is_the_seeds() -> None:
    """macros/typology_variables.sql names the per-variable columns; it must be the seed's list."""
    macro = (RECONSTRUCT.parents[1] / "macros" / "typology_variables.sql").read_text(encoding="utf-8")
    listed = ast.literal_eval(macro[macro.index("[") : macro.index("]") + 1])
    assert listed == knowledge.variables()
