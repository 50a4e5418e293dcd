#!/usr/bin/env python3
"""Compares how kramdown 2.4 and Strata write raw HTML back, on random documents.

Each document holds HTML blocks and tags inside paragraphs with random names (known
elements, upper case, custom, void), attributes (valueless, unquoted, single and double
quotes, repeated, blank ids, references and bare `&` in values) and text. kramdown renders
each with `input: GFM` (as Jekyll does); Strata builds them as posts of one site; the two
are compared with blank lines and indentation between tags ignored, as
compare-code-with-jekyll.py does. Names CommonMark does not read as tags (`x:y`, non-ASCII
attribute names) are left out: cmark-gfm writes them as text, a difference of the block
reader, not of the writer (docs/markdown.md).

  scripts/kramdown-html-differential.py .build/debug/strata [--documents 150] [--seed 1]
"""
import argparse
import difflib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

NAMES = ["div", "DIV", "span", "p", "My-X", "img", "br", "input", "section", "a", "b", "svg", "details", "video"]
VOID = {"img", "br", "input"}
ATTRIBUTES = ["class", "ID", "id", "data-x", "Title", "href", "alt", "_u", "x.y", "open", "ns:z"]
VALUES = ['"a"', "'b'", "c_1", '"a &amp; b"', "'say \"hi\"'", '"x < y"', '"&c"', '""', '" "', "'&#169;'", "été"]
TEXTS = ["text", "a < b & c > d", "&amp; &nbsp;", "x"]


def tag(rng):
    name = rng.choice(NAMES)
    text = "<" + name
    for _ in range(rng.randint(0, 3)):
        text += rng.choice([" ", "  ", "\n "]) + rng.choice(ATTRIBUTES)
        if rng.random() < 0.7:
            text += rng.choice(["=", "= ", " = "]) + rng.choice(VALUES)
    return name, text + rng.choice([">", ">", " >", "/>", " />"])


def document(rng):
    parts = []
    for _ in range(6):
        name, text = tag(rng)
        body = rng.choice(TEXTS)
        if text.endswith("/>") or name.lower() in VOID:
            parts.append(f"<div>\n{text}\n{body}\n</div>\n")
        else:
            parts.append(f"<div>\n{text}{body}</{name}>\n</div>\n")
        name, text = tag(rng)
        if name.lower() in ("div", "p", "section", "details", "video", "svg"):
            continue
        closed = text.endswith("/>") or name.lower() in VOID
        parts.append(f"Para {text}t{'' if closed else '</' + name + '>'} end.\n")
    return "\n".join(parts)


def normalised(html):
    return re.sub(r"\s*\n\s*", "\n", re.sub(r">\s+<", "><", html.strip()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("strata")
    parser.add_argument("--documents", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    strata = os.path.abspath(args.strata)
    work = tempfile.mkdtemp(prefix="strata-kramdown-html-")
    try:
        site = os.path.join(work, "site")
        os.makedirs(os.path.join(site, "_posts"))
        os.makedirs(os.path.join(site, "_layouts"))
        with open(os.path.join(site, "_layouts", "post.html"), "w") as f:
            f.write("---\n---\n{{ content }}")
        with open(os.path.join(site, "_config.yml"), "w") as f:
            f.write("permalink: /:title/\n")
        documents = []
        for number in range(args.documents):
            text = document(random.Random(args.seed * 100_000 + number))
            documents.append(text)
            with open(os.path.join(site, "_posts", f"2024-01-01-d{number}.md"), "w") as f:
                f.write(f"---\nlayout: post\ntitle: d{number}\n---\n{text}")
        subprocess.run([strata, "build", "--source", site, "--destination", os.path.join(work, "out")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        failures = 0
        for number, text in enumerate(documents):
            kramdown = subprocess.run(["ruby", "-rkramdown", "-e", 'puts Kramdown::Document.new(STDIN.read, input: "GFM").to_html'],
                                      input=text, capture_output=True, text=True, check=True).stdout
            with open(os.path.join(work, "out", f"d{number}", "index.html")) as f:
                ours = f.read()
            want, got = normalised(kramdown), normalised(ours)
            if want != got:
                failures += 1
                if failures <= 5:
                    print(f"FAIL document {number} (seed {args.seed}):")
                    print("\n".join(difflib.unified_diff(want.replace("><", ">\n<").splitlines(), got.replace("><", ">\n<").splitlines(),
                                                         "kramdown", "strata", lineterm="", n=0)))
        print(f"kramdown-html-differential: {args.documents} documents, {failures} differ from kramdown")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
