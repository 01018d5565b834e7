#!/usr/bin/env bash
# The demo: an embedded SQLite database with the real national register, one account for every role, and
# clearly marked fictional schools holding inspections in every lifecycle state.
#   scripts/demo.sh setup   migrate, import the shipped register and links, create demo accounts and inspections
#   scripts/demo.sh serve   serve on http://127.0.0.1:${PORT:-8000}, with the background worker that sends messages,
#                           until Ctrl-C
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
# Demo mode: inspections may be planned only for the fictional schools, never for a real one.
export INSPECTORATE_DEMO="${INSPECTORATE_DEMO:-true}"
run=.venv/bin/inspectorate
data=inspectorate/data
case "${1:-}" in
  setup)
    $run migrate --no-input -v 0
    echo "Importing the national register (Ofsted official statistics, 31 August 2025) ..."
    $run import-register "$data/ofsted_state_funded_schools_as_at_31_Aug_2025.csv.gz" --no-progress
    echo "Importing GIAS links between schools ..."
    $run import-links "$data/gias_links_edubasealldata20250422.csv.gz" --no-progress
    $run create-demo-accounts
    # Rebuilt on every run (the previous run's demo inspections are replaced), so setup can be run again.
    $run create-demo-inspections
    $run raise-alerts
    # A national week planned as an exercise: the real register's schools with a generated, fictional workforce
    # (never acceptable). Its progress shows here; the plan is at /planning/plans/. Made again on every run, replacing
    # the previous run's, so setup can be run again.
    echo "Planning a national week of the register with a generated workforce (an exercise; about 15 s) ..."
    $run schedule --from 2026-02-23 --weeks 1 --schools register --workforce generated --time-limit 8 --seed 1 --selection national-rate \
      --as scheduler --replace-exercise >/dev/null
    ;;
  serve)
    port="${PORT:-8000}"
    # The background worker sends queued messages (to the local outbox: nothing leaves the machine; see
    # /notifications/outbox/). It runs beside the web server and stops with it. A send left half-done by the last
    # worker is flagged for a person first, never repeated (docs/adr/0019).
    worker_pid="" web_pid=""
    stop() {
      trap - EXIT INT TERM
      for pid in $web_pid $worker_pid; do kill "$pid" 2>/dev/null || true; done
      for pid in $web_pid $worker_pid; do wait "$pid" 2>/dev/null || true; done
    }
    trap stop EXIT
    trap 'stop; exit 0' INT TERM
    $run send-due-messages --after-restart
    $run db_worker --no-reload --no-startup-delay --verbosity 0 &
    worker_pid=$!
    echo
    echo "Inspectorate demo: http://127.0.0.1:$port  (Ctrl-C to stop)"
    echo "Sign in at http://127.0.0.1:$port/accounts/login/ with any account above and the password shown."
    echo "Messages the demo would send: http://127.0.0.1:$port/notifications/outbox/ (as admin or dutydesk)."
    echo
    .venv/bin/gunicorn inspectorate.wsgi --bind "127.0.0.1:$port" --workers 2 --access-logfile - --log-level warning &
    web_pid=$!
    # Whichever stops first (the web server, or the worker), stop the other too, and exit as it did.
    status=0
    wait -n "$web_pid" "$worker_pid" || status=$?
    exit "$status"
    ;;
  *) echo "usage: $0 setup|serve" >&2; exit 2 ;;
esac
