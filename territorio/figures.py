"""The study's published figures (seeds/reference/published_figures.csv) and its rounding rule.

Every number the study prints is one row of the seed. The reconstruction reads its targets from
here and the reports compare the warehouse with it, so both use the same matching rule:

    A computed value matches a printed one when rounding it half-up, or truncating it, to the
    printed number of decimals gives the printed number.

The study mixes both (Tabla 7 prints 44/64 = 68.75 as 68,8 and 12/64 = 18.75 as 18,7), so a
computed value x matches a printed v with d decimals exactly when v - 0.5·10^-d <= x < v + 10^-d.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
FIGURES_CSV = REPO_ROOT / "seeds" / "reference" / "published_figures.csv"


@dataclass(frozen=True)
class Figure:
    """One printed figure of the study."""

    figure_id: str
    source: str
    row_label: str
    column_label: str
    row_key: str
    column_key: str
    value: Decimal
    unit: str
    note: str

    @property
    def decimals(self) -> int:
        """Number of decimals the study prints for this figure."""
        exponent = self.value.as_tuple().exponent
        return max(0, -int(exponent))

    def interval(self) -> tuple[Fraction, Fraction]:
        """Half-open interval [low, high) of true values that print as this figure."""
        step = Fraction(1, 10**self.decimals)
        value = Fraction(self.value)
        return value - step / 2, value + step

    def matches(self, computed: float | Fraction | int) -> bool:
        """True when the computed value prints as this figure (rounded half-up or truncated)."""
        low, high = self.interval()
        return low <= Fraction(computed).limit_denominator(10**9) < high

    @property
    def as_int(self) -> int:
        """The figure as an integer (counts)."""
        if self.value != self.value.to_integral_value():
            raise ValueError(f"{self.figure_id} is not an integer: {self.value}")
        return int(self.value)


def load_figures(path: Path = FIGURES_CSV) -> dict[str, Figure]:
    """Read the published-figures seed, keyed by figure_id."""
    figures: dict[str, Figure] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            try:
                figure = Figure(
                    figure_id=row["figure_id"],
                    source=row["source"],
                    row_label=row["row_label"],
                    column_label=row["column_label"],
                    row_key=row["row_key"],
                    column_key=row["column_key"],
                    value=Decimal(row["value"]),
                    unit=row["unit"],
                    note=row["note"],
                )
            except (KeyError, ArithmeticError) as error:
                raise ValueError(f"{path.name}, line {line_no}: {error!r}") from error
            if figure.figure_id in figures:
                raise ValueError(f"{path.name}, line {line_no}: duplicate figure_id {figure.figure_id}")
            figures[figure.figure_id] = figure
    return figures
