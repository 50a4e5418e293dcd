#!/usr/bin/env python3
"""Render every .svg in a folder in headless Chromium and check it.

Usage: python3 scripts/check-diagrams-in-chromium.py DIR [--artifacts DIR] [--chromium PATH]

All diagrams are inlined into one HTML page (as the blog post does) and also loaded as
standalone images. For each diagram, a script in the page checks that:
  - the standalone file decodes as an image (well-formed SVG);
  - the inline copy has a non-empty layout and no script errors were raised;
  - every label stays inside its box: each <text> that is a direct child of a
    <g class="strata-box"> lies within that group's first <rect>;
  - labels in the same box do not overlap each other;
  - every <text> lies inside the diagram's viewBox;
  - ids are unique across the whole page;
  - in a 320px-wide column the diagram shrinks and keeps its aspect ratio, and a drawing
    for phones (strata-diagram-narrow) keeps every label at 12px or more there.
A deliberately overflowing canary diagram is checked too: if it passes, the checker
itself is broken and the run fails. Screenshots (light and dark) go to the artifacts
folder. Prints "N passed, N failed" and exits non-zero on any failure.
Needs only the Python standard library and a Chromium binary (Debian package
chromium-headless-shell or chromium).
"""
import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CANARY = """<svg xmlns="http://www.w3.org/2000/svg" id="strata-canary" viewBox="0 0 200 40" width="200" height="40" role="img" aria-labelledby="strata-canary-t"><title id="strata-canary-t">canary</title>
<g class="strata-box"><rect x="10" y="5" width="60" height="30"/><text x="14" y="25" font-size="12" font-family="monospace">this label is far too long for its box</text></g></svg>"""

CHECK_SCRIPT = r"""
(function () {
  const errors = [];
  window.addEventListener('error', e => errors.push(String(e.message || e)));
  function within(inner, outer, tol) {
    return inner.x >= outer.x - tol && inner.y >= outer.y - tol &&
      inner.x + inner.width <= outer.x + outer.width + tol &&
      inner.y + inner.height <= outer.y + outer.height + tol;
  }
  function overlapArea(a, b) {
    const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
    const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0;
  }
  function describe(el) {
    return (el.textContent || '').trim().slice(0, 60);
  }
  function box(el) { const b = el.getBBox(); return {x: b.x, y: b.y, width: b.width, height: b.height}; }
  window.addEventListener('load', function () {
    const results = [];
    const idCounts = {};
    document.querySelectorAll('svg [id], svg[id]').forEach(el => { idCounts[el.id] = (idCounts[el.id] || 0) + 1; });
    document.querySelectorAll('figure[data-name]').forEach(fig => {
      const name = fig.dataset.name;
      const problems = [];
      const img = fig.querySelector('img');
      if (!img || !img.complete || img.naturalWidth === 0) problems.push('standalone SVG does not render as an image');
      const svg = fig.querySelector('div.inline > svg');
      if (!svg) { problems.push('no inline <svg> element'); results.push({name, problems}); return; }
      const vb = svg.viewBox.baseVal;
      if (!vb || vb.width <= 0 || vb.height <= 0) problems.push('missing or empty viewBox');
      const rendered = svg.getBoundingClientRect();
      if (rendered.width <= 0 || rendered.height <= 0) problems.push('inline SVG has no size');
      const canvas = {x: vb.x, y: vb.y, width: vb.width, height: vb.height};
      svg.querySelectorAll('text').forEach(t => {
        if (t.textContent.trim() === '') return;
        if (!within(box(t), canvas, 0.5)) problems.push('text outside the viewBox: "' + describe(t) + '"');
      });
      let boxes = 0, labels = 0;
      svg.querySelectorAll('g.strata-box').forEach(g => {
        const frameEl = g.querySelector(':scope > rect');
        if (!frameEl) { problems.push('strata-box without a rect'); return; }
        boxes++;
        const frame = box(frameEl);
        const texts = Array.from(g.querySelectorAll(':scope > text')).filter(t => t.getComputedTextLength() > 0);
        const tb = texts.map(box);
        texts.forEach((t, i) => {
          labels++;
          if (!within(tb[i], frame, 0.5)) {
            problems.push('text overflows its box: "' + describe(t) + '" ' + JSON.stringify(tb[i]) + ' not in ' + JSON.stringify(frame));
          }
        });
        for (let i = 0; i < tb.length; i++) for (let j = i + 1; j < tb.length; j++) {
          if (overlapArea(tb[i], tb[j]) > 1) problems.push('labels overlap: "' + describe(texts[i]) + '" and "' + describe(texts[j]) + '"');
        }
      });
      // In a narrow column the diagram must shrink with its aspect ratio kept.
      const narrow = document.createElement('div');
      narrow.style.width = '320px';
      const copy = svg.cloneNode(true);
      copy.querySelectorAll('[id]').forEach(el => el.removeAttribute('id'));
      copy.setAttribute('id', svg.id);
      narrow.appendChild(copy);
      document.body.appendChild(narrow);
      const small = copy.getBoundingClientRect();
      if (small.width > 320.5) problems.push('does not shrink to a 320px column (width ' + small.width + ')');
      else if (vb.width > 0 && Math.abs(small.height / small.width - vb.height / vb.width) > 0.02) {
        problems.push('aspect ratio not kept in a narrow column: ' + (small.height / small.width) + ' vs ' + (vb.height / vb.width));
      }
      // A drawing for phones keeps every label at 12px or more in that 320px column.
      if (svg.classList.contains('strata-diagram-narrow')) {
        const scale = small.width / vb.width;
        copy.querySelectorAll('text').forEach(t => {
          const px = parseFloat(getComputedStyle(t).fontSize) * scale;
          if (t.textContent.trim() && px < 12) problems.push('label under 12px in a 320px column (' + px.toFixed(2) + 'px): "' + describe(t) + '"');
        });
      }
      narrow.remove();
      svg.querySelectorAll('[id]').forEach(el => { if (idCounts[el.id] > 1) problems.push('duplicate id on the page: ' + el.id); });
      if (svg.id && idCounts[svg.id] > 1 && !problems.some(p => p.includes(svg.id))) problems.push('duplicate id ' + svg.id);
      results.push({name, problems, boxes, labels});
    });
    const out = document.createElement('pre');
    out.id = 'strata-results';
    out.textContent = JSON.stringify({results, errors});
    document.body.appendChild(out);
  });
})();
"""


def find_chromium(explicit):
    if explicit:
        return explicit
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "headless_shell"):
        path = shutil.which(name)
        if path:
            return path
    for path in ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium"):
        if os.path.exists(path):
            return path
    return None


def svg_height(text, width):
    match = re.search(r'viewBox="([\d.\s-]+)"', text)
    if not match:
        return 200
    parts = [float(p) for p in match.group(1).split()]
    if len(parts) != 4 or parts[2] <= 0:
        return 200
    return parts[3] * min(1.0, width / parts[2])


def build_page(files, folder):
    figures = []
    height = 40
    for name, text in files:
        src = "file://" + os.path.join(os.path.abspath(folder), name)
        figures.append(
            f'<figure data-name="{html.escape(name)}"><figcaption>{html.escape(name)}</figcaption>'
            f'<div class="inline">{text}</div>'
            f'<img alt="" src="{html.escape(src)}" class="standalone"></figure>'
        )
        height += 2 * svg_height(text, 900) + 80
    page = (
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Strata diagrams</title>"
        "<style>body{margin:16px;font-family:sans-serif;background:Canvas;color:CanvasText}"
        ":root{color-scheme:light dark}figure{margin:0 0 24px;max-width:900px}"
        "figcaption{font-size:12px;margin-bottom:4px}.standalone{display:block;max-width:100%;margin-top:6px}</style>"
        f"<script>{CHECK_SCRIPT}</script></head><body>" + "".join(figures) + "</body></html>"
    )
    return page, int(height)


def run_chromium(chromium, args, timeout=120):
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
            "--hide-scrollbars", "--virtual-time-budget=10000", "--no-first-run"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=timeout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--artifacts", default="artifacts/diagrams")
    parser.add_argument("--chromium")
    options = parser.parse_args()

    chromium = find_chromium(options.chromium)
    if not chromium:
        print("no Chromium found: apt-get install chromium-headless-shell", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    names = sorted(n for n in os.listdir(options.folder) if n.endswith(".svg"))
    if not names:
        print(f"no .svg files in {options.folder}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    files = []
    for name in names:
        with open(os.path.join(options.folder, name), encoding="utf-8") as handle:
            text = handle.read()
        # An XML declaration is not allowed inside HTML; everything else is inlined as is.
        files.append((name, re.sub(r"^<\?xml[^>]*\?>\s*", "", text)))

    os.makedirs(options.artifacts, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        canary_path = os.path.join(scratch, "canary-overflow.svg")
        with open(canary_path, "w", encoding="utf-8") as handle:
            handle.write(CANARY)
        page, height = build_page(files, options.folder)
        canary_page, _ = build_page([("canary-overflow.svg", CANARY)], scratch)
        page_path = os.path.join(options.artifacts, "diagrams.html")
        with open(page_path, "w", encoding="utf-8") as handle:
            handle.write(page)
        canary_page_path = os.path.join(scratch, "canary.html")
        with open(canary_page_path, "w", encoding="utf-8") as handle:
            handle.write(canary_page)

        def results_of(path):
            done = run_chromium(chromium, ["--dump-dom", "file://" + os.path.abspath(path)])
            match = re.search(r'<pre id="strata-results">(.*?)</pre>', done.stdout, re.S)
            if not match:
                raise RuntimeError("Chromium produced no results (exit %d): %s" % (done.returncode, done.stderr[-2000:]))
            return json.loads(html.unescape(match.group(1)))

        try:
            report = results_of(page_path)
            canary = results_of(canary_page_path)
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
            print(f"error: {error}", file=sys.stderr)
            print(f"0 passed, {len(names)} failed")
            return 1

        # Blink's preferredColorScheme setting: 0 is dark, 1 is light (prefers-color-scheme).
        for scheme, value in (("light", 1), ("dark", 0)):
            shot = os.path.join(os.path.abspath(options.artifacts), f"diagrams-{scheme}.png")
            run_chromium(chromium, [f"--blink-settings=preferredColorScheme={value}", f"--screenshot={shot}",
                                    f"--window-size=960,{min(height, 16000)}", "file://" + os.path.abspath(page_path)])

    passed = failed = 0
    for result in report["results"]:
        if result["problems"]:
            failed += 1
            print(f"FAIL {result['name']}")
            for problem in result["problems"]:
                print(f"  - {problem}")
        else:
            passed += 1
            print(f"ok   {result['name']} ({result['boxes']} boxes, {result['labels']} labels)")
    missing = set(names) - {r["name"] for r in report["results"]}
    for name in sorted(missing):
        failed += 1
        print(f"FAIL {name}: not checked")
    if report["errors"]:
        failed += 1
        print("FAIL page: script errors: " + "; ".join(report["errors"]))
    canary_caught = any(r["problems"] for r in canary["results"])
    if not canary_caught:
        failed += 1
        print("FAIL checker: the overflowing canary diagram was not flagged")
    print(f"screenshots: {options.artifacts}/diagrams-light.png, {options.artifacts}/diagrams-dark.png")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
