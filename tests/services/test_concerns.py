"""The independent route for concerns: raised by the school, routed away from the team, acknowledged, answered,
and escalated to the duty desk when the acknowledgement target is missed."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.audit.models import AuditEntry
from inspectorate.concerns.duty import duty_items
from inspectorate.concerns.models import Concern, ConcernEvent
from inspectorate.concerns.selectors import concern_for, concerns_for
from inspectorate.concerns.services import (
    concern_acknowledge,
    concern_raise,
    concern_respond,
    concern_route,
    concerns_escalate,
    independent_senior_for,
)
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.notifications.models import OutboxMessage
from tests import factories
from tests.lifecycle_support import FIRST_DAY, SECOND_DAY, Cast, act, cast, judged, on_site, planned

pytestmark = pytest.mark.django_db

CONCERN = "The lead inspector would not let our deputy attend the feedback meeting."


def uk(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def senior(name: str) -> User:
    return factories.person(Role.SENIOR_INSPECTOR, username=name, email=f"{name}@inspectorate.example")


def with_seniors() -> tuple[Cast, User, User]:
    c = cast()
    # The lead is also a senior inspector: being on the team must still rule them out.
    c.lead.groups.add(Group.objects.get_or_create(name=Role.SENIOR_INSPECTOR.value)[0])
    c.head.email = "head@school.example"
    c.head.save()
    return c, senior("sam-senior"), senior("sol-senior")


def test_a_concern_goes_at_once_to_a_senior_inspector_who_is_not_on_the_team() -> None:
    c, sam, _ = with_seniors()
    inspection = on_site(c)
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    assert concern.routed_to == sam  # the lead (lower id, also a senior) is on the team, so never chosen
    assert concern.acknowledge_by == uk(FIRST_DAY, 12)  # two working hours
    kinds = list(ConcernEvent.objects.filter(concern=concern).values_list("kind", flat=True))
    assert kinds == ["raised", "routed"]
    to_senior = OutboxMessage.objects.get(event=f"concern:{concern.pk}:routed:{sam.pk}")
    assert "12:00 on Tuesday 3 March 2026" in to_senior.body
    assert CONCERN not in to_senior.body  # the concern's words stay in the service, not in email
    assert OutboxMessage.objects.filter(event=f"concern:{concern.pk}:received", recipient=c.head).exists()
    assert AuditEntry.objects.filter(action="concern.raise", object_id=str(inspection.pk)).exists()


def test_the_senior_with_fewest_open_concerns_is_chosen_then_the_lowest_id() -> None:
    c, sam, sol = with_seniors()
    inspection = on_site(c)
    assert independent_senior_for(inspection) == sam
    concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    assert independent_senior_for(inspection) == sol
    sam.is_active = False
    sam.save()
    assert independent_senior_for(inspection) == sol


def test_with_nobody_independent_the_concern_is_still_taken_and_the_duty_desk_routes_it() -> None:
    c = cast()
    factories.person(Role.DUTY_DESK, email="desk@inspectorate.example")
    inspection = on_site(c)
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    assert concern.routed_to is None
    assert OutboxMessage.objects.filter(event=f"concern:{concern.pk}:unrouted").count() == 1
    [item] = [i for i in duty_items(uk(FIRST_DAY, 10, 5)) if i.kind.startswith("Concern")]
    assert item.urgency == 1 and item.overdue
    assert "Route it now" in item.next_step


def test_the_duty_desk_cannot_route_a_concern_to_anyone_on_the_team_and_is_told_why() -> None:
    c, sam, sol = with_seniors()
    desk = factories.person(Role.DUTY_DESK)
    inspection = on_site(c)
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    with pytest.raises(InvalidInput) as refused:
        concern_route(user=desk, concern_id=concern.pk, to_username=c.lead.username)
    assert "lead inspector on" in refused.value.field_errors["to_username"]
    assert "not on the team" in refused.value.field_errors["to_username"]
    with pytest.raises(InvalidInput, match="not an active independent senior inspector"):
        concern_route(user=desk, concern_id=concern.pk, to_username=c.qa.username)
    with pytest.raises(InvalidInput, match="nobody with the username"):
        concern_route(user=desk, concern_id=concern.pk, to_username="nobody-here")
    rerouted = concern_route(user=desk, concern_id=concern.pk, to_username=sol.username, now=uk(FIRST_DAY, 11))
    assert rerouted.routed_to == sol
    assert concern_for(sol, concern.pk) == concern
    with pytest.raises(NotFound):
        concern_for(sam, concern.pk)  # no longer theirs to see
    with pytest.raises(NotAllowed, match="duty desk"):
        concern_route(user=c.head, concern_id=concern.pk, to_username=sam.username)


def test_the_senior_acknowledges_and_responds_and_the_school_sees_both() -> None:
    c, sam, _ = with_seniors()
    inspection = on_site(c)
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    concern_acknowledge(user=sam, concern_id=concern.pk, now=uk(FIRST_DAY, 11))
    with pytest.raises(StateConflict, match="was acknowledged at 11:00"):
        concern_acknowledge(user=sam, concern_id=concern.pk, now=uk(FIRST_DAY, 11, 30))
    concern_respond(
        user=sam,
        concern_id=concern.pk,
        response="I spoke to the lead inspector; your deputy will attend.",
        outcome=Concern.Outcome.RESOLVED,
        now=uk(FIRST_DAY, 14),
    )
    seen = concern_for(c.head, concern.pk)
    assert seen.response == "I spoke to the lead inspector; your deputy will attend."
    assert seen.get_outcome_display() == "Resolved with the school"
    assert seen.closed_at == uk(FIRST_DAY, 14)
    assert [e.kind for e in seen.events.all()] == ["raised", "routed", "acknowledged", "responded", "closed"]
    assert seen.events.get(kind="acknowledged").note == "within its target"
    assert OutboxMessage.objects.filter(event=f"concern:{concern.pk}:responded", recipient=c.head).exists()
    assert concerns_escalate(now=uk(SECOND_DAY, 9)) == []  # acknowledged in time: nothing to escalate


def test_only_the_routed_senior_may_answer_and_an_answer_needs_words_and_an_outcome() -> None:
    c, sam, sol = with_seniors()
    inspection = on_site(c)
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    desk = factories.person(Role.DUTY_DESK)
    with pytest.raises(NotAllowed, match="routed to"):
        concern_acknowledge(user=desk, concern_id=concern.pk)
    with pytest.raises(NotFound):
        concern_acknowledge(user=sol, concern_id=concern.pk)
    with pytest.raises(InvalidInput) as refused:
        concern_respond(user=sam, concern_id=concern.pk, response=" ", outcome="maybe")
    assert set(refused.value.field_errors) == {"response", "outcome"}
    # Answering at once also acknowledges.
    concern_respond(
        user=sam, concern_id=concern.pk, response="Not upheld.", outcome="not_upheld", now=uk(FIRST_DAY, 15)
    )
    concern.refresh_from_db()
    assert concern.acknowledged_at == uk(FIRST_DAY, 15)
    with pytest.raises(StateConflict, match="is closed"):
        concern_respond(user=sam, concern_id=concern.pk, response="Again.", outcome="resolved")


def test_a_missed_target_escalates_to_the_duty_desk_once() -> None:
    c, sam, _ = with_seniors()
    desk = factories.person(Role.DUTY_DESK, email="desk@inspectorate.example")
    inspection = on_site(c)
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 17, 30))
    assert concern.acknowledge_by == uk(SECOND_DAY, 9, 30)
    assert concerns_escalate(now=uk(SECOND_DAY, 9, 30)) == []  # at the target itself: still in time
    [escalated] = concerns_escalate(now=uk(SECOND_DAY, 9, 31))
    assert escalated.escalated_to == Role.DUTY_DESK.value
    assert concerns_escalate(now=uk(SECOND_DAY, 12)) == []
    assert ConcernEvent.objects.filter(concern=concern, kind="escalated").count() == 1
    assert OutboxMessage.objects.filter(event=f"concern:{concern.pk}:escalated", recipient=desk).count() == 1
    [item] = duty_items(uk(SECOND_DAY, 12))
    assert (item.kind, item.urgency, item.overdue) == ("Concern escalated", 2, True)
    assert concern_for(desk, concern.pk) == concern
    # Acknowledged late, the record says so.
    concern_acknowledge(user=sam, concern_id=concern.pk, now=uk(SECOND_DAY, 13))
    assert concern.events.get(kind="acknowledged").note == "after its target"


def test_the_escalation_command_reports_what_it_escalated() -> None:
    c, _, _ = with_seniors()
    inspection = on_site(c)
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    out = io.StringIO()
    call_command("escalate_concerns", "--now", "2026-03-03T12:01", stdout=out)
    assert "Escalated 1 concern(s)" in out.getvalue()
    assert concern.reference in out.getvalue()
    out = io.StringIO()
    call_command("escalate_concerns", "--now", "2026-03-03T12:05", stdout=out)
    assert "Escalated 0 concern(s)" in out.getvalue()


def test_only_the_school_raises_a_concern_and_only_about_its_own_inspection() -> None:
    c, _, _ = with_seniors()
    inspection = on_site(c)
    with pytest.raises(NotAllowed, match="headteacher or its responsible body"):
        concern_raise(user=c.lead, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    other_head = factories.person(Role.HEADTEACHER)
    factories.school_member(other_head, factories.establishment(name="Another Fictional School", is_fictional=True))
    with pytest.raises(NotFound):
        concern_raise(user=other_head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    with pytest.raises(InvalidInput, match="write what your concern is"):
        concern_raise(user=c.head, inspection_id=inspection.pk, text="  ", now=uk(FIRST_DAY, 10))


def test_a_concern_is_refused_before_the_school_is_notified() -> None:
    c, _, _ = with_seniors()
    inspection = planned(c)
    with pytest.raises(StateConflict, match="once the school has been notified"):
        concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))


def test_a_concern_may_come_on_the_next_working_day_but_not_after_and_the_refusal_gives_the_dates() -> None:
    c, _, _ = with_seniors()
    inspection = act(c.lead, judged(c), "give_final_feedback", SECOND_DAY)
    # Final feedback on Wednesday 4 March: a concern may still come on Thursday 5 March, not on Friday 6 March.
    assert concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(dt.date(2026, 3, 5), 16))
    with pytest.raises(StateConflict) as refused:
        concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(dt.date(2026, 3, 6), 9))
    assert "from 2 March 2026 until the end of 5 March 2026" in refused.value.message
    assert "today is 6 March 2026" in refused.value.message


def test_who_sees_which_concerns() -> None:
    c, sam, sol = with_seniors()
    inspection = on_site(c)
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text=CONCERN, now=uk(FIRST_DAY, 10))
    desk = factories.person(Role.DUTY_DESK)
    assert list(concerns_for(desk)) == [concern]
    assert list(concerns_for(sam)) == [concern]
    assert list(concerns_for(sol)) == []
    assert list(concerns_for(c.head)) == [concern]
    assert list(concerns_for(c.lead)) == []  # the team is not told by the system; the senior decides
    assert list(concerns_for(c.team)) == []
