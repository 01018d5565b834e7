"""Gathering what the workflow's guards need to know about an inspection now (domain.workflow.Facts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from inspectorate.domain.frameworks import Framework, Scale, framework
from inspectorate.domain.judgements import Assessment, CategoryPolicy, assess
from inspectorate.domain.lifecycle_policy import LifecyclePolicy, lifecycle_policy_on
from inspectorate.domain.workflow import Facts
from inspectorate.domain.working_days import WorkingDayCalendar
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import current_judgements, current_report
from inspectorate.schoolcalendar.services import school_calendar
from inspectorate.welfare.selectors import checkin_round

CATEGORY_CHOICES = ("Serious weaknesses", "Special measures")


@dataclass(frozen=True)
class Situation:
    """An inspection's framework, policy, calendar, judgements and their assessment, gathered once per request."""

    framework: Framework
    policy: LifecyclePolicy
    calendar: WorkingDayCalendar
    calendar_source: str
    calendar_illustrative: bool
    grades: dict[str, str]
    safeguarding: str | None
    category: str | None
    assessment: Assessment
    problems: tuple[str, ...]
    report_drafted: bool


def situation_of(inspection: Inspection) -> Situation:
    fw = framework(inspection.framework_code)
    policy = lifecycle_policy_on(inspection.starts_on)
    calendar = school_calendar(inspection.establishment)
    latest = current_judgements(inspection)
    grades = {a: j.grade for a, j in latest.items() if a not in ("safeguarding", "category_of_concern")}
    safeguarding = latest["safeguarding"].grade if "safeguarding" in latest else None
    category = latest["category_of_concern"].grade if "category_of_concern" in latest else None
    category_policy = CategoryPolicy(suspend_and_return_months=policy.suspend_and_return_months)
    assessment = assess(fw, grades, safeguarding, category_policy)
    problems = list(assessment.errors)
    if fw.scale == Scale.FOUR_POINT and assessment.valid and assessment.category_required and not category:
        problems.append(
            "the outcome is inadequate: record the category of concern (serious weaknesses or special measures)"
        )
    report = current_report(inspection)
    return Situation(
        framework=fw,
        policy=policy,
        calendar=calendar.calendar,
        calendar_source=calendar.source,
        calendar_illustrative=calendar.illustrative,
        grades=grades,
        safeguarding=safeguarding,
        category=category or assessment.category,
        assessment=assessment,
        problems=tuple(problems),
        report_drafted=bool(report and report.summary.strip()),
    )


def facts_for(inspection: Inspection, situation: Situation, today: dt.date) -> Facts:
    responded = (
        inspection.draft_issued_on is not None
        and inspection.factual_accuracy_comments.filter(at__date__gte=inspection.draft_issued_on).exists()
    )
    paused = situation.calendar.working_days_after(inspection.paused_on, today) if inspection.paused_on else 0
    return Facts(
        today=today,
        on_site_days_done=inspection.on_site_days_done,
        on_site_days_planned=inspection.on_site_days_planned,
        judgements_recorded=not situation.problems and bool(situation.grades),
        judgement_problems=situation.problems,
        factual_accuracy_deadline=inspection.factual_accuracy_deadline,
        school_responded_to_draft=responded,
        pause_working_days=paused,
        pause_limit_working_days=situation.policy.pause_limit_working_days,
        report_drafted=situation.report_drafted,
        suspend_and_return_possible=situation.assessment.suspend_and_return_possible,
        checkins_done=checkin_round(inspection, situation.calendar).done_keys,
    )
