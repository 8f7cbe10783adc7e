#!/usr/bin/env bash
# The main job, on a fresh machine with no network needed past the system packages:
# builds lookback, archives both versions of the sample blog in examples/ (as if served at
# http://sample.lookback.test/), lists the snapshots, exports the newest as JSONL and diffs the two.
# Re-runnable: each run adds two snapshots (v1 then v2) and diffs the last two.
#
#   scripts/demo.sh                  # archive root ./archive
#   ARCHIVE=/tmp/a scripts/demo.sh   # another archive root
#   SCRATCH=.build-x scripts/demo.sh # another SwiftPM scratch path (default .build)
#   LOOKBACK=path/to/lookback scripts/demo.sh   # use that binary, skip the system packages and build
set -euo pipefail
cd "$(dirname "$0")/.."

ARCHIVE=${ARCHIVE:-archive}
SCRATCH=${SCRATCH:-.build}
BASE_URL=http://sample.lookback.test/
SITE=sample.lookback.test
EXPORT="$ARCHIVE/sample-export.jsonl"

step() { printf '\n== %s\n' "$*"; }
run() { printf '+ %s\n' "$*"; "$@"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

if [ -z "${LOOKBACK:-}" ]; then
  step "system packages"
  run scripts/install-deps.sh

  step "build (release)"
  run swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product lookback
  LOOKBACK="$(swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --show-bin-path)/lookback"
fi
[ -x "$LOOKBACK" ] || die "no lookback binary at $LOOKBACK"

# A command that is not in this build yet stops the demo here, by name, rather than faking its output.
# (`lookback X --help` prints the top-level help for an unknown X, so read the subcommand list.)
SUBCOMMANDS=" $("$LOOKBACK" --help | awk '/^SUBCOMMANDS:/ {f = 1; next} f && /^  [a-z]/ {print $1}' | tr '\n' ' ')"
need() {
  [[ "$SUBCOMMANDS" == *" $1 "* ]] ||
    die "\`lookback $1\` is not available in this build yet ($2); stopping before that step."
}
need crawl "issue #3"
need snapshots "issue #4"
need export "issue #4"
need diff "issue #4"

lookback() { printf '+ lookback %s\n' "$*"; "$LOOKBACK" "$@"; }

step "archive version 1 of the sample blog (examples/sample-blog/v1, 30 posts)"
lookback crawl examples/sample-blog/v1 --base-url "$BASE_URL" --archive "$ARCHIVE" | tail -n 3

step "archive version 2 (a post edited, one retitled, one removed, one added, one moved, ...)"
lookback crawl examples/sample-blog/v2 --base-url "$BASE_URL" --archive "$ARCHIVE" | tail -n 3

step "snapshots of $SITE"
lookback snapshots --archive "$ARCHIVE" "$SITE"

step "export the newest snapshot"
lookback export --archive "$ARCHIVE" "$SITE" --format jsonl --output "$EXPORT"
printf '%s: %s posts\n' "$EXPORT" "$(wc -l <"$EXPORT")"

step "what changed between the last two snapshots (expected: examples/sample-blog/truth/changes.json)"
status=0
lookback diff --archive "$ARCHIVE" "$SITE" previous latest || status=$?
case $status in
  0) echo "(diff: no change)" ;;
  1) echo "(diff: changes found, as expected)" ;;
  *) die "lookback diff failed with exit $status" ;;
esac

step "how close is that to what the sample blog holds? (examples/sample-blog/truth/)"
status=0
"$LOOKBACK" diff --archive "$ARCHIVE" "$SITE" previous latest --format json --output "$ARCHIVE/sample-diff.json" || status=$?
[ "$status" -le 1 ] || die "lookback diff --format json failed with exit $status"
if command -v python3 >/dev/null 2>&1; then
  python3 examples/check_sample.py --export "$EXPORT" --version v2 --diff "$ARCHIVE/sample-diff.json" ||
    echo "(check: some fields differ from the truth files; listed above)"
fi
