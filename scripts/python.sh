#!/usr/bin/env bash
# Prints the path of a Python 3.12+ interpreter: Django 6 needs one, and these machines default to 3.11.
# Looks on PATH and in pyenv's versions folder (whose shims are often missing in make and CI).
set -euo pipefail
candidates=()
for name in python3.13 python3.12 python3; do
  command -v "$name" >/dev/null 2>&1 && candidates+=("$(command -v "$name")")
done
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
for dir in "$pyenv_root"/versions/*/bin; do
  [ -x "$dir/python3" ] && candidates+=("$dir/python3")
done
best=""
fallback=""
for py in "${candidates[@]}"; do
  case "$py" in */shims/*) continue ;; esac  # pyenv shims depend on the folder they run in
  minor=$("$py" -c 'import sys; print(sys.version_info[1] if sys.version_info[0] == 3 else 0)' 2>/dev/null) || continue
  # Prefer 3.12, what the lockfile is tested on; any newer one will do.
  if [ "$minor" -eq 12 ]; then best="$py"; break; fi
  if [ "$minor" -gt 12 ] && [ -z "$fallback" ]; then fallback="$py"; fi
done
best="${best:-$fallback}"
if [ -z "$best" ]; then
  echo "Inspectorate needs Python 3.12 or newer (Django 6 requires it), and none was found on PATH or under $pyenv_root/versions." >&2
  echo "Install one (for example: pyenv install 3.12, or your system's python3.12 package) and run make again." >&2
  exit 1
fi
echo "$best"
