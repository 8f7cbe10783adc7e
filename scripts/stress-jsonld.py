#!/usr/bin/env python3
"""Adversarial JSON-LD through `lookback extract`: crashes (a signal, an exit status other than 0 and 1) and CPU
growth 10 KB -> 100 KB -> 1 MB per family (a linear family grows ~10x net of the ~20 ms process start). Each input
runs alone under a 60 s CPU limit; a crashing input is kept in OUTDIR. Not a test: read the growth lines.

  stress-jsonld.py BIN RULES OUTDIR
"""
import json, os, re, resource, subprocess, sys, time
BIN, RULES, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(OUT, exist_ok=True)

def page(ld: bytes) -> bytes:
    return (b'<!DOCTYPE html><html><head><title>T - Site</title><script type="application/ld+json">' + ld +
            b'</script></head><body><article><h1>T</h1><p>' + b'Body words here. ' * 40 + b'</p></article></body></html>')

real = json.dumps({"@context": "https://schema.org", "@graph": [
    {"@type": "WebSite", "@id": "https://ex.com/#site", "name": "Site \u00e9\u2603 \U0001F600", "url": "https://ex.com/"},
    {"@type": "Person", "@id": "https://ex.com/#me", "name": "Ann O\"Nym"},
    {"@type": "BlogPosting", "headline": "T", "datePublished": "2024-02-03T04:05:06Z", "dateModified": "2024-02-04",
     "author": {"@id": "https://ex.com/#me"}, "wordCount": 1234, "ratio": 1.5e3, "isFree": True, "x": None,
     "keywords": ["a", "b\\/c", "\\u00e9"], "mainEntityOfPage": "https://ex.com/p/"}]}, indent=1).encode()

def cpu_run(data, name):
    p = os.path.join(OUT, name + ".html")
    open(p, "wb").write(data)
    man = os.path.join(OUT, name + ".jsonl")
    open(man, "w").write(json.dumps({"file": p, "url": "https://ex.com/p/", "fetched_at": "2024-01-01T00:00:00Z"}) + "\n")
    def lim(): resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    pr = subprocess.run([BIN, "extract", "--batch", man, "--rules", RULES], stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lim)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    bad = pr.returncode not in (0, 1)
    if not bad: os.remove(p); os.remove(man)
    return pr.returncode, cpu, pr.stdout

results = []
def check(name, data):
    rc, cpu, out = cpu_run(page(data), name)
    results.append((name, len(data), rc, cpu))
    flag = "CRASH" if rc not in (0, 1) else ""
    print(f"{name:40s} {len(data):>9d} rc={rc:<4d} cpu={cpu*1000:8.1f} ms {flag}", flush=True)
    return rc, cpu, out

def n_for(unit, size): return max(1, size // len(unit))
SIZES = [10_000, 100_000, 1_000_000]
families = {
  "deep_arr": lambda s: b"[" * s,
  "deep_arr_closed": lambda s: b"[" * (s // 2) + b"]" * (s // 2),
  "deep_obj": lambda s: b'{"a":' * n_for(b'{"a":', s),
  "deep_mixed": lambda s: b'[{"@graph":' * n_for(b'[{"@graph":', s),
  "deep_512": lambda s: b"[" * 500 + b"1" + b"]" * 500 + b" " * s,
  "bignum": lambda s: b"1" * s,
  "bignum_in_obj": lambda s: b'{"@type":"BlogPosting","wordCount":' + b"9" * s + b"}",
  "exp_big": lambda s: b'{"a":1e999999999,"b":[' + b"1e999999999," * n_for(b"1e999999999,", s) + b'0]}',
  "exp_long": lambda s: b'{"a":1.' + b"1" * s + b'e-' + b"9" * 50 + b"}",
  "frac_many": lambda s: b"[" + b"0.1," * n_for(b"0.1,", s) + b"0]",
  "escapes": lambda s: b'{"@type":"BlogPosting","headline":"' + b"\\n\\\"\\u00e9" * n_for(b"\\n\\\"\\u00e9", s) + b'"}',
  "surrogate_lone": lambda s: b'{"@type":"BlogPosting","headline":"' + b"\\ud800" * n_for(b"\\ud800", s) + b'"}',
  "surrogate_low": lambda s: b'{"@type":"BlogPosting","headline":"' + b"\\udc00x" * n_for(b"\\udc00x", s) + b'"}',
  "surrogate_pairs": lambda s: b'{"@type":"BlogPosting","headline":"' + b"\\ud83d\\ude00" * n_for(b"\\ud83d\\ude00", s) + b'"}',
  "u0000": lambda s: b'{"@type":"BlogPosting","headline":"' + b"\\u0000" * n_for(b"\\u0000", s) + b'"}',
  "raw_nul": lambda s: b'{"@type":"BlogPosting","headline":"' + b"a\x00" * n_for(b"a\x00", s) + b'"}',
  "bad_utf8": lambda s: b'{"@type":"BlogPosting","headline":"' + b"\xff\xc3\xed\xa0\x80" * n_for(b"\xff\xc3\xed\xa0\x80", s) + b'"}',
  "ctrl_chars": lambda s: b'{"@type":"BlogPosting","headline":"' + b"\x01\x1f\t" * n_for(b"\x01\x1f\t", s) + b'"}',
  "dup_keys": lambda s: b'{' + b'"@type":"BlogPosting",' * n_for(b'"@type":"BlogPosting",', s) + b'"a":1}',
  "many_keys": lambda s: b'{"@type":"BlogPosting",' + b"".join(b'"k%d":%d,' % (i, i) for i in range(n_for(b'"k00000":0,', s))) + b'"a":1}',
  "whitespace": lambda s: b" " * s + real + b"\n" * s,
  "ws_inside": lambda s: real.replace(b",", b"," + b" \t\r\n" * n_for(b" \t\r\n", s // 20)),
  "bom": lambda s: b"\xef\xbb\xbf" + real + b" " * s,
  "bom_many": lambda s: b"\xef\xbb\xbf" * n_for(b"\xef\xbb\xbf", s) + real,
  "trailing_commas": lambda s: b"[" + b"1," * n_for(b"1,", s) + b"]",
  "graph_many": lambda s: b'{"@graph":[' + b'{"@type":"Thing","url":"https://o.com/x"},' * n_for(b'{"@type":"Thing","url":"https://o.com/x"},', s) + b'{}]}',
  "author_refs": lambda s: (b'{"@graph":[' + b'{"@id":"y"},' * min(9000, n_for(b'{"@id":"y"},', s // 2)) +
        b'{"@type":"Organization","@id":"x","name":"Org"},{"@type":"BlogPosting","author":[' +
        b'{"@id":"x"},' * n_for(b'{"@id":"x"},', s // 2) + b'{"@id":"x"}]}]}'),
  "author_names": lambda s: b'{"@type":"BlogPosting","author":[' + b'{"name":"A"},' * n_for(b'{"name":"A"},', s) + b'{}]}',
  "blog_posts": lambda s: b'{"@type":"Blog","blogPost":[' + b'{"@type":"BlogPosting","url":"https://o.com/"},' * n_for(b'{"@type":"BlogPosting","url":"https://o.com/"},', s) + b'{}]}',
  "types_many": lambda s: b'{"@type":[' + b'"a/b:c",' * n_for(b'"a/b:c",', s) + b'"BlogPosting"]}',
  "nested_str_arr": lambda s: b'{"@type":"BlogPosting","headline":' + b"[" * 400 + b'"x"' + b"]" * 400 + b',"author":' + b"[[]," * n_for(b"[[],", s) + b'"A"]}',
  "cdata": lambda s: b"<![CDATA[" + real + b" " * s + b"]]>",
  "comment": lambda s: b"<!--" + real + b" " * s + b"-->",
  "many_blocks_x": lambda s: b"[]",
  "garbage": lambda s: b"{" + b'"a":}' * n_for(b'"a":}', s),
  "unterminated_str": lambda s: b'{"a":"' + b"x" * s,
  "unterminated_escape": lambda s: b'{"a":"' + b"\\" * s,
}
for name, f in families.items():
    cpus = []
    for s in SIZES:
        _, cpu, _ = check(f"{name}_{s}", f(s))
        cpus.append(cpu)
    print(f"   growth {name}: x{cpus[1]/max(cpus[0],1e-3):.1f} (10->100KB), x{cpus[2]/max(cpus[1],1e-3):.1f} (100KB->1MB)", flush=True)

# many ld+json blocks
for s in SIZES:
    blk = b'</script><script type="application/ld+json">' + real
    data = real + blk * n_for(blk, s)
    check(f"many_blocks_{s}", data)

# truncation at every byte offset of the real block, as one batch run (fast) + per-offset if the batch crashes
man = os.path.join(OUT, "trunc.jsonl")
with open(man, "w") as mf:
    for k in range(len(real) + 1):
        p = os.path.join(OUT, f"trunc{k}.html")
        open(p, "wb").write(page(real[:k]))
        mf.write(json.dumps({"file": p, "url": "https://ex.com/p/", "fetched_at": "2024-01-01T00:00:00Z"}) + "\n")
NL = b'\n'
pr = subprocess.run([BIN, "extract", "--batch", man, "--rules", RULES], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
print(f"truncations: {len(real)+1} inputs rc={pr.returncode} records={pr.stdout.count(NL)}", flush=True)
if pr.returncode in (0, 1):
    for k in range(len(real) + 1): os.remove(os.path.join(OUT, f"trunc{k}.html"))
