"""The queue of due schools: one `DueEntry` per school, each carrying the reason for its place."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from inspectorate.domain.scheduling.policy import DuePolicy, DueRule, policy_on
from inspectorate.domain.scheduling.priority import Factor, Situation, factors_for
from inspectorate.domain.scheduling.rules import due_under
from inspectorate.domain.scheduling.school import BlockedDates, ReturnedInspection, SchoolOnRegister
from inspectorate.domain.scheduling.standing import standing_of


@dataclass(frozen=True)
class DueEntry:
    urn: int
    rule: DueRule
    policy_name: str
    policy_effective_from: dt.date
    due_date: dt.date
    statutory_latest: dt.date | None
    factors: tuple[Factor, ...]
    cannot_take: tuple[BlockedDates, ...] = ()

    @property
    def priority(self) -> int:
        return sum(f.points for f in self.factors)

    def explain(self) -> str:
        latest = self.statutory_latest or "none (no previous inspection to count from)"
        checked = "" if self.rule.verified else " [rule not verified against a primary source]"
        lines = [
            f"URN {self.urn}: {self.rule.inspection} inspection due {self.due_date} under the rule "
            f'"{self.rule.name}"{checked}, in the policy "{self.policy_name}" '
            f"(in force from {self.policy_effective_from}).",
            f"Statutory latest date: {latest}.",
            f"Priority {self.priority}:" if self.factors else "Priority 0: no factor raises it.",
            *(f"- {f.points} points, {f.name}: {f.reason}" for f in self.factors),
            *(f"Cannot take {b.first_day} to {b.last_day}: {b.reason or 'no reason given'}." for b in self.cannot_take),
        ]
        return "\n".join(lines)


def due_entry(
    school: SchoolOnRegister,
    today: dt.date,
    returned: Iterable[ReturnedInspection] = (),
    policy: DuePolicy | None = None,
) -> DueEntry | None:
    """The school's place in the queue on `today` (the plan's start date); None when the policy exempts it."""
    policy = policy or policy_on(today)
    due = due_under(school, policy, today)
    if due is None:
        return None
    mine = tuple(r for r in returned if r.urn == school.urn)
    standing = standing_of(school.latest_graded) if school.latest_graded else None
    situation = Situation(school, standing, due.due_date, due.statutory_latest, today, mine)
    return DueEntry(
        urn=school.urn,
        rule=due.rule,
        policy_name=policy.name,
        policy_effective_from=policy.effective_from,
        due_date=due.due_date,
        statutory_latest=due.statutory_latest,
        factors=factors_for(situation, policy.weights),
        cannot_take=tuple(b for r in mine for b in r.cannot_take),
    )


def due_queue(
    schools: Iterable[SchoolOnRegister], today: dt.date, returned: Iterable[ReturnedInspection] = ()
) -> tuple[DueEntry, ...]:
    """Every school not exempt, highest priority first, then earliest due, then URN so the order is stable."""
    policy = policy_on(today)
    by_urn: dict[int, list[ReturnedInspection]] = defaultdict(list)
    for r in returned:
        by_urn[r.urn].append(r)
    schools = tuple(schools)
    # A returned inspection for a school the register no longer holds must not vanish from the queue unseen.
    unknown = sorted(set(by_urn) - {s.urn for s in schools})
    if unknown:
        raise ValueError(f"Returned inspections for URNs not on the register: {', '.join(map(str, unknown))}")
    entries = (due_entry(s, today, by_urn.get(s.urn, ()), policy) for s in schools)
    return tuple(sorted((e for e in entries if e), key=lambda e: (-e.priority, e.due_date, e.urn)))
