#!/usr/bin/env python3
"""Writes the seed corpus and the token dictionary for scripts/fuzz.sh.

  fuzz-seeds.py OUT_DIR DICT_FILE [MANIFEST.jsonl...]

Seeds: every HTML file under Tests/, slices of the manifests' pages (each cut to at most MAX bytes around a tag),
and small structured cases: comments, CDATA, processing instructions and DOCTYPEs torn at every byte, raw-text
elements (script, style, textarea, title, plaintext) left open, deep nesting, many attributes, stray < and &,
NULs, invalid UTF-8, and pages in legacy charsets and UTF-16 with and without a BOM.
"""
import hashlib, json, os, random, sys

MAX = 4096
out, dict_path, manifests = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(out, exist_ok=True)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
rnd = random.Random(13)
count = 0

def seed(b):
    global count
    name = hashlib.sha1(b).hexdigest()
    with open(os.path.join(out, name), "wb") as f:
        f.write(b)
    count += 1

for d, _, files in os.walk(os.path.join(root, "Tests")):
    for f in sorted(files):
        if f.endswith((".html", ".htm")):
            b = open(os.path.join(d, f), "rb").read()
            seed(b[:MAX * 4])

for m in manifests:
    for line in open(m, encoding="utf-8"):
        if not line.strip():
            continue
        try:
            b = open(json.loads(line)["file"], "rb").read()
        except OSError:
            continue
        if len(b) <= MAX:
            seed(b)
            continue
        at = rnd.randrange(len(b) - MAX)
        at = b.find(b"<", at)
        seed(b[at:at + MAX] if at >= 0 else b[:MAX])
        seed(b[:MAX])

page = (b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>A post</title>'
        b'<script>var a = "</div>"; if (a < b) {}</script><style>p{}</style></head>'
        b'<body><article><h1>A post</h1><p class="x" id=y>Text &amp; more &#169; &#x2014; &copy &notanentity;</p>'
        b'<!-- c --><![CDATA[ d ]]><?php echo 1 ?><textarea><b>t</b></textarea>'
        b'<time datetime="2024-05-01">May 1</time></article></body></html>')
seed(page)
for piece in [b"<!-- comment -->", b"<!---->", b"<!--->", b"<!-- a --!>", b"<![CDATA[ x ]]>", b"<?xml version='1.0'?>",
              b"<?pi data?>", b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/x.dtd">',
              b"<script>a</script>", b"<style>a</style>", b"<textarea>a</textarea>", b"<title>a</title>",
              b"<plaintext>a", b"<xmp>a</xmp>", b"<a href='x' b=\"y\" c=z d>e</a>", b"&#x10FFFF;&#0;&#xD800;&amp"]:
        for cut in range(len(piece) + 1):
            seed(b"<html><body><p>x" + piece[:cut])
            seed(b"<html><body><p>x" + piece[:cut] + b"</p><p>after</p>")
for tag in [b"div", b"span", b"a", b"font", b"h1", b"li", b"table", b"td", b"p", b"b", b"form", b"select", b"o:p"]:
    seed(b"<html><body>" + (b"<" + tag + b">x") * 1500)
    seed(b"<html><body>" + (b"<" + tag + b">x</" + tag + b">") * 1000)
seed(b"<html><body><div " + b" ".join(b"a%d=%d" % (i, i) for i in range(3000)) + b">x</div>")
seed(b"<html><body><div class='" + b" ".join(b"c%d" % i for i in range(3000)) + b"'>x</div>")
seed(b"<html><body><a href='" + b"x" * 60000 + b"'>y</a>")
seed(b"<html><body>" + b"<" * 5000 + b"&" * 5000 + b"</" * 1000)
seed(b"<html>\x00<body>\x00<p>a\x00b</p>")
seed(b"<html><body><p>\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x90\x28\xbc\xed\xa0\x80 caf\xe9</p>")
seed(b"<html><body><p>cut inside a character \xe2\x82")
for charset, text in [("shift_jis", "日本語のテキスト"), ("euc-jp", "日本語のテキスト"), ("iso-2022-jp", "日本語"),
                      ("gb18030", "中文文本"), ("big5", "中文"), ("windows-1251", "Русский текст"),
                      ("koi8-r", "Русский"), ("iso-8859-7", "Ελληνικά"), ("windows-1252", "café – “quoted”")]:
    body = ("<html><head><meta charset=\"%s\"><title>%s</title></head><body><p>%s</p></body></html>" % (charset, text, text))
    b = body.encode(charset, errors="replace")
    seed(b)
    seed(b[:len(b) // 2 + 1])
    seed(b.replace(b"<meta", b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\"><meta" % charset.encode()))
for enc, bom in [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")]:
    b = page.decode("utf-8").encode(enc)
    seed(bom + b)
    seed(b)
    seed(bom + b[:-1])
print("seeds: %d" % count, file=sys.stderr)

tokens = ["<", ">", "</", "/>", "&", ";", "=", "\"", "'", "<!--", "-->", "--!>", "<!---->", "<![CDATA[", "]]>", "<?", "?>",
          "<!DOCTYPE html>", "<!DOCTYPE", "PUBLIC", "SYSTEM", "<html>", "</html>", "<head>", "</head>", "<body>",
          "</body>", "<p>", "</p>", "<div>", "</div>", "<span>", "<a href=", "</a>", "<script>", "</script>",
          "<script type=\"application/ld+json\">", "<style>", "</style>", "<textarea>", "</textarea>", "<title>",
          "</title>", "<plaintext>", "<xmp>", "<noscript>", "<iframe>", "<table>", "<tr>", "<td>", "<li>", "<ul>",
          "<h1>", "<h2>", "<article>", "<main>", "<time datetime=", "<meta charset=", "<meta property=\"og:title\" content=",
          "<meta name=\"author\" content=", "<link rel=\"canonical\" href=", "<base href=", "<o:p>", "class=", "id=",
          "&amp;", "&lt;", "&nbsp;", "&#", "&#x", "&#0;", "&#x110000;", "&copy", "\\x00", "\\xef\\xbb\\xbf", "\\xff\\xfe",
          "\\xfe\\xff", "\\xc3\\xa9", "\\xe2\\x80\\x94", "\\xf0\\x9f\\x98\\x80", "\\xed\\xa0\\x80", "\\xef\\xbf\\xbe",
          "\\x80", "\\xff", "charset=shift_jis", "charset=euc-jp", "charset=utf-16", "charset=iso-2022-jp", "\\x1b$B",
          "charset=windows-1252", "charset=gb18030", "\\x0b", "\\x0d", "\\x0d\\x0a"]
with open(dict_path, "w") as f:
    for i, t in enumerate(tokens):
        f.write('t%d="%s"\n' % (i, t.replace('"', '\\"') if "\\x" not in t else t.replace('"', '\\"')))
