"""Schools as the register would hold them, for the scheduling tests."""

from __future__ import annotations

import datetime as dt

from inspectorate.domain.frameworks import framework_on
from inspectorate.domain.scheduling import GradedInspection, SchoolOnRegister, UngradedInspection

EIF_AREAS = ("quality_of_education", "behaviour_and_attitudes", "personal_development", "leadership_and_management")


def graded(
    start: dt.date,
    overall: str,
    *,
    published: dt.date | None = None,
    leadership: str | None = None,
    category: str = "",
    safeguarding: str = "Yes",
) -> GradedInspection:
    grades = dict.fromkeys(EIF_AREAS, overall)
    if leadership is not None:
        grades["leadership_and_management"] = leadership
    return GradedInspection(
        start_date=start,
        publication_date=published or start + dt.timedelta(days=30),
        framework=framework_on(start).code,
        overall_effectiveness=overall,
        key_judgements=grades,
        category_of_concern=category,
        safeguarding=safeguarding,
    )


def school(
    urn: int,
    latest: GradedInspection | None = None,
    ungraded: dt.date | None = None,
    *,
    warning_notices: int = 0,
    trust_changed: bool | None = None,
) -> SchoolOnRegister:
    visit = UngradedInspection(ungraded, "Standards maintained") if ungraded else None
    return SchoolOnRegister(urn, "Primary", latest, visit, warning_notices=warning_notices, trust_changed=trust_changed)
