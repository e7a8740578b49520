"""The plausible pairs of the study's two codings of one actor (seeds/reference/*.csv).

An actor link is coded twice: by actor type (Tabla 3) and by partner group (Tablas 5-8); an
experience's applicant twice: by applicant type (Tablas 1, 4) and by applicant group (Tablas 5-8,
11). The two codings disagree in the study's own counts, so the generator may pair them across
sectors, but only on a pair of the crosswalk (a cooperative counted as a productive organisation,
never a municipality as a company), or on a pair the printed tables force, listed with the
tables that force it (pairing `forced_by_tables`). The warehouse tests the same seeds
(macros/tests/pair_in_crosswalk.sql).
"""

from __future__ import annotations

import csv
from pathlib import Path

from territorio.figures import REPO_ROOT

REFERENCE = REPO_ROOT / "seeds" / "reference"
ACTOR_TYPE_PARTNER_GROUPS_CSV = REFERENCE / "actor_type_partner_groups.csv"
APPLICANT_TYPE_GROUPS_CSV = REFERENCE / "applicant_type_groups.csv"


PAIRINGS = ("natural", "plausible", "forced_by_tables")
# What a link or an experience on a pair of each kind costs the calibration (less than a figure)
PAIRING_COST = {"natural": 0, "plausible": 1, "forced_by_tables": 20}


def load_pairs(path: Path, left: str, right: str) -> dict[tuple[str, str], str]:
    """{(left code, right code): pairing} from a crosswalk seed."""
    pairs: dict[tuple[str, str], str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            key = (row[left], row[right])
            if key in pairs:
                raise ValueError(f"{path.name}, line {line_no}, columns {left}/{right}: duplicate pair {key}")
            if row["pairing"] not in PAIRINGS:
                raise ValueError(
                    f"{path.name}, line {line_no}, column pairing: {row['pairing']!r} is not one of {PAIRINGS}"
                )
            pairs[key] = row["pairing"]
    return pairs


def actor_type_partner_groups() -> dict[tuple[str, str], str]:
    return load_pairs(ACTOR_TYPE_PARTNER_GROUPS_CSV, "actor_type", "partner_group")


def applicant_type_groups() -> dict[tuple[str, str], str]:
    return load_pairs(APPLICANT_TYPE_GROUPS_CSV, "applicant_type", "applicant_group")
