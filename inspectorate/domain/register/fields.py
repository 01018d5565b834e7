"""Our fields, and how a cell for each is read. Field names are the register models' own, so a record's values
go to the database unchanged; which source column fills a field is the mappings' business, not this module's."""

from __future__ import annotations

from inspectorate.domain.register import cells
from inspectorate.domain.register.cells import CellParser

ESTABLISHMENT_FIELDS: dict[str, CellParser] = {
    "urn": cells.required_urn,
    "laestab": cells.text,
    "name": cells.required_text,
    "phase": cells.text,
    "type_of_education": cells.text,
    "type_group": cells.text,
    "open_date": cells.date,
    "admissions_policy": cells.text,
    "sixth_form": cells.text,
    "religious_character": cells.text,
    "religious_ethos": cells.text,
    "faith_grouping": cells.text,
    "ofsted_region": cells.text,
    "region": cells.text,
    "local_authority": cells.text,
    "constituency": cells.text,
    "trust_uid": cells.text,
    "trust_name": cells.text,
    "sponsor_uid": cells.text,
    "sponsor_name": cells.text,
    "postcode": cells.text,
    "pupils": cells.count,
    "lowest_age": cells.count,
    "highest_age": cells.count,
    "idaci_quintile": cells.quintile,
    "warning_notices": cells.count,
    "ungraded_since_graded": cells.count,
    "monitoring_since_graded": cells.count,
}

INSPECTION_FIELDS: dict[str, CellParser] = {
    "inspection_number": cells.text,  # required when the inspection exists: checked with the start date
    "inspection_type": cells.text,
    "type_grouping": cells.text,
    "event_grouping": cells.text,
    "start_date": cells.date,
    "publication_date": cells.date,
    "overall_effectiveness": cells.overall_grade,
    "category_of_concern": cells.category_of_concern,
    "quality_of_education": cells.grade,
    "behaviour_and_attitudes": cells.grade,
    "personal_development": cells.grade,
    "leadership_and_management": cells.grade,
    "safeguarding": cells.safeguarding,
    "early_years": cells.grade,
    "sixth_form": cells.grade,
    "ungraded_outcome": cells.ungraded_outcome,
    "converted_to_graded": cells.yes_no,
    "relates_to_current_urn": cells.required_yes_no,
    "urn_at_time": cells.urn,
    "laestab_at_time": cells.text,
    "name_at_time": cells.text,
    "type_at_time": cells.text,
}

LINK_FIELDS: dict[str, CellParser] = {
    "urn": cells.required_urn,
    "link_urn": cells.required_urn,
    "link_name": cells.text,
    "link_type": cells.required_text,
    "established_date": cells.date,
}
