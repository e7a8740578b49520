"""Stages B and C: the partner group and the actor type of every actor link.

Stage B calibrates, for each applicant group with a table of its own (Tablas 5-8), how the group's
classified links per theme split over the partner groups (the table's cells, row totals, sector
subtotals and percentages). Stage C gives every link one of the 17 actor types of Tabla 3, whose
counts hold exactly, preferring the actor type that matches the link's partner group: the study's
two codings disagree on sector (Tablas 5-8 count far more market partners than Tabla 3 has market
actors), so some links necessarily pair, say, a productive-organisation partner group with a
civil-society actor type. Links of groups without a table get the partner group natural to their
actor type; links a table leaves unclassified keep an empty partner group.
"""

from __future__ import annotations

from dataclasses import dataclass

from territorio.figures import Figure
from territorio.reconstruct.crosswalks import PAIRING_COST, actor_type_partner_groups
from territorio.reconstruct.experiences import Experience
from territorio.reconstruct.linear import LinearCalibration
from territorio.reconstruct.vocabulary import (
    ACTOR_TYPES,
    PARTNER_GROUPS,
    PARTNER_SUBTOTALS,
    TABLE_OF_GROUP,
    THEMES,
)

# The natural partner group of a link that no table classifies: the first natural pair of each
# actor type in seeds/reference/actor_type_partner_groups.csv
NATURAL_PARTNER_GROUP = {
    actor_type: next(
        group for (a, group), pairing in actor_type_partner_groups().items() if a == actor_type and pairing == "natural"
    )
    for actor_type in ACTOR_TYPES
}
LEVEL_OF_PARTNER_GROUP = {
    "central_institution": "central",
    "regional_institution": "regional",
    "local_institution": "local",
}
DEFAULT_LEVEL_OF_ACTOR_TYPE = {
    "municipality": "local",
    "municipal_corporation": "local",
    "school": "local",
    "health_centre": "local",
    "sectoral_public_service": "regional",
    "interior_government": "regional",
    "ministry_seremi": "central",
    "other_public_body": "central",
}
FREE = "(no table)"
UNCLASSIFIED = "(unclassified)"


@dataclass
class Link:
    """One actor link as stages B and C decide it."""

    experience_index: int
    position: int
    partner_group: str | None
    actor_type: str = ""
    government_level: str | None = None

    @property
    def actor_sector(self) -> str:
        return ACTOR_TYPES[self.actor_type]


def calibrate_partner_groups(
    figures: dict[str, Figure], classified: dict[tuple[str, str], int]
) -> tuple[dict[tuple[str, str, str], int], list[str]]:
    """Stage B: links per (applicant group, theme, partner group) for the groups of Tablas 5-8."""
    cal = LinearCalibration("partner_groups", figures)
    p = {}
    for group, table in TABLE_OF_GROUP.items():
        for theme in THEMES:
            for pg in PARTNER_GROUPS:
                key = (group, theme, pg)
                p[key] = cal.var(0, 500)
                figure_id = f"{table}.{pg}.{theme}"
                if figure_id in figures:
                    cal.count(figure_id, p[key])
                else:  # blank in the print: prefer zero
                    cal.penalise(p[key], 1)
            cal.add(
                sum(p[(group, theme, pg)] for pg in PARTNER_GROUPS),
                classified[(group, theme)],
                classified[(group, theme)],
            )
            for subtotal, members in PARTNER_SUBTOTALS.items():
                figure_id = f"{table}.{subtotal}.{theme}"
                if figure_id in figures:
                    cal.count(figure_id, sum(p[(group, theme, pg)] for pg in members))
        table_total = sum(classified[(group, theme)] for theme in THEMES)
        for pg in PARTNER_GROUPS:
            figure_id = f"{table}.{pg}.total"
            if figure_id in figures:
                cal.count(figure_id, sum(p[(group, theme, pg)] for theme in THEMES))
        for subtotal, members in PARTNER_SUBTOTALS.items():
            row = sum(p[(group, theme, pg)] for theme in THEMES for pg in members)
            if f"{table}.{subtotal}.total" in figures:
                cal.count(f"{table}.{subtotal}.total", row)
            if f"{table}.{subtotal}.percent" in figures and table_total:
                cal.percent(f"{table}.{subtotal}.percent", row, table_total)
        if f"{table}.total.percent" in figures and table_total:
            cal.percent(f"{table}.total.percent", table_total, table_total)
    cal.solve()
    return {key: cal.value(var) for key, var in p.items() if cal.value(var)}, cal.sacrificed()


def lay_out_links(experiences: list[Experience], partner_links: dict[tuple[str, str, str], int]) -> list[Link]:
    """Give every experience its links, spreading each cell's partner groups round-robin."""
    links: list[Link] = []
    for group in TABLE_OF_GROUP:
        for theme in THEMES:
            members = [i for i, e in enumerate(experiences) if e.applicant_group == group and e.theme == theme]
            pool = [pg for pg in PARTNER_GROUPS for _ in range(partner_links.get((group, theme, pg), 0))]
            slots = {i: experiences[i].n_links - experiences[i].n_unclassified for i in members}
            assert len(pool) == sum(slots.values()), (group, theme, len(pool), sum(slots.values()))
            assigned: dict[int, list[str]] = {i: [] for i in members}
            order = [i for i in members if slots[i]]
            cursor = 0
            for pg in pool:
                while len(assigned[order[cursor % len(order)]]) >= slots[order[cursor % len(order)]]:
                    cursor += 1
                assigned[order[cursor % len(order)]].append(pg)
                cursor += 1
            for i in members:
                partner_groups = assigned[i] + [UNCLASSIFIED] * experiences[i].n_unclassified
                links.extend(Link(i, 0, pg) for pg in partner_groups)
    for i, experience in enumerate(experiences):
        if experience.applicant_group not in TABLE_OF_GROUP:
            links.extend(Link(i, 0, FREE) for _ in range(experience.n_links))
    return links


def assign_actor_types(figures: dict[str, Figure], links: list[Link]) -> None:
    """Stage C: actor types (Tabla 3 exactly), then partner group and government level."""
    cal = LinearCalibration("actor_types", figures)
    slot_kinds = [*PARTNER_GROUPS, FREE, UNCLASSIFIED]
    demand = {kind: sum(1 for link in links if link.partner_group == kind) for kind in slot_kinds}
    x = {}
    pairs = actor_type_partner_groups()
    for kind in slot_kinds:
        for actor_type in ACTOR_TYPES:
            x[(kind, actor_type)] = cal.var(0, demand[kind])
            if kind in (FREE, UNCLASSIFIED):
                continue
            # only pairs of the crosswalk seed; its natural pairs first, then same-sector ones
            if (actor_type, kind) not in pairs:
                cal.add(x[(kind, actor_type)], high=0)
            else:
                cal.penalise(x[(kind, actor_type)], PAIRING_COST[pairs[(actor_type, kind)]])
        cal.add(sum(x[(kind, actor_type)] for actor_type in ACTOR_TYPES), demand[kind], demand[kind])
    for actor_type in ACTOR_TYPES:
        cal.count(f"t03.{actor_type}.count", sum(x[(kind, actor_type)] for kind in slot_kinds))
    for sector, figure_sector in (("public", "public"), ("civil_society", "civil_society"), ("market", "market")):
        members = [a for a, s in ACTOR_TYPES.items() if s == sector]
        cal.count(f"t03.{figure_sector}.count", sum(x[(kind, a)] for kind in slot_kinds for a in members))
    cal.solve()
    if cal.sacrificed():
        raise RuntimeError(f"Tabla 3 could not hold: {cal.sacrificed()}")
    # hand the actor types of each slot kind out to its links, round-robin over experiences
    for kind in slot_kinds:
        pool = [a for a in ACTOR_TYPES for _ in range(cal.value(x[(kind, a)]))]
        members = sorted((link for link in links if link.partner_group == kind), key=lambda link: link.experience_index)
        # interleave: sort links by their rank inside their experience so neighbours differ
        rank: dict[int, int] = {}
        keyed = []
        for link in members:
            rank[link.experience_index] = rank.get(link.experience_index, -1) + 1
            keyed.append((rank[link.experience_index], link.experience_index, link))
        for actor_type, (_, _, link) in zip(pool, sorted(keyed, key=lambda item: item[:2]), strict=True):
            link.actor_type = actor_type
    for link in links:
        if link.partner_group == FREE:
            link.partner_group = NATURAL_PARTNER_GROUP[link.actor_type]
        elif link.partner_group == UNCLASSIFIED:
            link.partner_group = None
        if ACTOR_TYPES[link.actor_type] == "public":
            link.government_level = (
                LEVEL_OF_PARTNER_GROUP.get(link.partner_group or "") or DEFAULT_LEVEL_OF_ACTOR_TYPE[link.actor_type]
            )
