#!/usr/bin/env python3
"""Issue 13's benchmark: `strata build` at 1,000 and 10,000 seed-shaped posts against the
cmark-gfm floor and Hugo with its highlighting on, in one session.

    scripts/bench_speed.py [--posts 1000,10000] [--runs 3] [--strata .build/release/strata]
                           [--write Benchmarks/RESULTS.md] [--keep DIR]

The corpus (`generate`) is the seed post (content/_posts/…docker-images-vs-containers.md,
about 7.5 KB, 5 code blocks, the TOC include) without Strata's own diagram tags, plus a
link through `site.baseurl`, with `baseurl: /blog`. Every round times, one after another:

- strata cold:    no `_site/`, no `.strata-cache/`;
- strata no-op:   the same build again, nothing changed;
- strata one:     one post's last paragraph edited, then a build;
- strata cold, no highlighting: the cold build again with `highlighter: none` added through
                  `--config` (kramdown then writes code plain, as Jekyll does), into its own
                  empty destination: what highlighting costs inside the cold build;
- hugo:           the same posts, Chroma highlighting on, TOC, empty `public/`;
- cmark-gfm:      the command line on the same bodies (Liquid removed), 100 bodies per
                  process, all cores (`xargs -P`), into an empty folder: the Markdown floor.
- cp -r of _site: the cold build's output copied into an empty folder by one `cp -r`: what
                  creating the same files costs on this disk, whoever writes them (not a
                  target; it tells how much of the cold build no renderer can avoid).

Times are wall-clock medians; "CPU" is the median user + system time (both cores count, so
CPU / wall is the cores a tool kept busy); peak memory is the largest "Maximum resident set size" that
`/usr/bin/time -v` reported. Hugo and cmark-gfm come from Debian and are installed with
apt-get when missing. The machine is shared, so the table keeps ratios from one run and
the load average before and after.
"""
import argparse
import os
import platform
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
BASEURL = "/blog"
CMARK = ["cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink",
         "-e", "tagfilter", "-e", "tasklist"]
START, END = "<!-- bench_speed:start -->", "<!-- bench_speed:end -->"


def seed_body():
    """The seed's Markdown without Strata's own tags, plus a link through site.baseurl."""
    text = SEED.read_text(encoding="utf-8")
    body = "".join(line for line in text.split("---", 2)[2].splitlines(keepends=True)
                   if not line.startswith(("{% layers", "{% explainer")))
    return body + f"\n[All posts]({{{{ site.baseurl }}}}/)\n"


def post_names(count):
    for index in range(count):
        day, month, year = 1 + index % 28, 1 + (index // 28) % 12, 1990 + index // (28 * 12)
        yield index, f"{year:04d}-{month:02d}-{day:02d}", f"Docker images vs. containers, part {index}"


def generate(root, count):
    """Writes the Strata site (root/strata), the Hugo site (root/hugo) and the bare bodies
    (root/bodies); returns the path of the post that the one-post edit changes."""
    body = seed_body()
    strata = root / "strata"
    (strata / "content/_posts").mkdir(parents=True)
    config = (ROOT / "content/_config.yml").read_text().replace('baseurl: ""', f'baseurl: "{BASEURL}"')
    (strata / "content/_config.yml").write_text(config)
    shutil.copy(ROOT / "content/index.html", strata / "content/index.html")
    shutil.copytree(ROOT / "templates/_layouts", strata / "templates/_layouts")
    shutil.copytree(ROOT / "templates/_includes", strata / "templates/_includes")
    shutil.copytree(ROOT / "assets/css", strata / "assets/css")

    hugo = root / "hugo"
    (hugo / "content/posts").mkdir(parents=True)
    (hugo / "layouts/_default").mkdir(parents=True)
    (hugo / "hugo.toml").write_text(
        f'baseURL = "https://example.com{BASEURL}/"\ntitle = "Layers & Containers"\n'
        '[markup.highlight]\ncodeFences = true\n[markup.goldmark.renderer]\nunsafe = true\n'
        '[permalinks]\nposts = "/:section/:year/:month/:day/:slug/"\n')
    head = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>'
            '<link rel="stylesheet" href="{{ "css/main.css" | relURL }}"></head><body><header><a href="{{ "/" | relURL }}">'
            '{{ .Site.Title }}</a></header><main>')
    foot = "</main><footer>Built with Hugo</footer></body></html>"
    (hugo / "layouts/_default/single.html").write_text(
        head + '<article><h1>{{ .Title }}</h1><p><time>{{ .Date.Format "2 January 2006" }}</time> · '
        '{{ delimit .Params.categories ", " }} · {{ .Params.location }}</p>'
        '{{ .TableOfContents }}{{ .Content }}</article>'
        '{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}' + foot)
    (hugo / "layouts/_default/list.html").write_text(
        head + '<ol>{{ range .Site.RegularPages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
        '<p>{{ .Date.Format "2 January 2006" }}</p><div>{{ .Summary }}</div></li>{{ end }}</ol>' + foot)
    (hugo / "layouts/index.html").write_text((hugo / "layouts/_default/list.html").read_text())
    (hugo / "static/css").mkdir(parents=True)
    shutil.copy(ROOT / "assets/css/main.css", hugo / "static/css/main.css")

    bodies = root / "bodies"
    bodies.mkdir()
    plain = re.sub(r"\{%.*?%\}", "", body).replace("{{ site.baseurl }}", BASEURL)
    hugo_body = body.replace("<!--description-->", "<!--more-->").replace("{% include toc.html %}", "") \
        .replace("{{ site.baseurl }}", BASEURL)
    edited = None
    for index, date, title in post_names(count):
        name = f"{date}-post-{index}.md"
        front = f"---\nlayout: post\ntitle: \"{title}\"\ncategories: general\nlocation: London, UK\n---\n"
        (strata / "content/_posts" / name).write_text(front + body, encoding="utf-8")
        front = f"---\ntitle: \"{title}\"\ndate: {date}\ncategories: [general]\nlocation: London, UK\n---\n"
        (hugo / "content/posts" / name).write_text(front + hugo_body, encoding="utf-8")
        (bodies / f"{index}.md").write_text(plain, encoding="utf-8")
        if index == count // 2:
            edited = strata / "content/_posts" / name
    return edited


def timed(command, cwd):
    """Runs `command` under /usr/bin/time -v; returns (wall seconds, peak RSS in MiB, stdout,
    user + system CPU seconds)."""
    with tempfile.NamedTemporaryFile(mode="w+") as report, tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        status = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *command], cwd=cwd,
                                stdout=output, stderr=subprocess.STDOUT).returncode
        elapsed = time.perf_counter() - start
        output.seek(0)
        text = output.read().decode(errors="replace")
        if status != 0:
            sys.exit(f"{' '.join(command[:3])} failed ({status}): {text[-2000:]}")
        report.seek(0)
        usage = report.read()
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", usage)
        cpu = sum(float(value) for value in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", usage))
    return elapsed, int(peak.group(1)) / 1024 if peak else 0.0, text, cpu


def cmark_command(bodies, out):
    """cmark-gfm on every core, 100 bodies per process (so that starting processes does not
    dominate: it costs several milliseconds here), each process writing one HTML file."""
    script = f'{" ".join(CMARK)} "$@" > "{out}/$$.html"'
    return ["sh", "-c", f'ls {bodies}/*.md | xargs -P {os.cpu_count()} -n 100 sh -c \'{script}\' _']


def edit(post, round_number):
    """Changes the post's last paragraph (not its excerpt, front matter or headings)."""
    text = post.read_text(encoding="utf-8")
    text = re.sub(r"\n\[All posts\].*\n$", f"\n[All posts]({{{{ site.baseurl }}}}/) Edit {round_number}.\n", text)
    post.write_text(text, encoding="utf-8")


def ensure_tools():
    missing = [package for tool, package in (("hugo", "hugo"), ("cmark-gfm", "cmark-gfm")) if not shutil.which(tool)]
    if missing:
        print(f"installing {' '.join(missing)} with apt-get", file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(sudo + ["apt-get", "install", "-y", *missing], check=True, stdout=subprocess.DEVNULL)


def bench(count, runs, strata_binary, keep):
    work = Path(keep) / str(count) if keep else Path(tempfile.mkdtemp(prefix=f"strata-speed-{count}-"))
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    try:
        edited = generate(work, count)
        site, hugo, bodies, html = work / "strata", work / "hugo", work / "bodies", work / "html"
        strata = [strata_binary, "build", "--source", str(site)]
        plain_config = work / "no-highlighting.yml"
        plain_config.write_text("highlighter: none\n")
        plain_site = work / "strata-plain-site"
        strata_plain = [strata_binary, "build", "--source", str(site), "--no-cache", "--destination", str(plain_site),
                        "--config", f"{site / 'content/_config.yml'},{plain_config}"]
        names = ["strata cold", "strata no-op", "strata one post", "strata cold, no highlighting", "hugo", "cmark-gfm",
                 "cp -r of _site"]
        times = {name: [] for name in names}
        cpu = {name: [] for name in names}
        memory = {name: 0.0 for name in names}
        summaries = {name: [] for name in names}

        def record(name, result):
            times[name].append(result[0])
            cpu[name].append(result[3])
            memory[name] = max(memory[name], result[1])
            summaries[name].append(result[2].strip().splitlines()[-1] if result[2].strip() else "")

        for round_number in range(runs):
            shutil.rmtree(site / "_site", ignore_errors=True)
            shutil.rmtree(site / ".strata-cache", ignore_errors=True)
            record("strata cold", timed(strata, site))
            copy = work / "copy"
            shutil.rmtree(copy, ignore_errors=True)
            record("cp -r of _site", timed(["cp", "-r", str(site / "_site"), str(copy)], work))
            record("strata no-op", timed(strata, site))
            edit(edited, round_number)
            record("strata one post", timed(strata, site))
            shutil.rmtree(plain_site, ignore_errors=True)
            record("strata cold, no highlighting", timed(strata_plain, site))
            shutil.rmtree(hugo / "public", ignore_errors=True)
            record("hugo", timed(["hugo", "--quiet"], hugo))
            shutil.rmtree(html, ignore_errors=True)
            html.mkdir()
            record("cmark-gfm", timed(cmark_command(bodies, html), work))
        medians = {name: statistics.median(values) for name, values in times.items()}
        cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
        # The summary line of the cold run closest to the median: Strata's own phases.
        cold = times["strata cold"]
        closest = min(range(len(cold)), key=lambda i: abs(cold[i] - medians["strata cold"]))
        return medians, memory, summaries["strata cold"][closest], summaries["strata one post"][-1], cpu_medians
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def table(count, medians, memory, cpu):
    cold, floor, hugo = medians["strata cold"], medians["cmark-gfm"], medians["hugo"]
    lines = [f"| {count:,} posts | median | per post | vs cold | vs cmark-gfm | vs Hugo | CPU | peak RSS |",
             "|---|---|---|---|---|---|---|---|"]
    for name, seconds in medians.items():
        lines.append(f"| {name} | {seconds * 1000:.0f} ms | {seconds * 1e6 / count:.0f} µs | {seconds / cold:.3f}× "
                     f"| {seconds / floor:.2f}× | {seconds / hugo:.2f}× | {cpu[name]:.2f} s | {memory[name]:.0f} MiB |")
    return lines


def targets(count, medians, memory):
    cold = medians["strata cold"]
    checks = [
        ("cold ≤ 2 × cmark-gfm", cold / medians["cmark-gfm"], 2.0, "×"),
        ("cold ≤ 0.2 × Hugo", cold / medians["hugo"], 0.2, "×"),
        ("peak ≤ 500 MB", memory["strata cold"] * 1.048576, 500, " MB"),
        ("no-op ≤ 10% of cold", medians["strata no-op"] / cold * 100, 10, "%"),
        ("one post ≤ 5% of cold", medians["strata one post"] / cold * 100, 5, "%"),
    ]
    plain = medians["strata cold, no highlighting"]
    lines_after = [f"- (not a target) highlighting's share of the cold build: {(cold - plain) / cold * 100:.1f}% "
                   f"(without it: {plain / medians['cmark-gfm']:.2f}× cmark-gfm, {plain / medians['hugo']:.2f}× Hugo)",
                   f"- (not a target) creating the cold build's files with one `cp -r`: {medians['cp -r of _site'] * 1000:.0f} ms, "
                   f"{medians['cp -r of _site'] / medians['cmark-gfm']:.2f}× cmark-gfm"]
    lines = [f"Targets at {count:,} posts:", ""]
    for label, value, limit, unit in checks:
        verdict = "met" if value <= limit else f"missed by {value - limit:.2f}{unit}"
        lines.append(f"- {label}: {value:.2f}{unit} — {verdict}")
    return lines + lines_after


def machine():
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    def version(command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} × {model}{memory}; "
            f"{version(['hugo', 'version'])}; cmark-gfm {version(['cmark-gfm', '--version'])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", default="1000,10000", help="comma-separated post counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--strata", default=str(ROOT / ".build/release/strata"))
    parser.add_argument("--write", help="replace the bench_speed section of this Markdown file")
    parser.add_argument("--keep", help="generate the sites in this folder and keep them")
    args = parser.parse_args()
    strata = str(Path(args.strata).resolve())
    ensure_tools()
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out = [f"Measured {started} on {machine()}.", "",
           f"Command: `scripts/bench_speed.py --posts {args.posts} --runs {args.runs}` ({args.runs} alternating rounds, medians).",
           ""]
    for count in (int(value) for value in args.posts.split(",")):
        print(f"{count} posts…", file=sys.stderr)
        medians, memory, cold_summary, one_summary, cpu = bench(count, args.runs, strata, args.keep)
        out += table(count, medians, memory, cpu) + [""]
        out += [f"Strata's cold summary: `{cold_summary}`", "",
                f"Strata's one-post summary: `{one_summary}`", ""]
        out += targets(count, medians, memory) + [""]
    load_after = os.getloadavg()
    out.append(f"Load average (1 min) {load_before[0]:.2f} before and {load_after[0]:.2f} after, on {os.cpu_count()} cores "
               "shared with other jobs: absolute times are noisy, ratios within the run are what count.")
    text = "\n".join(out)
    print(text)
    if args.write:
        path = Path(args.write)
        current = path.read_text(encoding="utf-8")
        section = f"{START}\n{text}\n{END}"
        if START in current and END in current:
            current = current[:current.index(START)] + section + current[current.index(END) + len(END):]
        else:
            current = current.rstrip("\n") + "\n\n" + section + "\n"
        path.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
