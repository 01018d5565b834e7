"""Who is due, read from the register: the queue's reasons, the command and the scheduler's page."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inspectorate.domain.roles import Role
from inspectorate.planning.selectors import schools_on_register
from tests import factories

pytestmark = pytest.mark.django_db

START = dt.date(2026, 1, 5)


def _register() -> tuple[int, int, int]:
    good = factories.establishment(name="Good Primary")
    factories.inspection(
        good,
        start_date=dt.date(2023, 3, 1),
        overall_effectiveness="2",
        quality_of_education="2",
        behaviour_and_attitudes="2",
        personal_development="2",
        leadership_and_management="2",
        safeguarding="Yes",
    )
    weak = factories.establishment(name="Requires Improvement Primary")
    factories.inspection(
        weak,
        start_date=dt.date(2024, 1, 10),
        overall_effectiveness="3",
        quality_of_education="3",
        behaviour_and_attitudes="2",
        personal_development="2",
        leadership_and_management="3",
        safeguarding="Yes",
    )
    never = factories.establishment(name="New Free School")
    return good.urn, weak.urn, never.urn


def test_the_register_is_read_into_the_schedulers_records() -> None:
    good, weak, never = _register()
    schools = {s.urn: s for s in schools_on_register()}
    good_graded, weak_graded = schools[good].latest_graded, schools[weak].latest_graded
    assert good_graded is not None
    assert good_graded.key_judgements["quality_of_education"] == "2"
    assert weak_graded is not None
    assert weak_graded.overall_effectiveness == "3"
    assert schools[never].latest_graded is None


def test_the_command_explains_each_schools_place_and_refuses_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    good, weak, never = _register()
    call_command("due", "--from", START.isoformat(), "--json", "--limit", "0")
    out = json.loads(capsys.readouterr().out)
    by_urn = {e["urn"]: e for e in out["entries"]}
    assert set(by_urn) == {good, weak, never}
    assert by_urn[never]["due_date"] == START.isoformat()  # never inspected: due at once
    assert by_urn[weak]["due_date"] < by_urn[good]["due_date"]  # RI comes back sooner than good
    assert all(e["factors"] is not None for e in out["entries"])
    with pytest.raises(CommandError, match="not a date"):
        call_command("due", "--from", "5/1/2026")
    with pytest.raises(CommandError, match="No school in the register has URN 1"):
        call_command("due", "--from", START.isoformat(), "--urn", "1")


def test_the_page_is_for_schedulers_and_shows_the_reason(client) -> None:  # type: ignore[no-untyped-def]
    _register()
    client.force_login(factories.person(Role.HEADTEACHER))
    assert client.get("/planning/due/").status_code == 403
    client.force_login(factories.person(Role.SCHEDULER))
    page = client.get("/planning/due/", {"from": START.isoformat()})
    text = page.content.decode()
    assert page.status_code == 200
    assert "3 schools in the queue" in text
    assert "Requires Improvement Primary" in text
    assert "Statutory latest" in text
    bad = client.get("/planning/due/", {"from": "tomorrow"})
    assert bad.status_code == 400
    assert "is not a date" in bad.content.decode()


def test_a_deferred_fictional_school_comes_back_to_the_demos_queue_without_breaking_the_page(
    client,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    from tests.lifecycle_support import NOTIFIED_ON, act, cast, planned

    _register()
    c = cast()  # a fictional school
    act(c.scheduler, planned(c), "defer", NOTIFIED_ON, reason="Deferral granted: the head is on leave")
    client.force_login(c.scheduler)
    settings.INSPECTORATE_DEMO = False  # the real register only: the fictional school's return is left out
    assert client.get("/planning/due/", {"from": START.isoformat()}).status_code == 200
    settings.INSPECTORATE_DEMO = True  # the demo: the fictional school is in the queue, with its reason
    page = client.get("/planning/due/", {"from": "2026-03-09"})
    assert page.status_code == 200
    assert "Fictional Brook Primary School" in page.content.decode()
