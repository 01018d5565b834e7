"""The generated workforce: reproducible, national in size, fictional, and with the features allocation tests."""

from __future__ import annotations

import datetime as dt
import random

from inspectorate.domain.scheduling.allocation import haversine_km
from inspectorate.domain.scheduling.generate import SchoolSite, WorkforceShape, generate_workforce
from inspectorate.domain.scheduling.workforce import DEFAULT_REQUIRED_TRAINING, Employment, training_reason

TODAY = dt.date(2026, 1, 5)


def sites(n: int = 300) -> list[SchoolSite]:
    rng = random.Random(0)
    return [
        SchoolSite(
            urn=100_000 + k,
            location=(rng.uniform(50.5, 54.5), rng.uniform(-3.0, 0.5)),
            phase=rng.choice(["Primary", "Primary", "Primary", "Secondary", "Special"]),
            trust_id=f"T{k % 40}" if k % 2 else None,
        )
        for k in range(n)
    ]


def test_the_same_seed_gives_the_same_workforce_and_another_seed_a_different_one() -> None:
    small = WorkforceShape(employed=20, contracted=50)
    first = generate_workforce(sites(), seed=7, today=TODAY, shape=small)
    assert first == generate_workforce(sites(), seed=7, today=TODAY, shape=small)
    assert first != generate_workforce(sites(), seed=8, today=TODAY, shape=small)


def test_the_default_workforce_is_national_in_size_and_every_record_says_it_is_fictional() -> None:
    people = generate_workforce(sites(), seed=1, today=TODAY)
    employed = [p for p in people if p.employment is Employment.EMPLOYED]
    contracted = [p for p in people if p.employment is Employment.CONTRACTED]
    assert len(employed) >= 300 and len(contracted) > 1000
    assert all(p.generated and "fictional" in p.name for p in people)
    assert len({p.id for p in people}) == len(people)


def test_homes_lie_near_schools_and_leads_include_some_contracted_inspectors() -> None:
    schools = sites()
    people = generate_workforce(schools, seed=2, today=TODAY, shape=WorkforceShape(employed=30, contracted=100))
    nearest = [min(haversine_km(p.home, s.location) for s in schools) for p in people]
    assert sorted(nearest)[len(nearest) // 2] < 15  # the median home is within a short drive of a school
    assert all(p.can_lead for p in people if p.employment is Employment.EMPLOYED)
    assert 0 < sum(p.may_lead for p in people if p.employment is Employment.CONTRACTED) < 100


def test_some_training_has_lapsed_some_have_conflicts_and_everyone_has_leave() -> None:
    people = generate_workforce(sites(), seed=3, today=TODAY)
    lapsed = [p for p in people if training_reason(p, TODAY, DEFAULT_REQUIRED_TRAINING)]
    assert 0 < len(lapsed) < len(people) / 10
    assert any(p.conflicts.worked_at_urns for p in people) and any(p.conflicts.trust_ids for p in people)
    assert all(p.leave for p in people)
