"""Appending to the audit trail, anchoring its head outside the database, and verifying it (docs/adr/0010)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from inspectorate.audit.models import AuditEntry, AuditHead
from inspectorate.domain import audit_chain
from inspectorate.domain.audit_chain import GENESIS, Anchor, Break, Entry

HEAD_ID = 1


def _plain(value: Mapping[str, Any]) -> dict[str, Any]:
    # Store exactly what was hashed: dates and decimals become strings once, here, never again on reading. Not
    # sorted here (keys of mixed types, say 7 and "area", cannot be): the hash sorts the keys once they are text.
    plain: dict[str, Any] = json.loads(json.dumps(value, default=str))
    return plain


def audit_record(
    *,
    action: str,
    actor: Any | None,
    object_type: str = "",
    object_id: str | int = "",
    details: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Append one entry. Call it inside the use case's transaction, so the entry and the change land together."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(
            pk=HEAD_ID, defaults={"sequence": 0, "entry_hash": GENESIS}
        )
        when = at or timezone.now()
        if timezone.is_naive(when):
            # A naive time would be stored as UTC by the database but kept as written in the content, and the two
            # would then disagree: verify would report the entry's `at` as edited.
            when = timezone.make_aware(when)
        username = getattr(actor, "username", "") or ""
        content = _plain(
            {
                "at": when.isoformat(),
                "actor": username,
                "action": action,
                "object_type": object_type,
                "object_id": str(object_id),
                "details": dict(details or {}),
            }
        )
        previous = Entry(head.sequence, {}, "", head.entry_hash) if head.sequence else None
        entry = audit_chain.next_entry(previous, content)
        row = AuditEntry.objects.create(
            sequence=entry.sequence,
            at=when,
            actor_username=username,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            content=content,
            previous_hash=entry.previous_hash,
            entry_hash=entry.entry_hash,
        )
        head.sequence = entry.sequence
        head.entry_hash = entry.entry_hash
        head.save(update_fields=["sequence", "entry_hash"])
        every = max(1, int(settings.AUDIT_ANCHOR_EVERY))
        if entry.sequence % every == 0:
            anchor = Anchor(entry.sequence, entry.entry_hash)
            # Only once the entry is really committed: an anchor for a rolled-back entry would look like a deletion.
            # robust: the use case has committed by then; a full disk or a read-only anchor file must not turn
            # it into an error page. The failure is logged, and the next anchor covers this entry too.
            transaction.on_commit(lambda: anchor_write(anchor), robust=True)
    return row


def anchor_file() -> Path:
    return Path(settings.AUDIT_ANCHOR_FILE)


def anchor_write(anchor: Anchor, path: Path | None = None) -> None:
    target = path or anchor_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(
        {"sequence": anchor.sequence, "entry_hash": anchor.entry_hash, "written_at": timezone.now().isoformat()}
    )
    with target.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def audit_anchor_now(path: Path | None = None) -> Anchor | None:
    """Write the current head to the anchor file (for a scheduled job); None when the trail is empty."""
    head = AuditHead.objects.filter(pk=HEAD_ID).first()
    if head is None or head.sequence == 0:
        return None
    anchor = Anchor(head.sequence, head.entry_hash)
    anchor_write(anchor, path)
    return anchor


class AnchorFileError(Exception):
    pass


def anchors_read(path: Path | None = None) -> list[Anchor]:
    source = path or anchor_file()
    if not source.exists():
        return []
    anchors = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            anchors.append(Anchor(int(data["sequence"]), str(data["entry_hash"])))
        except (ValueError, KeyError, TypeError) as err:
            raise AnchorFileError(f"{source}, line {number}: not an anchor ({err})") from err
    return anchors


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    anchors: int
    breaks: list[Break]

    @property
    def intact(self) -> bool:
        return not self.breaks


def _entries() -> Iterator[tuple[AuditEntry, Entry]]:
    for row in AuditEntry.objects.order_by("sequence", "pk").iterator(chunk_size=2000):
        yield row, Entry(row.sequence, row.content, row.previous_hash, row.entry_hash)


def _copies_disagree(row: AuditEntry) -> list[str]:
    content = row.content if isinstance(row.content, dict) else {}
    problems = []
    for column, key in (
        ("actor_username", "actor"),
        ("action", "action"),
        ("object_type", "object_type"),
        ("object_id", "object_id"),
    ):
        if str(getattr(row, column)) != str(content.get(key, "")):
            problems.append(column)
    if content.get("at") != row.at.isoformat() and _moment(content.get("at")) != row.at:
        problems.append("at")
    return problems


def _moment(value: object) -> dt.datetime | None:
    # Content edited by hand may hold anything here: an unreadable time is a difference to report, not a crash.
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def audit_verify(path: Path | None = None) -> VerifyReport:
    """Check the whole chain, then the anchors; every break names its entry."""
    anchors = anchors_read(path)
    extra: list[Break] = []
    count = 0

    def walk() -> Iterator[Entry]:
        nonlocal count
        for row, entry in _entries():
            count += 1
            if columns := _copies_disagree(row):
                extra.append(Break(row.sequence, f"its {', '.join(columns)} column(s) were edited"))
            yield entry

    breaks = audit_chain.verify(walk(), anchors)
    all_breaks = sorted([*breaks, *extra, *_head_disagrees()], key=lambda b: b.sequence)
    return VerifyReport(entries=count, anchors=len(anchors), breaks=all_breaks)


def _head_disagrees() -> list[Break]:
    """The head row is written only by audit_record, in the same transaction as the entry: the newest entry must be
    the one it names. This catches what the chain alone cannot: the newest entries deleted, a forged entry appended
    after them, or the newest entry rewritten with a recomputed hash (unless the head was rewritten too; then only
    an anchor catches it)."""
    head = AuditHead.objects.filter(pk=HEAD_ID).first()
    newest = AuditEntry.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
    last, last_hash = newest or (0, audit_chain.GENESIS)
    if head is None:
        return [Break(last, "the chain's head row is missing")] if last else []
    if last < head.sequence:
        return [Break(head.sequence, f"missing: the trail ends at entry {last} but its head says {head.sequence}")]
    if last > head.sequence:
        return [Break(last, f"beyond the chain's head (entry {head.sequence}): added without the audit service")]
    if last and last_hash != head.entry_hash:
        return [Break(last, "its hash differs from the chain's head (rewritten)")]
    return []
