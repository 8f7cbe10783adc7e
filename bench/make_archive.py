#!/usr/bin/env python3
"""Writes an archive with two snapshots of a synthetic N-post site (default 10,000) for the archive
benchmarks: snapshot 2 edits, retitles, retags, adds and removes a few percent of the posts.
Uses lookback's on-disk layout (docs in README, "lookback snapshots"): objects/, snapshots/<id>/."""
import argparse, gzip, hashlib, json, os, random

WORDS = ("archive kettle lantern harbor window season garden library bicycle notebook sketch market "
         "quiet morning river letter music recipe station winter summer patience").split()

def para(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."

def record(rng, site, i, fetched):
    url = f"https://{site}/posts/{i:05d}-{rng.choice(WORDS)}/"
    paras = [para(rng, rng.randint(20, 60)) for _ in range(rng.randint(4, 12))]
    text = "\n\n".join(paras)
    return {
        "url": url, "canonical_url": url, "fetched_at": fetched, "status": 200,
        "title": f"Post {i}: {para(rng, 5)}", "authors": [rng.choice(["Ann Author", "Bo Writer"])],
        "published": {"date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "raw": "x", "source": "meta", "precision": "day"},
        "modified": None,
        "body": {"text": text, "html": "".join(f"<p>{p}</p>" for p in paras), "word_count": len(text.split())},
        "related": [{"title": f"Post {(i * 7 + k) % 1000}", "url": f"https://{site}/posts/r{k}/", "summary": None, "image": None}
                    for k in range(3)],
        "tags": sorted(rng.sample(WORDS, 2)), "language": "en", "site_name": "Bench", "description": None,
        "content_hash": "sha256:" + hashlib.sha256(text.encode()).hexdigest(),
    }

def write_snapshot(root, site, sid, started, records):
    sdir = os.path.join(root, site, "snapshots", sid)
    os.makedirs(os.path.join(sdir, "warc"), exist_ok=True)
    entries = []
    for r in sorted(records, key=lambda r: r["url"]):
        content = {k: v for k, v in r.items() if k not in ("fetched_at", "status")}
        data = (json.dumps(content, sort_keys=True, indent=2, ensure_ascii=False, separators=(",", " : ")) + "\n").encode()
        h = hashlib.sha256(data).hexdigest()
        path = os.path.join(root, site, "objects", h[:2], h[2:] + ".json")
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
        entries.append({"url": r["url"], "object": h, "fetched_at": r["fetched_at"], "status": 200, "reused": False,
                        "fetch": {"final_url": r["url"], "redirects": [], "identifiers": []}})
    with gzip.open(os.path.join(sdir, "index.json.gz"), "wt", encoding="utf-8") as f:
        for e in entries:   # see Sources/Archive/SnapshotIndex.swift
            f.write("\t".join([json.dumps(e["url"], ensure_ascii=False), e["object"], e["fetched_at"], str(e["status"]),
                               "1" if e["reused"] else "0", json.dumps(e["fetch"], sort_keys=True, separators=(",", ":"))]) + "\n")
    manifest = {"format": 1, "id": sid, "site": site, "seed_url": f"https://{site}/", "started_at": started,
                "ended_at": started, "lookback_version": "bench", "rules_sha256": "bench",
                "counts": {"posts": len(entries), "reused": 0, "listings": 0, "errors": 0},
                "coverage": {"routes": {}, "sitemap_unfetched": [], "counters": {}}, "errors": [], "listings": [],
                "warc_files": [], "reextracted_from": None}
    with open(os.path.join(sdir, "manifest.json"), "w") as f:
        json.dump(manifest, f, sort_keys=True, indent=2)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--posts", type=int, default=10000)
    ap.add_argument("--site", default="bench.example")
    a = ap.parse_args()
    rng = random.Random(1)
    v1 = [record(rng, a.site, i, "2026-11-20T10:00:00Z") for i in range(a.posts)]
    write_snapshot(a.out, a.site, "2026-11-20T10-00-00Z", "2026-11-20T10:00:00Z", v1)
    v2 = []
    for i, r in enumerate(v1):
        r = json.loads(json.dumps(r)); r["fetched_at"] = "2026-11-27T10:00:00Z"
        if i % 50 == 1: continue                                   # removed
        if i % 50 == 2: r["title"] += " (revised)"
        if i % 50 == 3: r["body"]["text"] += "\n\nUpdate: " + para(rng, 20)
        if i % 50 == 4: r["tags"] = sorted(rng.sample(WORDS, 3))
        v2.append(r)
    v2 += [record(rng, a.site, a.posts + i, "2026-11-27T10:00:00Z") for i in range(a.posts // 100)]
    write_snapshot(a.out, a.site, "2026-11-27T10-00-00Z", "2026-11-27T10:00:00Z", v2)
    print(f"{a.out}/{a.site}: {len(v1)} and {len(v2)} posts")

if __name__ == "__main__":
    main()
