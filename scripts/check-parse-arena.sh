#!/usr/bin/env bash
# The audit of the parse arena in Sources/CLibXML2/shim.h (bench/FINDINGS.md 57): builds
# scripts/check-parse-arena.c against the shim and runs it on the pages of the given batch manifests plus
# generated stress pages (Shift_JIS, EUC-JP, EUC-KR, windows-1252, ISO-8859-2, KOI8-R, GB2312, Big5 and UTF-16
# pages, broken and truncated markup, a page of ~50 MB, a huge text node and attribute, deep nesting), parsed
# with libxml2 sniffing the charset and with windows-1252 forced, on 2 threads that free each other's documents:
# every arena block a parse gives out must be freed again by libxml2 before its arena is released. Then the same
# under valgrind on a sample (no arena block may reach libc's free, no uninitialised read).
#
#   scripts/check-parse-arena.sh MANIFEST.jsonl...     # e.g. /work/notes/man/dev.jsonl
#   VALGRIND=0 scripts/check-parse-arena.sh ...        # skip the valgrind pass
#   KEEP=DIR scripts/check-parse-arena.sh ...          # keep the stress pages and file lists in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${KEEP:-}" ]; then WORK=$KEEP; mkdir -p "$WORK"; rm -rf "$WORK/stress"; else
  WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; fi

build() {
  gcc -O2 -g -Wall -Wextra -Werror -ISources/CLibXML2 $(pkg-config --cflags libxml-2.0) "$@" \
      scripts/check-parse-arena.c $(pkg-config --libs libxml-2.0) -lpthread
}
build -o "$WORK/check"
build -DLB_ARENA_REGION='((size_t)1 << 32)' -o "$WORK/check-small"

python3 - "$WORK" "$@" <<'PY'
import json, os, random, sys
work, manifests = sys.argv[1], sys.argv[2:]
files = []
for m in manifests:
    for line in open(m, encoding="utf-8"):
        if line.strip():
            files.append(json.loads(line)["file"])
stress = os.path.join(work, "stress"); os.makedirs(stress)
def put(name, data):
    path = os.path.join(stress, name)
    open(path, "wb").write(data); files.append(path)
text = "日本語のブログ記事です。今日は天気が良い。" * 200
bodies = {"euc_kr": "한국어 블로그 글입니다. " * 300, "cp1252": "Café, naïve résumé — “quoted” ‘text’ € " * 300,
          "iso8859_2": "Zażółć gęślą jaźń. " * 300, "koi8_r": "Русский текст блога. " * 300,
          "gb2312": "中文博客文章。" * 300, "big5": "中文部落格文章。" * 300}
for enc, label in [("shift_jis", "Shift_JIS"), ("euc_jp", "EUC-JP"), ("euc_kr", "EUC-KR"), ("cp1252", "windows-1252"),
                   ("iso8859_2", "ISO-8859-2"), ("koi8_r", "KOI8-R"), ("gb2312", "GB2312"), ("big5", "Big5")]:
    body = bodies.get(enc, text)
    page = f'<html><head><meta charset="{label}"><title>t</title></head><body><article><p>{body}</p></article></body></html>'
    put(f"meta-{enc}.html", page.encode(enc, "replace"))
    put(f"nometa-{enc}.html", page.replace(f'<meta charset="{label}">', "").encode(enc, "replace"))
    put(f"httpequiv-{enc}.html", page.replace(f'<meta charset="{label}">',
        f'<meta http-equiv="Content-Type" content="text/html; charset={label}">').encode(enc, "replace"))
put("utf16.html", ("\ufeff<html><body><p>" + text + "</p></body></html>").encode("utf-16-le"))
put("bad-utf8.html", b"<html><body><p>" + b"ok \xff\xfe\xc3 broken \xe2\x82 " * 5000 + b"</p></body></html>")
put("nul.html", b"<html><body><p>a\x00b</p>\x00<div>c</div></body></html>")
put("empty-ish.html", b"<")
put("deep.html", b"<html><body>" + b"<div><span>x" * 100000 + b"</body></html>")
put("huge-text.html", b"<html><body><p>" + b"word " * 4_000_000 + b"</p></body></html>")
put("huge-attr.html", b'<html><body><a href="' + b"x" * 10_000_000 + b'">l</a><img alt="' + b"y" * 300_000 + b'"></body></html>')
put("many-attrs.html", b"<html><body>" + b"".join(b'<p a%d="v" class="c%d" id="i%d">t</p>' % (i, i, i) for i in range(200000)) + b"</body></html>")
rnd = random.Random(57)
src = [f for f in files if os.path.getsize(f) < 3_000_000][:300]
big = b""
while len(big) < 50_000_000:
    big += open(rnd.choice(src), "rb").read()
put("fifty-mb.html", big)
for k in range(200):
    data = bytearray(open(rnd.choice(src), "rb").read())
    if not data: continue
    cut = rnd.randrange(len(data)); data = data[:cut]             # truncated mid-tag or mid-entity
    for _ in range(rnd.randrange(1, 50)):                          # and bytes that break the markup
        if data: data[rnd.randrange(len(data))] = rnd.choice(b"<>&\"'/=!?-\x00\xff")
    put(f"broken-{k}.html", bytes(data))
open(os.path.join(work, "files.txt"), "w").write("\n".join(files) + "\n")
open(os.path.join(work, "sample.txt"), "w").write("\n".join(files[::25] + [f for f in files if "/stress/" in f and "fifty" not in f and "huge-text" not in f]) + "\n")
PY

echo "== audit: $(wc -l <"$WORK/files.txt") pages"
"$WORK/check" audit 2 <"$WORK/files.txt"
if [ "${VALGRIND:-1}" != 0 ] && command -v valgrind >/dev/null; then
  echo "== valgrind: $(wc -l <"$WORK/sample.txt") pages"
  # glibc's loader reads 8 bytes at a time past a short string while libxml2 dlopens an iconv/ICU module.
  printf '{\n  loader\n  Memcheck:Addr8\n  ...\n  fun:_dl_map_object\n}\n' >"$WORK/loader.supp"
  valgrind -q --error-exitcode=3 --num-callers=12 --suppressions="$WORK/loader.supp" "$WORK/check-small" audit 2 <"$WORK/sample.txt"
fi
echo "check-parse-arena: OK"
