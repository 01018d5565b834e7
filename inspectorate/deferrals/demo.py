"""The deferrals' demo records, on the demo's fictional schools (inspectorate/inspections/demo.py builds those
first): a request awaiting a decision on a planned inspection, a declined one on a notified inspection, and a
blanket window in the past (the week of 11 December 2023, when every request was granted).

The requests come from a fictional headteacher of each school, made here as accounts that cannot sign in (the
demo's own `head` belongs to Larkspur, whose inspection is past deferring). Running it again replaces them."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import SchoolMembership, User
from inspectorate.deferrals.models import BlanketDeferralWindow
from inspectorate.deferrals.services import blanket_window_declare, deferral_decide, deferral_request
from inspectorate.domain.roles import Role
from inspectorate.inspections.models import Inspection

DECEMBER_2023_REASON = (
    "After the inquest, every inspection this week was delayed by a day so that lead inspectors could be trained; "
    "every request to defer an inspection in this week is granted (demo record of the December 2023 policy)."
)


def _fictional_head(username: str, name: str, inspection: Inspection) -> User:
    first, last = name.split(" ", 1)
    user, _ = User.objects.update_or_create(username=username, defaults={"first_name": first, "last_name": last})
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.HEADTEACHER.value)[0])
    SchoolMembership.objects.update_or_create(
        user=user,
        establishment=inspection.establishment,
        defaults={"capacity": SchoolMembership.Capacity.HEADTEACHER},
    )
    return user


def _demo_inspection(urn: int, state: str) -> Inspection:
    found = Inspection.objects.filter(establishment__urn=urn, establishment__is_fictional=True, state=state).first()
    if found is None:
        raise RuntimeError(
            f"no fictional inspection at URN {urn} in state {state!r}: run `inspectorate create-demo-inspections`"
        )
    return found


@transaction.atomic
def demo_create(*, today: dt.date) -> list[str]:
    admin = User.objects.get(username="admin")
    scheduler = User.objects.get(username="scheduler")
    # The demo's "now": the real moment when it is built for today, else mid-afternoon of the given day.
    if today == timezone.localdate():
        now = timezone.now()
    else:
        now = timezone.make_aware(dt.datetime.combine(today, dt.time(15, 0)))
    lines = []

    window = BlanketDeferralWindow.objects.filter(first_day=dt.date(2023, 12, 11), last_day=dt.date(2023, 12, 15))
    if not window.exists():
        blanket_window_declare(
            user=admin,
            first_day=dt.date(2023, 12, 11),
            last_day=dt.date(2023, 12, 15),
            reason=DECEMBER_2023_REASON,
            now=timezone.make_aware(dt.datetime(2023, 12, 8, 16, 0)),
        )
    lines.append("Blanket deferral window: inspections starting 11 to 15 December 2023 (in the past)")

    marigold = _demo_inspection(8_000_008, "planned")
    head = _fictional_head("demo-head-marigold", "Morgan Marsh", marigold)
    waiting = deferral_request(
        user=head,
        inspection_id=marigold.pk,
        ground="senior_leader_wellbeing",
        details="I am recovering from an operation and back at work part-time for the next fortnight. "
        "My deputy is also on leave that week.",
        unavailable_from=marigold.starts_on,
        unavailable_until=marigold.starts_on + dt.timedelta(days=4),
        now=now - dt.timedelta(hours=1),
    )
    lines.append(f"Deferral request awaiting a decision: {marigold.establishment.name}, {marigold.reference}")

    ravensholt = _demo_inspection(8_000_003, "notified")
    other_head = _fictional_head("demo-head-ravensholt", "Robin Hale", ravensholt)
    declined = deferral_request(
        user=other_head,
        inspection_id=ravensholt.pk,
        ground="school_closed",
        details="Our Year 11 mock examinations take the main hall on the first day.",
        now=now - dt.timedelta(hours=5),
    )
    deferral_decide(
        user=scheduler,
        request_id=declined.pk,
        grant=False,
        reasons="The school is open to pupils on both days; examinations do not close it. Inspectors will plan "
        "around the hall.",
        now=now - dt.timedelta(hours=4),
    )
    lines.append(f"Deferral request declined with reasons: {ravensholt.establishment.name}, {ravensholt.reference}")
    assert waiting.status == "pending"  # noqa: S101 - the demo shows one waiting
    return lines
