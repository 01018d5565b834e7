"""A cast and a walk through the lifecycle, shared by the lifecycle's service, API and browser tests.

Dates are fixed (term time in the illustrative England calendar), never the clock: an inspection planned for
Tuesday 3 March 2026, notified on Monday 2 March."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.domain.roles import Role
from inspectorate.domain.wellbeing import points_reached
from inspectorate.inspections.models import Inspection, TeamMember
from inspectorate.inspections.services.evidence import evidence_note_add, judgement_record, report_draft_save
from inspectorate.inspections.services.lifecycle import inspection_act
from inspectorate.inspections.services.planning import inspection_plan
from inspectorate.register.models import Establishment
from inspectorate.schoolcalendar.services import school_calendar
from inspectorate.welfare.selectors import checkin_round
from inspectorate.welfare.services import checkin_record
from tests import factories

PLANNED_ON = dt.date(2026, 2, 23)
NOTIFIED_ON = dt.date(2026, 3, 2)  # a Monday
FIRST_DAY = dt.date(2026, 3, 3)
SECOND_DAY = dt.date(2026, 3, 4)

EIF_2024_GOOD = {
    "quality_of_education": "2",
    "behaviour_and_attitudes": "2",
    "personal_development": "2",
    "leadership_and_management": "2",
}
REPORT_CARD_EXPECTED = {
    "inclusion": "Expected standard",
    "curriculum_and_teaching": "Strong standard",
    "achievement": "Expected standard",
    "attendance_and_behaviour": "Expected standard",
    "personal_development_and_wellbeing": "Strong standard",
    "leadership_and_governance": "Expected standard",
}


@dataclass
class Cast:
    school: Establishment
    scheduler: User
    lead: User
    team: User
    qa: User
    head: User
    admin: User


def cast(**school_fields: Any) -> Cast:
    fields = {"name": "Fictional Brook Primary School", "is_fictional": True, **school_fields}
    school = factories.establishment(**fields)
    head = factories.person(Role.HEADTEACHER)
    factories.school_member(head, school)
    return Cast(
        school=school,
        scheduler=factories.person(Role.SCHEDULER),
        lead=factories.person(Role.LEAD_INSPECTOR),
        team=factories.person(Role.TEAM_INSPECTOR),
        qa=factories.person(Role.QUALITY_ASSURANCE),
        head=head,
        admin=factories.person(Role.ADMINISTRATOR),
    )


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def checkins_catch_up(inspection: Inspection, day: dt.date) -> list[str]:
    """Record, as the lead inspector, every wellbeing check-in the inspection has reached by `day` and lacks (the
    workflow will not move past a check-in point without one). Returns the keys recorded."""
    inspection.refresh_from_db()
    lead = inspection.team.select_related("inspector").get(capacity=TeamMember.Capacity.LEAD).inspector
    current = checkin_round(inspection, school_calendar(inspection.establishment).calendar)
    keys = [k for k in points_reached(current.progress, day) if k not in current.done]
    for key in keys:
        checkin_record(user=lead, inspection_id=inspection.pk, point=key, outcome="recorded", now=at(day), today=day)
    return keys


def act(
    user: User, inspection: Inspection, action: str, day: dt.date, *, checkins: bool = True, **kwargs: Any
) -> Inspection:
    """Take a lifecycle action on `day`. With `checkins` (the default) the lead first records any wellbeing check-in
    that is due, and then any the action itself makes due (the notification's, the end of an on-site day's, the
    final feedback's), as a careful lead would; pass checkins=False to see the workflow wait for one."""
    if checkins:
        checkins_catch_up(inspection, day)
    done = inspection_act(user=user, inspection_id=inspection.pk, action=action, today=day, now=at(day), **kwargs)
    if checkins:
        checkins_catch_up(done, day)
    return done


NOTIFY_DATA = {
    "told_name": "A. Head",
    "told_role": "Headteacher",
    "senior_inspector_contact_given": True,
    "wellbeing_contacts_given": True,
}


def planned(c: Cast, starts_on: dt.date = FIRST_DAY) -> Inspection:
    return inspection_plan(
        user=c.scheduler,
        urn=c.school.urn,
        starts_on=starts_on,
        lead=c.lead.username,
        team=[c.team.username],
        today=PLANNED_ON,
        now=at(PLANNED_ON),
    )


def on_site(c: Cast) -> Inspection:
    inspection = planned(c)
    act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA)
    act(c.lead, inspection, "hold_planning_call", NOTIFIED_ON)
    return act(c.lead, inspection, "arrive_on_site", FIRST_DAY)


def judged(c: Cast, grades: dict[str, str] | None = None, safeguarding: str = "met") -> Inspection:
    """On site, with report-card judgements (the renewed framework is in force in March 2026)."""
    inspection = on_site(c)
    note = evidence_note_add(
        user=c.team, inspection_id=inspection.pk, area="curriculum_and_teaching", text="Lessons seen"
    )
    for area, grade in (grades or REPORT_CARD_EXPECTED).items():
        judgement_record(
            user=c.lead, inspection_id=inspection.pk, area=area, grade=grade, evidence_ids=[note.pk], now=at(FIRST_DAY)
        )
    judgement_record(
        user=c.lead, inspection_id=inspection.pk, area="safeguarding", grade=safeguarding, now=at(FIRST_DAY)
    )
    return act(c.lead, inspection, "start_next_on_site_day", SECOND_DAY)


def drafted(c: Cast) -> Inspection:
    inspection = judged(c)
    act(c.lead, inspection, "give_final_feedback", SECOND_DAY)
    act(c.lead, inspection, "start_drafting", dt.date(2026, 3, 5))
    report_draft_save(
        user=c.lead,
        inspection_id=inspection.pk,
        summary="Pupils learn well and are kept safe.",
        area_texts={"curriculum_and_teaching": "Teachers check what pupils know."},
    )
    return inspection


def published(c: Cast) -> Inspection:
    inspection = drafted(c)
    act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 3, 6))
    act(c.qa, inspection, "issue_draft", dt.date(2026, 3, 10))
    act(c.lead, inspection, "finalise", dt.date(2026, 3, 18))
    return act(c.qa, inspection, "publish", dt.date(2026, 3, 20))
