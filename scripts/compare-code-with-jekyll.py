#!/usr/bin/env python3
"""Builds one fixture site with real Jekyll 4.3 (kramdown + Rouge) and with Strata, and
compares every code block: the same markup kind and language, the same text, and the
same Rouge token class on every non-blank character, both exactly (`s2` = `s2`) and by
family (`s2` and `s` are both strings: what most themes colour alike). Strata highlights
with Rouge itself, so in every language but Dockerfiles (coloured from Strata's own parser,
issue #11) the blocks must be Rouge's tokens exactly, span for span. The floors and the
reason for each language that may differ are in
Tests/HighlightTests/Fixtures/jekyll-differences.json; a block below its floors, with
different text, or (in any other language) with other spans fails the run.

  scripts/compare-code-with-jekyll.py .build/debug/strata [--report] [--record]

--record rewrites the floors to what this run measured, keeping the reasons.
"""
import difflib
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITE = os.path.join(ROOT, "Tests/HighlightTests/Fixtures/jekyll-site")
DIFFERENCES = os.path.join(ROOT, "Tests/HighlightTests/Fixtures/jekyll-differences.json")


class CodeBlocks(HTMLParser):
    """Collects code blocks in Rouge's markup as (kind, language, [(class, text)])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.stack = []  # (tag, attrs)
        self.current = None  # [kind, language, runs]
        self.depth = None  # stack depth at which the current block opened
        self.skip_depth = None  # inside the line-number gutter

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        self.stack.append((tag, classes))
        if self.current is None:
            kind = language = None
            if tag == "div" and "highlighter-rouge" in classes:
                kind, language = "fenced", next(c[9:] for c in classes if c.startswith("language-"))
            elif tag == "figure" and "highlight" in classes:
                kind = "figure"
            elif tag == "code" and "highlighter-rouge" in classes and not self.inside("pre"):
                kind, language = "inline", "plaintext"
            elif tag == "code" and self.inside("pre"):
                kind = "plain"
                language = next((c[9:] for c in classes if c.startswith("language-")), "")
            if kind:
                self.current = [kind, language, []]
                self.depth = len(self.stack)
        elif self.current[0] == "figure" and tag == "code" and self.current[1] is None:
            self.current[1] = attrs.get("data-lang")
        elif tag == "td" and "gutter" in classes:
            self.skip_depth = len(self.stack)

    def inside(self, tag):
        return any(t == tag for t, _ in self.stack[:-1])

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if self.skip_depth is not None and len(self.stack) < self.skip_depth:
                self.skip_depth = None
            if self.current is not None and len(self.stack) < self.depth:
                self.blocks.append(tuple(self.current))
                self.current = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.current is None or self.skip_depth is not None:
            return
        # Around the <pre> of a fenced block or figure is only indentation (kramdown indents
        # blocks nested in lists and definitions; cmark-gfm does not).
        if self.current[0] in ("fenced", "figure") and not any(t == "pre" for t, _ in self.stack):
            return
        span = next((c for t, c in reversed(self.stack) if t == "span"), None)
        name = span[0] if span else None
        self.current[2].append((name, data))


def blocks_of(path):
    parser = CodeBlocks()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return parser.blocks


def classes_per_character(runs):
    """The class of every non-blank character; `w` (whitespace) counts as plain."""
    out = []
    for name, text in runs:
        for ch in text:
            if not ch.isspace():
                out.append(None if name in (None, "w") else name)
    return out


def family(name):
    """The token family: Rouge's first letter (k, n, s, c, m, o, p, g, l), `nt` and friends included."""
    return name[0] if name else None


def agreement_of(want, got):
    a, b = classes_per_character(want), classes_per_character(got)
    if not a:
        return 1.0, 1.0
    exact = sum(1 for x, y in zip(a, b) if x == y) / len(a)
    by_family = sum(1 for x, y in zip(a, b) if family(x) == family(y)) / len(a)
    return exact, by_family


def normalised_body(path):
    """The page's <body>, with the blank lines and indentation kramdown and cmark-gfm
    place differently between tags removed."""
    with open(path, encoding="utf-8") as f:
        html = f.read()
    body = html[html.find("<body>") + 6:html.find("</body>")]
    return re.sub(r"\s*\n\s*", "\n", re.sub(r">\s+<", "><", body.strip()))


def main():
    strata = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/strata")
    report = "--report" in sys.argv
    record = "--record" in sys.argv
    with open(DIFFERENCES, encoding="utf-8") as f:
        recorded = json.load(f)
    floors = recorded["languages"]
    work = tempfile.mkdtemp(prefix="strata-vs-jekyll-")
    try:
        source = os.path.join(work, "site")
        shutil.copytree(SITE, source)
        jekyll_out, strata_out = os.path.join(work, "jekyll"), os.path.join(work, "strata")
        subprocess.run(["jekyll", "build", "--quiet", "--safe", "-s", source, "-d", jekyll_out], check=True, cwd=work)
        shutil.rmtree(os.path.join(source, ".jekyll-cache"), ignore_errors=True)
        subprocess.run([strata, "build", "--source", source, "--destination", strata_out], check=True, cwd=work,
                       stdout=subprocess.DEVNULL)
        failures, agreement = [], {}
        pages = sorted(os.path.relpath(os.path.join(d, f), jekyll_out)
                       for d, _, files in os.walk(jekyll_out) for f in files if f.endswith(".html"))
        for page in pages:
            expected, actual = blocks_of(os.path.join(jekyll_out, page)), blocks_of(os.path.join(strata_out, page))
            if len(expected) != len(actual):
                failures.append(f"{page}: Jekyll wrote {len(expected)} code blocks, Strata {len(actual)}")
                continue
            for index, (want, got) in enumerate(zip(expected, actual)):
                where = f"{page} block {index + 1} ({want[0]} {want[1]})"
                if want[:2] != got[:2]:
                    failures.append(f"{where}: Strata wrote {got[0]} {got[1]}")
                    continue
                want_text, got_text = "".join(t for _, t in want[2]), "".join(t for _, t in got[2])
                if want_text != got_text:
                    failures.append(f"{where}: the text differs:\n  jekyll: {want_text[:200]!r}\n  strata: {got_text[:200]!r}")
                    continue
                exact, by_family = agreement_of(want[2], got[2])
                language = want[1] or ""
                seen = agreement.get(language, (1.0, 1.0))
                agreement[language] = (min(seen[0], exact), min(seen[1], by_family))
                floor = floors.get(language, {})
                if language not in floors and want[2] != got[2]:
                    failures.append(f"{where}: Rouge's spans differ:\n  jekyll: {want[2][:12]!r}\n  strata: {got[2][:12]!r}")
                    continue
                if not record and (exact + 1e-9 < floor.get("exact", 1.0) or by_family + 1e-9 < floor.get("family", 1.0)):
                    failures.append(f"{where}: {exact:.0%} of characters have Rouge's class ({by_family:.0%} its family), "
                                    f"below the recorded {floor.get('exact', 1.0):.0%} ({floor.get('family', 1.0):.0%})")
        # Pages whose whole text is compared, not only their code: the kramdown features.
        for page in recorded.get("whole_pages", []):
            want, got = normalised_body(os.path.join(jekyll_out, page)), normalised_body(os.path.join(strata_out, page))
            if want != got:
                diff = difflib.unified_diff(want.replace("><", ">\n<").splitlines(), got.replace("><", ">\n<").splitlines(),
                                            "jekyll", "strata", lineterm="", n=1)
                failures.append(f"{page}: the page differs from Jekyll's:\n" + "\n".join(diff))
        if record:
            for language, (exact, by_family) in agreement.items():
                entry = floors.setdefault(language, {})
                entry["exact"], entry["family"] = int(exact * 100) / 100, int(by_family * 100) / 100
                if entry["exact"] >= 1.0 and entry["family"] >= 1.0 and not entry.get("reason"):
                    del floors[language]
            with open(DIFFERENCES, "w", encoding="utf-8") as f:
                json.dump(recorded, f, indent=2, ensure_ascii=False, sort_keys=True)
                f.write("\n")
        if report or failures:
            print("  language      exact  family  why they differ")
            for language, (exact, by_family) in sorted(agreement.items()):
                reason = floors.get(language, {}).get("reason", "")
                print(f"  {language or '(none)':12} {exact:6.1%} {by_family:6.1%}  {reason}")
        for failure in failures:
            print("FAIL", failure)
        blocks = sum(len(blocks_of(os.path.join(jekyll_out, p))) for p in pages)
        print(f"compare-code-with-jekyll: {blocks} code blocks on {len(pages)} pages, {len(failures)} failures")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
