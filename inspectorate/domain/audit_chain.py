"""The audit trail's hash chain: each entry's hash covers its content and the previous entry's hash.

Editing, inserting or deleting an entry breaks every later link, so `verify` names the first entry that no longer
fits. The newest entries have no later link to break: an anchor (the chain head written periodically outside the
table, say to a file) catches a change to them, and a deletion of the newest entries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class Entry:
    sequence: int
    content: Mapping[str, Any]  # who, when, what, which object: JSON-serialisable
    previous_hash: str
    entry_hash: str


@dataclass(frozen=True)
class Anchor:
    sequence: int
    entry_hash: str


@dataclass(frozen=True)
class Break:
    sequence: int
    problem: str

    def __str__(self) -> str:
        return f"entry {self.sequence}: {self.problem}"


def entry_hash(sequence: int, content: Mapping[str, Any], previous_hash: str) -> str:
    # Canonical JSON so that the same content always hashes the same, whatever the dict order.
    body = json.dumps(
        {"sequence": sequence, "content": content, "previous": previous_hash},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def next_entry(previous: Entry | None, content: Mapping[str, Any]) -> Entry:
    sequence = 1 if previous is None else previous.sequence + 1
    prev_hash = GENESIS if previous is None else previous.entry_hash
    return Entry(sequence, content, prev_hash, entry_hash(sequence, content, prev_hash))


def verify(entries: Iterable[Entry], anchors: Iterable[Anchor] = ()) -> list[Break]:
    """Every place where the chain does not hold, in order; an empty list means the trail is intact."""
    breaks: list[Break] = []
    by_sequence: dict[int, Entry] = {}
    expected_sequence = 1
    previous_hash = GENESIS
    for entry in entries:
        if entry.sequence != expected_sequence:
            kind = "missing before it (deleted?)" if entry.sequence > expected_sequence else "out of order or inserted"
            breaks.append(Break(entry.sequence, f"expected entry {expected_sequence}; entries {kind}"))
        if entry.previous_hash != previous_hash:
            breaks.append(Break(entry.sequence, "does not link to the entry before it (inserted or deleted?)"))
        if entry_hash(entry.sequence, entry.content, entry.previous_hash) != entry.entry_hash:
            breaks.append(Break(entry.sequence, "its content does not match its hash (edited)"))
        by_sequence[entry.sequence] = entry
        expected_sequence = entry.sequence + 1
        previous_hash = entry.entry_hash
    for anchor in anchors:
        anchored = by_sequence.get(anchor.sequence)
        if anchored is None:
            breaks.append(Break(anchor.sequence, "recorded in an anchor but no longer in the trail (deleted)"))
        elif anchored.entry_hash != anchor.entry_hash:
            breaks.append(Break(anchor.sequence, "differs from the hash recorded in the anchor (rewritten)"))
    return breaks
