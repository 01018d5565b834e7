#!/usr/bin/env bash
# Installs what the application needs: uv, the locked Python packages in .venv, and GOV.UK Frontend from npm.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/python.sh)
if command -v uv >/dev/null 2>&1 && uv --version >/dev/null 2>&1; then
  uv=$(command -v uv)
else
  if [ ! -x .tools/bin/uv ]; then
    echo "Installing uv into .tools/ ..."
    "$python" -m venv .tools
    .tools/bin/python -m pip install --quiet --disable-pip-version-check uv
  fi
  uv=.tools/bin/uv
fi
export UV_PYTHON="$python"
# Here uv cannot download interpreters; on a machine that can, this is harmless.
export UV_PYTHON_DOWNLOADS=never
# Compiled once at install: commands start faster, even where PYTHONDONTWRITEBYTECODE is set.
export UV_COMPILE_BYTECODE=1
"$uv" sync --locked --quiet ${UV_SYNC_ARGS:-}
if [ ! -f node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing GOV.UK Frontend with npm ..."
  npm ci --no-audit --no-fund --loglevel=error
fi
