"""The audit trail against someone who edits the database by hand: every change is named by its entry.

Anchors are appended to the anchor file only after commit, so each test captures the commit callbacks and runs
them, with the anchor file in the test's own folder. Runs on SQLite and PostgreSQL, whose JSON columns hand the
content back differently (text as written; jsonb re-ordered and re-spaced): verify must pass on both.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from inspectorate.audit.models import AuditEntry, AuditHead
from inspectorate.audit.services import anchors_read, audit_record, audit_verify
from inspectorate.domain.audit_chain import GENESIS, entry_hash

pytestmark = pytest.mark.django_db

ENTRY = AuditEntry._meta.db_table
HEAD = AuditHead._meta.db_table


@pytest.fixture
def anchor_file(settings: Any, tmp_path: Path) -> Path:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    settings.AUDIT_ANCHOR_EVERY = 1
    return Path(settings.AUDIT_ANCHOR_FILE)


@pytest.fixture
def trail(anchor_file: Path, django_capture_on_commit_callbacks: Callable[..., Any]) -> Iterator[list[AuditEntry]]:
    """Five committed entries (a planned inspection's first steps), each anchored."""
    with django_capture_on_commit_callbacks(execute=True):
        entries = [
            audit_record(
                action=f"inspection.{action}",
                actor=None,
                object_type="inspection",
                object_id=42,
                details={"step": number, "reason": "Fictional school; nothing real"},
                at=timezone.make_aware(dt.datetime(2026, 3, 2, 9 + number)),
            )
            for number, action in enumerate(["plan", "notify", "hold_planning_call", "arrive_on_site", "pause"])
        ]
    yield entries


def _json(content: dict[str, Any]) -> str:
    return json.dumps(content)


def _raw(template: str, params: list[Any]) -> None:
    """SQL written by hand, as someone with database access would: no model, no service, no signal. The template
    names the tables {entry} and {head}, and {json} where a JSON value goes (PostgreSQL wants it cast to jsonb)."""
    json_value = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.execute(template.format(entry=ENTRY, head=HEAD, json=json_value), params)


def _set_content(sequence: int, content: dict[str, Any], *, rehash: bool = False) -> None:
    if rehash:
        previous = AuditEntry.objects.get(sequence=sequence).previous_hash
        forged_hash = entry_hash(sequence, content, previous)
        _raw(
            "UPDATE {entry} SET content = {json}, entry_hash = %s WHERE sequence = %s",
            [_json(content), forged_hash, sequence],
        )
    else:
        _raw("UPDATE {entry} SET content = {json} WHERE sequence = %s", [_json(content), sequence])


def _insert(sequence: int, content: dict[str, Any], previous_hash: str) -> None:
    """A forged entry with a correct link and a correctly computed hash: the strongest insertion there is."""
    _raw(
        "INSERT INTO {entry} (sequence, at, actor_username, action, object_type, object_id, content, "
        "previous_hash, entry_hash) VALUES (%s, %s, %s, %s, %s, %s, {json}, %s, %s)",
        [
            sequence,
            dt.datetime.fromisoformat(content["at"]),
            content["actor"],
            content["action"],
            content["object_type"],
            content["object_id"],
            _json(content),
            previous_hash,
            entry_hash(sequence, content, previous_hash),
        ],
    )


def _renumber_from(sequence: int, by: int) -> None:
    # Two steps so that no row ever takes a sequence another still holds (the column is unique).
    _raw("UPDATE {entry} SET sequence = sequence + 1000000 WHERE sequence >= %s", [sequence])
    _raw("UPDATE {entry} SET sequence = sequence - 1000000 + %s WHERE sequence >= %s", [by, 1000000 + sequence])


def _forged(at: str = "2026-03-02T10:30:00+00:00") -> dict[str, Any]:
    return {
        "at": at,
        "actor": "lead",
        "action": "inspection.publish",
        "object_type": "inspection",
        "object_id": "42",
        "details": {"forged": True},
    }


def _named(report: Any) -> set[int]:
    return {b.sequence for b in report.breaks}


def _verify_output() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("audit", "verify", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- an intact trail -------------------------------------------------------------------------------------------


def test_each_entry_links_to_the_one_before_and_every_commit_appends_an_anchor(
    trail: list[AuditEntry], anchor_file: Path
) -> None:
    rows = list(AuditEntry.objects.order_by("sequence"))
    assert [r.sequence for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].previous_hash == GENESIS
    assert all(later.previous_hash == earlier.entry_hash for earlier, later in itertools.pairwise(rows))
    assert [(a.sequence, a.entry_hash) for a in anchors_read(anchor_file)] == [(r.sequence, r.entry_hash) for r in rows]
    head = AuditHead.objects.get()
    assert (head.sequence, head.entry_hash) == (5, rows[-1].entry_hash)


def test_an_intact_trail_verifies_and_the_command_says_it_is_intact(trail: list[AuditEntry]) -> None:
    report = audit_verify()
    assert report.intact
    assert (report.entries, report.anchors) == (5, 5)
    out, err = _verify_output()
    assert "intact" in out
    assert "5 entries" in out
    assert err == ""


def test_content_of_every_json_kind_round_trips_through_the_database_and_verifies(
    anchor_file: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    awkward: dict[Any, Any] = {
        "text": "Café, “quoted” \\ back-slashed \t tabbed, ünïcödé, emoji 🏫",
        "numbers": [0, -1, 2**53 + 1, 0.1, 1e-7, 12345.678],
        "nested": {"b": [True, False, None], "a": {"z": "", "é": "key order and non-ASCII keys"}},
        "date": dt.date(2026, 3, 2),
        "decimal": Decimal("3.10"),
        "empty": {},
        7: "a number as a key",
    }
    with django_capture_on_commit_callbacks(execute=True):
        audit_record(action="test.awkward", actor=None, details=awkward)
        audit_record(action="test.after", actor=None, details={})
    report = audit_verify()
    assert report.intact, report.breaks
    stored = AuditEntry.objects.get(sequence=1).content["details"]
    assert stored["date"] == "2026-03-02"
    assert stored["decimal"] == "3.10"
    assert stored["7"] == "a number as a key"


def test_a_naive_time_is_stored_so_that_it_still_verifies(anchor_file: Path) -> None:
    audit_record(action="test.naive", actor=None, at=dt.datetime(2026, 3, 2, 9, 0))  # naive on purpose
    assert audit_verify().intact


def test_no_anchor_is_written_for_an_entry_whose_transaction_rolled_back(
    anchor_file: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        audit_record(action="test.kept", actor=None)
        with pytest.raises(RuntimeError), transaction.atomic():
            audit_record(action="test.rolled_back", actor=None)
            raise RuntimeError("the use case failed after its audit entry")
    assert [a.sequence for a in anchors_read(anchor_file)] == [1]
    assert audit_verify().intact


def test_an_anchor_file_that_cannot_be_written_does_not_undo_or_fail_the_committed_action(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Callable[..., Any], caplog: Any
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the anchor folder should be")
    settings.AUDIT_ANCHOR_FILE = blocker / "anchors.jsonl"
    with django_capture_on_commit_callbacks(execute=True):
        audit_record(action="test.kept", actor=None)
    assert AuditEntry.objects.filter(action="test.kept").exists()
    assert "anchor_write" in caplog.text


# --- entries edited by hand ------------------------------------------------------------------------------------


def test_an_entry_whose_content_is_edited_in_the_database_is_named(trail: list[AuditEntry]) -> None:
    content = dict(AuditEntry.objects.get(sequence=3).content)
    content["details"] = {"step": 2, "reason": "Nobody was told"}
    _set_content(3, content)
    report = audit_verify()
    assert _named(report) == {3}
    assert "edited" in report.breaks[0].problem


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(trail: list[AuditEntry]) -> None:
    content = dict(AuditEntry.objects.get(sequence=3).content)
    content["actor"] = ""
    content["details"] = {"step": 2, "reason": "rewritten by someone who knows the hash"}
    _set_content(3, content, rehash=True)
    _raw("UPDATE {entry} SET actor_username = '' WHERE sequence = 3", [])
    report = audit_verify()
    assert _named(report) == {3, 4}
    problems = {b.sequence: b.problem for b in report.breaks}
    assert "anchor" in problems[3]
    assert "does not link" in problems[4]


def test_an_edited_copy_column_is_named_even_though_the_hash_still_holds(trail: list[AuditEntry]) -> None:
    _raw("UPDATE {entry} SET action = %s WHERE sequence = %s", ["inspection.withdraw", 2])
    report = audit_verify()
    assert _named(report) == {2}
    assert "action" in report.breaks[0].problem


def test_an_edited_time_column_is_named(trail: list[AuditEntry]) -> None:
    _raw("UPDATE {entry} SET at = %s WHERE sequence = %s", [timezone.make_aware(dt.datetime(2025, 1, 1)), 4])
    report = audit_verify()
    assert _named(report) == {4}
    assert "at" in report.breaks[0].problem


def test_content_edited_into_something_unreadable_is_named_not_a_crash(trail: list[AuditEntry]) -> None:
    content = dict(AuditEntry.objects.get(sequence=2).content)
    content["at"] = "last Tuesday"
    _set_content(2, content)
    assert _named(audit_verify()) == {2}


# --- entries inserted or deleted -------------------------------------------------------------------------------


def test_an_entry_inserted_in_the_middle_is_named_where_it_went_in(trail: list[AuditEntry]) -> None:
    _renumber_from(3, by=1)
    _insert(3, _forged(), previous_hash=AuditEntry.objects.get(sequence=2).entry_hash)
    report = audit_verify()
    problems = {b.sequence: b.problem for b in report.breaks}
    # The forged entry links and hashes correctly, but the anchor for entry 3 names another hash; and the entry
    # it pushed along (was 3, now 4) no longer fits its own hash or link.
    assert min(problems) == 3
    assert "anchor" in problems[3]
    assert 4 in problems


def test_an_entry_appended_without_the_audit_service_is_named(trail: list[AuditEntry]) -> None:
    _insert(6, _forged("2026-03-02T16:00:00+00:00"), previous_hash=AuditEntry.objects.get(sequence=5).entry_hash)
    report = audit_verify()
    assert _named(report) == {6}
    assert "without the audit service" in report.breaks[0].problem


def test_a_deleted_middle_entry_is_named(trail: list[AuditEntry]) -> None:
    _raw("DELETE FROM {entry} WHERE sequence = %s", [3])
    report = audit_verify()
    assert 4 in _named(report)
    assert any("expected entry 3" in b.problem for b in report.breaks)


# --- the newest entry: no later link to break, so the head row and the anchor file catch it --------------------


def test_the_newest_entry_rewritten_with_its_hash_and_the_head_is_caught_by_the_anchor(
    trail: list[AuditEntry], anchor_file: Path
) -> None:
    content = dict(AuditEntry.objects.get(sequence=5).content)
    content["details"] = {"step": 4, "reason": "never paused"}
    _set_content(5, content, rehash=True)
    _raw("UPDATE {head} SET entry_hash = %s", [AuditEntry.objects.get(sequence=5).entry_hash])
    report = audit_verify()
    assert _named(report) == {5}
    assert "anchor" in report.breaks[0].problem


def test_without_the_anchor_file_that_rewrite_goes_unseen_which_is_why_the_file_is_kept_elsewhere(
    trail: list[AuditEntry], anchor_file: Path
) -> None:
    content = dict(AuditEntry.objects.get(sequence=5).content)
    content["details"] = {"step": 4, "reason": "never paused"}
    _set_content(5, content, rehash=True)
    _raw("UPDATE {head} SET entry_hash = %s", [AuditEntry.objects.get(sequence=5).entry_hash])
    anchor_file.unlink()
    assert audit_verify().intact


def test_the_newest_entry_rewritten_with_its_hash_but_not_the_head_is_named(trail: list[AuditEntry]) -> None:
    content = dict(AuditEntry.objects.get(sequence=5).content)
    content["details"] = {"step": 4, "reason": "never paused"}
    _set_content(5, content, rehash=True)
    assert _named(audit_verify()) == {5}


def test_the_newest_entry_deleted_is_caught_by_the_head_and_by_the_anchor(
    trail: list[AuditEntry], anchor_file: Path
) -> None:
    _raw("DELETE FROM {entry} WHERE sequence = %s", [5])
    assert _named(audit_verify()) == {5}
    # Also winding the head back to entry 4 leaves the anchor file as the only witness.
    _raw("UPDATE {head} SET sequence = %s, entry_hash = %s", [4, AuditEntry.objects.get(sequence=4).entry_hash])
    report = audit_verify()
    assert _named(report) == {5}
    assert "deleted" in report.breaks[0].problem


# --- the command -----------------------------------------------------------------------------------------------


def test_the_command_fails_and_names_the_entry_when_the_trail_was_altered(trail: list[AuditEntry]) -> None:
    _raw("UPDATE {entry} SET object_id = %s WHERE sequence = %s", ["43", 2])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify", stdout=out, stderr=err)
    assert failure.value.returncode != 0
    assert "Entry 2:" in err.getvalue()
    assert "object_id" in err.getvalue()
    assert "entry 2" in str(failure.value)
    assert "intact" not in out.getvalue()


def test_the_command_refuses_an_anchor_file_it_cannot_read_and_names_the_line(
    trail: list[AuditEntry], anchor_file: Path
) -> None:
    with anchor_file.open("a", encoding="utf-8") as handle:
        handle.write("not an anchor\n")
    with pytest.raises(CommandError, match=r"line 6"):
        _verify_output()


def test_anchor_now_writes_the_head_to_the_file_it_is_given(trail: list[AuditEntry], tmp_path: Path) -> None:
    elsewhere = tmp_path / "offsite" / "anchors.jsonl"
    out = io.StringIO()
    call_command("audit", "anchor", "--anchor-file", str(elsewhere), stdout=out)
    assert [(a.sequence, a.entry_hash) for a in anchors_read(elsewhere)] == [(5, trail[-1].entry_hash)]
    assert "Anchored entry 5" in out.getvalue()


# --- concurrent appends (PostgreSQL: the head row lock) --------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_queue_on_the_head_row_and_the_chain_holds(anchor_file: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is shared between threads without waiting on locks")
    import threading

    from django.db import connections

    failures: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            for step in range(10):
                with transaction.atomic():
                    audit_record(action="test.concurrent", actor=None, details={"worker": worker, "step": step})
        except BaseException as err:  # reported to the test below
            failures.append(err)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert AuditEntry.objects.count() == 40
    report = audit_verify()
    assert report.intact, report.breaks
    assert report.anchors == 40
