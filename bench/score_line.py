"""Prints one line from the --json summary of score_extract.py (read on stdin): bench/score_line.py NAME"""
import json
import sys

s = json.loads(sys.stdin.read().strip().splitlines()[-1])


def f(field: str, key: str) -> str:
    v = (s.get(field) or {}).get(key)
    return "-" if v is None else f"{v:.3f}"


print(f"  {sys.argv[1]:12s} body F1 {f('body', 'f1')} (P {f('body', 'precision')}, R {f('body', 'recall')})"
      f"  title {f('title', 'acc')}  published {f('published', 'acc')}  authors {f('authors', 'acc')}"
      f"  [{s['pages_per_s']:.1f} pages/s in the scorer, start-up included]")
