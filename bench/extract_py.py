"""The Python side of bench/extract.sh: runs trafilatura or resiliparse over a lookback batch manifest
(JSONL lines {"file", "url", "fetched_at"}) and prints one record a line in the shape of lookback's page
record (title, published.date, authors, body.text), so the same scorer and the same timing apply.

    bench/.venv/bin/python bench/extract_py.py trafilatura MANIFEST.jsonl > out.jsonl
"""
import json
import sys


def trafilatura_extractor():
    import trafilatura

    def run(data: bytes, url: str) -> dict:
        out = trafilatura.extract(data, url=url, output_format="json", with_metadata=True)
        j = json.loads(out) if out else {}
        authors = [a.strip() for a in (j.get("author") or "").split(";") if a.strip()]
        date = j.get("date")
        return {"title": j.get("title"), "authors": authors,
                "published": {"date": date} if date else None,
                "body": {"text": j.get("text") or ""}}
    return run


def resiliparse_extractor():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    def run(data: bytes, url: str) -> dict:
        tree = HTMLTree.parse(bytes_to_str(data, detect_encoding(data)))
        text = extract_plain_text(tree, main_content=True)
        return {"title": tree.title, "authors": [], "published": None, "body": {"text": text}}
    return run


def main() -> int:
    tool, manifest = sys.argv[1], sys.argv[2]
    run = {"trafilatura": trafilatura_extractor, "resiliparse": resiliparse_extractor}[tool]()
    out = sys.stdout
    with open(manifest, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            with open(row["file"], "rb") as page:
                data = page.read()
            try:
                rec = run(data, row["url"])
            except Exception as e:  # one bad page must not stop the batch, as in lookback
                rec = {"file": row["file"], "error": f"{type(e).__name__}: {e}"}
            out.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
