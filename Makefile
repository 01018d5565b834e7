# Inspectorate. `make demo` serves the demo; `make test` runs everything CI runs. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help install system-packages pdf-packages demo demo-setup serve test lint test-sqlite test-postgres smoke bench bench-schedule

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

install: ## Install Python packages (uv, locked) and GOV.UK Frontend (npm)
	@scripts/bootstrap.sh

system-packages: ## Install PostgreSQL, Chromium, wrk, poppler and WeasyPrint's libraries from apt when missing
	@scripts/system-packages.sh

pdf-packages: ## Install only the libraries WeasyPrint needs for PDFs (pango, harfbuzz) when missing
	@scripts/system-packages.sh pdf

demo: install pdf-packages ## Set up the demo (SQLite, real register, demo accounts) and serve it on http://127.0.0.1:8000
	@scripts/demo.sh setup
	@scripts/demo.sh serve

demo-setup: install pdf-packages ## Set up the demo database without serving it
	@scripts/demo.sh setup

test: install system-packages ## Lint, type-check, and run every test on SQLite and PostgreSQL, browsers included
	@scripts/test.sh all

lint: install ## ruff, mypy, import-linter and the migrations check
	@scripts/test.sh lint

smoke: install ## Set up the demo in a scratch folder, serve it, fetch pages, stop it
	@scripts/smoke-demo.sh

bench: install system-packages ## Benchmarks: register import, statistics, page throughput and latency
	@scripts/bench.sh

bench-schedule: install ## National scheduling benchmark (generated workforce): a week, a half-term and a school year; HORIZON=week|half-term|year for one
	@.venv/bin/python bench/schedule_benchmark.py --horizon $(or $(HORIZON),all)
