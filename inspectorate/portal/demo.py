"""The portal's demo records: a fictional deputy headteacher in the sharing circle of Larkspur Primary School
(fictional), whose draft report is with the school for its factual-accuracy check. Sign in as `deputy` (password
demo-inspectorate) to see what an invitee sees; as `head` to see the circle and withdraw the invitation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.accounts.services import DEMO_PASSWORD
from inspectorate.domain.workflow import State
from inspectorate.inspections.demo import DEMO_SCHOOLS, HEADS_SCHOOL, DemoSetupError
from inspectorate.inspections.models import Inspection
from inspectorate.portal.services import circle_invite

DEPUTY_USERNAME = "deputy"
DEPUTY_EMAIL = f"{DEPUTY_USERNAME}@demo.inspectorate.invalid"  # .invalid: no message can ever reach anyone


def _larkspur_draft() -> Inspection:
    urn = next(s.urn for s in DEMO_SCHOOLS if s.key == HEADS_SCHOOL)
    found = Inspection.objects.filter(establishment__urn=urn, state=State.FACTUAL_ACCURACY_CHECK.value).first()
    if found is None:
        raise DemoSetupError(
            "Larkspur's inspection in the factual-accuracy check is missing: build the demo inspections first."
        )
    return found


def _clear_old_deputy() -> None:
    """A previous run's deputy account, freed when its inspection was rebuilt, is removed so the name is free again."""
    old = User.objects.filter(username=DEPUTY_USERNAME).first()
    if old is None:
        return
    if old.groups.exists() or old.is_staff or hasattr(old, "circle_membership"):
        raise DemoSetupError(
            f"An account named {DEPUTY_USERNAME!r} exists and is not the demo's invitee: rename it first."
        )
    old.delete()


@transaction.atomic
def demo_create(*, today: dt.date) -> list[str]:
    inspection = _larkspur_draft()
    _clear_old_deputy()
    head = User.objects.get(username="head")
    moment = min(timezone.make_aware(dt.datetime.combine(today, dt.time(9))), timezone.now() - dt.timedelta(minutes=1))
    member = circle_invite(
        user=head,
        inspection_id=inspection.pk,
        name="Dana Deputy",
        email=DEPUTY_EMAIL,
        relationship="colleague",
        now=moment,
    )
    # Demo only: a known password instead of the one-time link, so anyone trying the demo can sign in as her.
    member.user.set_password(DEMO_PASSWORD)
    member.user.save(update_fields=["password"])
    return [
        f"Sharing circle: Dana Deputy (fictional; sign in as {DEPUTY_USERNAME}) can read the provisional outcome of "
        f"{inspection.reference} at {inspection.establishment.name}"
    ]
