"""Stage A: the 120 experiences — applicant type and group, theme, number of actor links.

Calibrated on Tabla 1 (sector x theme), Tabla 4 (applicant type x link range), the experience
counts, link totals and means of Tablas 5-8, the actor counts of Tabla 11 and the means of the
text. The solver works on aggregated cells (type, group, theme, link range) and their link totals;
`expand` turns the cells into experiences.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

from territorio.figures import Figure, printed_count
from territorio.reconstruct.crosswalks import PAIRING_COST, applicant_type_groups
from territorio.reconstruct.linear import LinearCalibration
from territorio.reconstruct.vocabulary import (
    APPLICANT_GROUPS,
    APPLICANT_TYPES,
    LINK_BINS,
    PUBLIC_APPLICANT_TYPES,
    TABLE_OF_GROUP,
    THEMES,
)

N_EXPERIENCES = printed_count("txt.experiences_analysed")
N_LINKS = printed_count("t03.total.count")
# pairing and empty-experience preferences outweigh keeping link counts mid-range
PAIRING_SCALE = 50


@dataclass
class Experience:
    """One analysed experience as stage A decides it."""

    applicant_type: str
    applicant_group: str
    theme: str
    link_bin: str
    n_links: int
    n_unclassified: int  # links the study's Tablas 5-8 leave without a partner group


@dataclass
class ExperienceCells:
    counts: dict  # (type, group, theme, bin) -> experiences
    links: dict  # (type, group, theme, bin) -> links
    classified: dict  # (group, theme) -> links with a partner group (table groups only)
    unclassified: dict  # (group, theme) -> links without one
    sacrificed: list[str]
    status: str


def calibrate(figures: dict[str, Figure]) -> ExperienceCells:
    cal = LinearCalibration("experiences", figures)
    pairs = applicant_type_groups()
    cells = list(itertools.product(APPLICANT_TYPES, APPLICANT_GROUPS, THEMES, LINK_BINS))
    n = {}
    links = {}
    for applicant_type, group, theme, (bin_key, low, high) in cells:
        key = (applicant_type, group, theme, bin_key)
        n[key] = cal.var(0, N_EXPERIENCES)
        links[key] = cal.var(0, high * N_EXPERIENCES)
        cal.add(links[key] - low * n[key], low=0)
        cal.add(links[key] - high * n[key], high=0)
        # where the figures leave room, a cell's links sit mid-range (its experiences then spread
        # over the whole range, `spread_sizes`), not piled on its bounds
        off_centre = cal.var(0, 2 * high * N_EXPERIENCES)
        cal.add(off_centre - 2 * links[key] + (low + high) * n[key], low=0)
        cal.add(off_centre + 2 * links[key] - (low + high) * n[key], low=0)
        cal.penalise(off_centre, 1)
        if low == 0:  # an experience naming no actor is possible, but keep such experiences rare
            empty = cal.var(0, N_EXPERIENCES)
            cal.add(links[key] + empty - n[key], low=0)
            cal.penalise(empty, 2 * PAIRING_SCALE)
        # coherence: an applicant's two codings fall on a pair of the crosswalk seed
        # (seeds/reference/applicant_type_groups.csv), its natural pair when the figures allow;
        # "sin información" (no group) goes with any type
        if group != "no_information":
            if (applicant_type, group) not in pairs:
                cal.add(n[key], high=0)
            else:
                cal.penalise(n[key], PAIRING_SCALE * PAIRING_COST[pairs[(applicant_type, group)]])

    def experiences(types=APPLICANT_TYPES, groups=APPLICANT_GROUPS, themes=THEMES, bins=None):
        bins = bins or [b[0] for b in LINK_BINS]
        return sum(n[(t, g, h, b)] for t in types for g in groups for h in themes for b in bins)

    def link_sum(types=APPLICANT_TYPES, groups=APPLICANT_GROUPS, themes=THEMES):
        return sum(links[(t, g, h, b[0])] for t in types for g in groups for h in themes for b in LINK_BINS)

    cal.add(experiences(), N_EXPERIENCES, N_EXPERIENCES)
    cal.add(link_sum(), N_LINKS, N_LINKS)

    classified = {}
    unclassified = {}
    for group in APPLICANT_GROUPS:
        for theme in THEMES:
            key = (group, theme)
            if group in TABLE_OF_GROUP:
                classified[key] = cal.var(0, 20 * N_EXPERIENCES)
                unclassified[key] = cal.var(0, 20 * N_EXPERIENCES)
                cal.add(classified[key] + unclassified[key] - link_sum(groups=[group], themes=[theme]), 0, 0)
                cal.penalise(unclassified[key], PAIRING_SCALE)

    # Tabla 1: experiences by applicant sector and theme
    sectors = {"public": PUBLIC_APPLICANT_TYPES, "civil_society": ["civil_society"]}
    for sector, types in sectors.items():
        for theme in THEMES:
            cal.count(f"t01.{sector}.{theme}", experiences(types=types, themes=[theme]))
        cal.count(f"t01.{sector}.total", experiences(types=types))
        cal.percent(f"t01.{sector}.percent", experiences(types=types), N_EXPERIENCES)
    for theme in THEMES:
        cal.count(f"t01.total.{theme}", experiences(themes=[theme]))
    cal.count("t01.total.total", experiences())
    cal.percent("t01.total.percent", experiences(), N_EXPERIENCES)

    # Tabla 4: experiences by applicant type and link range
    for applicant_type in APPLICANT_TYPES:
        for bin_key, _, _ in LINK_BINS:
            figure_id = f"t04.{applicant_type}.{bin_key}"
            if figure_id in figures:
                cal.count(figure_id, experiences(types=[applicant_type], bins=[bin_key]))
        cal.count(f"t04.{applicant_type}.total", experiences(types=[applicant_type]))
    public = experiences(types=PUBLIC_APPLICANT_TYPES)
    for bin_key, _, _ in LINK_BINS:
        in_bin = experiences(types=PUBLIC_APPLICANT_TYPES, bins=[bin_key])
        cal.count(f"t04.public_subtotal.{bin_key}", in_bin)
        cal.percent(f"t04.public_subtotal.{bin_key}.percent", in_bin, public)
        civil_id = f"t04.civil_society.{bin_key}.percent"
        if civil_id in figures:
            cal.percent(
                civil_id, experiences(types=["civil_society"], bins=[bin_key]), experiences(types=["civil_society"])
            )
    cal.count("t04.public_subtotal.total", public)

    # Tablas 5-8: experiences, classified links and their means by theme
    for group, table in TABLE_OF_GROUP.items():
        group_experiences = experiences(groups=[group])
        group_links = sum(classified[(group, theme)] for theme in THEMES)
        for theme in THEMES:
            theme_experiences = experiences(groups=[group], themes=[theme])
            for figure_id, expr in (
                (f"{table}.experiences.{theme}", theme_experiences),
                (f"{table}.total.{theme}", classified[(group, theme)]),
            ):
                if figure_id in figures:
                    cal.count(figure_id, expr)
            if f"{table}.mean_links.{theme}" in figures:
                cal.mean(f"{table}.mean_links.{theme}", classified[(group, theme)], theme_experiences)
        if f"{table}.experiences.total" in figures:
            cal.count(f"{table}.experiences.total", group_experiences)
        cal.count(f"{table}.total.total", group_links)
        if f"{table}.mean_links.total" in figures:
            cal.mean(f"{table}.mean_links.total", group_links, group_experiences)

    # Tabla 11: all actor links by applicant group
    for group in APPLICANT_GROUPS:
        cal.count(f"t11.{group}.actors", link_sum(groups=[group]))
    cal.count("t11.total.actors", link_sum())

    # Text: means of links per experience and repeated experience counts
    cal.mean("txt.mean_links_all", link_sum(), experiences())
    cal.mean("txt.mean_links_public", link_sum(types=PUBLIC_APPLICANT_TYPES), public)
    cal.mean("txt.mean_links_civil_society", link_sum(types=["civil_society"]), experiences(types=["civil_society"]))
    cal.count("txt.experiences_analysed", experiences())
    cal.count("txt.actors_total", link_sum())
    cal.count("txt.municipal_experiences", experiences(groups=["municipalities"]))
    cal.count("txt.sps_experiences", experiences(groups=["sectoral_public_services"]))
    cal.count("txt.interior_experiences", experiences(groups=["interior_government"]))
    cal.mean(
        "txt.municipal_social_mean_links",
        classified[("municipalities", "social_development")],
        experiences(groups=["municipalities"], themes=["social_development"]),
    )
    cal.mean(
        "txt.sps_mean_links",
        link_sum(groups=["sectoral_public_services"]),
        experiences(groups=["sectoral_public_services"]),
    )
    cal.mean(
        "txt.interior_mean_links", link_sum(groups=["interior_government"]), experiences(groups=["interior_government"])
    )

    cal.solve()
    value = cal.value
    return ExperienceCells(
        counts={key: value(var) for key, var in n.items() if value(var)},
        links={key: value(var) for key, var in links.items() if value(n[key])},
        classified={key: value(var) for key, var in classified.items()},
        unclassified={key: value(var) for key, var in unclassified.items()},
        sacrificed=cal.sacrificed(),
        status=cal.status,
    )


def spread_sizes(count: int, total: int, low: int, high: int) -> list[int]:
    """`count` link counts that add up to `total`, spread evenly over as much of [low, high] as the
    mean allows (the study prints only the ranges: the plainest reading is a flat spread, not a
    pile on one value). An experience names at least one actor unless the cell has fewer links
    than experiences ("desde cero a 20 actores").
    """
    floor = low if total < count * max(low, 1) else max(low, 1)
    mean = Fraction(total, count)
    if count == 1:
        return [total]
    half_width = min(mean - floor, high - mean)
    sizes = [
        math.floor(mean + half_width * Fraction(2 * k - (count - 1), count - 1) + Fraction(1, 2)) for k in range(count)
    ]
    # restore the exact total: one link at a time, from the largest down or the smallest up
    while sum(sizes) != total:
        if sum(sizes) > total:
            candidates = [k for k in range(count) if sizes[k] > floor]
            sizes[max(candidates, key=lambda k: (sizes[k], k))] -= 1
        else:
            candidates = [k for k in range(count) if sizes[k] < high]
            sizes[min(candidates, key=lambda k: (sizes[k], -k))] += 1
    return sizes


def expand(cells: ExperienceCells) -> list[Experience]:
    """Spread each cell's links over its link range, then the links Tablas 5-8 leave unclassified."""
    result: list[Experience] = []
    bounds = {key: (low, high) for key, low, high in LINK_BINS}
    for key in sorted(cells.counts):
        applicant_type, group, theme, bin_key = key
        count, total = cells.counts[key], cells.links[key]
        low, high = bounds[bin_key]
        sizes = spread_sizes(count, total, low, high)
        assert all(low <= size <= high for size in sizes) and sum(sizes) == total, (key, sizes)
        for size in sizes:
            result.append(Experience(applicant_type, group, theme, bin_key, size, 0))
    # the links Tablas 5-8 leave unclassified go to the largest experiences of their (group, theme)
    for (group, theme), missing in sorted(cells.unclassified.items()):
        members = sorted(
            (e for e in result if e.applicant_group == group and e.theme == theme),
            key=lambda e: -e.n_links,
        )
        while missing:
            for experience in members:
                if missing and experience.n_unclassified < experience.n_links:
                    experience.n_unclassified += 1
                    missing -= 1
    return result
