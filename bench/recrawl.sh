#!/usr/bin/env bash
# Re-crawl growth (issue #4): "a re-crawl of an unchanged 1,000-post blog adds under 5% of the first
# snapshot's size". A blogsite.py site is crawled twice, unchanged, into a fresh archive, once per server
# in SERVERS: blogsite.py's own (`serve`: ETag and Last-Modified, 304 to If-None-Match/If-Modified-Since)
# and nginx as bench/crawl.sh serves it (gzip, sub_filter, /?p=ID shortlinks). `du -sb` of the archive
# before and after the second crawl gives what it added, split into WARC, manifest, shared indexes and
# objects; the server's log gives the second crawl's requests by status.
#
#   bench/recrawl.sh            # THEME=wordpress POSTS=1000 SERVERS="blogsite nginx" PORT=18090
#
# Results: bench/out/recrawl-*.
source "$(dirname "$0")/lib.sh"

THEME=${THEME:-wordpress}
POSTS=${POSTS:-1000}
SERVERS=${SERVERS:-blogsite nginx}
PORT=${PORT:-18090}
SEED="http://127.0.0.1:$PORT/"
RESULTS="$OUT/recrawl-results.txt"; : >"$RESULTS"
NGX="$OUT/recrawl-nginx"; LOG="$NGX/access.log"

need_apt time
[[ " $SERVERS " != *" nginx "* ]] || command -v nginx >/dev/null 2>&1 || need_apt nginx-light
build_lookback
need_command crawl
SITE_DIR=$(site_for "$THEME" "$POSTS")

BLOGSITE_PID=""
stop_servers() {
  stop_nginx
  if [ -n "$BLOGSITE_PID" ]; then kill "$BLOGSITE_PID" 2>/dev/null || true; wait "$BLOGSITE_PID" 2>/dev/null || true; BLOGSITE_PID=""; fi
}
trap stop_servers EXIT

start_blogsite() {
  mkdir -p "$NGX"; : >"$LOG"
  python3 "$SHARED/site/blogsite.py" serve --root "$SITE_DIR" --port "$PORT" --log "$LOG" >/dev/null 2>&1 &
  BLOGSITE_PID=$!
  for _ in $(seq 50); do curl -fsS -o /dev/null "$SEED" 2>/dev/null && break; sleep 0.1; done
}

# sizes ARCHIVE: "total objects indexes" in bytes
sizes() {
  local site=$1/127.0.0.1:$PORT
  echo "$(du -sb "$1" | cut -f1) $(du -sb "$site/objects" | cut -f1) $( (du -sb "$site/indexes" 2>/dev/null || echo 0) | cut -f1)"
}

for server in $SERVERS; do
  ARCH="$OUT/recrawl-archive-$server"
  rm -rf "$ARCH"
  case $server in
    blogsite) start_blogsite ;;
    nginx) start_nginx "$SITE_DIR" ;;
    *) say "bench: unknown server $server"; exit 2 ;;
  esac
  say ""
  say "recrawl: $THEME site, $POSTS posts, served by $server on $SEED, $(machine_line)"
  measure "recrawl-$server-first" "$POSTS" "$OUT/recrawl-$server-first.out" "$LOOKBACK" crawl "$SEED" --archive "$ARCH" --delay-ms 0
  read -r total1 objects1 indexes1 < <(sizes "$ARCH")
  first_requests=$(wc -l <"$LOG")
  sleep 1  # snapshot ids are UTC seconds
  measure "recrawl-$server-second" "$POSTS" "$OUT/recrawl-$server-second.out" "$LOOKBACK" crawl "$SEED" --archive "$ARCH" --delay-ms 0
  read -r total2 objects2 indexes2 < <(sizes "$ARCH")
  snap=$(ls -d "$ARCH/127.0.0.1:$PORT/snapshots/"* | sort | tail -n 1)
  python3 - "$server" "$LOG" "$first_requests" "$total1" "$total2" "$objects1" "$objects2" "$indexes1" "$indexes2" "$snap" <<'PY' | tee -a "$RESULTS" >&2
import collections, json, os, sys
server, log, skip = sys.argv[1], sys.argv[2], int(sys.argv[3])
t1, t2, o1, o2, i1, i2 = map(int, sys.argv[4:10])
snap = sys.argv[10]
statuses = collections.Counter()
for n, line in enumerate(open(log)):
    if n < skip or not line.strip():
        continue
    statuses[json.loads(line)["status"] if line.startswith("{") else int(line.split()[0])] += 1
warc = sum(os.path.getsize(os.path.join(snap, "warc", f)) for f in os.listdir(os.path.join(snap, "warc")))
manifest = os.path.getsize(os.path.join(snap, "manifest.json"))
mb = lambda b: f"{b / 1e6:.2f} MB"
print(f"  {server}: first snapshot {mb(t1)}; the unchanged re-crawl added {mb(t2 - t1)} = {100 * (t2 - t1) / t1:.2f}% "
      f"(target < 5%): WARC {mb(warc)}, manifest {mb(manifest)}, indexes {mb(i2 - i1)}, objects {mb(o2 - o1)}; "
      f"its requests by status: {dict(sorted(statuses.items()))}")
PY
  stop_servers
done
