#!/usr/bin/env bash
# `make bench`: the benchmarks on SQLite (the embedded default) and PostgreSQL (production). Figures, not asserts.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${BENCH_SECONDS:-10}"
.venv/bin/python bench/run_benchmarks.py --seconds "$seconds"
pg_dir=$(mktemp -d /tmp/inspectorate-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pg_dir"; rm -rf "$pg_dir"' EXIT
url=$(scripts/postgres.sh start "$pg_dir")
.venv/bin/python bench/run_benchmarks.py --seconds "$seconds" --database-url "$url"
