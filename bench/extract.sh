#!/usr/bin/env bash
# Batch-extraction speed (issue #2): lookback vs trafilatura vs resiliparse vs libxml2 parsing alone.
#
#   bench/extract.sh [CORPUS]        # default $SHARED/corpus/readability-dev
#
# Each tool reads the same pages: the corpus manifest repeated REPEAT times (default 5; 65 pages -> 325).
# lookback runs with one job and with --jobs 2; wall time, CPU and peak RSS come from /usr/bin/time.
# The Python tools come from PyPI into bench/.venv; the baseline is bench/parse_only.c (gcc + libxml2).
# Then the accuracy line of score_extract.py for lookback (and, for scale, for the Python tools).
# Targets (issue #2): lookback >= 20x trafilatura's pages/s; lookback total <= 2x parse-only time;
# --jobs 2 close to 2x one job. Results: bench/out/extract-*.
source "$(dirname "$0")/lib.sh"

CORPUS="$(cd "${1:-$SHARED/corpus/readability-dev}" && pwd)"
REPEAT=${REPEAT:-5}
RUNS=${RUNS:-3}          # runs per fast command (best wall kept); the Python tools run once
RESULTS="$OUT/extract-results.txt"; : >"$RESULTS"

need_apt time gcc libxml2-dev pkg-config python3-venv
need_venv "import trafilatura, resiliparse" trafilatura resiliparse
build_lookback
need_command extract

# Inputs: a lookback batch manifest (absolute paths) and a plain file list for the C baseline.
MANIFEST="$OUT/extract-manifest.jsonl"; FILES="$OUT/extract-files.txt"
python3 - "$CORPUS" "$REPEAT" "$MANIFEST" "$FILES" <<'PY'
import json, sys
corpus, repeat, manifest, files = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = [json.loads(l) for l in open(f"{corpus}/manifest.jsonl", encoding="utf-8") if l.strip()]
with open(manifest, "w") as m, open(files, "w") as f:
    for _ in range(repeat):
        for r in rows:
            path = f"{corpus}/{r['file']}"
            m.write(json.dumps({"file": path, "url": r["url"], "fetched_at": r["fetched_at"]}) + "\n")
            f.write(path + "\n")
PY
PAGES=$(wc -l <"$MANIFEST")
BYTES=$(xargs -d '\n' cat <"$FILES" | wc -c)
gcc -O2 -Wall "$ROOT/bench/parse_only.c" $(pkg-config --cflags --libs libxml-2.0) -o "$OUT/parse_only"
cat "$FILES" >/dev/null  # warm the page cache so the first tool does not pay for the disk

say ""
say "extract: $PAGES pages ($((BYTES / 1048576)) MB of HTML: $(basename "$CORPUS") x $REPEAT), $(machine_line)"
measure parse-only "$PAGES" "$OUT/extract-parse-only.out" sh -c "exec '$OUT/parse_only' <'$FILES'"
measure lookback "$PAGES" "$OUT/extract-lookback.jsonl" "$LOOKBACK" extract --batch "$MANIFEST"
measure lookback-jobs2 "$PAGES" "$OUT/extract-lookback-jobs2.jsonl" "$LOOKBACK" extract --batch "$MANIFEST" --jobs 2
RUNS=1 measure resiliparse "$PAGES" "$OUT/extract-resiliparse.jsonl" "$VENV/bin/python" "$ROOT/bench/extract_py.py" resiliparse "$MANIFEST"
RUNS=1 measure trafilatura "$PAGES" "$OUT/extract-trafilatura.jsonl" "$VENV/bin/python" "$ROOT/bench/extract_py.py" trafilatura "$MANIFEST"

for f in lookback lookback-jobs2; do
  n=$(grep -c . "$OUT/extract-$f.jsonl" || true); e=$(grep -c '"error"' "$OUT/extract-$f.jsonl" || true)
  [ "$n" = "$PAGES" ] || say "  WARNING: $f printed $n lines for $PAGES pages"
  [ "$e" = 0 ] || say "  note: $f reported $e error lines"
done
if ! cmp -s "$OUT/extract-lookback.jsonl" "$OUT/extract-lookback-jobs2.jsonl"; then
  say "  WARNING: --jobs 2 output differs from one job (must be the same bytes, in input order)"
fi

say ""
say "targets (issue #2):"
cpu() { awk -v u="$(value "$1" 4)" -v s="$(value "$1" 5)" 'BEGIN { print u + s }'; }
awk -v lb="$(value lookback 3)" -v j2="$(value lookback-jobs2 3)" -v po="$(value parse-only 3)" \
    -v tr="$(value trafilatura 3)" -v rp="$(value resiliparse 3)" -v clb="$(cpu lookback)" \
    -v cpo="$(cpu parse-only)" -v ctr="$(cpu trafilatura)" -v cj2="$(cpu lookback-jobs2)" 'BEGIN {
  printf "  lookback vs trafilatura pages/s: %6.1fx  (target >= 20x)  %s\n", tr / lb, (tr / lb >= 20 ? "MET" : "NOT MET")
  printf "  lookback vs resiliparse pages/s: %6.1fx\n", rp / lb
  printf "  lookback time / parse-only time: %6.2fx  (target <= 2x)   %s\n", lb / po, (lb / po <= 2 ? "MET" : "NOT MET")
  printf "  --jobs 2 speed-up over 1 job:    %6.2fx  (target ~2x)\n", lb / j2
  # On a shared machine wall time depends on what else runs; CPU seconds (user+sys) do much less.
  printf "  same in CPU time: vs trafilatura %.1fx, vs parse-only %.2fx, --jobs 2 uses %.2fx the CPU of 1 job\n", ctr / clb, clb / cpo, cj2 / clb
  printf "  cores this run got: lookback %.2f, --jobs 2 %.2f (a quiet 2-core machine gives 1 and 2)\n", clb / lb, cj2 / j2
}' >&2

say ""
say "accuracy (score_extract.py on $(basename "$CORPUS"), one pass):"
for tool in lookback trafilatura resiliparse; do
  case $tool in
    lookback) cmd="'$LOOKBACK' extract --batch {manifest}" ;;
    *) cmd="'$VENV/bin/python' '$ROOT/bench/extract_py.py' $tool {manifest}" ;;
  esac
  if python3 "$SHARED/eval/score_extract.py" --corpus "$CORPUS" --cmd "$cmd" --json --bootstrap 0 \
      >"$OUT/extract-score-$tool.txt" 2>&1; then
    python3 "$ROOT/bench/score_line.py" "$tool" <"$OUT/extract-score-$tool.txt" >&2
  else
    say "  $tool: score_extract.py failed (see $OUT/extract-score-$tool.txt)"; tail -n 5 "$OUT/extract-score-$tool.txt" >&2
  fi
done
say ""
say "raw results: $RESULTS (name pages wall_s user_s sys_s peak_rss_kb exit)"
