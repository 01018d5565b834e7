"""Which due rule applies to a school under a policy, and the dates it gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from inspectorate.domain.scheduling.months import add_months, end_of_school_year_after
from inspectorate.domain.scheduling.policy import CountsFrom, DuePolicy, DueRule
from inspectorate.domain.scheduling.school import SchoolOnRegister
from inspectorate.domain.scheduling.standing import Standing, standing_of

OUTSTANDING = "1"
MONITORED = frozenset({Standing.IN_CATEGORY, Standing.INADEQUATE, Standing.NEEDS_ATTENTION})


@dataclass(frozen=True)
class Due:
    rule: DueRule
    rule_date: dt.date  # what the rule alone gives
    statutory_latest: dt.date | None  # None: no previous inspection to count from

    @property
    def due_date(self) -> dt.date:
        # A rule's interval can never carry a school past the law's latest date.
        if self.statutory_latest is None:
            return self.rule_date
        return min(self.rule_date, self.statutory_latest)


def statutory_latest(school: SchoolOnRegister, policy: DuePolicy) -> dt.date | None:
    last = school.last_inspected
    if last is None:
        return None
    return end_of_school_year_after(last, policy.ceiling.school_years_after(last))


def due_under(school: SchoolOnRegister, policy: DuePolicy, today: dt.date) -> Due | None:
    """The rule that applies and its dates; None for a school the policy exempts from routine inspection."""
    rule = applicable_rule(school, policy)
    if rule is None:
        return None
    return Due(rule, _rule_date(rule, school, today), statutory_latest(school, policy))


def applicable_rule(school: SchoolOnRegister, policy: DuePolicy) -> DueRule | None:
    graded = school.latest_graded
    if school.last_inspected is None:
        return policy.never_inspected
    if graded is None:
        return policy.routine  # only an ungraded visit on record: the routine interval runs from it
    standing = standing_of(graded)
    if standing is Standing.INADEQUATE_SOLELY_FOR_SAFEGUARDING:
        back = policy.safeguarding_return
        if (
            back
            and graded.publication_date
            and graded.publication_date >= (back.for_reports_published_from or dt.date.min)
        ):
            return policy.reinspection if _monitored_since(school) else back
        standing = Standing.IN_CATEGORY  # before the return rule such a school was treated like any inadequate one
    if standing in MONITORED:
        return policy.reinspection if _monitored_since(school) else policy.monitoring
    if standing is Standing.REQUIRES_IMPROVEMENT:
        return policy.reinspection
    if policy.outstanding_exemption and graded.overall_effectiveness == OUTSTANDING:
        return None
    return policy.routine


def _monitored_since(school: SchoolOnRegister) -> bool:
    """A later ungraded visit is the monitoring inspection; what is due next is the graded re-inspection."""
    graded, ungraded = school.latest_graded, school.latest_ungraded
    return bool(graded and ungraded and ungraded.start_date > graded.start_date)


def _rule_date(rule: DueRule, school: SchoolOnRegister, today: dt.date) -> dt.date:
    if rule.counts_from is CountsFrom.PLAN_START or school.last_inspected is None:
        return add_months(today, rule.months)
    if rule.counts_from is CountsFrom.PUBLICATION and school.latest_graded is not None:
        return add_months(school.latest_graded.counting_from_publication, rule.months)
    return add_months(school.last_inspected, rule.months)
