"""The published figures (seeds/reference/published_figures.csv) and how each is compared.

Every number the study prints is one row of the seed. The reconstruction reads its targets from
here and the reports compare the warehouse with it, so both use the same matching rule, the one
of macros/reports/printed_figures.sql (tests/test_reports.py checks that they agree on every
figure). How a figure is printed is data (seeds/reference/figure_comparisons.csv); a figure the
seed does not list is ``rounded``. For a printed v with d decimals, a computed x matches when:

    rounded        v - 0.5·10^-d <= x < v + 0.5·10^-d   (half-up rounding gives v)
    truncated      v - 0.5·10^-d <= x < v + 10^-d       (half-up or truncation; only in tables
                                                         the study is shown to truncate)
    at_most        x <= v                               ("no más de": an upper bound)
    at_least       x >= v                               ("más del": a lower bound)
    approximately  |x - v| <= tolerance                 ("cerca del")

The study truncates in some tables (Tabla 12 prints 77/120 = 64.17 as 64,1) and rounds half-up in
others (Tabla 7 prints 44/64 = 68.75 as 68,8); the reason column of the comparisons seed gives
the printed arithmetic for each truncated figure.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
FIGURES_CSV = REPO_ROOT / "seeds" / "reference" / "published_figures.csv"
COMPARISONS_CSV = REPO_ROOT / "seeds" / "reference" / "figure_comparisons.csv"
COMPARISONS = ("rounded", "truncated", "at_most", "at_least", "approximately")

#: The upper end of an at_least figure (as in the SQL macros); every figure is non-negative, so
#: an at_most figure starts at 0.
_FAR = Fraction(10**12)
#: Closes an interval that includes its upper end (x <= v), as the SQL macros do.
_EPSILON = Fraction(1, 10**9)


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
    comparison: str = "rounded"
    tolerance: Decimal | None = None

    @property
    def decimals(self) -> int:
        """Number of decimals the study prints for this figure."""
        exponent = self.value.as_tuple().exponent
        return max(0, -int(exponent))

    def interval(self) -> tuple[Fraction, Fraction]:
        """Half-open interval [low, high) of true values that match this figure."""
        step = Fraction(1, 10**self.decimals)
        value = Fraction(self.value)
        if self.comparison == "truncated":
            return value - step / 2, value + step
        if self.comparison == "at_most":
            return Fraction(0), value + _EPSILON
        if self.comparison == "at_least":
            return value, _FAR
        if self.comparison == "approximately":
            tolerance = Fraction(self.tolerance)
            return value - tolerance, value + tolerance + _EPSILON
        return value - step / 2, value + step / 2

    def calibration_interval(self) -> tuple[Fraction, Fraction]:
        """Half-open interval [low, high) the generator calibrates this figure to.

        Half-up rounding or truncation to the printed decimals, for every figure: the union of
        the study's two printing rules. It is wider than :meth:`interval` (the figure's own
        comparison, which the reconciliation applies), so a value the generator chooses can
        print as the study's only when truncated and then shows as not reproduced; the
        reconstruction's known limits (docs/reconstruction.md) say which figures and why.
        """
        step = Fraction(1, 10**self.decimals)
        value = Fraction(self.value)
        return value - step / 2, value + step

    def calibration_matches(self, computed: float | Fraction | int) -> bool:
        """True when the computed value lies in :meth:`calibration_interval`."""
        low, high = self.calibration_interval()
        return low <= Fraction(computed).limit_denominator(10**9) < high

    def matches(self, computed: float | Fraction | int) -> bool:
        """True when the computed value matches this figure under its comparison."""
        low, high = self.interval()
        return low <= Fraction(computed).limit_denominator(10**9) < high

    @property
    def as_int(self) -> int:
        """The figure as an integer (counts)."""
        if self.value != self.value.to_integral_value():
            raise ValueError(f"{self.figure_id} is not an integer: {self.value}")
        return int(self.value)


def load_comparisons(path: Path = COMPARISONS_CSV) -> dict[str, tuple[str, Decimal | None]]:
    """Read the comparisons seed: figure_id -> (comparison, tolerance)."""
    comparisons: dict[str, tuple[str, Decimal | None]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            comparison = row.get("comparison", "")
            if comparison not in COMPARISONS:
                raise ValueError(f"{path.name}, line {line_no}, column comparison: unknown {comparison!r}")
            tolerance_text = (row.get("tolerance") or "").strip()
            try:
                tolerance = Decimal(tolerance_text) if tolerance_text else None
            except ArithmeticError as error:
                raise ValueError(f"{path.name}, line {line_no}, column tolerance: {error!r}") from error
            if (comparison == "approximately") != (tolerance is not None):
                raise ValueError(
                    f"{path.name}, line {line_no}, column tolerance: "
                    "a tolerance is required for approximately and only for it"
                )
            if row["figure_id"] in comparisons:
                raise ValueError(f"{path.name}, line {line_no}: duplicate figure_id {row['figure_id']}")
            comparisons[row["figure_id"]] = (comparison, tolerance)
    return comparisons


def load_figures(path: Path = FIGURES_CSV, comparisons_path: Path = COMPARISONS_CSV) -> dict[str, Figure]:
    """Read the published-figures seed, keyed by figure_id, with each figure's comparison."""
    comparisons = load_comparisons(comparisons_path) if comparisons_path.exists() else {}
    figures: dict[str, Figure] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            comparison, tolerance = comparisons.get(row.get("figure_id", ""), ("rounded", None))
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
                    comparison=comparison,
                    tolerance=tolerance,
                )
            except (KeyError, ArithmeticError) as error:
                raise ValueError(f"{path.name}, line {line_no}: {error!r}") from error
            if figure.figure_id in figures:
                raise ValueError(f"{path.name}, line {line_no}: duplicate figure_id {figure.figure_id}")
            figures[figure.figure_id] = figure
    unknown = sorted(set(comparisons) - set(figures))
    if unknown:
        raise ValueError(f"{comparisons_path.name}: figure_id not in {path.name}: {', '.join(unknown)}")
    return figures


@functools.cache
def _printed_figures() -> dict[str, Figure]:
    return load_figures()


def printed_count(figure_id: str) -> int:
    """A count the study prints, read from the published-figures seed by its ``figure_id``.

    The one way code outside the seeds names a study figure (``printed_count("t03.total.count")``
    is the 995 links), so that the figure is written once, in the seed.
    """
    figure = _printed_figures()[figure_id]
    if figure.unit != "count" or figure.value != figure.value.to_integral_value():
        raise ValueError(f"{figure_id} is not a count: {figure.value} {figure.unit}")
    return int(figure.value)
