#!/usr/bin/env bash
# Compares the tree HTMLParser builds with the one libxml2's own parser builds (Sources/HTML/HTMLParser.swift) on
# the pages of the given batch manifests, and on as many mutated copies of them: markup bytes (< > & " ' = / ! - ;
# and NUL-free controls) sprayed in, runs cut, repeated and swapped, pages truncated. Any page whose trees differ
# fails the run and is named, as does one whose element index (made by HTMLParser as it builds) differs from a
# walk of the finished tree.
#
#   scripts/check-parser.sh MANIFEST.jsonl...        # e.g. /work/notes/man/dev.jsonl
#   SEED=7 MUTANTS=3 scripts/check-parser.sh ...     # other mutations, three per page
#   SCRATCH=.build-x scripts/check-parser.sh ...      # another build folder
#   KEEP=DIR scripts/check-parser.sh ...              # keep the mutated pages and the log in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${KEEP:-}" ]; then WORK=$KEEP; mkdir -p "$WORK"; else WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; fi
python3 - "$WORK" "${SEED:-1}" "${MUTANTS:-1}" "$@" <<'PY'
import json, os, random, sys
work, seed, mutants, manifests = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
files = [json.loads(l)["file"] for m in manifests for l in open(m, encoding="utf-8") if l.strip()]
rnd = random.Random(seed)
sprays = [b"<", b">", b"&", b'"', b"'", b"=", b"/", b"!", b"-", b";", b"<!--", b"-->", b"</", b"<p>", b"</div>",
          b"&amp", b"&#", b"&#x", b"<?", b"<!DOCTYPE html>", b"</html>", b"<body>", b"<head>", b"<script>",
          b"</script>", b"\x01", b"\x0b", b"\r", b"\xef\xbf\xbe", b"<o:p>", b"<a href=x", b" checked", b"<table><td>"]
out = []
for i, f in enumerate(files):
    out.append(f)
    data = open(f, "rb").read()
    for k in range(mutants):
        b = bytearray(data)
        for _ in range(rnd.randint(1, 40)):
            if not b: break
            at = rnd.randrange(len(b))
            op = rnd.random()
            if op < 0.6:
                b[at:at] = rnd.choice(sprays)
            elif op < 0.8:
                del b[at:at + rnd.randint(1, 200)]
            else:
                b[at:at] = b[at:at + rnd.randint(1, 300)]
        if rnd.random() < 0.3: del b[rnd.randrange(len(b) + 1):]
        path = os.path.join(work, "m%d-%d.html" % (i, k))
        open(path, "wb").write(bytes(b).replace(b"\x00", b""))
        out.append(path)
open(os.path.join(work, "files.txt"), "w").write("\n".join(out) + "\n")
print("pages: %d (%d mutated)" % (len(out), len(out) - len(files)))
PY
swift build --build-tests ${SCRATCH:+--scratch-path "$SCRATCH"} >/dev/null
LOOKBACK_PARSER_FILES="$WORK/files.txt" swift test --skip-build ${SCRATCH:+--scratch-path "$SCRATCH"} \
    --filter buildsLibxml2sTreeForListedPages >"$WORK/log" 2>&1 || true
grep -E -A3 "HTMLParser:|different trees|different element index" "$WORK/log" | sed -E "s/^.*(HTMLParser:|different)/\1/" | head -80
! grep -q "✘" "$WORK/log"
