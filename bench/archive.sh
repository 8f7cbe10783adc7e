#!/usr/bin/env bash
# Archive speed (issue #4): `lookback diff` of two 10,000-post snapshots and `lookback export` of
# 10,000 posts (json and jsonl), each with wall time and peak RSS (target: under 2 s each).
#
#   bench/archive.sh                    # POSTS=10000 THEME=wordpress SOURCE=crawl
#   SOURCE=synthetic bench/archive.sh   # snapshots written by bench/make_archive.py instead
#
# SOURCE=crawl (the default): the snapshots are real. blogsite.py generates the site and its mutated
# version 2, and lookback archives both from their build folders (`lookback crawl DIR --base-url
# http://blog.lookback.test/`, no server; those crawls are timed too). The diff is then checked
# against blogsite's _truth/changes.json, and a third crawl of the unchanged v2 shows what an
# unchanged re-crawl adds on disk (issue #4: under 5% of the first snapshot).
# SOURCE=synthetic: bench/make_archive.py writes two snapshots of a synthetic site straight into
# lookback's on-disk layout (no crawl, no extraction): it measures diff and export alone, and is what
# runs when this build has no `lookback crawl`. Results: bench/out/archive-*.
source "$(dirname "$0")/lib.sh"

THEME=${THEME:-wordpress}
POSTS=${POSTS:-10000}
SOURCE=${SOURCE:-crawl}
ARCH="$OUT/archive-$POSTS"
RESULTS="$OUT/archive-results.txt"; : >"$RESULTS"

need_apt time
build_lookback
for c in diff export; do need_command "$c"; done
if [ "$SOURCE" = crawl ] && ! (need_command crawl) 2>/dev/null; then
  say "bench: this build has no \`lookback crawl\`: using SOURCE=synthetic (bench/make_archive.py)"
  SOURCE=synthetic
fi

rm -rf "$ARCH"
if [ "$SOURCE" = crawl ]; then
  BASE_URL=http://blog.lookback.test/
  SITE=blog.lookback.test
  V2=$(site_for "$THEME" "$POSTS" v2)
  V1=${V2%/v2}/v1
  say ""
  say "archive: $THEME site, $POSTS posts, v1 and v2 crawled from their folders, $(machine_line)"
  measure crawl-dir-v1 "$POSTS" "$OUT/archive-crawl-v1.out" "$LOOKBACK" crawl "$V1" --base-url "$BASE_URL" --archive "$ARCH"
  size1=$(du -sb "$ARCH" | cut -f1)
  sleep 1  # snapshot ids are UTC seconds
  measure crawl-dir-v2 "$POSTS" "$OUT/archive-crawl-v2.out" "$LOOKBACK" crawl "$V2" --base-url "$BASE_URL" --archive "$ARCH"
  size2=$(du -sb "$ARCH" | cut -f1)
else
  SITE=bench.example
  python3 "$ROOT/bench/make_archive.py" --out "$ARCH" --posts "$POSTS" --site "$SITE" >&2
  say ""
  say "archive: two synthetic snapshots of $POSTS posts (bench/make_archive.py, not crawled), $(machine_line)"
fi

OK_EXITS="0 1" RUNS=3 measure diff-json "$POSTS" "$OUT/archive-diff.stdout" \
  "$LOOKBACK" diff --archive "$ARCH" "$SITE" previous latest --format json --output "$OUT/archive-diff.json"
OK_EXITS="0 1" RUNS=3 measure diff-text "$POSTS" "$OUT/archive-diff.txt" \
  "$LOOKBACK" diff --archive "$ARCH" "$SITE" previous latest --format text
RUNS=3 measure export-jsonl "$POSTS" "$OUT/archive-export.stdout" \
  "$LOOKBACK" export --archive "$ARCH" "$SITE" --format jsonl --output "$OUT/archive-export.jsonl"
RUNS=3 measure export-json "$POSTS" "$OUT/archive-export-json.stdout" \
  "$LOOKBACK" export --archive "$ARCH" "$SITE" --format json --output "$OUT/archive-export.json"

say ""
say "checks:"
say "  export: $(grep -c . "$OUT/archive-export.jsonl" || true) records"
if [ "$SOURCE" = crawl ]; then
  sleep 1
  measure crawl-dir-v2-again "$POSTS" "$OUT/archive-crawl-v2b.out" "$LOOKBACK" crawl "$V2" --base-url "$BASE_URL" --archive "$ARCH"
  size3=$(du -sb "$ARCH" | cut -f1)
  say "  v2 has $(grep -c . "$V2/_truth/posts.jsonl") posts"
  python3 - "$OUT/archive-diff.json" "$V2/_truth/changes.json" <<'PY' >&2 || true
import json, sys
from urllib.parse import urlsplit
got = json.load(open(sys.argv[1])); want = json.load(open(sys.argv[2]))
path = lambda u: urlsplit(u).path or "/"
def urls(key):
    return {path(x if isinstance(x, str) else x.get("url", "")) for x in got.get(key) or []}
g_changed = {path(c["url"]): sorted(c.get("fields", {})) for c in got.get("changed", [])}
for key in ("added", "removed"):
    g, w = urls(key), set(want[key])
    print(f"  diff {key}: {len(g)} reported, {len(w)} expected, {len(g & w)} right")
w_changed = want["changed"]
right = sum(1 for u, f in w_changed.items() if g_changed.get(u) == sorted(f))
print(f"  diff changed: {len(g_changed)} reported, {len(w_changed)} expected, {len(set(g_changed) & set(w_changed))} "
      f"right URLs, {right} with exactly the expected fields; boilerplate-only reported as changed: "
      f"{len(set(want.get('boilerplate_only', [])) & set(g_changed))}")
PY
  awk -v a="$size1" -v b="$size2" -v c="$size3" 'BEGIN {
    printf "  archive size: v1 %.1f MB; after v2 +%.1f MB; after re-crawling unchanged v2 +%.2f MB (%.1f%% of the first snapshot; target < 5%%)\n",
      a / 1048576, (b - a) / 1048576, (c - b) / 1048576, 100 * (c - b) / a }' >&2
else
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("  diff: %d added, %d removed, %d changed, %s unchanged" % (len(d.get("added",[])), len(d.get("removed",[])), len(d.get("changed",[])), d.get("unchanged")))' "$OUT/archive-diff.json" >&2 || true
fi

say ""
say "targets (issue #4):"
for n in diff-json diff-text export-jsonl export-json; do
  awk -v n="$n" -v w="$(value "$n" 3)" -v r="$(value "$n" 6)" -v x="$(value "$n" 7)" 'BEGIN {
    verdict = (x != 0 && x != 1) ? "FAILED (exit " x ")" : (w < 2 ? "MET" : "NOT MET")
    printf "  %-13s %6.2f s (target < 2 s) %-8s peak RSS %.1f MB\n", n, w, verdict, r / 1024 }' >&2
done
say ""
say "raw results: $RESULTS (name posts wall_s user_s sys_s peak_rss_kb exit)"
