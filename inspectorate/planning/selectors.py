"""Reading the register (and the inspections published here) into the scheduler's plain records.

The pure scheduler (inspectorate/domain/scheduling) decides who is due; this module only gathers what it needs:
each school's latest graded and ungraded inspection, its warning notices, whether its latest graded inspection
was of a predecessor URN, and the inspections the lifecycle has sent back (deferred, refused entry, incomplete).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from inspectorate.domain.frameworks import framework_on
from inspectorate.domain.scheduling.queue import DueEntry, due_queue
from inspectorate.domain.scheduling.school import (
    GradedInspection,
    ReturnedInspection,
    SchoolOnRegister,
    UngradedInspection,
)
from inspectorate.domain.workflow import State
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import SPECIAL_AREAS
from inspectorate.register.models import Establishment, RecordedInspection

KEY_JUDGEMENT_FIELDS = ("quality_of_education", "behaviour_and_attitudes", "personal_development")
LM = "leadership_and_management"
SAFEGUARDING_WORDS = {"effective": "Yes", "ineffective": "No", "met": "Met", "not met": "Not met"}
CATEGORY_CODES = {"Serious weaknesses": "SWK", "Special measures": "SM"}


def _graded(row: RecordedInspection) -> GradedInspection:
    judgements = {f: getattr(row, f) for f in (*KEY_JUDGEMENT_FIELDS, LM)}
    return GradedInspection(
        start_date=row.start_date,
        publication_date=row.publication_date,
        framework=row.framework or framework_on(row.start_date).code,
        overall_effectiveness=row.overall_effectiveness,
        key_judgements=judgements,
        category_of_concern=row.category_of_concern,
        safeguarding=row.safeguarding,
    )


def _published_here(inspection: Inspection) -> GradedInspection:
    latest: dict[str, str] = {}
    for area, grade in inspection.judgements.order_by("at", "pk").values_list("area", "grade"):
        latest[area] = grade
    category = latest.get("category_of_concern", "")
    return GradedInspection(
        start_date=inspection.first_on_site_day or inspection.starts_on,
        publication_date=inspection.published_on,
        framework=inspection.framework_code,
        key_judgements={a: g for a, g in latest.items() if a not in SPECIAL_AREAS},
        category_of_concern=CATEGORY_CODES.get(category, ""),
        safeguarding=SAFEGUARDING_WORDS.get(latest.get("safeguarding", ""), ""),
    )


def schools_on_register(
    *, include_fictional: bool = False, urns: Iterable[int] | None = None
) -> list[SchoolOnRegister]:
    """Every school with its latest inspections, as the scheduler needs them (a few queries, not one per school)."""
    schools = Establishment.objects.all() if include_fictional else Establishment.objects.filter(is_fictional=False)
    if urns is not None:
        schools = schools.filter(urn__in=list(urns))
    rows = list(schools.order_by("urn").values_list("pk", "urn", "phase", "warning_notices"))
    ids = [pk for pk, *_ in rows]
    graded: dict[int, RecordedInspection] = {}
    ungraded: dict[int, RecordedInspection] = {}
    recorded = RecordedInspection.objects.order_by("start_date", "inspection_number")
    if urns is not None:
        recorded = recorded.filter(establishment_id__in=ids)
    for row in recorded.iterator(chunk_size=5000):
        (graded if row.kind == RecordedInspection.Kind.GRADED else ungraded)[row.establishment_id] = row
    here: dict[int, Inspection] = {}
    published = Inspection.objects.filter(state__in=[State.PUBLISHED.value, State.FOLLOW_UP_DECIDED.value])
    for inspection in published.order_by("published_on", "pk"):
        here[inspection.establishment_id] = inspection
    result = []
    for pk, urn, phase, notices in rows:
        latest = _graded(graded[pk]) if pk in graded else None
        if pk in here:
            mine = _published_here(here[pk])
            if latest is None or mine.start_date >= latest.start_date:
                latest = mine
        u = ungraded.get(pk)
        result.append(
            SchoolOnRegister(
                urn=urn,
                phase=phase,
                latest_graded=latest,
                latest_ungraded=UngradedInspection(u.start_date, u.ungraded_outcome) if u else None,
                warning_notices=notices or 0,
                graded_was_of_predecessor=bool(
                    pk in graded and graded[pk].urn_at_time and graded[pk].urn_at_time != urn
                ),
            )
        )
    return result


def returned_to_queue(on: dt.date) -> list[ReturnedInspection]:
    """Inspections the lifecycle sent back (deferred, refused entry, paused too long), from the deferrals app."""
    try:
        from inspectorate.deferrals.queue import returned_inspections
    except ImportError:  # the deferrals mechanism is not installed: nothing comes back
        return []
    return list(returned_inspections(on))


def due_queue_of(
    schools: list[SchoolOnRegister], on: dt.date, returned: Iterable[ReturnedInspection] | None = None
) -> tuple[DueEntry, ...]:
    """The due queue of these schools on `on`, with the inspections sent back for them (and only them: a school
    outside the read, a fictional one say, is no error here)."""
    came_back = returned_to_queue(on) if returned is None else returned
    held = {s.urn for s in schools}
    return due_queue(schools, on, [r for r in came_back if r.urn in held])
