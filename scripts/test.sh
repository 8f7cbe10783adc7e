#!/usr/bin/env bash
# Installs the system packages, builds, and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/install-test-deps.sh
swift build --build-tests
swift test --skip-build
