#!/usr/bin/env python3
"""Builds fixture sites with real Jekyll and with Strata and compares what a reader sees.

For every fixture folder given: the same output files (URLs), and for each page the same
<title>, the same visible text (whitespace collapsed) and the same links (href/src); other
files must match byte for byte after whitespace is collapsed. Differences that are known and
explained are listed in the fixture's `_expected-differences.txt` (one `path: what` per line,
what = files|title|text|links|bytes) and in docs/jekyll-compatibility.md; any other difference
fails. Usage: compare-with-jekyll.py STRATA_BIN FIXTURE_DIR...
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile


class Reader(html.parser.HTMLParser):
    """Collects the title, the visible text and the links of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.text, self.links = "", [], []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "img", "link", "meta", "input", "hr"):
            self.stack.append(tag)
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "title" in self.stack:
            self.title += data
        elif not ({"script", "style", "head"} & set(self.stack)):
            self.text.append(data)


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


# What legitimately changes between two builds or names the generator, never content.
VOLATILE = [
    (re.compile(r'<generator uri="https://jekyllrb.com/" version="[^"]*">Jekyll</generator>'), '<generator>Strata</generator>'),
    (re.compile(r'<meta name="generator" content="[^"]*" />'), '<meta name="generator" content="" />'),
    (re.compile(r'(<feed[^>]*>.*?<updated>)[^<]*(</updated>)', re.S), r'\1\2'),
]


def normalise(text):
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text, count=1)
    return squash(text)


def first_difference(a, b):
    index = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, index - 80)
    return f"\n    strata: …{a[start:index + 160]!r}\n    jekyll: …{b[start:index + 160]!r}"


def page_view(path):
    reader = Reader()
    with open(path, encoding="utf-8", errors="replace") as handle:
        reader.feed(handle.read())
    return {"title": squash(reader.title), "text": squash(" ".join(reader.text)), "links": reader.links}


def tree(root):
    found = set()
    for folder, _, files in os.walk(root):
        for name in files:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def expected_differences(fixture):
    allowed = set()
    path = os.path.join(fixture, "_expected-differences.txt")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if line:
                where, what = line.rsplit(":", 1)
                allowed.add((where.strip(), what.strip()))
    return allowed


def compare(strata, fixture, work):
    name = os.path.basename(os.path.normpath(fixture))
    jekyll_out = os.path.join(work, name + "-jekyll")
    strata_out = os.path.join(work, name + "-strata")
    # jekyll-github-metadata asks GitHub's API when it can resolve api.github.com; an API address
    # that refuses connections gives the answers it gives offline (which Strata always gives),
    # so the fixture compares the same on a machine with a network. Both builds read it.
    env = dict(os.environ, PAGES_API_URL="http://127.0.0.1:9")
    subprocess.run(["jekyll", "build", "--quiet", "--disable-disk-cache", "-s", fixture, "-d", jekyll_out], check=True, env=env)
    subprocess.run([strata, "build", "--source", fixture, "--destination", strata_out], check=True, stdout=subprocess.DEVNULL, env=env)
    allowed = expected_differences(fixture)
    problems = []
    seen = set()

    def report(where, what, detail):
        seen.add((where, what))
        if (where, what) not in allowed:
            problems.append(f"{name}/{where}: {what} differs: {detail}")

    ours, theirs = tree(strata_out), tree(jekyll_out)
    for path in sorted(theirs - ours):
        report(path, "files", "Jekyll writes it, Strata does not")
    for path in sorted(ours - theirs):
        report(path, "files", "Strata writes it, Jekyll does not")
    for path in sorted(ours & theirs):
        mine, real = os.path.join(strata_out, path), os.path.join(jekyll_out, path)
        if path.endswith(".html"):
            a, b = page_view(mine), page_view(real)
            for what in ("title", "text", "links"):
                if a[what] != b[what]:
                    report(path, what, f"\n    strata: {a[what]!r}\n    jekyll: {b[what]!r}")
        else:
            a = normalise(open(mine, encoding="utf-8", errors="replace").read())
            b = normalise(open(real, encoding="utf-8", errors="replace").read())
            if a != b:
                report(path, "bytes", first_difference(a, b))
            # A feed must start with `<?xml`: leading whitespace is a difference here.
            head_a = open(mine, "rb").read(8)
            head_b = open(real, "rb").read(8)
            if head_a[:1] != head_b[:1]:
                report(path, "bytes", f"starts with {head_a!r}, Jekyll's with {head_b!r}")
    # A listed difference that is gone must leave the list, so the list only ever says what is true.
    for where, what in sorted(allowed - seen):
        problems.append(f"{name}/{where}: {what} is listed in _expected-differences.txt but no longer differs: remove it")
    return problems


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    if shutil.which("jekyll") is None:
        print("error: jekyll is not installed; run scripts/install-deps.sh test", file=sys.stderr)
        return 1
    strata, fixtures = sys.argv[1], sys.argv[2:]
    problems = []
    with tempfile.TemporaryDirectory(prefix="strata-jekyll-") as work:
        for fixture in fixtures:
            problems += compare(os.path.abspath(strata), fixture, work)
    for problem in problems:
        print(problem)
    print(f"{len(fixtures)} fixture site(s) compared with Jekyll: {len(problems)} unexplained difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
