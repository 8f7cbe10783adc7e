#!/usr/bin/env python3
"""Hostile bytes through the crawler's own parsers, by `lookback crawl` (and `extract --rules` for rules.json):
robots.txt, sitemaps and sitemap indexes (plain and gzip'd), RSS/Atom feeds, HTTP header values (Retry-After, Date,
Content-Type, Link, Location) and malformed rules.json. Each case is a small site: a build folder crawled in folder
mode (`--base-url`), or, for headers, pages served by a local HTTP server (PORT) that sends the case's header. Each
crawl runs alone under a CPU limit (60 s) and a wall limit (WALL s); a crash is an exit status other than 0 and 1 (a
signal or a Swift trap), a hang is the wall limit. Size families run at three sizes: a linear family grows ~10x per
step net of the process start. Not a test: read the lines flagged CRASH, HANG, SLOW and BADERR. The two
robots_delay_huge/1e300 cases are expected at the wall limit: the crawler holds a Crawl-delay over 600 s at 600 s
(HostPoliteness.maxCrawlDelay) and waits it between requests.

  stress-crawl.py BIN RULES OUTDIR [--port 18431] [--only SUBSTRING] [--wall 60]
"""
import argparse, gzip, http.server, json, os, resource, shutil, subprocess, sys, threading, time

ap = argparse.ArgumentParser()
ap.add_argument("bin"); ap.add_argument("rules"); ap.add_argument("out")
ap.add_argument("--port", type=int, default=18431)
ap.add_argument("--only", default="")
ap.add_argument("--wall", type=float, default=60)
A = ap.parse_args()
BIN, RULES, OUT = os.path.abspath(A.bin), os.path.abspath(A.rules), os.path.abspath(A.out)
os.makedirs(OUT, exist_ok=True)
BASE = "http://site.test/"

def post(i):
    return (f"<!DOCTYPE html><html><head><title>Post {i} - Site</title><meta property='article:published_time' "
            f"content='2024-01-0{1 + i % 9}T00:00:00Z'></head><body><article><h1>Post {i}</h1><p>"
            + "Some words of the post body here. " * 30 + "</p></article></body></html>").encode()

def index_page(extra=b""):
    links = "".join(f"<li><a href='/p{i}/'>Post {i}</a></li>" for i in range(3))
    return (b"<!DOCTYPE html><html><head><title>Site</title>" + extra + b"</head><body><ul>" + links.encode()
            + b"</ul></body></html>")

def site(files):
    """A build folder: an index, three posts, and `files` (path -> bytes) over them."""
    d = os.path.join(OUT, "site")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    base = {"index.html": index_page()}
    for i in range(3): base[f"p{i}/index.html"] = post(i)
    base.update(files)
    for p, b in base.items():
        full = os.path.join(d, p)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        open(full, "wb").write(b)
    return d

def run(args, wall):
    arch = os.path.join(OUT, "archive")
    shutil.rmtree(arch, ignore_errors=True)
    def lim(): resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    try:
        pr = subprocess.run([BIN] + args + ["--archive", arch, "--rules", RULES], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=lim, timeout=wall)
        rc, err = pr.returncode, pr.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        rc, err = "HANG", ""
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return rc, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), time.time() - t0, err

def last_line(err):
    lines = [l for l in err.strip().splitlines() if l.strip()]
    return (lines[-1] if lines else "")[:160]

results = []
def report(name, size, rc, cpu, wall, err, flag=""):
    if rc == "HANG": flag = "HANG"
    elif rc not in (0, 1): flag = "CRASH"
    results.append((name, size, rc, cpu, flag))
    print(f"{name:34s} {size:>10d} rc={str(rc):<4s} cpu={cpu*1000:8.0f} ms wall={wall:6.1f} s {flag:6s} {last_line(err)}", flush=True)
    if flag in ("CRASH", "HANG"):
        keep = os.path.join(OUT, "kept-" + name + f"-{size}")
        shutil.rmtree(keep, ignore_errors=True)
        if os.path.isdir(os.path.join(OUT, "site")): shutil.copytree(os.path.join(OUT, "site"), keep)
        open(keep + ".stderr", "w").write(err)

def folder_case(name, files, size=0):
    if A.only and A.only not in name: return
    d = site(files)
    rc, cpu, wall, err = run(["crawl", d, "--base-url", BASE, "--max-pages", "20", "--restart"], A.wall)
    report(name, size, rc, cpu, wall, err)

# ---------------------------------------------------------------- robots.txt
N = lambda unit, size: max(1, size // len(unit))
robots_families = {
    "robots_rules": lambda s: b"User-agent: *\n" + b"".join(b"Disallow: /x%d/\n" % i for i in range(N(b"Disallow: /x00000/\n", s))),
    "robots_agents": lambda s: b"".join(b"User-agent: bot%d\n" % i for i in range(N(b"User-agent: bot00000\n", s))) + b"Disallow: /p1/\n",
    "robots_groups": lambda s: b"".join(b"User-agent: *\nDisallow: /q%d\n" % i for i in range(N(b"User-agent: *\nDisallow: /q00000\n", s))),
    "robots_wild": lambda s: b"User-agent: *\n" + b"".join(b"Disallow: /*a*b*c*d*e*f*g*h*i*j*k%d$\n" % i for i in range(N(b"Disallow: /*a*b*c*d*e*f*g*h*i*j*k0000$\n", s))),
    "robots_longstar": lambda s: b"User-agent: *\nDisallow: /" + b"*a" * (s // 2) + b"$\n",
    "robots_longline": lambda s: b"User-agent: *\nDisallow: /" + b"p" * s + b"\n",
    "robots_binary": lambda s: bytes((i * 7919 + 13) % 256 for i in range(s)),
    "robots_nul": lambda s: (b"User-agent: *\x00\nDisallow: /p1/\x00\n") * N(b"User-agent: *\x00\nDisallow: /p1/\x00\n", s),
    "robots_cr": lambda s: (b"User-agent: *\rDisallow: /p2/\r") * N(b"User-agent: *\rDisallow: /p2/\r", s),
    "robots_bom_crlf": lambda s: b"\xef\xbb\xbf" + b"User-agent: *\r\nAllow: /p1/\r\nDisallow: /\r\n" * N(b"User-agent: *\r\nAllow: /p1/\r\nDisallow: /\r\n", s),
    "robots_sitemaps": lambda s: b"".join(b"Sitemap: /sm%d.xml\n" % i for i in range(N(b"Sitemap: /sm00000.xml\n", s))),
    "robots_pct": lambda s: b"User-agent: *\n" + b"Disallow: /%" + b"%E2%82" * (s // 6) + b"\n",
}
SIZES = [10_000, 100_000, 1_000_000]
for fam, make in robots_families.items():
    for s in SIZES:
        folder_case(fam, {"robots.txt": make(s)}, s)
for name, body in {
    "robots_delay_huge": b"User-agent: *\nCrawl-delay: 99999999999\n",
    "robots_delay_1e300": b"User-agent: *\nCrawl-delay: 1e300\n",
    "robots_delay_inf": b"User-agent: *\nCrawl-delay: inf\n",
    "robots_delay_nan": b"User-agent: *\nCrawl-delay: nan\n",
    "robots_delay_neg": b"User-agent: *\nCrawl-delay: -5\n",
    "robots_delay_hex": b"User-agent: *\nCrawl-delay: 0x1p-3\n",
    "robots_empty_agent": b"User-agent:\nDisallow: /\n",
    "robots_no_colon": b"Disallow /\nUser-agent *\n",
    "robots_disallow_all_allow_root": b"User-agent: *\nDisallow: /\nAllow: /$\nAllow: /p0/\n",
}.items():
    folder_case(name, {"robots.txt": body}, len(body))

# ---------------------------------------------------------------- sitemaps
def urlset(n, lastmod=b"2024-01-01"):
    return (b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + b"".join(b"<url><loc>http://site.test/p%d/</loc><lastmod>%s</lastmod></url>" % (i % 3, lastmod) for i in range(n))
            + b"</urlset>")
def index_of(locs):
    return (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + b"".join(b"<sitemap><loc>%s</loc></sitemap>" % l for l in locs) + b"</sitemapindex>")
laughs = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "http://site.test/p0/">'
          + b"".join(b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&%c;" % (ord("a") + i)) * 10) for i in range(9))
          + b']><urlset><url><loc>&j;</loc></url><url><loc>&j;</loc></url></urlset>')
quad = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "' + b"x" * 200_000 + b'">]><urlset>'
        + b"<url><loc>&a;</loc></url>" * 5_000 + b"</urlset>")
xxe = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/hostname">]><urlset><url><loc>'
       b'http://site.test/&x;/</loc></url></urlset>')
sitemap_families = {
    "sitemap_urls": lambda s: urlset(N(b"<url><loc>http://site.test/p0/</loc><lastmod>2024-01-01</lastmod></url>", s)),
    "sitemap_badlastmod": lambda s: urlset(N(b"<url><loc>http://site.test/p0/</loc><lastmod>9999-99-99T99:99:99+99:99</lastmod></url>", s), b"9999-99-99T99:99:99+99:99"),
    "sitemap_deep": lambda s: b"<urlset>" + b"<url>" * (s // 5) + b"<loc>http://site.test/p0/</loc>",
    "sitemap_longloc": lambda s: b"<urlset><url><loc>http://site.test/" + b"a" * s + b"</loc></url></urlset>",
    "sitemap_truncated": lambda s: urlset(N(b"<url><loc>http://site.test/p0/</loc><lastmod>2024-01-01</lastmod></url>", s))[: s // 2 + 7],
    "sitemap_text": lambda s: b"http://site.test/p1/\n" * N(b"http://site.test/p1/\n", s),
    "sitemap_garbage": lambda s: bytes((i * 7919 + 13) % 256 for i in range(s)),
    "sitemap_attrs": lambda s: b"<urlset><url " + b"".join(b"a%d='x' " % i for i in range(N(b"a00000='x' ", s))) + b"><loc>http://site.test/p0/</loc></url></urlset>",
    "sitemap_index_many": lambda s: index_of([b"http://site.test/sm%d.xml" % i for i in range(N(b"<sitemap><loc>http://site.test/sm00000.xml</loc></sitemap>", s))]),
}
for fam, make in sitemap_families.items():
    for s in SIZES:
        folder_case(fam, {"sitemap.xml": make(s)}, s)
for name, files in {
    "sitemap_laughs": {"sitemap.xml": laughs},
    "sitemap_quadratic_entity": {"sitemap.xml": quad},
    "sitemap_xxe": {"sitemap.xml": xxe},
    "sitemap_index_self": {"sitemap.xml": index_of([b"http://site.test/sitemap.xml"] * 3)},
    "sitemap_index_loop": {"sitemap.xml": index_of([b"/a.xml"]), "a.xml": index_of([b"/b.xml"]), "b.xml": index_of([b"/sitemap.xml", b"/a.xml"])},
    "sitemap_index_chain": dict([("sitemap.xml", index_of([b"/c0.xml"]))] + [(f"c{i}.xml", index_of([b"/c%d.xml" % (i + 1)])) for i in range(300)]),
    "sitemap_gz": {"robots.txt": b"Sitemap: /sm.xml.gz\n", "sm.xml.gz": gzip.compress(urlset(1000))},
    "sitemap_gzbomb": {"robots.txt": b"Sitemap: /bomb.xml.gz\n", "bomb.xml.gz": gzip.compress(urlset(10) + b" " * 300_000_000)},
    "sitemap_gz_truncated": {"robots.txt": b"Sitemap: /t.xml.gz\n", "t.xml.gz": gzip.compress(urlset(1000))[:500]},
    "sitemap_gz_garbage": {"robots.txt": b"Sitemap: /g.xml.gz\n", "g.xml.gz": b"\x1f\x8b\x08\x00" + bytes(range(256)) * 40},
    "sitemap_utf16": {"sitemap.xml": urlset(100).replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16")},
    "sitemap_bad_encoding": {"sitemap.xml": urlset(100).replace(b'encoding="UTF-8"', b'encoding="x-nonsense"')},
    "sitemap_huge_20MB": {"sitemap.xml": urlset(300_000)},
}.items():
    folder_case(name, files, sum(len(b) for b in files.values()))

# ---------------------------------------------------------------- feeds
def rss(n, link=b"http://site.test/p%d/"):
    return (b'<?xml version="1.0"?><rss version="2.0"><channel><title>S</title>'
            + b"".join(b"<item><title>t</title><link>" + (link % (i % 3) if b"%d" in link else link) + b"</link></item>" for i in range(n))
            + b"</channel></rss>")
def atom(n):
    return (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
            + b"".join(b"<entry><link rel='alternate' href='/p%d/'/><link href='/p%d/'/></entry>" % (i % 3, i % 3) for i in range(n))
            + b"</feed>")
announce = index_page(b"<link rel='alternate' type='application/rss+xml' href='/feed.xml'>")
feed_families = {
    "feed_rss_items": lambda s: rss(N(b"<item><title>t</title><link>http://site.test/p0/</link></item>", s)),
    "feed_rss_distinct": lambda s: rss(1, b"http://site.test/") [:-len(b"</channel></rss>")] + b"".join(b"<item><link>http://site.test/x%d/</link></item>" % i for i in range(N(b"<item><link>http://site.test/x00000/</link></item>", s))) + b"</channel></rss>",
    "feed_atom": lambda s: atom(N(b"<entry><link rel='alternate' href='/p0/'/><link href='/p0/'/></entry>", s)),
    "feed_rdf_about": lambda s: b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>" + b"<item rdf:about='/p0/'/>" * N(b"<item rdf:about='/p0/'/>", s) + b"</rdf:RDF>",
    "feed_deep": lambda s: b"<rss><channel>" + b"<item>" * (s // 6) + b"<link>/p0/</link>",
    "feed_garbage": lambda s: b"<rss>" + bytes((i * 7919 + 13) % 256 for i in range(s)),
}
for fam, make in feed_families.items():
    for s in SIZES:
        folder_case(fam, {"index.html": announce, "feed.xml": make(s)}, s)
for name, files in {
    "feed_laughs": {"index.html": announce, "feed.xml": laughs.replace(b"urlset", b"rss").replace(b"<url><loc>", b"<channel><item><link>").replace(b"</loc></url>", b"</link></item></channel>")},
    "feed_many_announced": {"index.html": index_page(b"".join(b"<link rel='alternate' type='application/rss+xml' href='/f%d.xml'>" % i for i in range(5000)))},
}.items():
    folder_case(name, files, sum(len(b) for b in files.values()))

# ---------------------------------------------------------------- HTTP headers (local server)
HEADER_CASES = {
    # name: (status of /p1/ on its first request, headers of that answer)
    "hdr_retry_after_huge": (503, [("Retry-After", "9" * 30)]),
    "hdr_retry_after_400_digits": (429, [("Retry-After", "9" * 400)]),
    "hdr_retry_after_date_far": (503, [("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")]),
    "hdr_retry_after_date_past": (503, [("Retry-After", "Thu, 01 Jan 1970 00:00:00 GMT")]),
    "hdr_retry_after_garbage": (503, [("Retry-After", "\x01soon" + "x" * 60_000)]),
    "hdr_retry_after_negative": (503, [("Retry-After", "-5")]),
    "hdr_retry_after_small_date": (503, [("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"), ("Date", "Sun, 06 Nov 1994 08:49:36 GMT")]),
    "hdr_date_garbage": (200, [("Date", "\x7f" * 50_000)]),
    "hdr_date_far": (200, [("Date", "Fri, 31 Dec 9999 23:59:59 GMT"), ("Last-Modified", "Sat, 01 Jan 0000 00:00:00 GMT")]),
    "hdr_ctype_charset_long": (200, [("Content-Type", "text/html; charset=" + "x" * 60_000)]),
    "hdr_ctype_params": (200, [("Content-Type", "text/html" + "; a=b" * 10_000 + "; charset=\"utf-16\"")]),
    "hdr_ctype_charset_quotes": (200, [("Content-Type", "text/html; charset=\"\"\"'''")]),
    "hdr_ctype_empty": (200, [("Content-Type", "")]),
    "hdr_ctype_binary": (200, [("Content-Type", "application/octet-stream; charset=utf-8")]),
    "hdr_link_many": (200, [("Link", ", ".join(f"</p{i % 3}/>; rel=\"next\"" for i in range(5_000)))]),
    "hdr_link_garbage": (200, [("Link", "<" * 30_000 + ">; rel=" + ";" * 30_000)]),
    "hdr_many_headers": (200, [(f"X-H{i}", "v") for i in range(3_000)]),
    "hdr_location_garbage": (301, [("Location", "\x00\x01" + "%" * 20_000)]),
    "hdr_location_javascript": (302, [("Location", "javascript:alert(1)")]),
    "hdr_location_other_scheme": (302, [("Location", "ftp://site.test/p1/")]),
    "hdr_location_empty": (302, [("Location", "")]),
    "hdr_location_self": (302, [("Location", "/h/hdr_location_self/p1/")]),
    "hdr_location_long": (302, [("Location", "/" + "a" * 60_000)]),
    "hdr_location_many": (302, [("Location", "/h/x/p0/")] * 50),
    "hdr_gzip_lie": (200, [("Content-Encoding", "gzip")]),
    "hdr_br_lie": (200, [("Content-Encoding", "br")]),
    "hdr_encoding_chain": (200, [("Content-Encoding", ", ".join(["gzip"] * 2_000))]),
    "hdr_content_length_lie": (200, [("Content-Length", "999999")]),
}
served = {}
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def log_message(self, *a): pass
    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/robots.txt":
            return self.send(200, [("Content-Type", "text/plain")], b"User-agent: *\nAllow: /\n")
        parts = path.strip("/").split("/")
        case = parts[1] if len(parts) > 1 else ""
        if case not in HEADER_CASES: return self.send(404, [], b"no")
        rest = "/".join(parts[2:])
        if rest == "":
            links = "".join(f"<li><a href='/h/{case}/p{i}/'>Post {i}</a></li>" for i in range(3))
            return self.send(200, [("Content-Type", "text/html")], f"<html><head><title>Site</title></head><body><ul>{links}</ul></body></html>".encode())
        status, headers = HEADER_CASES[case]
        key = (case, rest)
        served[key] = served.get(key, 0) + 1
        body = post(int(rest[1]) if rest[:1] == "p" and rest[1:2].isdigit() else 0)
        if rest == "p1" and served[key] <= 2:
            return self.send(status, headers, body)
        return self.send(200, [("Content-Type", "text/html")], body)
    def send(self, status, headers, body):
        self.send_response_only(status)
        names = {n.lower() for n, _ in headers}
        for n, v in headers: self.send_header(n, v)
        if "content-length" not in names: self.send_header("Content-Length", str(len(body)))
        if "content-type" not in names: self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            if self.command != "HEAD": self.wfile.write(body)
        except OSError:
            pass

srv = http.server.ThreadingHTTPServer(("127.0.0.1", A.port), H)
threading.Thread(target=srv.serve_forever, daemon=True).start()
for name in HEADER_CASES:
    if A.only and A.only not in name: continue
    url = f"http://127.0.0.1:{A.port}/h/{name}/"
    rc, cpu, wall, err = run(["crawl", url, "--max-pages", "10", "--delay-ms", "0", "--restart", "--scope", f"/h/{name}/"], A.wall)
    report(name, 0, rc, cpu, wall, err)
srv.shutdown()

# ---------------------------------------------------------------- rules.json
page = os.path.join(OUT, "page.html")
open(page, "wb").write(post(1))
RULE_CASES = {
    "rules_empty": b"",
    "rules_not_json": b"{\"sites\": [ {\"name\": \"a\",, } ]}",
    "rules_truncated": open(RULES, "rb").read()[:3000],
    "rules_two_unknown_keys": b'{"zzz": 1, "aaa": 2, "sites": []}',
    "rules_bad_selector": b'{"sites": [{"name": "a", "match": {"hosts": ["ex.com"]}, "title": "h1[[["}]}',
    "rules_bad_xpath": b'{"sites": [{"name": "a", "match": {"hosts": ["ex.com"]}, "title": "xpath://*[(("}]}',
    "rules_bad_regex": b'{"sites": [{"name": "a", "match": {"generator": "(unclosed"}}]}',
    "rules_version_bool": b'{"version": true, "sites": []}',
    "rules_version_float": b'{"version": 1.5, "sites": []}',
    "rules_deep": b"[" * 100_000,
    "rules_huge_string": b'{"sites": [{"name": "' + b"n" * 5_000_000 + b'", "match": {"hosts": ["ex.com"]}}]}',
    "rules_many_sites": b'{"sites": [' + b",".join(b'{"name": "s%d", "match": {"hosts": ["h%d.com"]}, "title": "h1.t%d"}' % (i, i, i) for i in range(20_000)) + b"]}",
    "rules_dup_names": b'{"sites": [{"name": "a", "match": {"hosts": ["x"]}}, {"name": "a", "match": {"hosts": ["y"]}}]}',
    "rules_bom": b"\xef\xbb\xbf{\"sites\": []}",
    "rules_utf16": '{"sites": []}'.encode("utf-16"),
    "rules_nul": b'{"sites": [\x00]}',
    "rules_invalid_utf8": b'{"sites": [{"name": "\xff\xfe", "match": {"hosts": ["x"]}}]}',
}
for name, body in RULE_CASES.items():
    if A.only and A.only not in name: continue
    rf = os.path.join(OUT, name + ".json")
    open(rf, "wb").write(body)
    def lim(): resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        pr = subprocess.run([BIN, "extract", page, "--url", "https://ex.com/p/", "--rules", rf], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=lim, timeout=A.wall)
        rc, err = pr.returncode, pr.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        rc, err = "HANG", ""
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    flag = ""
    if rc not in (0, 2): flag = "CRASH" if rc != "HANG" else "HANG"
    elif rc == 2 and (name + ".json") not in err: flag = "BADERR"
    results.append((name, len(body), rc, cpu, flag))
    print(f"{name:34s} {len(body):>10d} rc={str(rc):<4s} cpu={cpu*1000:8.0f} ms {flag:6s} {last_line(err)}", flush=True)

# ---------------------------------------------------------------- growth
print("\ngrowth (cpu at 100 KB / 10 KB, 1 MB / 100 KB):")
by = {}
for name, size, rc, cpu, flag in results:
    if size in SIZES: by.setdefault(name, {})[size] = cpu
for name, d in by.items():
    if len(d) == 3:
        g1, g2 = d[100_000] / max(d[10_000], 1e-3), d[1_000_000] / max(d[100_000], 1e-3)
        slow = "SLOW" if d[1_000_000] > 1.0 and g2 > 15 else ""
        print(f"  {name:34s} {d[10_000]*1000:7.0f} {d[100_000]*1000:7.0f} {d[1_000_000]*1000:8.0f} ms  x{g1:5.1f} x{g2:5.1f} {slow}")
bad = [r for r in results if r[4]]
print(f"\n{len(results)} runs, {len(bad)} flagged: " + ", ".join(f"{r[0]}@{r[1]} {r[4]}" for r in bad))
