#!/usr/bin/env bash
# Fetch-layer benchmark: lookback's HTTPClient (libcurl multi) alone, no extraction, against nginx on
# 127.0.0.1 serving a blogsite.py wordpress site. Prints requests/s and CPU ms per request.
# Usage: bench/fetch.sh [POSTS=2000] [CONCURRENCY=16] [ROUNDS=1]
# The crawl benchmark (with extraction, WARC and snapshots, vs wget and Scrapy) is elsewhere in bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
POSTS=${1:-2000}; CONC=${2:-16}; ROUNDS=${3:-1}
OUT=$ROOT/bench/out/fetch
SITE=$OUT/site-$POSTS
mkdir -p "$OUT"
command -v nginx >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y -qq nginx >/dev/null; }

if [ ! -f "$SITE/index.html" ]; then
  BLOGSITE=${BLOGSITE:-$ROOT/../shared/site/blogsite.py}
  python3 "$BLOGSITE" generate --theme wordpress --posts "$POSTS" --out "$SITE" >/dev/null
fi
# Every page of the site, as the URL nginx serves it (…/index.html -> …/).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$SITE" && find . -name '*.html' -not -path './_truth/*' | sed -e 's|^\.||' -e 's|index\.html$||' \
   | sort | sed "s|^|http://127.0.0.1:$PORT|") > "$OUT/urls.txt"

# A throwaway package: the Fetch module's sources plus the bench runner, built in release mode.
PKG=$OUT/pkg
mkdir -p "$PKG/Sources/fetch-bench"
ln -sfn "$ROOT/Sources/CCurl" "$PKG/Sources/CCurl"
ln -sfn "$ROOT/Sources/Fetch" "$PKG/Sources/Fetch"
ln -sf "$ROOT/bench/fetch/main.swift" "$PKG/Sources/fetch-bench/main.swift"
cat > "$PKG/Package.swift" <<'SWIFT'
// swift-tools-version:6.1
import PackageDescription
let package = Package(name: "fetch-bench", targets: [
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl"),
    .target(name: "Fetch", dependencies: ["CCurl"]),
    .executableTarget(name: "fetch-bench", dependencies: ["Fetch"]),
], swiftLanguageModes: [.v6])
SWIFT
swift build -c release --package-path "$PKG" >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }

cat > "$OUT/nginx.conf" <<CONF
worker_processes 1;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  gzip on;
  keepalive_requests 100000;
  client_body_temp_path $OUT/tmp; proxy_temp_path $OUT/tmp; fastcgi_temp_path $OUT/tmp;
  uwsgi_temp_path $OUT/tmp; scgi_temp_path $OUT/tmp;
  server { listen 127.0.0.1:$PORT; root $SITE; }
}
CONF
mkdir -p "$OUT/tmp"
nginx -c "$OUT/nginx.conf" -p "$OUT"
trap 'kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true' EXIT
sleep 0.3
echo "fetching $(wc -l < "$OUT/urls.txt") URLs x $ROUNDS at concurrency $CONC (nginx, gzip on, keep-alive)" >&2
"$PKG/.build/release/fetch-bench" "$OUT/urls.txt" "$CONC" "$ROUNDS"
