"""The demo's concerns and learning review, on the demo's fictional schools (inspectorate/inspections/demo.py).

Built through the real services with backdated moments, after the demo inspections: a concern the headteacher of
Larkspur Primary School (fictional) raised on the first on-site day, acknowledged and answered within its target;
one its governor raised on the next working day that nobody acknowledged in time, so it is escalated and waits on
the duty desk; and an open learning review on Willowmere's earlier inspection, on the duty desk with its due dates.
Running it again replaces what it made before.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.concerns.learning_reviews import learning_review_open
from inspectorate.concerns.models import Concern, LearningReview
from inspectorate.concerns.services import (
    concern_acknowledge,
    concern_raise,
    concern_respond,
    concerns_escalate,
)
from inspectorate.domain.workflow import State
from inspectorate.inspections.demo import DEMO_URNS, DemoSetupError
from inspectorate.inspections.models import Inspection
from inspectorate.schoolcalendar.services import school_calendar

LARKSPUR = 8_000_001
WILLOWMERE = 8_000_004
ACCOUNTS = ("head", "governor", "senior", "dutydesk")


def _moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _accounts() -> dict[str, User]:
    found = {u.username: u for u in User.objects.filter(username__in=ACCOUNTS, is_active=True)}
    missing = [name for name in ACCOUNTS if name not in found]
    if missing:
        raise DemoSetupError(
            f"The demo accounts {', '.join(missing)} do not exist: run `inspectorate create-demo-accounts`."
        )
    return found


def _inspection(urn: int, state: State) -> Inspection:
    found = Inspection.objects.filter(establishment__urn=urn, state=state.value).order_by("-starts_on").first()
    if found is None:
        raise DemoSetupError(
            f"The demo has no {state.value} inspection at URN {urn}: run `inspectorate create-demo-inspections` first."
        )
    return found


def _working_days_before(inspection: Inspection, today: dt.date, n: int) -> dt.date:
    calendar = school_calendar(inspection.establishment).calendar
    day = today
    while n:
        day -= dt.timedelta(days=1)
        n -= calendar.is_working_day(day)
    return day


@transaction.atomic
def demo_create(*, today: dt.date) -> list[str]:
    people = _accounts()
    Concern.objects.filter(inspection__establishment__urn__in=DEMO_URNS).delete()
    LearningReview.objects.filter(establishment__urn__in=DEMO_URNS).delete()
    larkspur = _inspection(LARKSPUR, State.FACTUAL_ACCURACY_CHECK)
    first_day, last_day = larkspur.first_on_site_day, larkspur.last_on_site_day
    if first_day is None or last_day is None:
        raise DemoSetupError(f"{larkspur.reference} has no on-site days recorded: rebuild the demo inspections.")

    answered = concern_raise(
        user=people["head"],
        inspection_id=larkspur.pk,
        text=(
            "The lead inspector asked to see our safeguarding log while I was teaching and would not wait. "
            "My deputy was not allowed to join the meeting about it. I felt ambushed."
        ),
        now=_moment(first_day, 13, 5),
    )
    concern_acknowledge(user=people["senior"], concern_id=answered.pk, now=_moment(first_day, 13, 50))
    concern_respond(
        user=people["senior"],
        concern_id=answered.pk,
        response=(
            "I spoke to the lead inspector this afternoon. The log will be seen tomorrow at a time you choose, and "
            "your deputy is welcome at every meeting. Thank you for telling us."
        ),
        outcome=Concern.Outcome.INSPECTION_CHANGED,
        now=_moment(first_day, 15, 30),
    )

    next_day = school_calendar(larkspur.establishment).calendar.next_working_day(last_day)
    missed = concern_raise(
        user=people["governor"],
        inspection_id=larkspur.pk,
        text="The head was in tears after final feedback. We want someone senior to talk to us about how it went.",
        now=_moment(next_day, 16, 40),
    )
    concerns_escalate(now=missed.acknowledge_by + dt.timedelta(minutes=5))

    willowmere = _inspection(WILLOWMERE, State.INCOMPLETE)
    opened_on = _working_days_before(willowmere, today, 3)
    review = learning_review_open(
        user=people["dutydesk"],
        inspection_id=willowmere.pk,
        incident=(
            "Fictional: the deputy headteacher was signed off with acute stress the week after the inspection was "
            "paused, and told the trust the inspection had contributed."
        ),
        owner_username=people["senior"].username,
        now=_moment(opened_on, 11),
    )
    return [
        f"Concern {answered.reference} ({larkspur.reference}): acknowledged and answered by the senior inspector.",
        f"Concern {missed.reference} ({larkspur.reference}): missed its acknowledgement target, escalated to the "
        "duty desk.",
        f"Learning review {review.reference} ({willowmere.reference}): open, terms of reference due "
        f"{review.terms_of_reference_due:%d %B %Y}, report due {review.report_due:%d %B %Y}.",
    ]
