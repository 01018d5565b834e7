"""Plain builders for register rows in service and web tests: the fewest fields a test needs, sensible
defaults for the rest. Fictional URNs start at 9,000,000 so they never collide with the real register."""

import datetime as dt
import itertools
from typing import Any

from inspectorate.domain.frameworks import framework_on
from inspectorate.register.models import Establishment, RecordedInspection
from inspectorate.register.services.search_fields import establishment_search_fields_refresh

_urns = itertools.count(9_000_001)
_numbers = itertools.count(50_000_001)


def establishment(**fields: Any) -> Establishment:
    defaults: dict[str, Any] = {
        "urn": next(_urns),
        "name": "Test Primary School",
        "phase": "Primary",
        "type_of_education": "Community School",
        "type_group": "Maintained school",
        "ofsted_region": "South East",
        "region": "South East",
        "local_authority": "Reading",
        "postcode": "RG4 5NA",
        "latitude": 51.47,
        "longitude": -0.97,
        "pupils": 300,
        "lowest_age": 4,
        "highest_age": 11,
    }
    defaults.update(fields)
    school = Establishment.objects.create(**defaults)
    establishment_search_fields_refresh(establishment_ids=[school.pk])
    school.refresh_from_db()
    return school


def inspection(school: Establishment, **fields: Any) -> RecordedInspection:
    start = fields.pop("start_date", dt.date(2023, 11, 15))
    defaults: dict[str, Any] = {
        "inspection_number": str(next(_numbers)),
        "kind": RecordedInspection.Kind.GRADED,
        "inspection_type": "S5 Inspection",
        "start_date": start,
        "publication_date": start + dt.timedelta(days=30),
        "framework": framework_on(start).code,
        "urn_at_time": school.urn,
    }
    defaults.update(fields)
    recorded = RecordedInspection.objects.create(establishment=school, **defaults)
    establishment_search_fields_refresh(establishment_ids=[school.pk])
    return recorded
