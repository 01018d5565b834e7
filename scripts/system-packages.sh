#!/usr/bin/env bash
# Installs the Debian packages the full test suite and benchmarks use, only those not yet present.
# PostgreSQL (the production database), Chromium (browser journeys), wrk (load benchmark), pango and
# harfbuzz for WeasyPrint's PDFs, poppler-utils (pdftotext) to check them.
# `scripts/system-packages.sh pdf` installs only what the demo needs to render PDFs.
set -euo pipefail
pdf=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [ "${1:-all}" = "pdf" ]; then
  wanted=("${pdf[@]}")
else
  wanted=(postgresql chromium wrk poppler-utils "${pdf[@]}")
fi
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}. Install them with your package manager." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages: ${missing[*]} ..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
