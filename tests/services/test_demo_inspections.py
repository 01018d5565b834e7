"""The demo's inspections: every lifecycle state on clearly fictional schools, rebuilt cleanly, never on a real one.

Building the demo takes a few seconds (a couple of thousand queries through the real services), so the tests that
only read it share one build per class (TestTheBuiltDemo); the tests that change things build their own.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from inspectorate.accounts.models import SchoolMembership, User
from inspectorate.accounts.services import demo_accounts_create
from inspectorate.audit.models import AuditEntry
from inspectorate.audit.services import audit_verify
from inspectorate.domain.frameworks import EIF_2024, REPORT_CARDS_2025
from inspectorate.domain.workflow import State
from inspectorate.inspections.demo import DEMO_URNS, DemoReport, DemoSetupError, demo_inspections_create
from inspectorate.inspections.models import STATE_LABELS, Inspection
from inspectorate.inspections.selectors import current_judgements, current_report, inspections_for, outcome_access
from inspectorate.inspections.services.evidence import area_choices
from inspectorate.register.models import Establishment
from tests import factories
from tests.lifecycle_support import cast, planned

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)  # a Wednesday in term: fixed, so the test never depends on the clock


@pytest.fixture
def demo(settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Callable[..., Any]) -> DemoReport:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    settings.INSPECTORATE_DEMO = True
    demo_accounts_create()
    with django_capture_on_commit_callbacks(execute=True):
        return demo_inspections_create(today=TODAY)


@pytest.fixture(scope="class")
def built(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoReport]:
    """One demo, committed for the class's read-only tests, then flushed away (as transactional tests are)."""
    anchors = tmp_path_factory.mktemp("demo") / "anchors.jsonl"
    with django_db_blocker.unblock(), override_settings(AUDIT_ANCHOR_FILE=anchors, INSPECTORATE_DEMO=True):
        demo_accounts_create()
        report = demo_inspections_create(today=TODAY)
        yield report
        call_command("flush", interactive=False, verbosity=0)


def test_running_it_twice_leaves_one_set_and_the_trail_still_verifies(
    demo: DemoReport, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    first = Inspection.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        again = demo_inspections_create(today=TODAY)
    assert again.replaced == first
    assert Inspection.objects.count() == first
    assert again.counts() == demo.counts()
    assert Establishment.objects.filter(urn__in=DEMO_URNS).count() == len(DEMO_URNS)
    assert SchoolMembership.objects.filter(user__username="head").count() == 1
    assert AuditEntry.objects.filter(action="demo.inspections_rebuilt").count() == 2
    assert audit_verify().intact


def test_a_real_school_is_never_touched_and_other_fictional_inspections_survive_a_rebuild(
    settings: Any, tmp_path: Path
) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    real = factories.establishment(name="Real Primary School", is_fictional=False)
    exercise = planned(cast())  # a fictional school of the test builders, with its own inspection
    demo_accounts_create()
    demo_inspections_create(today=TODAY)  # it clears the demo's previous inspections first: only those
    assert not real.lifecycle_inspections.exists()
    assert Inspection.objects.filter(pk=exercise.pk).exists()
    real.refresh_from_db()
    assert real.name == "Real Primary School"
    assert not real.is_fictional


def test_it_refuses_to_take_over_a_real_school_that_holds_a_demo_urn(settings: Any, tmp_path: Path) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    factories.establishment(urn=DEMO_URNS[0], name="Somewhere Real", is_fictional=False)
    demo_accounts_create()
    with pytest.raises(DemoSetupError, match="8000001"):
        demo_inspections_create(today=TODAY)
    assert not Inspection.objects.exists()
    assert Establishment.objects.get(urn=DEMO_URNS[0]).name == "Somewhere Real"


def test_the_command_prints_what_it_made_and_the_audit_command_then_says_intact(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    demo_accounts_create()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_demo_inspections", "--today", TODAY.isoformat(), stdout=out)
    printed = out.getvalue()
    for label in STATE_LABELS.values():
        assert label in printed
    assert "Larkspur Primary School (fictional)" in printed
    verified = io.StringIO()
    call_command("audit", "verify", stdout=verified)
    assert "intact" in verified.getvalue()


def test_the_command_runs_on_the_real_date(settings: Any, tmp_path: Path) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    demo_accounts_create()
    call_command("create_demo_inspections", stdout=io.StringIO())
    assert set(Inspection.objects.values_list("state", flat=True)) == {state.value for state in State}


def test_without_the_demo_accounts_it_says_to_create_them_first(settings: Any, tmp_path: Path) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    with pytest.raises(CommandError, match="create-demo-accounts"):
        call_command("create_demo_inspections", "--today", TODAY.isoformat(), stdout=io.StringIO())
    assert not Establishment.objects.filter(urn__in=DEMO_URNS).exists()


def test_a_today_too_early_for_report_cards_or_not_a_date_is_refused_clearly(settings: Any, tmp_path: Path) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    demo_accounts_create()
    with pytest.raises(CommandError, match="renewed framework"):
        call_command("create_demo_inspections", "--today", "2025-12-01", stdout=io.StringIO())
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("create_demo_inspections", "--today", "25/11/2026", stdout=io.StringIO())


@pytest.mark.usefixtures("built")
class TestTheBuiltDemo:
    def test_every_lifecycle_state_has_at_least_one_demo_inspection(self, built: DemoReport) -> None:
        held = set(Inspection.objects.values_list("state", flat=True))
        assert held == {state.value for state in State}
        assert all(count >= 1 for count in built.counts().values())
        assert sum(built.counts().values()) == Inspection.objects.count()

    def test_only_fictional_schools_carry_lifecycle_inspections(self, built: DemoReport) -> None:
        assert not Inspection.objects.filter(establishment__is_fictional=False).exists()
        schools = Establishment.objects.filter(urn__in=DEMO_URNS)
        assert all(s.is_fictional and s.name.endswith("(fictional)") for s in schools)
        assert all(s.urn >= 8_000_001 for s in schools)
        assert {i.urn for i in built.inspections} <= set(DEMO_URNS)

    def test_the_demo_head_and_governor_belong_to_a_fictional_school_and_see_its_draft(self, built: DemoReport) -> None:
        head = User.objects.get(username="head")
        governor = User.objects.get(username="governor")
        membership = SchoolMembership.objects.get(user=head)
        assert membership.establishment.is_fictional
        assert membership.capacity == SchoolMembership.Capacity.HEADTEACHER
        assert SchoolMembership.objects.get(user=governor).establishment == membership.establishment
        theirs = list(inspections_for(head))
        assert theirs and all(i.establishment == membership.establishment for i in theirs)
        draft = next(i for i in theirs if i.state == State.FACTUAL_ACCURACY_CHECK)
        assert outcome_access(head, draft, today=TODAY).allowed
        assert draft.factual_accuracy_comments.filter(author=head).exists()
        assert draft.factual_accuracy_deadline is not None and draft.factual_accuracy_deadline >= TODAY

    def test_published_reports_read_like_reports_under_their_own_framework(self, built: DemoReport) -> None:
        published = list(Inspection.objects.filter(state__in=[State.PUBLISHED, State.FOLLOW_UP_DECIDED]))
        frameworks = {i.framework_code for i in published}
        assert {EIF_2024.code, REPORT_CARDS_2025.code} <= frameworks
        for inspection in published:
            report = current_report(inspection)
            assert report is not None and len(report.summary) > 100
            graded = {a for a in current_judgements(inspection) if a not in ("safeguarding", "category_of_concern")}
            assert graded and graded <= set(report.area_texts)
            assert inspection.published_on is not None and inspection.published_on <= TODAY
            assert inspection.working_days_to_publication is not None

    def test_the_eif_2024_inspection_has_four_point_grades_and_no_overall_effectiveness(
        self, built: DemoReport
    ) -> None:
        eif = Inspection.objects.get(framework_code=EIF_2024.code, state=State.PUBLISHED)
        assert dt.date(2024, 9, 2) <= eif.starts_on <= dt.date(2025, 11, 9)
        grades = {a: j.grade for a, j in current_judgements(eif).items()}
        assert "overall_effectiveness" not in grades
        assert grades["safeguarding"] == "effective"
        assert {g for a, g in grades.items() if a != "safeguarding"} <= {"1", "2", "3", "4"}
        recent = Inspection.objects.exclude(pk=eif.pk)
        assert set(recent.values_list("framework_code", flat=True)) == {REPORT_CARDS_2025.code}

    def test_histories_and_deadlines_are_dated_before_today_and_in_order(self, built: DemoReport) -> None:
        for inspection in Inspection.objects.prefetch_related("state_changes"):
            changes = list(inspection.state_changes.order_by("sequence"))
            times = [c.at for c in changes]
            assert times == sorted(times), inspection.reference
            assert all(t.date() <= TODAY for t in times), inspection.reference
            planned_on = changes[0].at.date()
            assert planned_on < inspection.starts_on
        planned_ahead = Inspection.objects.get(state=State.PLANNED)
        assert planned_ahead.starts_on > TODAY
        paused = Inspection.objects.get(state=State.PAUSED)
        assert paused.paused_on is not None and paused.paused_on <= TODAY
        suspended = Inspection.objects.get(state=State.SUSPENDED_FOR_SAFEGUARDING_RETURN)
        assert suspended.return_visit_by is not None and suspended.return_visit_by > TODAY

    def test_the_fictional_schools_are_searchable_and_look_like_real_ones(self, built: DemoReport) -> None:
        schools = list(Establishment.objects.filter(urn__in=DEMO_URNS))
        assert all(s.search_text and s.has_location and s.local_authority for s in schools)
        assert {s.phase for s in schools} == {"Primary", "Secondary"}
        sixth_forms = [s for s in schools if s.sixth_form == "Has a sixth form"]
        assert sixth_forms and all(s.highest_age == 18 for s in sixth_forms)
        with_sixth_form = Inspection.objects.filter(establishment__in=sixth_forms).first()
        assert with_sixth_form is not None and "sixth_form" in area_choices(with_sixth_form)

    def test_the_audit_trail_verifies_after_it(self, built: DemoReport) -> None:
        report = audit_verify()
        assert report.intact, report.breaks
        assert report.entries == report.anchors > 100


def test_the_whole_demo_twice_leaves_one_set_of_every_mechanisms_records_on_fictional_schools(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from inspectorate.concerns.models import Concern
    from inspectorate.deferrals.models import DeferralRequest
    from inspectorate.inspections.demo_mechanisms import MECHANISMS, demo_create_all
    from inspectorate.portal.models import CircleMember
    from inspectorate.welfare.models import PauseRecord

    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    settings.INSPECTORATE_DEMO = True
    demo_accounts_create()
    models = (Concern, DeferralRequest, CircleMember, PauseRecord)
    with django_capture_on_commit_callbacks(execute=True):
        first = demo_create_all(today=TODAY)
    counts = {m.__name__: m.objects.count() for m in models}
    assert all(counts.values()), counts
    assert set(first.mechanisms) == set(MECHANISMS)
    with django_capture_on_commit_callbacks(execute=True):
        demo_create_all(today=TODAY)
    assert {m.__name__: m.objects.count() for m in models} == counts
    for model in models:
        assert not model.objects.filter(inspection__establishment__is_fictional=False).exists()
    assert audit_verify().intact
