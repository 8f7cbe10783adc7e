# Shared helpers for the bench/*.sh scripts (sourced, not run). Every benchmark:
#   - builds lookback in release mode (or uses $LOOKBACK when set),
#   - installs what it compares against (apt packages, a Python venv in bench/.venv),
#   - measures each command with /usr/bin/time (wall s, user s, sys s, peak RSS),
#   - writes its raw results to bench/out/ and prints a summary table.
# Environment: SHARED (default ../shared from the repo root), SCRATCH (SwiftPM scratch path, default
# .build), LOOKBACK (a prebuilt binary: skips the build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$(cd "$ROOT" && cd "${SHARED:-../shared}" 2>/dev/null && pwd)" || {
  echo "bench: SHARED=${SHARED:-../shared} (from $ROOT) does not exist" >&2; exit 1; }
OUT="$ROOT/bench/out"
VENV="$ROOT/bench/.venv"
mkdir -p "$OUT"

say() { printf '%s\n' "$*" >&2; }

# Installs Debian packages that are missing (needs root or sudo).
need_apt() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  say "bench: apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Creates bench/.venv and pip-installs the given packages when `python -c "import MODULES"` fails.
# usage: need_venv "import trafilatura, resiliparse" trafilatura resiliparse
need_venv() {
  local check=$1; shift
  if ! "$VENV/bin/python" -c "$check" >/dev/null 2>&1; then
    need_apt python3-venv
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    say "bench: pip install $* into bench/.venv"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$@"
  fi
}

# Sets LOOKBACK to a release build of lookback.
build_lookback() {
  if [ -n "${LOOKBACK:-}" ]; then return 0; fi
  local scratch=${SCRATCH:-.build}
  # The Swift runtime linked statically, as scripts/demo.sh builds it (README, set-up).
  say "bench: swift build -c release --static-swift-stdlib --scratch-path $scratch --product lookback"
  (cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product lookback >&2)
  LOOKBACK="$(cd "$ROOT" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/lookback"
  [ -x "$LOOKBACK" ] || { say "bench: no binary at $LOOKBACK"; exit 1; }
}

# Stops the benchmark, by name, when lookback has no such subcommand yet.
# (`lookback X --help` prints the top-level help for an unknown X, so read the subcommand list.)
need_command() {
  "$LOOKBACK" --help | awk '/^SUBCOMMANDS:/ {f = 1; next} f && /^  [a-z]/ {print $1}' | grep -qx "$1" || {
    say "bench: \`lookback $1\` is not in this build yet; nothing to measure."; exit 3; }
}

# measure NAME PAGES STDOUT_FILE CMD...: runs CMD under /usr/bin/time (stdout to STDOUT_FILE), appends
# "NAME PAGES WALL USER SYS RSS_KB EXIT" to $RESULTS and prints it. Runs it $RUNS times (default 1) and
# keeps the fastest wall time (the machine is shared; the fastest run is the least disturbed).
measure() {
  local name=$1 pages=$2 stdout=$3; shift 3
  local runs=${RUNS:-1} best="" line i rc
  for ((i = 0; i < runs; i++)); do
    rc=0
    /usr/bin/time -f '%e %U %S %M' -o "$OUT/$name.time" "$@" >"$stdout" 2>"$OUT/$name.stderr" || rc=$?
    line="$(tail -n 1 "$OUT/$name.time") $rc"
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN{exit !(a<b)}'; then best=$line; fi
    # OK_EXITS: exit codes that mean success for this command (diff(1)-style tools exit 1 on "changed")
    if [[ " ${OK_EXITS:-0} " != *" $rc "* ]]; then
      say "bench: $name exited $rc (see $OUT/$name.stderr)"; tail -n 3 "$OUT/$name.stderr" >&2; break
    fi
  done
  echo "$name $pages $best" >>"$RESULTS"
  row "$name $pages $best"
}

# Prints one result row: name, pages, wall s, pages/s, CPU ms/page, peak RSS MB.
row() {
  echo "$1" | awk '{ printf "  %-28s %7d pages %8.2f s %9.1f pages/s %7.2f ms CPU/page %7.1f MB peak RSS%s\n",
    $1, $2, $3, ($3 > 0 ? $2 / $3 : 0), ($2 > 0 ? 1000 * ($4 + $5) / $2 : 0), $6 / 1024, ($7 != 0 ? "  (exit " $7 ")" : "") }' >&2
}

# value NAME FIELD from $RESULTS: pages wall user sys rss exit
value() {
  awk -v n="$1" -v f="$2" '$1 == n { v = $(f) } END { print v }' "$RESULTS"
}

machine_line() {
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release; echo "$PRETTY_NAME"), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# site_for THEME POSTS [v2]: prints the folder of a blogsite.py site (generated once, cached in
# bench/out/sites/; seed 1). With v2, also builds its mutated version 2 and prints that folder.
site_for() {
  local theme=$1 posts=$2 version=${3:-v1}
  local dir="$OUT/sites/$theme-$posts"
  if [ ! -f "$dir/v1/_truth/site.json" ]; then
    rm -rf "$dir/v1"; mkdir -p "$dir"
    say "bench: blogsite.py generate --theme $theme --posts $posts (once, cached in $dir)"
    python3 "$SHARED/site/blogsite.py" generate --theme "$theme" --posts "$posts" --seed 1 --out "$dir/v1" >&2
  fi
  if [ "$version" = v2 ] && [ ! -f "$dir/v2/_truth/changes.json" ]; then
    rm -rf "$dir/v2"
    python3 "$SHARED/site/blogsite.py" mutate --in "$dir/v1" --out "$dir/v2" --seed 1 >&2
  fi
  echo "$dir/$version"
}

# nginx serving a blogsite.py site the way a WordPress host would (bench/crawl.sh, bench/recrawl.sh).
# The caller sets PORT, SEED (http://127.0.0.1:$PORT/), NGX (a folder under $OUT) and LOG ($NGX/access.log),
# installs nginx-light, and calls `trap stop_nginx EXIT`.
NGINX_PID=""
stop_nginx() { if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""; fi; }
# start_nginx SITE_DIR: serves the site on 127.0.0.1:$PORT. The site's files use the placeholder
# origin http://blog.lookback.test, which blogsite's own server rewrites to the client's origin;
# sub_filter does the same here. /?p=ID answers 301 to the post (map generated from _truth/).
start_nginx() {
  local site=$1
  stop_nginx
  mkdir -p "$NGX/tmp"; : >"$LOG"
  python3 - "$site" "$NGX/shortlinks.map" <<'PY'
import json, sys
site, out = sys.argv[1], sys.argv[2]
model = json.load(open(f"{site}/_truth/model.json", encoding="utf-8"))
urls = json.load(open(f"{site}/_truth/site.json", encoding="utf-8"))["posts"]
assert len(model["posts"]) == len(urls)
with open(out, "w") as f:
    for post, url in zip(model["posts"], urls):   # blogsite lists both in the same order
        assert post["slug"] in url, (post["slug"], url)
        f.write(f'{post["id"]} "{url}";\n')
PY
  local base; base=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["base_path"])' "$site/_truth/site.json")
  cat >"$NGX/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/plain text/xml application/xml application/rss+xml application/atom+xml;
    log_format bench '\$status \$request_uri \$sent_http_content_type';
    access_log $LOG bench;
    sendfile on;
    keepalive_requests 100000;
    gzip on; gzip_comp_level 1;
    gzip_types text/plain text/css application/xml application/rss+xml application/atom+xml;
    client_body_temp_path $NGX/tmp; proxy_temp_path $NGX/tmp; fastcgi_temp_path $NGX/tmp;
    uwsgi_temp_path $NGX/tmp; scgi_temp_path $NGX/tmp;
    map_hash_max_size 65536; map_hash_bucket_size 128;
    map \$arg_p \$shortlink { default ""; include $NGX/shortlinks.map; }
    server {
        listen 127.0.0.1:$PORT;
        root $site;
        absolute_redirect off;
        sub_filter 'http://blog.lookback.test' 'http://\$http_host';
        sub_filter_once off;
        sub_filter_last_modified on;
        sub_filter_types text/plain application/xml application/rss+xml application/atom+xml;
        location = / { if (\$shortlink) { return 301 \$shortlink; } try_files /index.html =404; }
        location = $base/ { if (\$shortlink) { return 301 \$shortlink; } try_files $base/index.html =404; }
        location ~ /feed\.xml\$ { types { } default_type application/rss+xml; }
        location ~ /atom\.xml\$ { types { } default_type application/atom+xml; }
        location /_truth/ { return 404; }
        location / { try_files \$uri \$uri/index.html \$uri/ =404; }
    }
}
CONF
  nginx -t -q -c "$NGX/nginx.conf" -p "$NGX" 2>"$NGX/test.err" || { cat "$NGX/test.err" >&2; exit 1; }
  nginx -c "$NGX/nginx.conf" -p "$NGX" &
  NGINX_PID=$!
  for _ in $(seq 50); do curl -fsS -o /dev/null "$SEED" 2>/dev/null && break; sleep 0.1; done
  # sanity: a shortlink answers 301 to a post, and the origin placeholder is rewritten
  local id; id=$(head -n 1 "$NGX/shortlinks.map" | cut -d' ' -f1)
  curl -sS -o /dev/null -w '%{http_code} %{redirect_url}\n' "${SEED}?p=$id" | grep -q '^301 ' ||
    { say "bench: nginx shortlink /?p=$id does not answer 301"; exit 1; }
  curl -sS "${SEED}robots.txt" | grep -q "Sitemap: $SEED" || { say "bench: origin not rewritten in robots.txt"; exit 1; }
  find "$site" -type f -not -path '*/_truth/*' -exec cat {} + >/dev/null  # warm the page cache
  : >"$LOG"
}

