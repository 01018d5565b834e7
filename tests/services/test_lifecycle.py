"""The lifecycle services: a whole inspection from planned to published, its history, deadlines and refusals."""

import datetime as dt

import pytest

from inspectorate.audit.models import AuditEntry
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.inspections.models import Inspection, StateChange
from inspectorate.inspections.selectors import inspections_for, outcome_access
from inspectorate.inspections.services.evidence import factual_accuracy_comment_add, judgement_record
from inspectorate.inspections.services.planning import inspection_plan
from tests import factories
from tests.lifecycle_support import (
    FIRST_DAY,
    NOTIFIED_ON,
    NOTIFY_DATA,
    PLANNED_ON,
    act,
    at,
    cast,
    drafted,
    judged,
    on_site,
    planned,
    published,
)

pytestmark = pytest.mark.django_db


def test_an_inspection_goes_from_planned_to_published_with_every_step_recorded() -> None:
    c = cast()
    inspection = published(c)
    inspection.refresh_from_db()
    assert inspection.state == "published"
    assert inspection.framework_code == "report-card-2025"
    changes = list(StateChange.objects.filter(inspection=inspection).values_list("sequence", "action", "to_state"))
    assert [a for _, a, _ in changes] == [
        "plan",
        "notify",
        "hold_planning_call",
        "arrive_on_site",
        "start_next_on_site_day",
        "give_final_feedback",
        "start_drafting",
        "submit_for_quality_assurance",
        "issue_draft",
        "finalise",
        "publish",
    ]
    assert [s for s, _, _ in changes] == list(range(1, 12))
    assert inspection.version == 11
    assert AuditEntry.objects.filter(object_id=str(inspection.pk), action__startswith="inspection.").count() == 11


def test_deadlines_are_working_days_shown_as_dates() -> None:
    c = cast()
    inspection = published(c)
    inspection.refresh_from_db()
    # Draft issued Tuesday 10 March 2026: five working days after is Tuesday 17 March.
    assert inspection.factual_accuracy_deadline == dt.date(2026, 3, 17)
    # Last on-site day Wednesday 4 March; 30 working days later skips the Easter holiday (28 March - 12 April).
    assert inspection.publication_target == dt.date(2026, 4, 29)
    # Published Friday 20 March: 12 working days after the last on-site day.
    assert inspection.working_days_to_publication == 12


def test_notification_must_record_that_the_support_contacts_were_given() -> None:
    c = cast()
    inspection = planned(c)
    with pytest.raises(InvalidInput) as err:
        act(c.lead, inspection, "notify", NOTIFIED_ON, data={**NOTIFY_DATA, "wellbeing_contacts_given": False})
    assert "wellbeing_contacts_given" in err.value.field_errors
    inspection.refresh_from_db()
    assert inspection.state == "planned"


def test_a_wrong_state_names_the_current_state_and_the_allowed_actions() -> None:
    c = cast()
    inspection = planned(c)
    with pytest.raises(StateConflict) as err:
        act(c.qa, inspection, "publish", NOTIFIED_ON)
    assert err.value.current_state == "planned"
    assert "planned" in err.value.message


def test_only_the_lead_of_this_inspection_may_take_the_leads_actions() -> None:
    c = cast()
    inspection = planned(c)
    other_lead = factories.person(Role.LEAD_INSPECTOR)
    with pytest.raises(NotFound):  # not on the team: cannot even see it
        act(other_lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA)
    with pytest.raises(NotAllowed):
        act(c.team, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA)


def test_no_judgement_before_on_site_and_none_the_framework_does_not_allow() -> None:
    c = cast()
    inspection = planned(c)
    with pytest.raises(StateConflict, match="record a judgement"):
        judgement_record(user=c.lead, inspection_id=inspection.pk, area="achievement", grade="Expected standard")
    c2 = cast()
    live = on_site(c2)
    with pytest.raises(InvalidInput) as err:
        judgement_record(user=c2.lead, inspection_id=live.pk, area="achievement", grade="2")
    assert "grade" in err.value.field_errors
    with pytest.raises(InvalidInput):
        judgement_record(user=c2.lead, inspection_id=live.pk, area="overall_effectiveness", grade="Strong standard")


def test_final_feedback_waits_for_complete_judgements() -> None:
    c = cast()
    inspection = on_site(c)
    act(c.lead, inspection, "start_next_on_site_day", dt.date(2026, 3, 4))
    with pytest.raises(StateConflict, match="no judgement recorded"):
        act(c.lead, inspection, "give_final_feedback", dt.date(2026, 3, 4))


def test_no_publication_while_the_factual_accuracy_window_is_open_unless_the_school_responded() -> None:
    c = cast()
    inspection = drafted(c)
    act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 3, 6))
    act(c.qa, inspection, "issue_draft", dt.date(2026, 3, 10))
    with pytest.raises(StateConflict, match="17 March 2026"):
        act(c.lead, inspection, "finalise", dt.date(2026, 3, 12))
    factual_accuracy_comment_add(
        user=c.head, inspection_id=inspection.pk, text="Pupil numbers are 310.", now=at(dt.date(2026, 3, 12))
    )
    assert act(c.lead, inspection, "finalise", dt.date(2026, 3, 12)).state == "finalised"


def test_quality_assurance_returns_a_draft_with_a_reason() -> None:
    c = cast()
    inspection = drafted(c)
    act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 3, 6))
    with pytest.raises(InvalidInput):
        act(c.qa, inspection, "return_for_changes", dt.date(2026, 3, 9))
    back = act(c.qa, inspection, "return_for_changes", dt.date(2026, 3, 9), reason="Evidence for achievement is thin")
    assert back.state == "drafting"
    last = StateChange.objects.filter(inspection=inspection).last()
    assert last is not None
    assert last.reason == "Evidence for achievement is thin"


def test_a_stale_version_is_a_conflict_and_changes_nothing() -> None:
    c = cast()
    inspection = planned(c)
    with pytest.raises(StateConflict, match="Someone else"):
        act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA, expected_version=0)
    assert Inspection.objects.get(pk=inspection.pk).state == "planned"


def test_suspend_and_return_only_for_a_safeguarding_failure_alone() -> None:
    c = cast()
    inspection = judged(c, safeguarding="not met")
    act(c.lead, inspection, "give_final_feedback", dt.date(2026, 3, 4))
    suspended = act(
        c.lead, inspection, "suspend_for_safeguarding_return", dt.date(2026, 3, 5), reason="Fixable within 3 months"
    )
    assert suspended.state == "suspended_for_safeguarding_return"
    assert suspended.return_visit_by == dt.date(2026, 6, 5)


def test_the_provisional_outcome_is_for_the_team_qa_and_the_school_after_feedback() -> None:
    c = cast()
    inspection = judged(c)
    today = FIRST_DAY
    assert outcome_access(c.lead, inspection, today=today).allowed
    assert outcome_access(c.qa, inspection, today=today).allowed
    assert not outcome_access(c.scheduler, inspection, today=today).allowed
    assert not outcome_access(c.head, inspection, today=today).allowed  # not told until final feedback
    act(c.lead, inspection, "give_final_feedback", dt.date(2026, 3, 4))
    inspection.refresh_from_db()
    assert outcome_access(c.head, inspection, today=today).allowed
    other_head = factories.person(Role.HEADTEACHER)
    factories.school_member(other_head, factories.establishment(is_fictional=True))
    assert not outcome_access(other_head, inspection, today=today).allowed
    assert list(inspections_for(other_head)) == []


def test_the_demo_never_plans_an_inspection_for_a_real_school(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INSPECTORATE_DEMO = True
    c = cast()
    real = factories.establishment(is_fictional=False, name="Real School")
    with pytest.raises(InvalidInput) as err:
        inspection_plan(user=c.scheduler, urn=real.urn, starts_on=FIRST_DAY, lead=c.lead.username, today=PLANNED_ON)
    assert "real school" in err.value.field_errors["urn"]
