"""Summarizes a slice of the nginx access log written by bench/crawl.sh (format: STATUS URI CONTENT-TYPE).

    python3 bench/access_log.py LOG FIRST_LINE LAST_LINE   ->  one JSON object on stdout

requests: all requests; distinct_pages: distinct URIs answered 200 with text/html; distinct_ok: distinct
URIs answered 200 (any type); repeats: 200 answers for a URI already answered 200; by_status: counts.
"""
import json
import sys
from collections import Counter

log, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
status = Counter()
ok_html, ok_any = set(), set()
repeats = 0
with open(log, encoding="utf-8", errors="replace") as f:
    for n, line in enumerate(f, start=1):
        if n <= first or n > last:
            continue
        parts = line.rstrip("\n").split(" ", 2)
        if len(parts) < 2:
            continue
        code, uri = parts[0], parts[1]
        ctype = parts[2] if len(parts) > 2 else ""
        status[code] += 1
        if code == "200":
            if uri in ok_any:
                repeats += 1
            ok_any.add(uri)
            if ctype.startswith("text/html"):
                ok_html.add(uri)
print(json.dumps({"requests": sum(status.values()), "distinct_pages": len(ok_html), "distinct_ok": len(ok_any),
                  "repeats": repeats, "by_status": dict(sorted(status.items()))}, sort_keys=True))
