"""Demo accounts: one person for every role, so that anyone trying the demo can see each side of it."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from inspectorate.accounts.models import User
from inspectorate.domain.roles import STAFF_ROLES, Role

DEMO_PASSWORD = "demo-inspectorate"  # noqa: S105 - published in the README, demo only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    full_name: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("scheduler", Role.SCHEDULER, "Sam Scheduler"),
    DemoAccount("lead", Role.LEAD_INSPECTOR, "Lee Lead"),
    DemoAccount("inspector", Role.TEAM_INSPECTOR, "Tess Team"),
    DemoAccount("qa", Role.QUALITY_ASSURANCE, "Quinn Reader"),
    DemoAccount("dutydesk", Role.DUTY_DESK, "Dev Duty"),
    DemoAccount("senior", Role.SENIOR_INSPECTOR, "Sol Senior"),
    DemoAccount("complaints", Role.COMPLAINTS_OFFICER, "Cam Complaints"),
    DemoAccount("statistician", Role.STATISTICIAN, "Stat Analyst"),
    DemoAccount("admin", Role.ADMINISTRATOR, "Ada Admin"),
    DemoAccount("head", Role.HEADTEACHER, "Hari Head"),
    DemoAccount("governor", Role.RESPONSIBLE_BODY, "Gil Governor"),
)


@transaction.atomic
def demo_accounts_create(*, password: str = DEMO_PASSWORD) -> list[DemoAccount]:
    """Create (or reset) the demo accounts and their role groups. Safe to run again."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    for account in DEMO_ACCOUNTS:
        first, _, last = account.full_name.partition(" ")
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{account.username}@demo.inspectorate.invalid",
                "is_staff": account.role in STAFF_ROLES,
                "is_superuser": account.role == Role.ADMINISTRATOR,
            },
        )
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=account.role.value)])
    return list(DEMO_ACCOUNTS)
