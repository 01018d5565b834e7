"""Comparing a file's records with what the register holds, field by field, to say what an import would
create, update or leave unchanged. Only the fields a record gives are compared (see records).

The imports compare whole frames at once (frame_changes); `change_plan`, record by record, is the plain
statement of the rule that the frame comparison is tested against."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

EXAMPLES_KEPT = 5

type Values = Mapping[str, object]


@dataclass(frozen=True)
class Update[K: Hashable]:
    key: K
    values: Values
    changed: tuple[str, ...]


@dataclass(frozen=True)
class ChangePlan[K: Hashable]:
    creates: tuple[tuple[K, Values], ...]
    updates: tuple[Update[K], ...]
    unchanged: int


@dataclass(frozen=True)
class Tally[K: Hashable]:
    created: int
    updated: int
    unchanged: int
    fields_changed: Mapping[str, int]  # field -> how many records it changed in, most first
    examples: tuple[Update[K], ...]  # the first few updates, to show what changed

    @classmethod
    def of(cls, plan: ChangePlan[K]) -> Tally[K]:
        return cls.counted(created=len(plan.creates), updates=plan.updates, unchanged=plan.unchanged)

    @classmethod
    def counted(cls, *, created: int, updates: Sequence[Update[K]], unchanged: int) -> Tally[K]:
        counts = Counter(name for update in updates for name in update.changed)
        return cls(
            created=created,
            updated=len(updates),
            unchanged=unchanged,
            fields_changed=dict(counts.most_common()),
            examples=tuple(updates[:EXAMPLES_KEPT]),
        )


def change_plan[K: Hashable](incoming: Mapping[K, Values], stored: Mapping[K, Values]) -> ChangePlan[K]:
    creates: list[tuple[K, Values]] = []
    updates: list[Update[K]] = []
    unchanged = 0
    for key, values in incoming.items():
        held = stored.get(key)
        if held is None:
            creates.append((key, values))
            continue
        changed = tuple(name for name, value in values.items() if held.get(name) != value)
        if changed:
            updates.append(Update(key, values, changed))
        else:
            unchanged += 1
    return ChangePlan(creates=tuple(creates), updates=tuple(updates), unchanged=unchanged)


def changed_fields(updates: tuple[Update[Any], ...]) -> list[str]:
    """Every field any update changes: the columns an upsert must overwrite."""
    return sorted({name for update in updates for name in update.changed})
