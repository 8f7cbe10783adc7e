#!/usr/bin/env python3
"""Whole pages through `lookback extract`, mutated the way broken real pages are: what scripts/fuzz.sh cannot reach
(its inputs stay under 64 KB). Each mutant runs in its own process with a CPU-time limit (the machine may be
loaded: wall time says little); a crash (a signal, an exit status other than 0 and 1), an input over the limit, or
one over a second of CPU per megabyte (a page takes ~2 ms) is reported and kept.

  fuzz-pages.py --lookback BIN [--rules rules.json] [--mutants 2] [--seconds 600] [--limit 10] [--keep DIR] MANIFEST...
  (--limit: CPU seconds an input may take)

Mutations (1-30 per page): cut anywhere; markup bytes and tokens sprayed in (< & </ <!-- --> <![CDATA[ <? <!DOCTYPE,
<script> <style> <textarea> <title> <plaintext>, unclosed tags repeated thousands of times, huge attribute values
and counts, NULs, invalid UTF-8); runs repeated, deleted, swapped; the page re-encoded as UTF-16 (with or without
a BOM), Shift_JIS, EUC-JP or windows-1252, or its charset declaration changed.
"""
import argparse, json, os, random, resource, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--lookback", required=True)
ap.add_argument("--rules", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rules.json"))
ap.add_argument("--mutants", type=int, default=2)
ap.add_argument("--seconds", type=float, default=600)
ap.add_argument("--limit", type=float, default=10)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--keep", default="fuzz-pages-findings")
ap.add_argument("manifests", nargs="+")
a = ap.parse_args()
rnd = random.Random(a.seed)
os.makedirs(a.keep, exist_ok=True)
pages = [json.loads(l) for m in a.manifests for l in open(m, encoding="utf-8") if l.strip()]
rnd.shuffle(pages)

tokens = [b"<", b">", b"&", b"</", b"<!--", b"-->", b"--!>", b"<![CDATA[", b"]]>", b"<?", b"?>", b"<!DOCTYPE html>",
          b"<script>", b"</script>", b"<style>", b"</style>", b"<textarea>", b"</textarea>", b"<title>", b"</title>",
          b"<plaintext>", b"<xmp>", b"<noscript>", b"<table><tr><td>", b"<p>", b"</div>", b"<html>", b"</html>",
          b"<body>", b"</body>", b"<head>", b"&amp", b"&#", b"&#x", b"&#0;", b"&#xD800;", b"\x00", b"\xff", b"\xc3",
          b"\xe2\x82", b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80", b"\xef\xbf\xbe", b"\x0b", b"\r", b"'", b'"', b"=",
          b"<a href=", b"<meta charset=shift_jis>", b"<meta charset=utf-16>", b"<o:p>", b"<svg>", b"<math>"]
repeat_tags = [b"<div>", b"<span>", b"<font>", b"<h1>x", b"<h2>", b"<li>", b"<a href=x>", b"<table><tr><td>", b"<b><i>",
               b"<p>", b"<ul>", b"<blockquote>", b"<section>", b"<article>"]

def mutate(b):
    b = bytearray(b)
    for _ in range(rnd.randint(1, 30)):
        if not b:
            break
        at = rnd.randrange(len(b) + 1)
        op = rnd.random()
        if op < 0.45:
            b[at:at] = rnd.choice(tokens)
        elif op < 0.55:
            del b[at:at + rnd.randint(1, 2000)]
        elif op < 0.65:
            b[at:at] = b[at:at + rnd.randint(1, 3000)] * rnd.randint(1, 4)
        elif op < 0.72:
            b[at:at] = rnd.choice(repeat_tags) * rnd.choice([100, 1000, 5000, 20000])
        elif op < 0.77:
            b[at:at] = b"<div " + b" ".join(b"a%d=%d" % (i, i) for i in range(rnd.choice([100, 5000, 50000]))) + b">"
        elif op < 0.82:
            b[at:at] = b'<a href="' + b"x" * rnd.choice([1000, 100000, 1000000]) + b'">'
        elif op < 0.9:
            c = rnd.randrange(len(b) + 1)
            lo, hi = sorted((at, c))
            n = rnd.randint(1, 500)
            b[lo:hi + n] = b[hi:hi + n] + b[lo + n:hi] + b[lo:lo + n] if hi - lo > n else b[lo:hi + n]
        else:
            b[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
    if rnd.random() < 0.25:
        del b[rnd.randrange(len(b) + 1):]
    b = bytes(b)
    r = rnd.random()
    try:
        text = b.decode("utf-8", errors="replace")
        if r < 0.05:
            b = b"\xff\xfe" + text.encode("utf-16-le")
        elif r < 0.08:
            b = text.encode("utf-16-be")
        elif r < 0.12:
            b = text.replace("utf-8", "shift_jis").replace("UTF-8", "Shift_JIS").encode("shift_jis", errors="replace")
        elif r < 0.15:
            b = text.encode("euc-jp", errors="replace")
        elif r < 0.18:
            b = text.encode("windows-1252", errors="replace")
        elif r < 0.22:
            b = b.replace(b"utf-8", rnd.choice([b"iso-2022-jp", b"utf-16", b"x-bogus", b"gb18030"]))
    except (LookupError, UnicodeError):
        pass
    return b

def cpu(p):
    return p.ru_utime + p.ru_stime

start = time.time()
runs = slow = failed = 0
work = os.path.join(a.keep, "current.html")
while time.time() - start < a.seconds:
    for page in pages:
        if time.time() - start >= a.seconds:
            break
        try:
            data = open(page["file"], "rb").read()
        except OSError:
            continue
        for k in range(a.mutants):
            m = mutate(data)
            open(work, "wb").write(m)
            ct = rnd.choice([None, "text/html", "text/html; charset=utf-8", "text/html; charset=shift_jis"])
            cmd = [a.lookback, "extract", "--rules", a.rules, "--url", page.get("url", "https://x.example/"), work]
            if ct:
                cmd += ["--content-type", ct]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=a.limit * 10,
                                   preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CPU, (int(a.limit), int(a.limit) + 1)))
                code, err = p.returncode, p.stderr
                if code == -24:  # SIGXCPU: over the CPU limit
                    code = "timeout"
            except subprocess.TimeoutExpired:
                code, err = "timeout", b""
            used = cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - cpu(before)
            runs += 1
            bad = code not in (0, 1)
            # A page that costs over a second per megabyte is superlinear somewhere (a page takes ~2 ms).
            if not bad and used > max(1.0, len(m) / 1e6):
                slow += 1
                bad = True
            if bad:
                failed += 1
                name = os.path.join(a.keep, "finding-%d-%s.html" % (runs, code))
                open(name, "wb").write(m)
                print("%s: status %s, %.2f s CPU, %d bytes (from %s, content type %s) %s" % (
                    name, code, used, len(m), page["file"], ct, err[-300:].decode("utf-8", "replace")), flush=True)
print("runs %d, findings %d (%d slow), %.0f s" % (runs, failed, slow, time.time() - start))
