#!/usr/bin/env python3
"""Times a whole-site build of N seed-shaped posts with Strata, Jekyll and Hugo.

Every contender gets the same posts, an empty destination before each run (so the
same deletions), and the runs alternate between contenders; the report gives medians
and ratios against Strata from this one run. Peak memory comes from wait4's rusage.

    scripts/bench_build.py [--posts 1000] [--runs 5] [--strata .build/release/strata] [--highlight]

Jekyll and Hugo are optional (Debian: jekyll, hugo); missing ones are skipped. Strata
always highlights code (the seed has 5 Dockerfile blocks per post); the peers' syntax
highlighting is off unless --highlight turns it on (Rouge in Jekyll, Chroma in Hugo).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content/_posts/2021-03-07-docker-images-vs-containers.md"


def posts(count):
    """Yields (file name, date, title, body, categories) for `count` posts from the seed."""
    text = SEED.read_text(encoding="utf-8")
    # Strata's own tags (diagrams, the explainer) have no equivalent in the peers: every
    # contender renders the same Liquid and Markdown.
    body = "".join(line for line in text.split("---", 2)[2].splitlines(keepends=True)
                   if not line.startswith(("{% layers", "{% explainer")))
    for index in range(count):
        day = 1 + index % 28
        month = 1 + (index // 28) % 12
        year = 2000 + index // (28 * 12)
        date = f"{year:04d}-{month:02d}-{day:02d}"
        title = f"Docker images vs. containers, part {index}"
        yield f"{date}-post-{index}.md", date, title, body, "general"


HIGHLIGHT = "--highlight" in sys.argv


def make_jekyll_like(root, count, strata_layout):
    """A Strata site (content/, templates/, assets/) or a Jekyll folder with the same files."""
    content = root / "content" if strata_layout else root
    (content / "_posts").mkdir(parents=True)
    config = (ROOT / "content/_config.yml").read_text()
    if not strata_layout:
        config += "\nexclude: [dockerfiles]\n"
        if not HIGHLIGHT:
            config += "kramdown:\n  syntax_highlighter_opts:\n    disable: true\n"
    (content / "_config.yml").write_text(config)
    shutil.copy(ROOT / "content/index.html", content / "index.html")
    templates = root / "templates" if strata_layout else root
    shutil.copytree(ROOT / "templates/_layouts", templates / "_layouts")
    shutil.copytree(ROOT / "templates/_includes", templates / "_includes")
    shutil.copytree(ROOT / "assets/css", root / "assets/css")
    for name, date, title, body, categories in posts(count):
        front = f"---\nlayout: post\ntitle: \"{title}\"\ncategories: {categories}\nlocation: London, UK\n---\n"
        (content / "_posts" / name).write_text(front + body, encoding="utf-8")


def make_hugo(root, count):
    (root / "content/posts").mkdir(parents=True)
    (root / "layouts/_default").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.com/"\ntitle = "Layers & Containers"\n'
        f'[markup.highlight]\ncodeFences = {"true" if HIGHLIGHT else "false"}\n[markup.goldmark.renderer]\nunsafe = true\n'
        '[permalinks]\nposts = "/:section/:year/:month/:day/:slug/"\n')
    head = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>'
            '<link rel="stylesheet" href="{{ "css/main.css" | relURL }}"></head><body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header><main>')
    foot = "</main><footer>Built with Hugo</footer></body></html>"
    (root / "layouts/_default/single.html").write_text(
        head + '<article><h1>{{ .Title }}</h1><p><time>{{ .Date.Format "2 January 2006" }}</time> · {{ delimit .Params.categories ", " }} · {{ .Params.location }}</p>'
        '{{ .TableOfContents }}{{ .Content }}</article>' + foot)
    (root / "layouts/_default/list.html").write_text(
        head + '<ol>{{ range .Site.RegularPages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
        '<p>{{ .Date.Format "2 January 2006" }}</p><div>{{ .Summary }}</div></li>{{ end }}</ol>' + foot)
    (root / "layouts/index.html").write_text((root / "layouts/_default/list.html").read_text())
    (root / "static/css").mkdir(parents=True)
    shutil.copy(ROOT / "assets/css/main.css", root / "static/css/main.css")
    for name, date, title, body, categories in posts(count):
        body = body.replace("<!--description-->", "<!--more-->")
        front = f"---\ntitle: \"{title}\"\ndate: {date}\ncategories: [{categories}]\nlocation: London, UK\n---\n"
        (root / "content/posts" / name).write_text(front + body, encoding="utf-8")


def run(command, cwd, destination):
    """Runs one build from an empty destination; returns (seconds, peak RSS in MiB)."""
    shutil.rmtree(destination, ignore_errors=True)
    # Standard error goes to a file: a pipe nobody reads during the run would block a
    # tool that prints a lot.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{command[0]} failed: {errors.read().decode(errors='replace')[:2000]}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--strata", default=str(ROOT / ".build/release/strata"))
    parser.add_argument("--highlight", action="store_true", help="turn the peers' syntax highlighting on")
    args = parser.parse_args()
    args.strata = str(Path(args.strata).resolve())

    work = Path(tempfile.mkdtemp(prefix="strata-bench-"))
    try:
        contenders = {}
        make_jekyll_like(work / "strata", args.posts, strata_layout=True)
        contenders["strata"] = ([args.strata, "build", "--source", str(work / "strata")], work / "strata", work / "strata/_site")
        if shutil.which("jekyll"):
            make_jekyll_like(work / "jekyll", args.posts, strata_layout=False)
            contenders["jekyll"] = (["jekyll", "build", "--quiet"], work / "jekyll", work / "jekyll/_site")
        if shutil.which("hugo"):
            make_hugo(work / "hugo", args.posts)
            contenders["hugo"] = (["hugo", "--quiet"], work / "hugo", work / "hugo/public")
        results = {name: [] for name in contenders}
        memory = {name: 0.0 for name in contenders}
        for _ in range(args.runs):
            for name, (command, cwd, destination) in contenders.items():
                seconds, rss = run(command, cwd, destination)
                results[name].append(seconds)
                memory[name] = max(memory[name], rss)
        base = statistics.median(results["strata"])
        print(f"{args.posts} posts, {args.runs} alternating runs each, {os.cpu_count()} cores")
        print(f"{'tool':<8} {'median':>10} {'per post':>10} {'vs strata':>10} {'peak RSS':>10}")
        for name, times in results.items():
            median = statistics.median(times)
            print(f"{name:<8} {median * 1000:>8.0f} ms {median * 1e6 / args.posts:>7.0f} µs {median / base:>9.2f}x {memory[name]:>7.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
