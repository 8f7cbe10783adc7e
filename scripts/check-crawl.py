#!/usr/bin/env python3
"""check-crawl.py -- measure `lookback crawl` against a blogsite.py fixture blog (acceptance of issue 3).

For one theme: generate a site, serve it with faults, crawl it (optionally killing the crawl with SIGKILL
at a random moment and running the same command again), then compare with the site's _truth/:
recall of posts (each exactly once), non-posts archived, requests to robots-disallowed paths, requests
(not counting 429/503 answers) against 1.3 x (posts + listing pages), 429 retries no sooner than
Retry-After, refetches after the kill, field accuracy of title/published/authors/tags, body F1 (the
metric of ../shared/eval/score_extract.py), related cards exactly right (same URLs in the same order with
their titles and summaries), and the shortest gap between two request starts (with `--faults robots-delay`, robots.txt asks for 1 s).

    python3 scripts/check-crawl.py --lookback .build/release/lookback --theme wordpress [--posts 300]
        [--faults 429,503,slow,redirects,trap,charset,big,binary,dup] [--kill] [--delay-ms 0]

Needs ../shared/site/blogsite.py (or --blogsite PATH). Prints one JSON summary line. Not used by the tests.
"""
import argparse, gzip, importlib.util, json, os, random, shutil, signal, subprocess, sys, time, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def read_index(site_dir, snap, manifest):
    """The snapshot's posts as (url, object hash) pairs. The index is TSV, one post a line
    (`"url"<TAB>object<TAB>...`), gzipped: in the site's `indexes/` store when the manifest names it
    (`index_sha256`), else `index.json.gz` in the snapshot folder (older snapshots; the oldest ones hold
    a JSON array)."""
    digest = manifest.get("index_sha256")
    if digest:
        path = os.path.join(site_dir, "indexes", digest + ".tsv.gz")
    else:
        path = os.path.join(snap, "index.json.gz")
    raw = gzip.open(path).read()
    if raw.lstrip().startswith(b"["):
        return [(e["url"], e["object"]) for e in json.loads(raw)]
    rows = []
    for line in raw.decode("utf-8").splitlines():
        if line:
            f = line.split("\t")
            rows.append((json.loads(f[0]), f[1]))
    return rows


def load_snapshot(archive, site):
    snaps = os.path.join(archive, site, "snapshots")
    done = sorted(d for d in os.listdir(snaps) if not d.endswith(".partial"))
    snap = os.path.join(snaps, done[-1])
    manifest = json.load(open(os.path.join(snap, "manifest.json")))
    index = read_index(os.path.join(archive, site), snap, manifest)
    records = []
    for _, obj in index:
        p = os.path.join(archive, site, "objects", obj[:2], obj[2:] + ".json")
        records.append(json.load(open(p)))
    return manifest, index, records


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lookback", required=True)
    ap.add_argument("--blogsite", default=os.path.join(HERE, "..", "..", "shared", "site", "blogsite.py"))
    ap.add_argument("--theme", required=True)
    ap.add_argument("--posts", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scorer", default=os.path.join(HERE, "..", "..", "shared", "eval", "score_extract.py"),
                    help="score_extract.py, whose body metric is used")
    ap.add_argument("--faults", default="429,503,slow,redirects,trap,charset,big,binary,dup")
    ap.add_argument("--kill", action="store_true", help="SIGKILL the crawl once at a random moment, then rerun it")
    ap.add_argument("--delay-ms", default="0")
    ap.add_argument("--concurrency", default="8")
    ap.add_argument("--work", default="/tmp/check-crawl")
    a = ap.parse_args()

    work = os.path.join(a.work, a.theme)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    site_dir, archive, log = os.path.join(work, "site"), os.path.join(work, "archive"), os.path.join(work, "requests.jsonl")
    subprocess.run([sys.executable, a.blogsite, "generate", "--theme", a.theme, "--posts", str(a.posts),
                    "--seed", str(a.seed), "--out", site_dir], check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([sys.executable, a.blogsite, "serve", "--root", site_dir, "--port", "0",
                               "--faults", a.faults, "--log", log], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(server.stdout.readline())
        origin = f"http://127.0.0.1:{port}"
        cmd = [a.lookback, "crawl", origin + "/", "--archive", archive, "--delay-ms", a.delay_ms,
               "--concurrency", a.concurrency, "--log-json", os.path.join(work, "events.jsonl")]
        killed_after = None
        t0 = time.time()
        if a.kill:
            p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            killed_after = random.uniform(2, 8)
            time.sleep(killed_after)
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
            p.wait()
        lines_before = sum(1 for _ in open(log)) if os.path.exists(log) else 0
        r = subprocess.run(cmd, capture_output=True, text=True)
        elapsed = time.time() - t0
        if r.returncode != 0:
            print(r.stderr, file=sys.stderr)
            raise SystemExit(f"crawl failed with exit {r.returncode}")
        snapshot_id = r.stdout.strip().splitlines()[-1]
    finally:
        server.terminate()
        server.wait()

    truth = json.load(open(os.path.join(site_dir, "_truth", "site.json")))
    base = truth["base_path"]
    posts = set(truth["posts"])
    nonposts = set(truth["non_posts"])
    site = f"127.0.0.1:{port}"
    manifest, index, records = load_snapshot(archive, site)
    archived = [urllib.parse.urlsplit(rec["url"]).path for rec in records]
    counts = {}
    for u in archived:
        counts[u] = counts.get(u, 0) + 1
    found_once = sum(1 for p in posts if counts.get(p) == 1)
    dupes = {u: n for u, n in counts.items() if n > 1}
    not_posts = sorted(u for u in counts if u not in posts)

    reqs = [json.loads(l) for l in open(log)]
    disallow_prefixes = [d for d in truth["disallowed"] if not d.endswith("...")] + [base + "/calendar/", base + "/private/"]
    disallowed_hits = [q["path"] for q in reqs if any(q["path"].startswith(d) for d in disallow_prefixes)]
    counted = [q for q in reqs if q["status"] not in (429, 503)]
    budget = 1.3 * (len(posts) + len(nonposts))
    # 429 retried no sooner than Retry-After (2 s on this server)
    early = 0
    by_path = {}
    for q in reqs:
        by_path.setdefault(q["path"], []).append(q)
    for path, qs in by_path.items():
        for i, q in enumerate(qs[:-1]):
            if q["status"] == 429:
                t1 = time.mktime(time.strptime(q["t"][:19], "%Y-%m-%dT%H:%M:%S")) + float("0." + q["t"][20:23])
                n = qs[i + 1]
                t2 = time.mktime(time.strptime(n["t"][:19], "%Y-%m-%dT%H:%M:%S")) + float("0." + n["t"][20:23])
                if t2 - t1 < 2 - 0.05 - q["ms"] / 1000:
                    early += 1
    # robots.txt Crawl-delay (the robots-delay fault asks for 1 s): gaps between request starts
    def start_of(q):
        t = time.mktime(time.strptime(q["t"][:19], "%Y-%m-%dT%H:%M:%S")) + float("0." + q["t"][20:23])
        return t - q["ms"] / 1000
    starts = sorted(start_of(q) for q in reqs)
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    # refetches: page paths answered 200 more than once
    ok200 = {}
    for q in reqs:
        if q["status"] == 200:
            ok200[q["path"]] = ok200.get(q["path"], 0) + 1
    refetched = sum(n - 1 for n in ok200.values() if n > 1)
    # field accuracy
    truth_recs = {json.loads(l)["url"]: json.loads(l) for l in open(os.path.join(site_dir, "_truth", "posts.jsonl"))}
    acc = {"title": 0, "published": 0, "authors": 0, "tags": 0, "related": 0}
    spec = importlib.util.spec_from_file_location("score_extract", a.scorer)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    body_triples = []
    n = 0
    for rec in records:
        path = urllib.parse.urlsplit(rec["url"]).path
        t = truth_recs.get(path)
        if not t:
            continue
        n += 1
        acc["title"] += rec.get("title") == t.get("title")
        pub_r = (rec.get("published") or {}).get("date")
        pub_t = (t.get("published") or {}).get("date") if isinstance(t.get("published"), dict) else t.get("published")
        acc["published"] += bool(pub_r and pub_t and pub_r[:10] == str(pub_t)[:10])
        acc["authors"] += rec.get("authors") == t.get("authors")
        acc["tags"] += rec.get("tags") == t.get("tags")
        body_triples.append(scorer.page_tp_fp_fn(t.get("body"), (rec.get("body") or {}).get("text")))
        card = lambda c: (urllib.parse.urlsplit(c["url"]).path, c.get("title"), c.get("summary"))
        acc["related"] += [card(c) for c in rec.get("related") or []] == [card(c) for c in t.get("related") or []]
    print(json.dumps({
        "theme": a.theme, "snapshot": snapshot_id, "seconds": round(elapsed, 1), "killed_after_s": killed_after,
        "posts_truth": len(posts), "listings_truth": len(nonposts), "recall_exactly_once": round(found_once / len(posts), 4),
        "duplicates": dupes, "non_posts_archived": not_posts[:10], "n_non_posts_archived": len(not_posts),
        "requests_total": len(reqs), "requests_counted": len(counted), "budget_1_3x": round(budget),
        "requests_ratio": round(len(counted) / (len(posts) + len(nonposts)), 3),
        "disallowed_requests": len(disallowed_hits), "early_429_retries": early,
        "refetched_200": refetched, "refetched_share": round(refetched / max(1, len(reqs)), 4),
        "requests_before_rerun": lines_before,
        "manifest_errors": len(manifest["errors"]), "listings_in_manifest": len(manifest["listings"]),
        "min_gap_between_requests_s": round(min(gaps), 3) if gaps else None,
        "gaps_under_1s": sum(1 for g in gaps if g < 1 - 0.02), "sitemap_unfetched": len(manifest["coverage"]["sitemap_unfetched"]),
        "field_accuracy": {k: round(v / max(1, n), 3) for k, v in acc.items()},
        "body_f1": round(scorer.prf(body_triples)["f1"], 4) if body_triples else None,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
