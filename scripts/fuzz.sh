#!/usr/bin/env bash
# Fuzzes the whole extract path with libFuzzer and AddressSanitizer: charset detection, HTMLParser (its tree compared
# with libxml2's, and its element index with a walk's), the libxml2 fallback, the extractor and the record's JSON
# (Fuzz/ExtractFuzz.swift). Seeds: the test pages, slices of the given manifests' pages and structured cases
# (scripts/fuzz-seeds.py); libFuzzer mutates them with a dictionary of markup tokens. A crash, a sanitizer report,
# an input over TIMEOUT seconds or two different trees stops the run and leaves the input in WORK/artifacts.
#
#   scripts/fuzz.sh [MANIFEST.jsonl...]            # an hour on one core, corpus in .fuzz/
#   SECONDS_TOTAL=600 TIMEOUT=10 scripts/fuzz.sh  # shorter; per-input time limit
#   WORK=DIR KEEP_GOING=1 scripts/fuzz.sh ...      # another folder; record crashes and go on (-fork=1)
#   scripts/fuzz.sh -- ARTIFACT...                 # run inputs once (reproduce a finding)
#
# Not built by `swift build`: Package.swift adds the target only with LOOKBACK_FUZZ set. The arena is off in this
# build (LB_ARENA_OFF): libxml2's blocks are then malloc's, where the sanitizer sees them.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-.fuzz}
SCRATCH=${SCRATCH:-.build-fuzz}
mkdir -p "$WORK/corpus" "$WORK/artifacts"
LOOKBACK_FUZZ=1 swift build -c release --scratch-path "$SCRATCH" --product lookback-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -Xcc -Xswiftc -DLB_ARENA_OFF >&2
BIN="$SCRATCH/release/lookback-fuzz"
export LOOKBACK_RULES=${LOOKBACK_RULES:-$PWD/rules.json}
# Leaks are libxml2's global caches and Swift's metadata, not per-page: leave them out.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
# Swift's crash backtracer reads memory the sanitizer then reports as a second, unrelated error.
export SWIFT_BACKTRACE=enable=no
if [ "${1:-}" = "--" ]; then
    shift
    exec "$BIN" -timeout="${TIMEOUT:-20}" -rss_limit_mb=4096 "$@"
fi
python3 scripts/fuzz-seeds.py "$WORK/seeds" "$WORK/html.dict" "$@"
flags=(-timeout="${TIMEOUT:-20}" -rss_limit_mb=4096 -max_len=65536 -dict="$WORK/html.dict"
       -artifact_prefix="$WORK/artifacts/" -max_total_time="${SECONDS_TOTAL:-3600}" -print_final_stats=1)
[ -n "${KEEP_GOING:-}" ] && flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
exec "$BIN" "${flags[@]}" "$WORK/corpus" "$WORK/seeds"
