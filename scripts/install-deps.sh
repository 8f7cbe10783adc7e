#!/usr/bin/env bash
# Installs the Debian packages lookback builds against. Idempotent; needs root (or sudo).
set -euo pipefail
pkgs=(libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev pkg-config python3 python3-venv)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The archive tests check WARC files with warcio and exports with jsonschema (both from PyPI), run from
# a virtual environment in .build-venv/ (ignored by git) that also sees the system's Python packages.
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.build-venv"
if ! "$venv/bin/python3" -c 'import warcio, jsonschema' >/dev/null 2>&1; then
  python3 -m venv --system-site-packages "$venv"
  "$venv/bin/python3" -m pip install -q --disable-pip-version-check warcio jsonschema
fi
