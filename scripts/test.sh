#!/usr/bin/env bash
# The whole suite, as CI runs it:
#   lint      ruff, mypy (django-stubs), import-linter (the pure core imports no Django), makemigrations --check
#   sqlite    domain and service tests on SQLite (parallel)
#   postgres  service tests and browser journeys on a throwaway PostgreSQL cluster
#   smoke     the demo, set up, served, fetched and stopped
# `scripts/test.sh all` runs them in that order and stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
workers="${PYTEST_WORKERS:-auto}"

lint() {
  echo "== lint"
  $bin/ruff check .
  $bin/ruff format --check .
  DJANGO_DEBUG=true $bin/mypy inspectorate tests bench
  $bin/lint-imports
  DJANGO_DEBUG=true $bin/inspectorate makemigrations --check --dry-run
}

sqlite() {
  echo "== tests on SQLite"
  env -u DATABASE_URL $bin/pytest -n "$workers" -m "not browser" -q tests
}

postgres() {
  echo "== tests on PostgreSQL (services and browser journeys)"
  pg_dir=$(mktemp -d /tmp/inspectorate-pg.XXXXXX)
  trap 'scripts/postgres.sh stop "$pg_dir"; rm -rf "$pg_dir"' EXIT
  DATABASE_URL=$(scripts/postgres.sh start "$pg_dir") $bin/pytest -n "$workers" -q tests/services tests/api tests/browser
}

smoke() {
  echo "== demo smoke test"
  scripts/smoke-demo.sh
}

case "${1:-all}" in
  lint) lint ;;
  sqlite) sqlite ;;
  postgres) postgres ;;
  smoke) smoke ;;
  all) lint; sqlite; postgres; smoke ;;
  *) echo "usage: $0 [lint|sqlite|postgres|smoke|all]" >&2; exit 2 ;;
esac
