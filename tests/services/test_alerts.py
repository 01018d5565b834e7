"""Reports overdue for publication raise an alert once, and it resolves when the report is published."""

import datetime as dt

import pytest
from django.core.management import call_command

from inspectorate.alerts.models import Alert
from inspectorate.alerts.services import alerts_raise
from inspectorate.domain.roles import Role
from tests import factories
from tests.lifecycle_support import act, cast, drafted, published

pytestmark = pytest.mark.django_db


def test_a_report_past_its_publication_target_raises_one_alert_naming_the_date() -> None:
    c = cast()
    inspection = drafted(c)  # final feedback on 4 March 2026: target 29 April 2026
    assert alerts_raise(today=dt.date(2026, 4, 29)).raised == 0
    assert alerts_raise(today=dt.date(2026, 4, 30)).raised == 1
    assert alerts_raise(today=dt.date(2026, 5, 1)).raised == 0  # still the one alert
    alert = Alert.objects.get(inspection=inspection)
    assert "29 April 2026" in alert.message
    assert "drafting" in alert.message


def test_the_alert_resolves_once_the_report_is_published() -> None:
    c = cast()
    inspection = drafted(c)
    alerts_raise(today=dt.date(2026, 5, 1))
    act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 5, 4))
    act(c.qa, inspection, "issue_draft", dt.date(2026, 5, 5))
    act(c.lead, inspection, "finalise", dt.date(2026, 5, 13))
    act(c.qa, inspection, "publish", dt.date(2026, 5, 14))
    report = alerts_raise(today=dt.date(2026, 5, 14))
    assert report.resolved == 1
    assert report.open == 0


def test_a_published_report_never_raises_one() -> None:
    published(cast())
    assert alerts_raise(today=dt.date(2027, 1, 1)).raised == 0


def test_the_command_refuses_a_date_it_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date"):
        call_command("raise_alerts", "--today", "31/12/2026")
    call_command("raise_alerts", "--today", "2026-12-31")
    assert "Raised 0" in capsys.readouterr().out


def test_the_workspace_lists_open_alerts_for_the_inspections_a_person_can_see(client) -> None:  # type: ignore[no-untyped-def]
    c = cast()
    inspection = drafted(c)
    alerts_raise(today=dt.date(2026, 5, 1))
    client.force_login(c.scheduler)
    page = client.get("/workspace/").content.decode()
    assert "past the publication target" in page
    assert f"/workspace/inspections/{inspection.pk}/" in page
    stranger = factories.person(Role.LEAD_INSPECTOR)  # not on the team: cannot see the inspection or its alert
    client.force_login(stranger)
    assert "past the publication target" not in client.get("/workspace/").content.decode()
