#!/usr/bin/env bash
# Installs the Debian packages lookback builds against (and ca-certificates, without which libcurl can
# verify no https site). Idempotent; needs root (or sudo).
set -euo pipefail
pkgs=(libcurl4-openssl-dev libssl-dev ca-certificates libxml2-dev libsqlite3-dev zlib1g-dev libdeflate-dev libbrotli-dev libjemalloc-dev pkg-config python3 python3-venv)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
