"""Exact integer calibration against the published figures (OR-Tools CP-SAT).

Each printed figure becomes a *soft* constraint guarded by a boolean "holds" literal; the solver
maximises the number of figures that hold, so where the study contradicts itself the smallest set
of figures is given up. Small integer penalties (coherence preferences that no figure states) break
ties between equally faithful solutions. The solver interleaves its workers deterministically, with
a fixed seed and a deterministic time budget, so the same inputs always give the same output; each
round's solution is stored with its model's fingerprint and reused while the model is unchanged
(territorio.reconstruct.solutions).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import ortools
from ortools.sat.python import cp_model

from territorio.figures import Figure
from territorio.reconstruct import solutions

FIGURE_WEIGHT = 100_000
# What a figure that holds only as truncated, where the study rounds, costs in the second round of
# a two-round solve: more than any preference, since the reconciliation would not count it
PRINTED_WEIGHT = 10_000
SOLVER_SEED = 2008
SOLVER = f"CP-SAT (OR-Tools {ortools.__version__})"


@dataclass
class Calibration:
    """A CP-SAT model whose objective is the number of published figures that hold."""

    name: str
    figures: dict[str, Figure]
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    held: dict[str, cp_model.IntVar] = field(default_factory=dict)
    penalties: list = field(default_factory=list)
    # (figure, literal, scaled numerator, denominator) of every ratio, for the second round
    ratios: list = field(default_factory=list)
    rounds: int = 0  # solves so far (the two-round solve stores two solutions)

    def _literal(self, figure_id: str) -> cp_model.IntVar:
        if figure_id in self.held:
            raise ValueError(f"{self.name}: figure {figure_id} is constrained twice")
        literal = self.model.NewBoolVar(f"holds[{figure_id}]")
        self.held[figure_id] = literal
        return literal

    def count(self, figure_id: str, expr, hard: bool = False) -> None:
        """The figure (a count) equals expr, if it can (always, when hard)."""
        figure = self.figures[figure_id]
        literal = self._literal(figure_id)
        if hard:
            self.model.Add(literal == 1)
        self.model.Add(expr == figure.as_int).OnlyEnforceIf(literal)

    def require(self, figure_id: str, expr) -> None:
        """A count that must hold: a figure the study never contradicts."""
        self.count(figure_id, expr, hard=True)

    def ratio(self, figure_id: str, numerator, denominator, scale: int = 1, hard: bool = False) -> None:
        """scale * numerator / denominator prints as the figure (percent: scale=100; mean: 1)."""
        figure = self.figures[figure_id]
        low, high = figure.calibration_interval()
        literal = self._literal(figure_id)
        if hard:
            self.model.Add(literal == 1)
        # scale*num/den >= low  <=>  scale*num*low.den >= low.num*den (den > 0)
        self.model.Add(scale * low.denominator * numerator >= low.numerator * denominator).OnlyEnforceIf(literal)
        # scale*num/den < high  <=>  scale*num*high.den <= high.num*den - 1 (integers)
        self.model.Add(scale * high.denominator * numerator <= high.numerator * denominator - 1).OnlyEnforceIf(literal)
        if not isinstance(denominator, int):
            self.model.Add(denominator >= 1).OnlyEnforceIf(literal)
        self.ratios.append((figure, literal, scale * numerator, denominator))

    def _prefer_printed(self) -> None:
        """Second round: each ratio figure the study rounds is preferred inside its own interval
        (the one the reconciliation applies), not only inside the wider calibration interval."""
        for figure, literal, numerator, denominator in self.ratios:
            low, high = figure.interval()
            if figure.comparison != "rounded" or (low, high) == figure.calibration_interval():
                continue
            printed = self.model.NewBoolVar(f"printed[{figure.figure_id}]")
            self.model.AddImplication(printed, literal)
            self.model.Add(low.denominator * numerator >= low.numerator * denominator).OnlyEnforceIf(printed)
            self.model.Add(high.denominator * numerator <= high.numerator * denominator - 1).OnlyEnforceIf(printed)
            self.penalise(printed.Not(), PRINTED_WEIGHT)

    def percent(self, figure_id: str, numerator, denominator, hard: bool = False) -> None:
        self.ratio(figure_id, numerator, denominator, scale=100, hard=hard)

    def mean(self, figure_id: str, numerator, denominator, hard: bool = False) -> None:
        self.ratio(figure_id, numerator, denominator, scale=1, hard=hard)

    def penalise(self, expr, weight: int = 1) -> None:
        """A coherence preference: lower is better, always worth less than one figure."""
        self.penalties.append(weight * expr)

    def _run(self, deterministic_seconds: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 8
        solver.parameters.interleave_search = True
        solver.parameters.random_seed = SOLVER_SEED
        solver.parameters.max_deterministic_time = deterministic_seconds
        self.rounds += 1
        stage = f"{self.name}/{self.rounds}"
        key = solutions.fingerprint(SOLVER, str(solver.parameters), _serialized(self.model))

        def search() -> tuple[solutions.Solution, cp_model.CpSolver]:
            status = solver.Solve(self.model)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                raise RuntimeError(f"calibration {self.name}: no solution ({solver.StatusName(status)})")
            values = list(solver.ResponseProto().solution)
            found = solutions.Solution(key, SOLVER, solver.StatusName(status), int(solver.ObjectiveValue()), values)
            return found, solver

        solution, solver = solutions.active().solve(stage, key, search, lambda stored: self._replay(stage, stored))
        self.status = solution.status
        return solver

    def _replay(self, stage: str, stored: solutions.Solution) -> cp_model.CpSolver:
        """A solver holding the stored solution: the model with every variable fixed to it,
        solved (in well under a second); it must be feasible and reach the stored objective."""
        fixed = self.model.clone()
        variables = fixed.Proto().variables
        if len(variables) != len(stored.values):
            raise solutions.rejected(stage, "the stored solution has the wrong size")
        for variable, value in zip(variables, stored.values, strict=True):
            variable.domain.clear()
            variable.domain.extend([value, value])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        status = solver.Solve(fixed)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or int(solver.ObjectiveValue()) != stored.objective:
            raise solutions.rejected(stage, solver.StatusName(status))
        return solver

    def solve(
        self, deterministic_seconds: float = 60.0, polish_seconds: float = 0.0, polish_preferences=None
    ) -> cp_model.CpSolver:
        """Maximise the figures that hold, penalties breaking ties. With ``polish_seconds``, two
        rounds instead (lexicographic): the figures first, then, keeping at least as many
        figures, the fewest penalties, starting from the first round's answer. A search with a
        time budget then never gives up a figure for a preference. ``polish_preferences`` (a
        callable) adds preferences to the second round only: those too costly for the first
        round's search to carry (they cannot change which figures hold)."""
        if not polish_seconds:
            self.model.Maximize(FIGURE_WEIGHT * sum(self.held.values()) - sum(self.penalties))
            self.solver = self._run(deterministic_seconds)
            return self.solver
        figures_held = sum(self.held.values())
        self.model.Maximize(figures_held)
        first = self._run(deterministic_seconds)
        best = int(first.ObjectiveValue())
        variables = [self.model.GetIntVarFromProtoIndex(i) for i in range(len(self.model.Proto().variables))]
        for var in variables:
            self.model.AddHint(var, first.Value(var))
        self._prefer_printed()
        if polish_preferences is not None:
            polish_preferences()
        self.model.Add(figures_held >= best)
        self.model.Minimize(sum(self.penalties))
        self.solver = self._run(polish_seconds)
        return self.solver

    def sacrificed(self) -> list[str]:
        """Figures this stage could not hold together with the others."""
        return sorted(fid for fid, literal in self.held.items() if not self.solver.Value(literal))


def _serialized(model: cp_model.CpModel) -> bytes:
    """The model as CP-SAT receives it (its protocol buffer, hints included)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pb"
        if not model.ExportToFile(str(path)):
            raise RuntimeError("could not serialize the CP-SAT model")
        return path.read_bytes()


def exact_fraction(value) -> Fraction:
    return Fraction(value)
