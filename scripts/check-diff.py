#!/usr/bin/env python3
"""check-diff.py -- measure `lookback diff` against a blogsite.py fixture blog (acceptance of issue 4).

For one theme: generate a site (v1), serve it on loopback, crawl it; `mutate` it (v2, with known edits in
_truth/changes.json), serve v2 on the same port (so it is the same archived site), crawl again; compare
`lookback diff SITE previous latest --format json` with changes.json (added, removed, changed URLs and the
changed fields of each post; no `boilerplate_only` post may be reported); crawl the unchanged v2 a third
time and check that the diff reports nothing (exit 0); run `warcio check` on every WARC of the archive.

    python3 scripts/check-diff.py --lookback .build/release/lookback --theme wordpress [--posts 300]
        [--warcio .build-venv/bin/warcio]

Needs ../shared/site/blogsite.py (or --blogsite PATH). Prints one JSON summary line; exit 1 when a check
fails. Not used by the tests (they have their own fixture site with known edits).
"""
import argparse, glob, json, os, shutil, socket, subprocess, sys, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(blogsite, root, port, log):
    server = subprocess.Popen([sys.executable, blogsite, "serve", "--root", root, "--port", str(port), "--log", log],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert int(server.stdout.readline()) == port
    return server


def crawl(lookback, origin, archive):
    out = subprocess.run([lookback, "crawl", origin + "/", "--archive", archive, "--delay-ms", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode != 0:
        sys.exit(f"crawl of {origin} failed (exit {out.returncode}):\n{out.stderr[-2000:]}")
    return out.stdout.strip().splitlines()[-1]


def diff(lookback, archive, site):
    out = subprocess.run([lookback, "diff", "--archive", archive, site, "previous", "latest", "--format", "json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"diff failed (exit {out.returncode}): {out.stderr}")
    return out.returncode, json.loads(out.stdout)


def path(url):
    return urllib.parse.urlsplit(url).path or "/"


def compare(got, want):
    """Counts of right and wrong URLs per list, by path (the truth holds paths)."""
    g_changed = {path(c["url"]): sorted(c["fields"]) for c in got["changed"]}
    w_changed = {p: sorted(f) for p, f in want["changed"].items()}
    result = {}
    for key in ("added", "removed"):
        g, w = {path(u) for u in got[key]}, set(want[key])
        result[key] = {"reported": len(g), "expected": len(w), "right": len(g & w)}
    result["moved"] = len(got["moved"])
    result["changed"] = {"reported": len(g_changed), "expected": len(w_changed),
                         "right_urls": len(set(g_changed) & set(w_changed)),
                         "right_fields": sum(1 for p, f in w_changed.items() if g_changed.get(p) == f),
                         "wrong_fields": sorted(p for p, f in w_changed.items() if p in g_changed and g_changed[p] != f)[:5]}
    result["boilerplate_only_reported"] = len(set(want.get("boilerplate_only", [])) & set(g_changed))
    exact = (all(result[k]["reported"] == result[k]["expected"] == result[k]["right"] for k in ("added", "removed"))
             and result["moved"] == 0 and result["boilerplate_only_reported"] == 0
             and result["changed"]["reported"] == result["changed"]["expected"] == result["changed"]["right_fields"])
    return exact, result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lookback", required=True)
    ap.add_argument("--blogsite", default=os.path.join(HERE, "..", "..", "shared", "site", "blogsite.py"))
    ap.add_argument("--warcio", default=os.path.join(HERE, "..", ".build-venv", "bin", "warcio"))
    ap.add_argument("--theme", required=True)
    ap.add_argument("--posts", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default="/tmp/check-diff")
    a = ap.parse_args()

    work = os.path.join(a.work, a.theme)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    v1, v2, archive = (os.path.join(work, n) for n in ("v1", "v2", "archive"))
    subprocess.run([sys.executable, a.blogsite, "generate", "--theme", a.theme, "--posts", str(a.posts),
                    "--seed", str(a.seed), "--out", v1], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, a.blogsite, "mutate", "--in", v1, "--out", v2, "--seed", str(a.seed)],
                   check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    origin, site = f"http://127.0.0.1:{port}", f"127.0.0.1:{port}"
    snapshots = []
    for n, root in enumerate((v1, v2, v2), 1):
        server = serve(a.blogsite, root, port, os.path.join(work, f"requests-{n}.jsonl"))
        try:
            snapshots.append(crawl(a.lookback, origin, archive))
        finally:
            server.terminate(); server.wait()
        if n == 2:
            status, got = diff(a.lookback, archive, site)
            json.dump(got, open(os.path.join(work, "diff-v1-v2.json"), "w"), indent=1)
            exact, result = compare(got, json.load(open(os.path.join(v2, "_truth", "changes.json"))))
            result["exit"] = status
    status3, got3 = diff(a.lookback, archive, site)
    third = {"exit": status3, "added": len(got3["added"]), "removed": len(got3["removed"]),
             "moved": len(got3["moved"]), "changed": len(got3["changed"])}
    warcs = sorted(glob.glob(os.path.join(archive, site, "snapshots", "*", "warc", "*.warc.gz")))
    warc_failures = [w for w in warcs if subprocess.run([a.warcio, "check", w], stdout=subprocess.DEVNULL,
                                                        stderr=subprocess.DEVNULL).returncode != 0]
    ok = exact and status3 == 0 and not warc_failures and len(warcs) >= 3
    print(json.dumps({"theme": a.theme, "posts": a.posts, "snapshots": snapshots, "v1_to_v2": result, "exact": exact,
                      "third_crawl_diff": third, "warcs": len(warcs), "warcio_check_failures": len(warc_failures),
                      "ok": ok}))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
