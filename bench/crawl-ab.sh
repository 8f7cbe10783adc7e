#!/usr/bin/env bash
# A/B of lookback builds on the crawl of bench/crawl.sh (the same nginx and site), for a change's own
# measurement: N rounds, each crawling once with every binary in turn, archives on /dev/shm (tmpfs: no ext4
# inode scan after deletions, no writeback), then per binary the median and minimum of wall time and CPU
# (user+sys of the whole process), peak RSS, and a digest of the post objects (equal digests: the same
# records).
#
#   bench/crawl-ab.sh 5 BIN_A BIN_B          # PORT=18090 THEME=wordpress POSTS=2000
#   KEEP_NGINX=1 bench/crawl-ab.sh ...       # leave nginx running (its pid in bench/out/ab-nginx/nginx.pid)
#
# Wall times on a loaded machine are the scheduler's; CPU per crawl is the steadier number. Extra crawl
# flags: LOOKBACK_FLAGS (default --delay-ms 0, as crawl.sh).
source "$(dirname "$0")/lib.sh"

ROUNDS=${1:?usage: crawl-ab.sh ROUNDS BIN...}; shift
(($# > 0)) || { say "usage: crawl-ab.sh ROUNDS BIN..."; exit 2; }
THEME=${THEME:-wordpress}
POSTS=${POSTS:-2000}
PORT=${PORT:-18090}
LOOKBACK_FLAGS=${LOOKBACK_FLAGS:---delay-ms 0}
NGX="$OUT/ab-nginx-$PORT"; LOG="$NGX/access.log"
SEED="http://127.0.0.1:$PORT/"
WORK=$(mktemp -d /dev/shm/crawl-ab.XXXXXX)

command -v nginx >/dev/null 2>&1 || need_apt nginx-light
need_apt time
if [ -n "${KEEP_NGINX:-}" ]; then trap 'rm -rf "$WORK"' EXIT; else trap 'stop_nginx; rm -rf "$WORK"' EXIT; fi
start_nginx "$(site_for "$THEME" "$POSTS")"

for ((r = 1; r <= ROUNDS; r++)); do
  i=0
  for bin in "$@"; do
    i=$((i + 1)); arch="$WORK/a$i"
    rm -rf "$arch"
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$bin" crawl "$SEED" --archive "$arch" $LOOKBACK_FLAGS \
      >/dev/null 2>"$WORK/stderr$i" || { say "crawl-ab: $bin failed:"; tail -n 3 "$WORK/stderr$i" >&2; exit 1; }
    digest=$(find "$arch" -path '*/objects/*' -type f -printf '%P\n' | sort | md5sum | cut -c1-12)
    echo "$i $(cat "$WORK/time") $digest" >>"$WORK/rows"
    awk -v r="$r" -v b="$bin" '{ printf "round %d  %-40s wall %.2f s  cpu %4.0f ms  rss %5.1f MB  objects %s\n",
      r, b, $2, 1000 * ($3 + $4), $5 / 1024, $6 }' <(tail -n 1 "$WORK/rows") >&2
  done
done

i=0
for bin in "$@"; do
  i=$((i + 1))
  awk -v i="$i" '$1 == i { print $2, 1000 * ($3 + $4), $5 / 1024, $6 }' "$WORK/rows" | python3 -c '
import statistics, sys
name = sys.argv[1]
rows = [l.split() for l in sys.stdin]
wall = [float(r[0]) for r in rows]; cpu = [float(r[1]) for r in rows]; rss = [float(r[2]) for r in rows]
digests = ",".join(sorted({r[3] for r in rows}))
print(f"{name}: wall median {statistics.median(wall):.3f} s (min {min(wall):.3f}); "
      f"cpu median {statistics.median(cpu):.0f} ms (min {min(cpu):.0f}); "
      f"rss max {max(rss):.1f} MB; objects {digests}")
' "$bin"
done
