"""Comparing record frames with what the register holds, column by column: the same verdicts as `changes`
(create, update, unchanged; a field a record does not give is not compared) for a whole file at once.
Only the updated records are looked at one by one, to say which of their fields changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from inspectorate.domain.register.changes import Tally, Update
from inspectorate.domain.register.record_frames import LINE, POSITION, RecordFrame, record_key

NEW = "not held"
DIFFERS = "differs"
STORED = " as stored"  # the suffix of the register's value of a field, beside the file's

type Placed = tuple[tuple[int, int], Update[Any]]  # an update and where its record stands in the file


@dataclass(frozen=True)
class FrameChanges:
    creates: tuple[RecordFrame, ...]  # records the register does not hold
    updates: tuple[RecordFrame, ...]  # records with a value that differs from the register's
    changed: tuple[Update[Any], ...]  # the updates in file order, each naming the fields that changed
    unchanged: int

    @property
    def tally(self) -> Tally[Any]:
        created = sum(group.height for group in self.creates)
        return Tally.counted(created=created, updates=self.changed, unchanged=self.unchanged)


def frame_changes(incoming: Sequence[RecordFrame], stored: pl.DataFrame) -> FrameChanges:
    """`stored` holds the register's rows: the key's columns and every field any incoming record gives."""
    creates, updates = [], []
    placed: list[Placed] = []
    unchanged = 0
    for group in incoming:
        compared = [name for name in group.fields if name not in group.key]
        flagged = _flagged(group, stored, compared)
        creates.append(_kept(group, flagged.filter(pl.col(NEW))))
        updated = flagged.filter(~pl.col(NEW) & pl.col(DIFFERS))
        updates.append(_kept(group, updated))
        placed += _placed_updates(group, updated, compared)
        unchanged += flagged.height - creates[-1].height - updated.height
    placed.sort(key=lambda update: update[0])
    return FrameChanges(
        creates=tuple(creates),
        updates=tuple(updates),
        changed=tuple(update for _, update in placed),
        unchanged=unchanged,
    )


def _flagged(group: RecordFrame, stored: pl.DataFrame, compared: Sequence[str]) -> pl.DataFrame:
    """The group's frame with, per record: whether the register lacks it, whether any field differs, and per
    field whether it does (a missing value equals only a missing value)."""
    held = stored.select(*group.key, *compared).with_columns(pl.lit(value=False).alias(NEW))
    joined = group.frame.join(held, on=list(group.key), how="left", suffix=STORED, maintain_order="left")
    changes = [pl.col(name).ne_missing(pl.col(name + STORED)).alias(_changed(name)) for name in compared]
    differs = pl.any_horizontal(_changed(name) for name in compared) if compared else pl.lit(value=False)
    return joined.with_columns(pl.col(NEW).fill_null(value=True), *changes).with_columns(differs.alias(DIFFERS))


def _changed(name: str) -> str:
    return f"{name} changed"


def _kept(group: RecordFrame, flagged: pl.DataFrame) -> RecordFrame:
    return RecordFrame(group.key, group.fields, flagged.select(group.frame.columns))


def _placed_updates(group: RecordFrame, updated: pl.DataFrame, compared: Sequence[str]) -> list[Placed]:
    placed = []
    for row in updated.iter_rows(named=True):
        key = record_key(row, group.key)
        values = {name: row[name] for name in group.fields}
        changed = tuple(name for name in compared if row[_changed(name)])
        placed.append(((row[LINE], row.get(POSITION, 0)), Update(key, values, changed)))
    return placed
