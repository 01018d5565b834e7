import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from inspectorate.accounts.models import User
from inspectorate.accounts.services import DEMO_ACCOUNTS, DEMO_PASSWORD
from inspectorate.domain.roles import Role

pytestmark = pytest.mark.django_db


def test_every_role_has_a_demo_account_that_can_sign_in_and_running_it_twice_changes_nothing() -> None:
    call_command("create_demo_accounts", stdout=io.StringIO())
    out = io.StringIO()
    call_command("create_demo_accounts", stdout=out)
    assert User.objects.count() == len(DEMO_ACCOUNTS)
    assert {a.role for a in DEMO_ACCOUNTS} == set(Role)
    for account in DEMO_ACCOUNTS:
        user = authenticate(username=account.username, password=DEMO_PASSWORD)
        assert user is not None
        assert list(user.groups.values_list("name", flat=True)) == [account.role.value]
    assert DEMO_PASSWORD in out.getvalue()


def test_only_the_administrator_is_a_superuser_and_school_users_are_not_staff() -> None:
    call_command("create_demo_accounts", stdout=io.StringIO())
    assert list(User.objects.filter(is_superuser=True).values_list("username", flat=True)) == ["admin"]
    assert not User.objects.get(username="head").is_staff
    assert not User.objects.get(username="governor").is_staff
