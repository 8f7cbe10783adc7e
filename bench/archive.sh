#!/usr/bin/env bash
# Archive speed: `lookback diff` of two 10,000-post snapshots and `lookback export` of 10,000 posts
# (json and jsonl), wall time and peak RSS (GNU time). Target: each under 2 s.
# Usage: bench/archive.sh [POSTS]    (builds lookback in release mode first)
set -euo pipefail
cd "$(dirname "$0")/.."
posts="${1:-10000}"
out="bench/out/archive"
swift build -c release --product lookback >/dev/null
bin="$(swift build -c release --show-bin-path)/lookback"
rm -rf "$out"; mkdir -p "$out"
python3 bench/make_archive.py --out "$out/archive" --posts "$posts"
measure() {  # name, command...
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null || [ $? -eq 1 ]
  read -r secs kb < "$out/time"
  printf '%-28s %6.2f s   peak RSS %5d MB\n' "$name" "$secs" $((kb / 1024))
}
echo "archive benchmark, $posts posts ($(nproc) cores)"
measure "diff (json)"    "$bin" diff --archive "$out/archive" bench.example previous latest --format json --output "$out/diff.json"
measure "diff (text)"    "$bin" diff --archive "$out/archive" bench.example previous latest --output "$out/diff.txt"
measure "export json"    "$bin" export --archive "$out/archive" bench.example --format json --output "$out/export.json"
measure "export jsonl"   "$bin" export --archive "$out/archive" bench.example --format jsonl --output "$out/export.jsonl"
