#!/usr/bin/env bash
# Smoke test of the demo as a person meets it: set it up in a scratch folder, serve it, fetch the home page,
# a search, a school page, the workspace's sign-in page and a fictional demo school's page, check that the
# background worker sends a queued message, stop it. Fails loudly if any page is missing what it should show. The
# setup runs twice, as a person running `make demo` again would.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
export INSPECTORATE_VAR_DIR="$scratch"
unset DATABASE_URL AUDIT_ANCHOR_FILE
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server_pid=""
cleanup() {
  # Stopping the serve script stops the web server and the worker it started (its trap).
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
for run in first second; do
  scripts/demo.sh setup > "$scratch/setup.log" 2>&1 || { cat "$scratch/setup.log"; echo "smoke: demo setup failed ($run run)" >&2; exit 1; }
done
DJANGO_DEBUG=true .venv/bin/inspectorate audit verify || { echo "smoke: the audit trail does not verify after setup" >&2; exit 1; }
# Setup plans a national week of the register as an exercise; run twice, exactly one is kept, covering schools.
plans=$(DJANGO_DEBUG=true .venv/bin/inspectorate shell --no-imports -c '
from inspectorate.planning.models import SchedulePlan
found = SchedulePlan.objects.filter(is_exercise=True, schools="register", weeks=1)
print(found.count(), found.first().assignments.count() if found else 0)
')
read -r count placed <<<"$plans"
[ "$count" = "1" ] && [ "$placed" -gt 100 ] || { echo "smoke: expected one national-week exercise with assignments, found: $plans" >&2; exit 1; }
echo "smoke: the demo's national week exercise places $placed schools"
PORT=$port scripts/demo.sh serve > "$scratch/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
fetch() {  # fetch PATH TEXT: the page answers 200 and contains TEXT
  local body
  body=$(curl -fsS "http://127.0.0.1:$port$1") || { echo "smoke: GET $1 failed" >&2; cat "$scratch/serve.log" >&2; exit 1; }
  grep -q "$2" <<<"$body" || { echo "smoke: GET $1 does not show '$2'" >&2; exit 1; }
  echo "smoke: GET $1 shows '$2'"
}
fetch / "Find a school"
fetch "/schools/?q=Caversham+Primary" "Caversham Primary School"
fetch /schools/109778/ "Caversham Primary School"
fetch /static/govuk/govuk-frontend.min.css "govuk"
fetch /statistics/ "21,990"
fetch "/accounts/login/?next=/workspace/" "Sign in"
fetch /schools/8000001/ "Larkspur Primary School (fictional)"
fetch "/accounts/login/?next=/notifications/outbox/" "Sign in"
# The background worker `make demo` starts sends what is queued: queue a message as a committed event would, then
# wait for the worker to mark it sent (in the local outbox: nothing leaves the machine).
DJANGO_DEBUG=true .venv/bin/inspectorate shell --no-imports -c '
from inspectorate.notifications.services import message_queue
message_queue(event="smoke:worker", to="smoke@demo.inspectorate.invalid", subject="Smoke test", body="Sent by the worker.")
' || { echo "smoke: could not queue a message" >&2; exit 1; }
sent=""
for _ in $(seq 1 50); do
  sent=$(DJANGO_DEBUG=true .venv/bin/inspectorate shell --no-imports -c '
from inspectorate.notifications.models import OutboxMessage
print(OutboxMessage.objects.get(event="smoke:worker").status)
')
  [ "$sent" = "sent" ] && break
  sleep 0.2
done
[ "$sent" = "sent" ] || { echo "smoke: the worker did not send a queued message (status: $sent)" >&2; cat "$scratch/serve.log" >&2; exit 1; }
echo "smoke: the background worker sent a queued message"
echo "smoke: demo OK"
