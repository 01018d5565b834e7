"""Inspector readiness: which training is required on a day, how it stands, and why someone may not go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from inspectorate.domain.readiness import (
    TrainingStatus,
    overall_status,
    readiness_reason,
    training_policy_on,
    training_status,
)
from inspectorate.domain.scheduling.workforce import Conflicts, Employment, Inspector, TrainingKind, TrainingRecord

ON = dt.date(2026, 3, 3)


@dataclass(frozen=True)
class School:
    urn: int
    trust_id: str | None = None


def trained(*kinds: TrainingKind, completed: dt.date = dt.date(2025, 9, 1), expires: dt.date = dt.date(2027, 8, 31)):
    return tuple(TrainingRecord(kind, completed, expires) for kind in kinds)


ALL = (TrainingKind.SAFEGUARDING, TrainingKind.FRAMEWORK, TrainingKind.MENTAL_HEALTH_AWARENESS)
READY = Inspector(
    id="7",
    name="Fictional Fern Ash",
    employment=Employment.EMPLOYED,
    home=(51.5, -0.1),
    phases=frozenset({"Primary"}),
    training=trained(*ALL),
)


def test_mental_health_awareness_is_required_from_22_january_2024_and_not_before() -> None:
    assert TrainingKind.MENTAL_HEALTH_AWARENESS not in training_policy_on(dt.date(2024, 1, 21)).required
    assert TrainingKind.MENTAL_HEALTH_AWARENESS in training_policy_on(dt.date(2024, 1, 22)).required
    assert {TrainingKind.SAFEGUARDING, TrainingKind.FRAMEWORK} <= training_policy_on(dt.date(2019, 1, 1)).required


def test_an_inspector_with_every_required_training_current_and_no_conflict_may_go() -> None:
    assert readiness_reason(READY, School(9_000_001), ON) is None


def test_missing_mental_health_awareness_training_is_refused_with_the_kind_named() -> None:
    inspector = replace(READY, training=trained(TrainingKind.SAFEGUARDING, TrainingKind.FRAMEWORK))
    assert readiness_reason(inspector, School(9_000_001), ON) == (
        "Fictional Fern Ash has no mental-health awareness training on record"
    )


def test_expired_training_is_refused_with_the_day_it_expired() -> None:
    old = TrainingRecord(TrainingKind.MENTAL_HEALTH_AWARENESS, dt.date(2023, 1, 9), dt.date(2026, 1, 8))
    inspector = replace(READY, training=(*trained(TrainingKind.SAFEGUARDING, TrainingKind.FRAMEWORK), old))
    assert readiness_reason(inspector, School(9_000_001), ON) == (
        "Fictional Fern Ash's mental-health awareness training expired on 2026-01-08"
    )


def test_training_completed_after_the_inspection_day_does_not_count_for_it() -> None:
    inspector = replace(READY, training=trained(*ALL, completed=ON + dt.timedelta(days=1)))
    assert readiness_reason(inspector, School(9_000_001), ON) is not None


def test_a_school_the_inspector_worked_at_is_refused_before_any_training_question() -> None:
    inspector = replace(READY, training=(), conflicts=Conflicts(worked_at_urns=frozenset({9_000_001})))
    assert readiness_reason(inspector, School(9_000_001), ON) == "Fictional Fern Ash worked at URN 9000001"


def test_a_school_in_a_trust_the_inspector_is_connected_with_is_refused() -> None:
    inspector = replace(READY, conflicts=Conflicts(trust_ids=frozenset({"TR0042"})))
    reason = readiness_reason(inspector, School(9_000_002, trust_id="TR0042"), ON)
    assert reason == "Fictional Fern Ash is connected with trust TR0042, which runs URN 9000002"
    assert readiness_reason(inspector, School(9_000_003, trust_id="TR0099"), ON) is None


def test_training_status_warns_before_expiry_and_names_the_day() -> None:
    soon = replace(READY, training=trained(*ALL, expires=ON + dt.timedelta(days=30)))
    assert training_status(soon, TrainingKind.SAFEGUARDING, ON) == (TrainingStatus.EXPIRING, ON + dt.timedelta(30))
    assert training_status(READY, TrainingKind.SAFEGUARDING, ON)[0] is TrainingStatus.CURRENT
    assert training_status(READY, TrainingKind.LEADING, ON) == (TrainingStatus.MISSING, None)


def test_the_overall_status_is_the_worst_required_kind() -> None:
    lapsed = TrainingRecord(TrainingKind.MENTAL_HEALTH_AWARENESS, dt.date(2023, 1, 9), dt.date(2026, 1, 8))
    inspector = replace(READY, training=(*trained(TrainingKind.SAFEGUARDING, TrainingKind.FRAMEWORK), lapsed))
    assert overall_status(inspector, ON) is TrainingStatus.EXPIRED
    assert overall_status(replace(READY, training=()), ON) is TrainingStatus.MISSING
    assert overall_status(READY, ON) is TrainingStatus.CURRENT
