"""Welfare's demo records, added after the demo's inspections (inspectorate/inspections/demo.py, which records the
check-ins along every inspection's path): signs of distress recorded before the paused inspection was paused, and
followed up by the duty desk; distress recorded today on the inspection on site, waiting for the duty desk, so that
the page offers a pause; and the demo governor on that school's trust board, so the school side of pausing can be
tried. Everything is on the demo's fictional schools."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import SchoolMembership, User
from inspectorate.domain.workflow import State
from inspectorate.inspections.demo import DEMO_SCHOOLS, DemoSetupError
from inspectorate.inspections.models import Inspection
from inspectorate.welfare.models import PauseRecord
from inspectorate.welfare.services import distress_follow_up, distress_record

ON_SITE_SCHOOL = "foxglove"  # on site today: distress waits for the duty desk, and the governor may pause it
PAUSED_SCHOOL = "sandpiper"  # paused on its first afternoon


def _urn(key: str) -> int:
    return next(s.urn for s in DEMO_SCHOOLS if s.key == key)


def _inspection(key: str, state: State) -> Inspection:
    found = Inspection.objects.filter(establishment__urn=_urn(key), state=state.value).first()
    if found is None:
        raise DemoSetupError(f"No {state.value} demo inspection at {key}: run `inspectorate create-demo-inspections`.")
    return found


def _user(username: str) -> User:
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise DemoSetupError(f"The demo account {username} does not exist: run `inspectorate create-demo-accounts`.")
    return found


class _Clock:
    """Demo moments on a given day, never later than the demo's now (as the inspections' demo stamps them)."""

    def __init__(self, today: dt.date) -> None:
        real_today = today == timezone.localdate()
        end = timezone.make_aware(dt.datetime.combine(today, dt.time(23)))
        self.ceiling = timezone.now() - dt.timedelta(minutes=1) if real_today else end

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return min(timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute))), self.ceiling)


def _paused_after_distress(clock: _Clock, inspector: User, desk: User) -> str:
    paused = _inspection(PAUSED_SCHOOL, State.PAUSED)
    day = paused.paused_on or paused.starts_on
    record = distress_record(
        user=inspector,
        inspection_id=paused.pk,
        person="Headteacher",
        signs="Became breathless and tearful in the first meeting and said she could not carry on today.",
        now=clock.at(day, 12, 40),
        today=day,
    )
    PauseRecord.objects.filter(inspection=paused, after_distress__isnull=True).update(after_distress=record)
    distress_follow_up(
        user=desk,
        distress_id=record.pk,
        note="Spoke to the lead and then the chair of governors: the pause was offered and taken; the head is at "
        "home with family and has the Education Support number. Will call the chair before it resumes.",
        now=clock.at(day, 13, 30),
    )
    return f"{paused.reference} (paused): distress recorded before the pause, followed up by the duty desk"


def _distress_waiting(clock: _Clock, inspector: User) -> str:
    live = _inspection(ON_SITE_SCHOOL, State.ON_SITE)
    day = live.first_on_site_day or live.starts_on
    distress_record(
        user=inspector,
        inspection_id=live.pk,
        person="Deputy headteacher",
        signs="Visibly shaking after the behaviour walk; said the head is off sick and she is carrying it alone.",
        now=clock.at(day, 11, 30),
        today=day,
    )
    return f"{live.reference} (on site): distress recorded, waiting for the duty desk; the page offers a pause"


def _governor_on_the_trust_board(governor: User) -> str:
    live = _inspection(ON_SITE_SCHOOL, State.ON_SITE)
    SchoolMembership.objects.update_or_create(
        user=governor,
        establishment=live.establishment,
        defaults={"capacity": SchoolMembership.Capacity.RESPONSIBLE_BODY},
    )
    return f"governor: also on the trust board of {live.establishment.name}, so can ask for a pause there"


@transaction.atomic
def demo_create(*, today: dt.date) -> list[str]:
    """Add welfare's fictional records to the demo built for `today`; lines saying what was made."""
    inspector, desk, governor = _user("inspector"), _user("dutydesk"), _user("governor")
    clock = _Clock(today)
    return [
        _paused_after_distress(clock, inspector, desk),
        _distress_waiting(clock, inspector),
        _governor_on_the_trust_board(governor),
    ]
