"""A small linear-model builder on scipy.optimize.milp (HiGHS), with the Calibration interface.

Used for the stages whose constraints are all linear (experiences, partner groups, actor types):
HiGHS is deterministic; its solutions are kept (territorio.reconstruct.solutions).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from territorio.figures import Figure
from territorio.reconstruct import solutions
from territorio.reconstruct.calibration import FIGURE_WEIGHT

# What a share printed as the study prints it is worth, where the generator's interval is wider
# (a preference: more than a few links' role patterns, far less than a figure)
PRINTED_WEIGHT = 20
OPTIONS = (("mip_rel_gap", 0.0), ("presolve", True))
SOLVER = f"HiGHS (scipy {scipy.__version__} optimize.milp)"


class Expr:
    """A linear expression: {variable index: coefficient} + constant."""

    __slots__ = ("const", "terms")

    def __init__(self, terms=None, const=0):
        self.terms = dict(terms or {})
        self.const = const

    @staticmethod
    def of(value) -> Expr:
        return value if isinstance(value, Expr) else Expr({}, value)

    def __add__(self, other):
        other = Expr.of(other)
        terms = dict(self.terms)
        for index, coef in other.terms.items():
            terms[index] = terms.get(index, 0) + coef
        return Expr(terms, self.const + other.const)

    __radd__ = __add__

    def __neg__(self):
        return Expr({i: -c for i, c in self.terms.items()}, -self.const)

    def __sub__(self, other):
        return self + (-Expr.of(other))

    def __rsub__(self, other):
        return Expr.of(other) - self

    def __mul__(self, factor):
        return Expr({i: c * factor for i, c in self.terms.items()}, self.const * factor)

    __rmul__ = __mul__


@dataclass
class LinearCalibration:
    """Maximise the number of published figures that hold, subject to linear constraints."""

    name: str
    figures: dict[str, Figure]
    lower: list = field(default_factory=list)
    upper: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # (Expr, lo, hi)
    held: dict = field(default_factory=dict)
    penalty: Expr = field(default_factory=Expr)
    prefer_printed: bool = False  # prefer each share as the study prints it (PRINTED_WEIGHT)

    def var(self, low: int, high: int) -> Expr:
        self.lower.append(low)
        self.upper.append(high)
        return Expr({len(self.lower) - 1: 1})

    def bool(self) -> Expr:
        return self.var(0, 1)

    def add(self, expr, low=-np.inf, high=np.inf) -> None:
        expr = Expr.of(expr)
        self.rows.append((Expr(expr.terms), low - expr.const, high - expr.const))

    def _range(self, expr: Expr) -> tuple[float, float]:
        low = high = expr.const
        for index, coef in expr.terms.items():
            a, b = coef * self.lower[index], coef * self.upper[index]
            low += min(a, b)
            high += max(a, b)
        return low, high

    def _soft(self, figure_id: str, expr: Expr, low=-np.inf, high=np.inf) -> None:
        """expr within [low, high] when the figure's literal is 1 (big-M from variable bounds)."""
        literal = self.held.get(figure_id)
        if literal is None:
            literal = self.held[figure_id] = self.bool()
        self._guard(literal, expr, low, high)

    def _guard(self, literal: Expr, expr: Expr, low=-np.inf, high=np.inf) -> None:
        """expr within [low, high] when the 0/1 literal is 1 (big-M from variable bounds)."""
        e_low, e_high = self._range(expr)
        if low > -np.inf:  # expr >= low - M(1-z)  <=>  expr - M z >= low - M
            big = max(0.0, low - e_low)
            self.add(expr - big * literal, low=low - big)
        if high < np.inf:  # expr <= high + M(1-z)
            big = max(0.0, e_high - high)
            self.add(expr + big * literal, high=high + big)

    def count(self, figure_id: str, expr) -> None:
        value = self.figures[figure_id].as_int
        self._soft(figure_id, Expr.of(expr), value, value)

    def ratio(self, figure_id: str, numerator, denominator, scale: int = 1) -> None:
        figure = self.figures[figure_id]
        low, high = figure.calibration_interval()
        numerator, denominator = Expr.of(numerator), Expr.of(denominator)
        self._soft(figure_id, scale * low.denominator * numerator - low.numerator * denominator, low=0)
        self._soft(figure_id, scale * high.denominator * numerator - high.numerator * denominator, high=-1)
        if denominator.terms:
            self._soft(figure_id, denominator, low=1)
        if self.prefer_printed and figure.interval() != (low, high):
            self._prefer_printed(figure, scale, numerator, denominator)

    def _prefer_printed(self, figure: Figure, scale: int, numerator: Expr, denominator: Expr) -> None:
        """A preference, not a figure: the share as the study prints it (its own comparison, the
        one the reconciliation applies) where the generator's interval is wider."""
        low, high = figure.interval()
        printed = self.bool()
        self._guard(printed, scale * low.denominator * numerator - low.numerator * denominator, low=0)
        self._guard(printed, scale * high.denominator * numerator - high.numerator * denominator, high=-1)
        self.penalise(printed * -PRINTED_WEIGHT)

    def percent(self, figure_id, numerator, denominator) -> None:
        self.ratio(figure_id, numerator, denominator, 100)

    def mean(self, figure_id, numerator, denominator) -> None:
        self.ratio(figure_id, numerator, denominator, 1)

    def penalise(self, expr, weight: int = 1) -> None:
        self.penalty = self.penalty + weight * Expr.of(expr)

    def solve(self) -> np.ndarray:
        n = len(self.lower)
        objective = np.zeros(n)
        for literal in self.held.values():
            for index in literal.terms:
                objective[index] -= FIGURE_WEIGHT
        for index, coef in self.penalty.terms.items():
            objective[index] += coef
        data, row_index, col_index, lows, highs = [], [], [], [], []
        for r, (expr, low, high) in enumerate(self.rows):
            for index, coef in expr.terms.items():
                data.append(coef)
                row_index.append(r)
                col_index.append(index)
            lows.append(low)
            highs.append(high)
        matrix = coo_array((data, (row_index, col_index)), shape=(len(self.rows), n)).tocsr()
        lower, upper = np.array(self.lower, float), np.array(self.upper, float)
        lows, highs = np.array(lows, float), np.array(highs, float)
        key = solutions.fingerprint(
            SOLVER,
            repr(OPTIONS),
            *(array.tobytes() for array in (objective, lower, upper, lows, highs)),
            *(array.tobytes() for array in (matrix.data, matrix.indices, matrix.indptr)),
        )

        def search() -> tuple[solutions.Solution, np.ndarray]:
            result = milp(
                objective,
                integrality=np.ones(n),
                bounds=Bounds(lower, upper),
                constraints=LinearConstraint(matrix, lows, highs),
                options=dict(OPTIONS),
            )
            if result.x is None:
                raise RuntimeError(f"calibration {self.name}: {result.message}")
            x = np.round(result.x).astype(int)
            found = solutions.Solution(key, SOLVER, result.message, int(np.rint(objective @ x)), x.tolist())
            return found, x

        def replay(stored: solutions.Solution) -> np.ndarray:
            """The stored solution, if it satisfies this model exactly (all its data are integers)."""
            x = np.array(stored.values, float)
            activity = matrix @ x
            problems = [
                (name, int(np.count_nonzero(bad)))
                for name, bad in (
                    ("bounds", (x < lower) | (x > upper)),
                    ("rows", (activity < lows) | (activity > highs)),
                )
                if bad.any()
            ]
            if int(np.rint(objective @ x)) != stored.objective:
                problems.append(("objective", 1))
            if problems:
                raise solutions.rejected(self.name, f"violated: {problems}")
            return x.astype(int)

        solution, self.x = solutions.active().solve(self.name, key, search, replay)
        self.status = solution.status
        return self.x

    def value(self, expr) -> int:
        expr = Expr.of(expr)
        return round(expr.const + sum(c * self.x[i] for i, c in expr.terms.items()))

    def sacrificed(self) -> list[str]:
        return sorted(fid for fid, literal in self.held.items() if self.value(literal) == 0)
