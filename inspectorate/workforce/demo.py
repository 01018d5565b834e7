"""The demo's workforce: readiness records for the demo inspectors, and two fictional inspectors who show the
refusals (one whose mental-health awareness training has lapsed, one who worked at a demo school).

`demo_profiles_create` must run before the demo's inspections are planned (planning refuses an inspector with no
readiness record); `demo_create` runs it again (it is idempotent) and adds the two fictional inspectors, who need
the demo's fictional schools to exist. Everything here is invented."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.domain.readiness import training_policy_on
from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.workforce import Employment, TrainingKind
from inspectorate.workforce.models import ConflictOfInterest, InspectorProfile, TrainingRecord
from inspectorate.workforce.services import conflict_record_add, inspector_profile_save, training_record_add

# The demo's earliest inspection starts on 11 March 2025 (inspections/demo.py): training must predate it.
TRAINED_BY = dt.date(2024, 9, 2)
CONFLICT_URN = 8_000_008  # Marigold Lane Primary School (fictional)


def _admin() -> User:
    admin = User.objects.filter(username="admin", is_active=True).first()
    if admin is None:
        raise RuntimeError("The demo account admin does not exist: run `inspectorate create-demo-accounts` first.")
    return admin


def _fresh(admin: User, inspector: User, employment: Employment, district: str, **fields: object) -> InspectorProfile:
    profile = inspector_profile_save(
        user=admin,
        inspector=inspector,
        employment=employment,
        home_district=district,
        **fields,  # type: ignore[arg-type]
    )
    # A rebuild starts the demo's records again rather than piling renewals on top of the last run's.
    TrainingRecord.objects.filter(inspector=profile).delete()
    ConflictOfInterest.objects.filter(inspector=profile).delete()
    return profile


def _train(admin: User, inspector: User, kinds: object, completed: dt.date, expires: dt.date, today: dt.date) -> None:
    for kind in kinds:  # type: ignore[attr-defined]
        training_record_add(
            user=admin, inspector_id=inspector.pk, kind=kind, completed_on=completed, expires_on=expires, today=today
        )


@transaction.atomic
def demo_profiles_create(*, today: dt.date) -> list[str]:
    """Readiness records for the demo accounts `lead` and `inspector`: every required training current."""
    admin = _admin()
    required = training_policy_on(today).required | {TrainingKind.LEADING}
    completed, expires = min(TRAINED_BY, today - dt.timedelta(days=365)), today + dt.timedelta(days=730)
    lines = []
    for username, employment, district in (
        ("lead", Employment.EMPLOYED, "RG1"),
        ("inspector", Employment.CONTRACTED, "OX1"),
    ):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise RuntimeError(f"The demo account {username} does not exist: run `inspectorate create-demo-accounts`.")
        _fresh(admin, user, employment, district, phases=("Primary", "Secondary"))
        _train(admin, user, required, completed, expires, today)
        lines.append(f"Workforce: {user.display_name} ({username}), training current until {expires:%d %B %Y}")
    return lines


def _fictional_inspector(username: str, first: str, last: str) -> User:
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.inspectorate.invalid"},
    )
    user.set_unusable_password()  # a record to plan with, not an account to sign in to
    user.save()
    user.groups.set([Group.objects.get_or_create(name=Role.TEAM_INSPECTOR.value)[0]])
    return user


@transaction.atomic
def demo_create(*, today: dt.date) -> list[str]:
    """The demo inspectors' records, and two fictional inspectors whom planning refuses, each for a reason shown."""
    lines = demo_profiles_create(today=today)
    admin = _admin()
    others = training_policy_on(today).required - {TrainingKind.MENTAL_HEALTH_AWARENESS}
    current = (today - dt.timedelta(days=200), today + dt.timedelta(days=500))

    lapsed = _fictional_inspector("demo-rowan-vale", "Rowan", "Vale (fictional)")
    _fresh(admin, lapsed, Employment.CONTRACTED, "LE1", phases=("Primary",), is_generated=True)
    _train(admin, lapsed, others, *current, today)
    lapsed_on = today - dt.timedelta(days=12)
    _train(
        admin, lapsed, [TrainingKind.MENTAL_HEALTH_AWARENESS], lapsed_on - dt.timedelta(days=3 * 365), lapsed_on, today
    )
    lines.append(f"Workforce: Rowan Vale (fictional), mental-health awareness training expired {lapsed_on:%d %B %Y}")

    conflicted = _fictional_inspector("demo-iris-penn", "Iris", "Penn (fictional)")
    _fresh(admin, conflicted, Employment.CONTRACTED, "SE13", phases=("Primary",), is_generated=True)
    _train(admin, conflicted, training_policy_on(today).required, *current, today)
    conflict_record_add(
        user=admin,
        inspector_id=conflicted.pk,
        urn=CONFLICT_URN,
        reason="Deputy headteacher there until July 2022 (fictional)",
        now=timezone.now(),
    )
    lines.append(f"Workforce: Iris Penn (fictional), worked at URN {CONFLICT_URN}: planning refuses her there")
    return lines
