"""Plain builders for register rows in service and web tests: the fewest fields a test needs, sensible
defaults for the rest. Fictional URNs start at 9,000,000 so they never collide with the real register."""

import datetime as dt
import itertools
from typing import TYPE_CHECKING, Any

from inspectorate.domain.frameworks import framework_on
from inspectorate.register.models import Establishment, RecordedInspection
from inspectorate.register.services.search_fields import establishment_search_fields_refresh

if TYPE_CHECKING:
    from inspectorate.accounts.models import User
    from inspectorate.domain.roles import Role

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


def person(role: "Role", username: str | None = None, **fields: Any) -> "User":
    """A user holding one role (a Django group of the role's name)."""
    from django.contrib.auth.models import Group

    from inspectorate.accounts.models import User

    name = username or f"{role.name.lower()}-{next(_people)}"
    user = User.objects.create_user(username=name, password="test-password", first_name=name.title(), **fields)
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


_people = itertools.count(1)


def school_member(user: "User", school: Establishment, capacity: str = "headteacher") -> None:
    from inspectorate.accounts.models import SchoolMembership

    SchoolMembership.objects.create(user=user, establishment=school, capacity=capacity)
