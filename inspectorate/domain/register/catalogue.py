"""The file layouts Inspectorate knows. To accept a renamed or new layout, add a mapping here (a new version
when a publisher renames columns in a later release); the importers pick it up by its header."""

from __future__ import annotations

import datetime as dt

from inspectorate.domain.register.mappings import ColumnMapping, Conventions

_JUDGEMENTS = {
    "Quality of education": "quality_of_education",
    "Behaviour and attitudes": "behaviour_and_attitudes",
    "Personal development": "personal_development",
    "Effectiveness of leadership and management": "leadership_and_management",
    "Safeguarding is effective?": "safeguarding",
    "Early years provision (where applicable)": "early_years",
    "Sixth form provision (where applicable)": "sixth_form",
}

_ESTABLISHMENT = {
    "URN": "urn",
    "LAESTAB": "laestab",
    "School name": "name",
    "Ofsted phase": "phase",
    "Type of education": "type_of_education",
    "Current school type used for chart C6": "type_group",
    "School open date": "open_date",
    "Admissions policy": "admissions_policy",
    "Sixth form": "sixth_form",
    "Designated religious character": "religious_character",
    "Religious ethos": "religious_ethos",
    "Faith grouping": "faith_grouping",
    "Ofsted region": "ofsted_region",
    "Region": "region",
    "Local authority": "local_authority",
    "Parliamentary constituency": "constituency",
    "Multi-academy trust UID": "trust_uid",
    "Multi-academy trust name": "trust_name",
    "Academy sponsor UID": "sponsor_uid",
    "Academy sponsor name": "sponsor_name",
    "Postcode": "postcode",
    "Number of warning notices issued in 2024/25 academic year": "warning_notices",
    "The income deprivation affecting children index (IDACI) quintile": "idaci_quintile",
    "Total number of pupils": "pupils",
    "Statutory lowest age": "lowest_age",
    "Statutory highest age": "highest_age",
    "Number of ungraded inspections since the last graded inspection": "ungraded_since_graded",
    "Number of monitoring and urgent inspections since last graded inspection": "monitoring_since_graded",
}

_LATEST_GRADED = {
    "Inspection number of latest graded inspection": "inspection_number",
    "Inspection type": "inspection_type",
    "Inspection type grouping": "type_grouping",
    "Event type grouping": "event_grouping",
    "Inspection start date": "start_date",
    "Publication date": "publication_date",
    "Does the latest graded inspection relate to the URN of the current school?": "relates_to_current_urn",
    "URN at time of latest graded inspection": "urn_at_time",
    "LAESTAB at time of latest graded inspection": "laestab_at_time",
    "School name at time of latest graded inspection": "name_at_time",
    "School type at time of latest graded inspection": "type_at_time",
    "Overall effectiveness": "overall_effectiveness",
    "Category of concern": "category_of_concern",
    **_JUDGEMENTS,
}

# The previous graded inspection has no type columns in this layout.
_PREVIOUS_GRADED = {
    "Previous inspection number": "inspection_number",
    "Previous inspection start date": "start_date",
    "Previous publication date": "publication_date",
    "Does the previous graded inspection relate to the URN of the current school?": "relates_to_current_urn",
    "URN at time of previous graded inspection": "urn_at_time",
    "LAESTAB at time of previous graded inspection": "laestab_at_time",
    "School name at time of previous graded inspection": "name_at_time",
    "School type at time of previous graded inspection": "type_at_time",
    "Previous graded inspection overall effectiveness": "overall_effectiveness",
    "Previous category of concern": "category_of_concern",
    **{f"Previous {column[0].lower()}{column[1:]}": name for column, name in _JUDGEMENTS.items()},
}

_LATEST_UNGRADED = {
    "Latest ungraded inspection number since last graded inspection": "inspection_number",
    "Date of latest ungraded inspection": "start_date",
    "Ungraded inspection publication date": "publication_date",
    "Does the ungraded inspection relate to the URN of the current school?": "relates_to_current_urn",
    "URN at time of the ungraded inspection": "urn_at_time",
    "LAESTAB at time of the ungraded inspection": "laestab_at_time",
    "School name at time of the latest ungraded inspection": "name_at_time",
    "School type at time of the latest ungraded inspection": "type_at_time",
    "Did the latest ungraded inspection convert to a graded inspection?": "converted_to_graded",
    "Ungraded inspection overall outcome": "ungraded_outcome",
}


def _part(part: str, columns: dict[str, str]) -> dict[str, str]:
    return {column: f"{part}.{name}" for column, name in columns.items()}


OFFICIAL_STATISTICS_2025 = ColumnMapping(
    name="ofsted-state-funded-schools-official-statistics",
    version=1,
    effective=dt.date(2025, 8, 31),
    describes="Ofsted official statistics, state-funded schools inspections and outcomes, provider-level file",
    columns={
        **_part("establishment", _ESTABLISHMENT),
        **_part("latest_graded", _LATEST_GRADED),
        **_part("previous_graded", _PREVIOUS_GRADED),
        **_part("latest_ungraded", _LATEST_UNGRADED),
    },
    conventions=Conventions(null_tokens=frozenset({""}), date_formats=("%d/%m/%Y",)),
)

GIAS_LINKS_2025 = ColumnMapping(
    name="gias-links",
    version=1,
    effective=dt.date(2025, 4, 22),
    describes="Get Information About Schools, links extract",
    columns=_part(
        "link",
        {
            "URN": "urn",
            "LinkURN": "link_urn",
            "LinkName": "link_name",
            "LinkType": "link_type",
            "LinkEstablishedDate": "established_date",
        },
    ),
    conventions=Conventions(null_tokens=frozenset({""}), date_formats=("%d-%m-%Y",)),
)

REGISTER_MAPPINGS: tuple[ColumnMapping, ...] = (OFFICIAL_STATISTICS_2025,)
LINK_MAPPINGS: tuple[ColumnMapping, ...] = (GIAS_LINKS_2025,)
