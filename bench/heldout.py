#!/usr/bin/env python3
"""Held-out accuracy check (issue #2): real pages lookback was never tuned on, scored side by side with
htmldate and trafilatura.

    python3 bench/heldout.py                 # builds lookback (release), downloads, scores, prints a table
    LOOKBACK=path/to/lookback python3 bench/heldout.py --details bench/out/heldout-details.jsonl

Where the pages come from. Six Python packages ship real web pages (news sites, blogs, institutions;
German, English, French, Chinese, Japanese, Arabic, Thai, Spanish, Korean...) with the values their own
test suites expect. Their source distributions are fetched with `pip download --no-binary :all:
--no-deps` into bench/.cache/heldout/ (ignored by git: the third-party pages are never committed) at
pinned versions (the newer releases stopped shipping the pages):

  htmldate 1.4.0      tests/cache/*.html and tests/unit_tests.py: `find_date(load_mock_page(URL), ...)
                      == "YYYY-MM-DD"` asserts, read with the ast module. A page's published truth is
                      the value asserted with original_date=True; else, kind "latest", the value of the
                      default call (htmldate's default answers the most recent date of the page, which
                      on articles is usually the publication date): lookback's published OR modified
                      day must match it.
  trafilatura 1.0.0   tests/cache/*.html and tests/realworld_tests.py: per page, snippets that must be in
                      the main text (`'...' in result`) and snippets that must not (`not in result`).
                      Checked on body.text with whitespace collapsed. Bias: the snippets were written
                      against trafilatura's own output (it keeps comments, lookback drops them).
                      tests/metadata_tests.py's test_pages: title, author (names joined by "; ") and
                      date asserted for some of the same pages (these are separate cases).
  newspaper4k 0.9.6   tests/data/html/*.html and tests/data/metadata/*.json: title, authors,
                      publish_date and the article text (scored with score_extract.py's body F1);
                      tests/data/txt/*.txt: the text alone for pages without a metadata file.
  domdown 0.3.6       tests/real: 33 curated pages (security blogs and news, 2024-2026, English and
                      Korean) with the Markdown snapshot its test expects: title, author list, published
                      (the calendar day as written) from the front matter, the body as text (link
                      targets, images and Markdown marks dropped). Bias: snapshots of domdown's own
                      output; some titles keep the site's name ("Voltzite Threat Group | Dragos").
  article-extractor   tests/fixtures/fullpage_to_article_html: 28 pages (blogs, The Local, MIT Technology
   0.5.9              Review, InfoWorld...) with the article fragment a hand-picked selector cuts: body
                      only. fetched_at from meta.json.
  gne 0.4.3           result.txt: GeneralNewsExtractor's output on 20 of its Chinese news test pages:
                      title, publish_time (full dates only), content. Bias: the tool's own output.
  (domdown and article-extractor declare Python >= 3.12: downloaded with --python-version 3.12, only
  unpacked.) goose3's, newspaper3k's, readabilipy's and readability-lxml's sdists ship no test pages;
  trafilatura's and htmldate's later releases stopped shipping tests/cache.

fetched_at is the page file's time inside the archive (when the test author saved it); newspaper4k's
file times are normalized to one day, so its release day (from its CHANGELOG) is used there.

Scoring: published day accuracy (first 10 characters of published.date), title and authors as
score_extract.py does them, body F1 (score_extract.py's metric) where a full text exists, snippet
pass rates where snippets exist; one table over all cases, then the same fields per source. Tools:
lookback (`extract --batch`), htmldate (find_date with original_date=True, and the default call for
the "latest" kind), trafilatura (extract with metadata; its date is htmldate's). The Python tools run in bench/.venv (created with pip when missing).
Environment: LOOKBACK (a prebuilt binary), SCRATCH (SwiftPM scratch path for the build, default .build),
SHARED (default ../shared, for score_extract.py).
"""
from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import tarfile
import unicodedata
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache" / "heldout"
VENV = ROOT / "bench" / ".venv"
SOURCES = {"htmldate": "1.4.0", "trafilatura": "1.0.0", "newspaper4k": "0.9.6", "domdown": "0.3.6",
           "article-extractor": "0.5.9", "gne": "0.4.3"}
# these declare Requires-Python >= 3.12; the sdist is only unpacked, never installed, so any Python will do
PIP_EXTRA = {"domdown": ["--python-version", "3.12"], "article-extractor": ["--python-version", "3.12"]}


def say(*a):
    print(*a, file=sys.stderr, flush=True)


def fetch_sources() -> dict[str, Path]:
    """Downloads and unpacks each pinned sdist once; returns package -> unpacked folder."""
    dl = CACHE / "dl"
    dl.mkdir(parents=True, exist_ok=True)
    out = {}
    for pkg, ver in SOURCES.items():
        stem = f"{pkg.replace('-', '_')}-{ver}"  # the sdist's file name (PEP 625 spells '-' as '_')
        tgz = next((t for t in (dl / f"{pkg}-{ver}.tar.gz", dl / f"{stem}.tar.gz") if t.exists()), None)
        if tgz is None:
            say(f"heldout: pip download {pkg}=={ver}")
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check",
                            "--no-binary", ":all:", "--no-deps", *PIP_EXTRA.get(pkg, []), "-d", str(dl),
                            f"{pkg}=={ver}"], check=True)
            tgz = next(t for t in (dl / f"{pkg}-{ver}.tar.gz", dl / f"{stem}.tar.gz") if t.exists())
        dest = CACHE / "src" / tgz.name.removesuffix(".tar.gz")
        if not dest.exists():
            with tarfile.open(tgz) as t:
                t.extractall(CACHE / "src", filter="data")
        out[pkg] = dest
    return out


def file_time(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def const(node):
    return node.value if isinstance(node, ast.Constant) else None


def mock_pages(tree: ast.AST) -> dict:
    """The test module's MOCK_PAGES table (URL -> cached file name), as the packages' test suites name it."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "MOCK_PAGES" for t in node.targets):
            return ast.literal_eval(node.value)
    return {}


def htmldate_cases(src: Path) -> list[dict]:
    tests = src / "tests"
    tree = ast.parse((tests / "unit_tests.py").read_text(encoding="utf-8"))
    mock = mock_pages(tree)
    orig: dict[str, str] = {}
    latest: dict[str, str] = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq)):
            continue
        call, want = node.left, const(node.comparators[0])
        if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "find_date" and call.args
                and isinstance(want, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", want)):
            continue
        inner = call.args[0]
        if not (isinstance(inner, ast.Call) and getattr(inner.func, "id", "") == "load_mock_page"
                and inner.args and isinstance(const(inner.args[0]), str) and len(call.args) == 1):
            continue
        url = const(inner.args[0])
        kw = {k.arg: const(k.value) for k in call.keywords}
        # only the plain calls: options such as outputformat, min_date or extensive_search=False
        # answer a different question
        if set(kw) - {"original_date"} or url not in mock:
            continue
        (orig if kw.get("original_date") is True else latest).setdefault(url, want)
    cases = []
    for url, name in mock.items():
        path = tests / "cache" / name
        if not path.exists() or (url not in orig and url not in latest):
            continue
        exp = {"published": orig[url]} if url in orig else {"published_latest": latest[url]}
        cases.append({"id": f"htmldate/{name}", "file": str(path), "url": url, "fetched_at": file_time(path),
                      "expected": exp})
    return cases


def snippet_checks(test: ast.AST) -> tuple[list[str], list[str]]:
    """`'a' in result and 'b' not in result and ...` -> (['a'], ['b'])."""
    ins, outs = [], []
    for node in ast.walk(test):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and getattr(node.comparators[0], "id", "") == "result":
            s = const(node.left)
            if isinstance(s, str) and s.strip():
                (ins if isinstance(node.ops[0], ast.In) else outs).append(s)
    return ins, outs


def trafilatura_cases(src: Path) -> list[dict]:
    tests = src / "tests"
    tree = ast.parse((tests / "realworld_tests.py").read_text(encoding="utf-8"))
    mock = mock_pages(tree)
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "test_extract")
    checks: dict[str, tuple[list, list]] = {}
    url = None
    for stmt in fn.body:  # statements in order: `result = load_mock_page(URL, ...)` then asserts
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and \
                getattr(stmt.value.func, "id", "") == "load_mock_page":
            url = const(stmt.value.args[0])
            continue
        asserts = [stmt] if isinstance(stmt, ast.Assert) else \
            [s for s in ast.walk(stmt) if isinstance(s, ast.Assert)] if isinstance(stmt, ast.If) else []
        for a in asserts:
            if url is None:
                continue
            ins, outs = snippet_checks(a.test)
            c = checks.setdefault(url, ([], []))
            c[0].extend(ins)
            c[1].extend(outs)
    cases = []
    for url, (ins, outs) in checks.items():
        path = tests / "cache" / mock.get(url, "")
        if url not in mock or not path.is_file() or not (ins or outs):
            continue
        cases.append({"id": f"trafilatura/{mock[url]}", "file": str(path), "url": url,
                      "fetched_at": file_time(path),
                      "expected": {"snippets_in": sorted(set(ins)), "snippets_out": sorted(set(outs))}})
    return cases


def trafilatura_metadata_cases(src: Path) -> list[dict]:
    """tests/metadata_tests.py's test_pages: `metadata = extract_metadata(load_mock_page(URL))` followed by
    `assert metadata['title'|'author'|'date'] == '...'` (author: names joined by '; ')."""
    tests = src / "tests"
    tree = ast.parse((tests / "metadata_tests.py").read_text(encoding="utf-8"))
    mock = mock_pages(tree)
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "test_pages")
    variables, url, found = {}, None, {}
    for stmt in fn.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            name, v = stmt.targets[0].id, stmt.value
            if name == "url" and isinstance(const(v), str):
                variables["url"] = const(v)
            elif name == "metadata" and isinstance(v, ast.Call) and v.args and isinstance(v.args[0], ast.Call):
                arg = v.args[0].args[0] if v.args[0].args else None
                url = const(arg) if isinstance(const(arg), str) else variables.get(getattr(arg, "id", ""))
            continue
        if not (isinstance(stmt, ast.Assert) and isinstance(stmt.test, ast.Compare) and url):
            continue
        t = stmt.test
        if not (len(t.ops) == 1 and isinstance(t.ops[0], ast.Eq) and isinstance(t.left, ast.Subscript)):
            continue
        key, want = const(t.left.slice), const(t.comparators[0])
        if key in ("title", "author", "date") and isinstance(want, str):
            found.setdefault(url, {})[key] = want
    cases = []
    for url, exp in found.items():
        path = tests / "cache" / mock.get(url, "")
        if url not in mock or not path.is_file():
            continue
        e = {}
        if "title" in exp:
            e["title"] = exp["title"]
        if "author" in exp:
            e["authors"] = [a.strip() for a in exp["author"].split(";") if a.strip()]
        if "date" in exp:
            e["published"] = exp["date"]
        cases.append({"id": f"trafilatura-meta/{mock[url]}", "file": str(path), "url": url,
                      "fetched_at": file_time(path), "expected": e})
    return cases


def newspaper_cases(src: Path) -> list[dict]:
    data = src / "tests" / "data"
    # this sdist's file times are all 2020-02-02 (normalized by its build tool): its release day instead
    rel = re.search(r"#+ " + re.escape(SOURCES["newspaper4k"]) + r" \((\d{4}-\d{2}-\d{2})\)",
                    (src / "CHANGELOG.md").read_text(encoding="utf-8"))
    fetched = f"{rel.group(1)}T00:00:00Z"
    cases = []
    for meta in sorted((data / "metadata").glob("*.json")):
        page = data / "html" / (meta.stem + ".html")
        if not page.exists():
            continue
        m = json.loads(meta.read_text(encoding="utf-8"))
        exp = {}
        if m.get("title"):
            exp["title"] = m["title"]
        if isinstance(m.get("publish_date"), str) and re.match(r"\d{4}-\d{2}-\d{2}", m["publish_date"]):
            exp["published"] = m["publish_date"][:10]
        authors = m.get("authors")
        if isinstance(authors, str):
            try:
                authors = ast.literal_eval(authors)
            except (ValueError, SyntaxError):
                authors = None
        if isinstance(authors, list) and authors:
            exp["authors"] = authors
        if m.get("text"):
            exp["body_text"] = m["text"]
        if exp:
            cases.append({"id": f"newspaper4k/{page.name}", "file": str(page), "url": m.get("url") or
                          f"https://example.invalid/{page.name}", "fetched_at": fetched,
                          "expected": exp})
    # pages with an expected text (tests/data/txt) but no metadata file: body only
    for txt in sorted((data / "txt").glob("*.txt")):
        page = data / "html" / (txt.stem + ".html")
        if page.exists() and not (data / "metadata" / (txt.stem + ".json")).exists():
            cases.append({"id": f"newspaper4k/{page.name}", "file": str(page),
                          "url": f"https://example.invalid/{page.name}", "fetched_at": fetched,
                          "expected": {"body_text": txt.read_text(encoding="utf-8")}})
    return cases


def front_matter(text: str) -> tuple[dict, str]:
    """A Markdown file's YAML front matter (scalars and lists of scalars, as domdown writes it) and its body."""
    m = re.match(r"---\n(.*?)\n---\n?", text, re.S)
    if not m:
        return {}, text
    meta, key = {}, None

    def scalar(v: str):
        v = v.strip()
        if v.startswith('"'):
            return json.loads(v)
        if v.startswith("'"):
            return v[1:-1].replace("''", "'")
        return v

    for line in m.group(1).split("\n"):
        item = re.match(r"\s+- (.*)$", line)
        if item and key:
            meta.setdefault(key, []).append(scalar(item.group(1)))
            continue
        kv = re.match(r"([A-Za-z_]+):\s*(.*)$", line)
        if kv:
            key = kv.group(1)
            if kv.group(2):
                meta[key] = scalar(kv.group(2))
    return meta, text[m.end():]


def markdown_text(md: str) -> str:
    """Markdown to the words a reader sees: images and link targets, emphasis marks, heading and quote
    marks and HTML tags dropped (URLs would otherwise count as words in the body metric)."""
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", md)
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"<[^>]+>", " ", md)
    md = re.sub(r"^\s{0,3}(#{1,6}|>+|[-*+]|\d+\.)\s+", "", md, flags=re.M)
    md = re.sub(r"(?<!\w)(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?!\w)", "", md)
    return md


def iso_day(v) -> str | None:
    """The calendar day as written (not moved to UTC): '2025-02-27T14:43:00-08:00' -> '2025-02-27'."""
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", v) if isinstance(v, str) else None
    return m.group(1) if m else None


def domdown_cases(src: Path) -> list[dict]:
    """tests/real: curated pages (security blogs and news, English and Korean) with the Markdown snapshot
    domdown's own test expects: front matter title, author, published; the body as text."""
    real = src / "tests" / "real"
    cases = []
    for c in json.loads((real / "manifest.json").read_text(encoding="utf-8"))["cases"]:
        page, md = real / c["html"], real / c["markdown"]
        if not (page.is_file() and md.is_file()):
            continue
        meta, body = front_matter(md.read_text(encoding="utf-8"))
        exp = {}
        if meta.get("title"):
            exp["title"] = meta["title"]
        if isinstance(meta.get("author"), list) and meta["author"]:
            exp["authors"] = meta["author"]
        if iso_day(meta.get("published")):
            exp["published"] = iso_day(meta["published"])
        if body.strip():
            exp["body_text"] = markdown_text(body)
        url = c.get("base_url") or meta.get("source") or meta.get("canonical_url") or \
            f"https://example.invalid/{page.name}"
        cases.append({"id": f"domdown/{page.name}", "file": str(page), "url": url, "fetched_at": file_time(page),
                      "expected": exp})
    return cases


class _TextOf(HTMLParser):
    """The text of an HTML fragment, one line per block."""
    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br",
              "figcaption", "section", "article", "ul", "ol", "table", "dt", "dd"}
    SKIP = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in self.SKIP
        if tag in self.BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        self.skip -= tag in self.SKIP and self.skip > 0
        if tag in self.BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(fragment: str) -> str:
    p = _TextOf()
    p.feed(fragment)
    return re.sub(r"[ \t]*\n\s*", "\n", re.sub(r"[ \t\r\f\v]+", " ", "".join(p.out))).strip()


def article_extractor_cases(src: Path) -> list[dict]:
    """tests/fixtures/fullpage_to_article_html: full pages (blogs, The Local, MIT Technology Review,
    InfoWorld...) with an expected article fragment cut by a hand-picked selector: body only (the titles
    in meta.json are the tool's own output)."""
    root = src / "tests" / "fixtures" / "fullpage_to_article_html"
    cases = []
    for meta_path in sorted(root.glob("*/*/meta.json")):
        page, want = meta_path.parent / "raw.html", meta_path.parent / "expected.html"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if not (page.is_file() and want.is_file() and meta.get("url")):
            continue
        fetched = meta.get("fetched_at_utc", "")[:19] + "Z" if meta.get("fetched_at_utc") else file_time(page)
        cases.append({"id": f"article-extractor/{meta_path.parent.parent.name}/{meta_path.parent.name}",
                      "file": str(page), "url": meta["url"], "fetched_at": fetched,
                      "expected": {"body_text": html_text(want.read_text(encoding="utf-8"))}})
    return cases


def gne_cases(src: Path) -> list[dict]:
    """result.txt: GeneralNewsExtractor's output on 20 of its Chinese news test pages (163, sina, qq,
    ifeng, guancha, toutiao...): title, publish_time (when a full date) and content. Its authors are
    left out (placeholders such as '未知', '搜索'). Bias: this is the tool's own output, not a curated text."""
    text = (src / "result.txt").read_text(encoding="utf-8")
    cases = []
    for name, body in re.findall(r">{5,}(tests/[^>]+?)>{5,}\n(.*?)\n<{5,}", text, re.S):
        page = src / name
        try:
            r = json.loads(body)
        except json.JSONDecodeError:
            continue
        if not page.is_file():
            continue
        exp = {}
        if r.get("title"):
            exp["title"] = r["title"]
        if iso_day(r.get("publish_time")):
            exp["published"] = iso_day(r["publish_time"])
        if r.get("content"):
            exp["body_text"] = r["content"]
        # the pages' URLs are not recorded; file times are normalized (2020-02-02), after the pages' dates
        cases.append({"id": f"gne/{name.removeprefix('tests/')}", "file": str(page),
                      "url": f"https://example.invalid/{name}", "fetched_at": file_time(page), "expected": exp})
    return cases


def score_module():
    shared = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
    spec = importlib.util.spec_from_file_location("score_extract", shared / "eval" / "score_extract.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build_lookback() -> str:
    if os.environ.get("LOOKBACK"):
        return os.environ["LOOKBACK"]
    scratch = os.environ.get("SCRATCH", ".build")
    cmd = ["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "lookback"]
    say("heldout: " + " ".join(cmd))
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=sys.stderr)
    bindir = subprocess.run(cmd[:-2] + ["--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
                            text=True).stdout.strip()
    return f"{bindir}/lookback"


def ensure_venv() -> str:
    py = VENV / "bin" / "python"
    check = [str(py), "-c", "import trafilatura, htmldate"]
    if not py.exists() or subprocess.run(check, capture_output=True).returncode != 0:
        if not py.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        say("heldout: pip install trafilatura htmldate lxml_html_clean into bench/.venv")
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "trafilatura",
                        "htmldate", "lxml_html_clean"], check=True)
    return str(py)


# Runs in bench/.venv: one JSON line per manifest line, in the shape of lookback's record.
PY_TOOLS = r'''
import json, sys
tool, manifest = sys.argv[1], sys.argv[2]
if tool == "htmldate":
    from htmldate import find_date
else:
    import trafilatura
for line in open(manifest, encoding="utf-8"):
    row = json.loads(line)
    data = open(row["file"], "rb").read()
    rec = {}
    try:
        if tool == "htmldate":
            d = find_date(data, original_date=True, url=row["url"])
            rec["published"] = {"date": d} if d else None
            d2 = find_date(data, url=row["url"])
            rec["modified"] = {"date": d2} if d2 else None
        else:
            out = trafilatura.extract(data, url=row["url"], output_format="json", with_metadata=True)
            j = json.loads(out) if out else {}
            rec = {"title": j.get("title"), "published": {"date": j["date"]} if j.get("date") else None,
                   "authors": [a.strip() for a in (j.get("author") or "").split(";") if a.strip()],
                   "body": {"text": j.get("text") or ""}}
    except Exception as e:
        rec = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(rec, ensure_ascii=False))
'''


def run_tool(name: str, cmd: list[str], n: int) -> list[dict]:
    say(f"heldout: running {name}")
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        say(p.stderr[-2000:])
        raise SystemExit(f"heldout: {name} exited {p.returncode}")
    recs = [json.loads(l) for l in p.stdout.split("\n") if l.strip()]
    if len(recs) != n:
        raise SystemExit(f"heldout: {name} printed {len(recs)} records for {n} pages")
    return recs


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def day(rec: dict, key: str) -> str | None:
    v = rec.get(key)
    d = v.get("date") if isinstance(v, dict) else None
    return d[:10] if isinstance(d, str) and re.match(r"\d{4}-\d{2}-\d{2}", d) else None


def score(se, cases: list[dict], recs: list[dict]) -> tuple[dict, list[dict]]:
    acc = {k: [0, 0] for k in ("published", "latest", "title", "authors", "snip_in", "snip_out", "snip_page")}
    body_triples = []
    details = []
    for c, r in zip(cases, recs):
        e, d = c["expected"], {"id": c["id"]}
        if "published" in e:
            ok = day(r, "published") == e["published"]
            acc["published"][0] += ok; acc["published"][1] += 1
            d["published"] = [ok, day(r, "published"), e["published"]]
        if "published_latest" in e:
            got = {day(r, "published"), day(r, "modified")}
            ok = e["published_latest"] in got
            acc["latest"][0] += ok; acc["latest"][1] += 1
            d["latest"] = [ok, sorted(x for x in got if x), e["published_latest"]]
        if "title" in e:
            ok = se.norm_title(r.get("title")) == se.norm_title(e["title"])
            acc["title"][0] += ok; acc["title"][1] += 1
            d["title"] = [ok, r.get("title"), e["title"]]
        if "authors" in e:
            ok = se.author_tokens(r.get("authors") or []) == se.author_tokens(e["authors"])
            acc["authors"][0] += ok; acc["authors"][1] += 1
            d["authors"] = [ok, r.get("authors"), e["authors"]]
        if "body_text" in e:
            body_triples.append(se.page_tp_fp_fn(e["body_text"], se.body_text(r)))
        if "snippets_in" in e or "snippets_out" in e:
            text = squash(se.body_text(r))
            miss = [s for s in e.get("snippets_in", []) if squash(s) not in text]
            extra = [s for s in e.get("snippets_out", []) if squash(s) in text]
            acc["snip_in"][0] += len(e.get("snippets_in", [])) - len(miss); acc["snip_in"][1] += len(e.get("snippets_in", []))
            acc["snip_out"][0] += len(e.get("snippets_out", [])) - len(extra); acc["snip_out"][1] += len(e.get("snippets_out", []))
            acc["snip_page"][0] += not miss and not extra; acc["snip_page"][1] += 1
            if miss or extra:
                d["snippets"] = {"missing": miss, "unwanted": extra}
        details.append(d)
    s = {k: (v[0] / v[1] if v[1] else None, v[1]) for k, v in acc.items()}
    s["body_f1"] = (se.prf(body_triples)["f1"] if body_triples else None, len(body_triples))
    return s, details


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--details", help="write one JSON line per page and tool (what was expected, what came out)")
    ap.add_argument("--only", choices=["lookback", "all"], default="all", help="lookback alone (faster)")
    args = ap.parse_args()

    src = fetch_sources()
    cases = htmldate_cases(src["htmldate"]) + trafilatura_cases(src["trafilatura"]) + \
        trafilatura_metadata_cases(src["trafilatura"]) + newspaper_cases(src["newspaper4k"]) + \
        domdown_cases(src["domdown"]) + article_extractor_cases(src["article-extractor"]) + gne_cases(src["gne"])
    manifest = CACHE / "manifest.jsonl"
    with open(manifest, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps({"file": c["file"], "url": c["url"], "fetched_at": c["fetched_at"]}) + "\n")
    (CACHE / "cases.jsonl").write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases),
                                       encoding="utf-8")
    se = score_module()
    tools = {"lookback": [build_lookback(), "extract", "--batch", str(manifest)]}
    if args.only == "all":
        py = ensure_venv()
        tools["htmldate"] = [py, "-c", PY_TOOLS, "htmldate", str(manifest)]
        tools["trafilatura"] = [py, "-c", PY_TOOLS, "trafilatura", str(manifest)]
    results, all_details, recs_by_tool = {}, [], {}
    for name, cmd in tools.items():
        recs_by_tool[name] = recs = run_tool(name, cmd, len(cases))
        results[name], det = score(se, cases, recs)
        if name == "htmldate":  # dates only
            results[name] = {k: (v if k in ("published", "latest") else (None, v[1])) for k, v in results[name].items()}
        all_details += [dict(d, tool=name) for d in det]
    by_src = {}
    for c in cases:
        k = c["id"].split("/")[0]
        by_src[k] = by_src.get(k, 0) + 1
    print(f"held-out pages: {len(cases)} ({', '.join(f'{k} {v}' for k, v in by_src.items())})")
    rows = [("published (day)", "published"), ("published|modified = htmldate default", "latest"),
            ("title", "title"), ("authors", "authors"), ("body F1 (full texts)", "body_f1"),
            ("snippets present", "snip_in"), ("snippets absent", "snip_out"), ("pages all snippets right", "snip_page")]

    def cell(v):
        return f"{v:14.3f}" if v is not None else f"{'-':>14s}"

    print(f"{'field':52s}" + "".join(f"{t:>14s}" for t in tools))
    for label, key in rows:
        n = results["lookback"][key][1]
        print(f"{label + f' (n={n})':52s}" + "".join(cell(results[t][key][0]) for t in tools))
    # the same fields per source (each source has its own bias; see the header)
    print(f"\n{'source / field':52s}" + "".join(f"{t:>14s}" for t in tools))
    for source in by_src:
        idx = [i for i, c in enumerate(cases) if c["id"].split("/")[0] == source]
        part = {t: score(se, [cases[i] for i in idx], [recs_by_tool[t][i] for i in idx])[0] for t in tools}
        for label, key in rows:
            n = part["lookback"][key][1]
            if n:
                print(f"{f'{source} {label} (n={n})':52s}" + "".join(
                    cell(part[t][key][0]) if t != "htmldate" or key in ("published", "latest") else cell(None)
                    for t in tools))
    if args.details:
        with open(args.details, "w", encoding="utf-8") as f:
            for d in all_details:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
