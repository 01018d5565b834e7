"""The demo's concerns and learning review: built on the fictional schools after the demo inspections."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from inspectorate.accounts.models import User
from inspectorate.accounts.services import demo_accounts_create
from inspectorate.concerns.demo import demo_create
from inspectorate.concerns.duty import duty_items
from inspectorate.concerns.models import Concern, LearningReview
from inspectorate.concerns.selectors import concerns_for
from inspectorate.inspections.demo import demo_inspections_create

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)  # a Wednesday in term


def test_the_demo_holds_an_answered_concern_an_escalated_one_and_an_open_learning_review(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    settings.INSPECTORATE_DEMO = True
    demo_accounts_create()
    with django_capture_on_commit_callbacks(execute=True):
        demo_inspections_create(today=TODAY)
        lines = demo_create(today=TODAY)
        again = demo_create(today=TODAY)  # run again: replaced, not doubled
    assert len(lines) == len(again) == 3
    answered, escalated = Concern.objects.order_by("raised_at")
    assert answered.closed_at and answered.acknowledged_at and answered.acknowledged_at <= answered.acknowledge_by
    assert escalated.escalated_at and not escalated.acknowledged_at
    assert all(c.inspection.establishment.is_fictional for c in (answered, escalated))
    review = LearningReview.objects.get()
    assert review.establishment.is_fictional and review.findings_published_on is None
    kinds = {item.kind for item in duty_items(dt.datetime.now(dt.UTC))}
    assert {"Concern escalated", "Learning review"} <= kinds
    head = User.objects.get(username="head")
    assert set(concerns_for(head)) == {answered, escalated}  # the school sees both, and the response
