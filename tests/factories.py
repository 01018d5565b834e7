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
    if role.value in ("Lead inspector", "Team inspector"):
        inspector_ready(user)  # planning refuses an inspector with no readiness record (inspectorate/workforce)
    return user


# Wide enough for every date a test plans on (2019 to the 2090s): "current" here means current whenever it is asked.
ALWAYS_CURRENT = (dt.date(2019, 1, 1), dt.date(2099, 12, 31))


def inspector_ready(user: "User", *, employment: str = "employed", **fields: Any) -> Any:
    """A workforce profile with every kind of required training current, and no declared interests."""
    from django.utils import timezone

    from inspectorate.domain.scheduling.workforce import TrainingKind
    from inspectorate.workforce.models import InspectorProfile, TrainingRecord

    defaults: dict[str, Any] = {
        "employment": employment,
        "phases": ["Primary", "Secondary"],
        "created_at": timezone.now(),
    }
    profile, _ = InspectorProfile.objects.update_or_create(user=user, defaults=defaults | fields)
    completed, expires = ALWAYS_CURRENT
    for kind in TrainingKind:
        TrainingRecord.objects.create(
            inspector=profile, kind=kind, completed_on=completed, expires_on=expires, recorded_at=timezone.now()
        )
    return profile


_people = itertools.count(1)


def school_member(user: "User", school: Establishment, capacity: str = "headteacher") -> None:
    from inspectorate.accounts.models import SchoolMembership

    SchoolMembership.objects.create(user=user, establishment=school, capacity=capacity)
