"""Two people take the same action on the same inspection at the same moment, through real HTTP requests to a live
server: exactly one wins, the other is told 409, and the timeline gains exactly one row.

PostgreSQL only, where two transactions truly overlap: the loser's conditional `UPDATE ... WHERE version = read`
waits on the winner's row lock and then matches nothing. SQLite takes the write lock when a transaction begins
(IMMEDIATE), so there the requests queue instead of racing and the race cannot be staged; the test skips on SQLite,
saying so, in CI as elsewhere. On PostgreSQL it never skips.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.db import connection

from inspectorate.api.services import api_token_create
from inspectorate.audit.models import AuditEntry
from inspectorate.inspections.models import StateChange
from tests.lifecycle_support import NOTIFY_DATA, cast, planned

ROUNDS = 3


@pytest.fixture
def postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent requests race only on PostgreSQL (SQLite queues writers with IMMEDIATE transactions): "
            "run with DATABASE_URL=postgres://... (scripts/postgres.sh start DIR prints one)"
        )


def _post(url: str, token: str, body: dict[str, Any], barrier: threading.Barrier) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(  # noqa: S310 - the live server's own http:// URL
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    barrier.wait(timeout=30)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - as above
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def _race(url: str, tokens: list[str], body: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    barrier = threading.Barrier(len(tokens))
    results: list[tuple[int, dict[str, Any]]] = []
    lock = threading.Lock()

    def one(token: str) -> None:
        outcome = _post(url, token, body, barrier)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=one, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(results, key=lambda r: r[0])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("expected_version", [1, None], ids=["same-expected-version", "no-expected-version"])
def test_two_simultaneous_notifications_one_wins_one_gets_409(
    postgresql: None, live_server: Any, expected_version: int | None
) -> None:
    for _ in range(ROUNDS):
        c = cast()
        inspection = planned(c)
        # Two tokens (two devices of the lead, or the lead and the scheduler): both may notify.
        tokens = [api_token_create(c.lead, "laptop"), api_token_create(c.scheduler, "desk")]
        body = {**NOTIFY_DATA, "expected_version": expected_version}

        (won, winner), (lost, loser) = _race(f"{live_server.url}/api/inspections/{inspection.pk}/notify", tokens, body)

        assert (won, lost) == (200, 409), (winner, loser)
        assert winner["state"] == "notified"
        assert winner["version"] == 2
        assert loser["current_state"] == "notified"
        assert loser["version"] == 2
        assert "notify" not in loser["allowed_actions"]
        notifications = StateChange.objects.filter(inspection=inspection, action="notify")
        assert notifications.count() == 1
        assert StateChange.objects.filter(inspection=inspection).count() == 2
        assert AuditEntry.objects.filter(action="inspection.notify", object_id=str(inspection.pk)).count() == 1
