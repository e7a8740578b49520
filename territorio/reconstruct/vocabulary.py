"""Codes shared by the reconstruction stages (they mirror seeds/codebook/)."""

APPLICANT_TYPES = [
    "ministry_seremi",
    "interior_government",
    "sectoral_public_service",
    "municipal_association",
    "municipality",
    "school_health_centre",
    "civil_society",
]
PUBLIC_APPLICANT_TYPES = APPLICANT_TYPES[:6]
SECTOR_OF_APPLICANT_TYPE = {t: ("civil_society" if t == "civil_society" else "public") for t in APPLICANT_TYPES}

# The applicant grouping of Tablas 5-8 and 11; "no_information" is written as an empty cell.
APPLICANT_GROUPS = [
    "municipalities",
    "sectoral_public_services",
    "interior_government",
    "civil_society_organisations",
    "productive_associations",
    "networks",
    "no_information",
]
TABLE_OF_GROUP = {
    "municipalities": "t05",
    "sectoral_public_services": "t06",
    "interior_government": "t07",
    "civil_society_organisations": "t08",
}
SECTOR_OF_GROUP = {
    "municipalities": "public",
    "sectoral_public_services": "public",
    "interior_government": "public",
    "civil_society_organisations": "civil_society",
    "productive_associations": "civil_society",
    "networks": "civil_society",
    "no_information": None,
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

THEMES = [
    "social_development",
    "local_economic_development",
    "environment_territorial_planning",
    "political_institutional",
]
COVERAGES = ["subcommunal", "communal", "supracommunal_territory", "city", "province", "region", "countries"]

# Link ranges of Tabla 4 ("0-5", "5-10", "10-15", "15-20"), read as 0-5, 6-10, 11-15, 16-20 links.
LINK_BINS = [("0_5", 0, 5), ("6_10", 6, 10), ("11_15", 11, 15), ("16_20", 16, 20)]

PARTNER_GROUPS = [
    "central_institution",
    "regional_institution",
    "local_institution",
    "academic",
    "foundation_ngo",
    "social_organisation",
    "volunteering",
    "productive_organisation",
    "company_business_association",
    "mixed_network",
    "international_organisation",
]
PARTNER_SUBTOTALS = {
    "public_subtotal": ["central_institution", "regional_institution", "local_institution"],
    "civil_society_subtotal": ["academic", "foundation_ngo", "social_organisation", "volunteering"],
    "market_subtotal": ["productive_organisation", "company_business_association"],
    "other_subtotal": ["mixed_network", "international_organisation"],
}
SECTOR_OF_PARTNER_GROUP = {
    pg: subtotal.removesuffix("_subtotal") for subtotal, pgs in PARTNER_SUBTOTALS.items() for pg in pgs
}

ACTOR_TYPES = {
    "municipality": "public",
    "municipal_corporation": "public",
    "school": "public",
    "health_centre": "public",
    "sectoral_public_service": "public",
    "interior_government": "public",
    "ministry_seremi": "public",
    "other_public_body": "public",
    "foundation": "civil_society",
    "social_organisation": "civil_society",
    "indigenous_organisation": "civil_society",
    "trade_union_guild": "civil_society",
    "church": "civil_society",
    "other_civil_group": "civil_society",
    "productive_organisation": "market",
    "business_association": "market",
    "company": "market",
}

ROLES = {
    "decision_making": "principal",
    "financing": "principal",
    "technical_assistance": "implementation",
    "training": "implementation",
    "logistics": "support",
    "dissemination": "support",
    "information_other": "other",
    "beneficiary": "beneficiary",
}
CONTRIBUTIONS = [
    "money",
    "facilities",
    "human_resources",
    "materials_equipment",
    "institutional_support",
    "contact_management",
    "other_commitment",
]
POLICY_STAGES = [
    "information",
    "diagnosis_agenda",
    "policy_formulation",
    "decision_making",
    "implementation",
    "evaluation",
]
OBJECTIVES = ["instrumental", "empowering"]
MODELS = ["vertical", "consultativo", "colaborativo", "territorializado"]
