#!/usr/bin/env python3
"""Compares what lookback made of the sample blog with what the sample blog holds (truth/).

    python3 examples/check_sample.py --export archive/sample-export.jsonl [--version v2]
    python3 examples/check_sample.py --diff diff.json          # `lookback diff ... --format json` output

--export: a JSONL export (one page record a line) of a snapshot of sample-blog/VERSION; prints, per
field, how many posts match truth/VERSION.jsonl, then the posts missing and the pages archived that
are not posts. --diff: compares added/removed/moved/changed (with fields) with truth/changes.json.
Exit 0 when everything matches, 1 otherwise. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

TRUTH = Path(__file__).resolve().parent / "sample-blog" / "truth"


def norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def date_of(v) -> str | None:
    return v.get("date") if isinstance(v, dict) else v


def same_instant(got: str | None, want: str | None) -> bool:
    """The same moment (a UTC `Z` time or a local time with its offset), or the same day when only
    the day was given."""
    if got is None or want is None:
        return got == want
    if len(got) == 10:
        return got == want[:10]
    try:
        g = datetime.fromisoformat(got.replace("Z", "+00:00"))
        w = datetime.fromisoformat(want.replace("Z", "+00:00"))
    except ValueError:
        return False
    return g.tzinfo is not None and g == w


def related_of(rec: dict) -> list[tuple]:
    return [(c.get("url"), norm(c.get("title")), norm(c.get("summary")) if c.get("summary") else None)
            for c in rec.get("related") or []]


def check_export(path: Path, version: str) -> bool:
    want = {json.loads(l)["url"]: json.loads(l) for l in (TRUTH / f"{version}.jsonl").open(encoding="utf-8")}
    got = {}
    for line in path.open(encoding="utf-8"):
        if line.strip():
            rec = json.loads(line)
            got[rec.get("canonical_url") or rec.get("url")] = rec
    checks = {
        "title": lambda g, w: norm(g.get("title")) == norm(w["title"]),
        "authors": lambda g, w: [norm(a) for a in g.get("authors") or []] == w["authors"],
        "published": lambda g, w: same_instant(date_of(g.get("published")), w["published"]),
        "modified": lambda g, w: same_instant(date_of(g.get("modified")), w["modified"]),
        "tags": lambda g, w: sorted(norm(t).lower() for t in g.get("tags") or []) == sorted(w["tags"]),
        "body": lambda g, w: norm((g.get("body") or {}).get("text")) == norm(w["body"]),
        "related": lambda g, w: related_of(g) == [(c["url"], norm(c["title"]), c["summary"] and norm(c["summary"]))
                                                 for c in w["related"]],
        "language": lambda g, w: (g.get("language") or "").split("-")[0].lower() == w["language"],
    }
    both = [u for u in want if u in got]
    ok = True
    print(f"{path}: {len(got)} records; sample-blog/{version} has {len(want)} posts, {len(both)} found")
    for name, check in checks.items():
        bad = [u for u in both if not check(got[u], want[u])]
        ok &= not bad
        print(f"  {name:10s} {len(both) - len(bad):3d}/{len(both)}" + (f"   wrong: {', '.join(bad[:4])}"
                                                                      + (" ..." if len(bad) > 4 else "") if bad else ""))
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    if missing:
        print(f"  missing posts: {', '.join(missing)}")
    if extra:
        print(f"  archived but not posts: {', '.join(extra)}")
    return ok and not missing and not extra


def check_diff(path: Path) -> bool:
    want = json.loads((TRUTH / "changes.json").read_text(encoding="utf-8"))
    got = json.loads(path.read_text(encoding="utf-8"))
    ok = True
    for key in ("added", "removed"):
        g, w = set(got.get(key) or []), set(want[key])
        ok &= g == w
        print(f"  {key:9s} {'ok' if g == w else 'WRONG'}: reported {sorted(g)}, expected {sorted(w)}")
    g_moved = sorted((m.get("from"), m.get("to")) for m in got.get("moved") or [])
    w_moved = sorted((m["from"], m["to"]) for m in want["moved"])
    ok &= g_moved == w_moved
    print(f"  moved     {'ok' if g_moved == w_moved else 'WRONG'}: reported {g_moved}, expected {w_moved}")
    g_changed = {c["url"]: sorted(c.get("fields") or {}) for c in got.get("changed") or []}
    w_changed = {u: sorted(f) for u, f in want["changed"].items()}
    for u in sorted(set(g_changed) | set(w_changed)):
        if g_changed.get(u) != w_changed.get(u):
            ok = False
            print(f"  changed   WRONG {u}: reported {g_changed.get(u)}, expected {w_changed.get(u)}")
    print(f"  changed   {sum(1 for u in w_changed if g_changed.get(u) == w_changed[u])}/{len(w_changed)} posts right"
          f"{'' if set(g_changed) <= set(w_changed) else ', plus posts reported that did not change'}")
    flagged = set(want["boilerplate_only"]) & set(g_changed)
    ok &= not flagged
    print(f"  boilerplate-only edits reported as changes: {len(flagged)}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--export", type=Path)
    ap.add_argument("--version", default="v2", choices=["v1", "v2"])
    ap.add_argument("--diff", type=Path)
    a = ap.parse_args()
    if not a.export and not a.diff:
        ap.error("give --export and/or --diff")
    ok = True
    if a.export:
        ok &= check_export(a.export, a.version)
    if a.diff:
        print(f"{a.diff} against sample-blog/truth/changes.json:")
        ok &= check_diff(a.diff)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
