"""The lifecycle's deadlines and limits, as policy data with effective dates.

Values the process reference marks UNVERIFIED are here rather than in code, so that an inspectorate can correct
them from a date without touching the workflow: the 30-working-day publication target (reported by schools, not
found in the handbook), and the renewed framework's suspend-and-return period (from a union summary).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class LifecyclePolicy:
    effective_from: dt.date
    factual_accuracy_working_days: int = 5  # since September 2020 (process reference, section 6)
    publication_target_working_days: int = 30  # UNVERIFIED against the handbook (section 6)
    pause_normal_working_days: int = 1  # a pause normally runs to the next working day (section 4)
    pause_limit_working_days: int = 5  # the pausing policy's maximum, then the inspection is incomplete (section 4)
    suspend_and_return_months: int = 3  # UNVERIFIED: NEU summary of the renewed arrangements (section 5)
    unverified: tuple[str, ...] = ("publication_target_working_days", "suspend_and_return_months")


POLICIES: tuple[LifecyclePolicy, ...] = (LifecyclePolicy(effective_from=dt.date(2020, 9, 1)),)


def lifecycle_policy_on(day: dt.date, policies: tuple[LifecyclePolicy, ...] = POLICIES) -> LifecyclePolicy:
    """The policy in force on `day`: the latest that had taken effect (the earliest one before any)."""
    in_force = [p for p in policies if p.effective_from <= day]
    if not in_force:
        return min(policies, key=lambda p: p.effective_from)
    return max(in_force, key=lambda p: p.effective_from)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
