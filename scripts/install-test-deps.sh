#!/usr/bin/env bash
# Test-only Python tools: the archive tests check WARC files with warcio and exports with jsonschema
# (both from PyPI), run from a virtual environment in .build-venv/ (ignored by git) that also sees the
# system's Python packages. The demo does not need them, so only the test command calls this.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.build-venv"
if ! "$venv/bin/python3" -c 'import warcio, jsonschema' >/dev/null 2>&1; then
  python3 -m venv --system-site-packages "$venv"
  "$venv/bin/python3" -m pip install -q --disable-pip-version-check warcio jsonschema
fi
