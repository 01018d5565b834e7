"""Who is due for inspection, and in what order: the pure core of national scheduling (issue 5, item 1).

Plain records describing each school as the register holds it go in (`school`); the policy in force on the
plan's start date (`policy`) says which rule applies (`rules`) and an explainable priority is added up from
named factors (`priority`); the queue of `DueEntry` comes out (`queue`). "Today" is always a parameter.
See docs/adr/0008-who-is-due.md.
"""

from inspectorate.domain.scheduling.policy import POLICIES, DuePolicy, DueRule, policy_on
from inspectorate.domain.scheduling.priority import Factor
from inspectorate.domain.scheduling.queue import DueEntry, due_entry, due_queue
from inspectorate.domain.scheduling.school import (
    BlockedDates,
    GradedInspection,
    ReturnedInspection,
    ReturnReason,
    SchoolOnRegister,
    UngradedInspection,
)

__all__ = [
    "POLICIES",
    "BlockedDates",
    "DueEntry",
    "DuePolicy",
    "DueRule",
    "Factor",
    "GradedInspection",
    "ReturnReason",
    "ReturnedInspection",
    "SchoolOnRegister",
    "UngradedInspection",
    "due_entry",
    "due_queue",
    "policy_on",
]
