"""Codes shared by the reconstruction stages: read from the codebook seeds (seeds/codebook/,
territorio.knowledge) in their order, with the few groupings the tables add."""

from territorio import knowledge

SECTOR_OF_APPLICANT_TYPE = knowledge.classes("applicant_types")
APPLICANT_TYPES = list(SECTOR_OF_APPLICANT_TYPE)
PUBLIC_APPLICANT_TYPES = [t for t, sector in SECTOR_OF_APPLICANT_TYPE.items() if sector == "public"]

# The applicant grouping of Tablas 5-8 and 11; "no_information" is written as an empty cell.
SECTOR_OF_GROUP: dict[str, str | None] = {**knowledge.classes("applicant_groups"), "no_information": None}
APPLICANT_GROUPS = list(SECTOR_OF_GROUP)
TABLE_OF_GROUP = {
    "municipalities": "t05",
    "sectoral_public_services": "t06",
    "interior_government": "t07",
    "civil_society_organisations": "t08",
}
# The applicant type that most naturally sits in each group (a coherence preference only).
NATURAL_GROUP_OF_TYPE = {
    "ministry_seremi": "interior_government",
    "interior_government": "interior_government",
    "sectoral_public_service": "sectoral_public_services",
    "municipal_association": "municipalities",
    "municipality": "municipalities",
    "school_health_centre": "municipalities",
}

THEMES = knowledge.codes("themes")
COVERAGES = knowledge.codes("coverages")

# Link ranges of Tabla 4 ("0-5", "5-10", "10-15", "15-20"), read as 0-5, 6-10, 11-15, 16-20 links.
LINK_BINS = [("0_5", 0, 5), ("6_10", 6, 10), ("11_15", 11, 15), ("16_20", 16, 20)]

SECTOR_OF_PARTNER_GROUP = knowledge.classes("partner_groups")
PARTNER_GROUPS = list(SECTOR_OF_PARTNER_GROUP)
# The subtotal rows of Tablas 5-8, one per sector, in the codebook's order
PARTNER_SUBTOTALS: dict[str, list[str]] = {}
for _group, _sector in SECTOR_OF_PARTNER_GROUP.items():
    PARTNER_SUBTOTALS.setdefault(f"{_sector}_subtotal", []).append(_group)

ACTOR_TYPES = knowledge.classes("actor_types")  # code -> sector
ROLES = knowledge.classes("roles")  # code -> role class
CONTRIBUTIONS = knowledge.codes("contributions")
POLICY_STAGES = knowledge.codes("policy_stages")
OBJECTIVES = knowledge.codes("participation_objectives")
MODELS = knowledge.models()
