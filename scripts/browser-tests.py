#!/usr/bin/env python3
"""Browser tests for the explainer: python3 scripts/browser-tests.py SITE_DIR

Serves SITE_DIR (a built site) on an ephemeral 127.0.0.1 port, opens the post with the
explainer in headless Chromium and drives it by mouse and keyboard, checking the DOM of
every step against the story the generator embedded. Screenshots go to artifacts/explainer/.
The last line is `N passed, N failed`; the exit status is non-zero on any failure.
"""
import functools
import html
import http.server
import json
import os
import re
import sys
import threading
import traceback
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTIFACTS = os.path.join(ROOT, "artifacts", "explainer")
# Unminified source; raised from 15 KB when each step gained its command, Docker's output and the config
# card, and from 18 KB when it gained the story's parts, the folder tree and the on-disk view.
JS_BUDGET = 22 * 1024


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(Quiet, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def find_post(site):
    """The first page with an explainer, as a URL path and its embedded story."""
    for folder, _, files in sorted(os.walk(site)):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            match = re.search(r'<script type="application/json" class="explainer-data">(.*?)</script>', text, re.S)
            if match:
                return "/" + os.path.relpath(path, site).replace(os.sep, "/"), json.loads(match.group(1))
    return None, None


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, name, function, *args):
        try:
            function(*args)
            self.passed += 1
            print("ok    " + name)
        except Exception as error:  # one failing check must not hide the others
            self.failed += 1
            print("FAIL  %s: %s" % (name, error))
            if not isinstance(error, (AssertionError, cdp.CDPError)):
                traceback.print_exc()


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


STATE = """(() => {
  const root = document.querySelector('figure[data-explainer]');
  const q = (s) => Array.from(root.querySelectorAll(s));
  const main = root.querySelector('.explainer-image');
  return {
    ready: root.classList.contains('explainer-ready'),
    staticHidden: root.querySelector('.explainer-static').hidden,
    step: Number(root.dataset.step), phase: root.dataset.phase, hash: location.hash,
    title: root.querySelector('.explainer-title').textContent,
    live: root.querySelector('.explainer-live').textContent,
    progress: root.querySelector('.explainer-progress').textContent,
    prevDisabled: root.querySelector('.explainer-prev').disabled,
    nextDisabled: root.querySelector('.explainer-next').disabled,
    heading: main.querySelector('h4').textContent,
    headings: Array.from(main.querySelectorAll('h4')).map(e => e.textContent),
    command: root.querySelector('.explainer-command') ? root.querySelector('.explainer-command').textContent : null,
    output: root.querySelector('.explainer-output') ? root.querySelector('.explainer-output').textContent : null,
    config: main.querySelector('.explainer-config') ? main.querySelector('.explainer-config').textContent : null,
    folds: Array.from(main.querySelectorAll('details.explainer-fold')).map(d => ({open: d.open, origin: d.querySelector('summary').textContent})),
    locked: main.classList.contains('is-locked'),
    layers: Array.from(main.querySelectorAll('.explainer-layer')).map(e => Number(e.dataset.layer)),
    newLayers: Array.from(main.querySelectorAll('.explainer-layer.is-new')).map(e => Number(e.dataset.layer)),
    currentLines: q('.explainer-lines li.is-current').map(e => Number(e.dataset.line)),
    writable: !!main.querySelector('.explainer-writable'),
    containers: Array.from(main.querySelectorAll('.explainer-container h4')).map(e => e.textContent),
    changes: Array.from(main.querySelectorAll('.explainer-change')).map(e => [e.className, e.querySelector('code').textContent]),
    merged: q('.explainer-merged .explainer-files:not(.explainer-hidden) .explainer-file').map(e => [e.className, e.title + (e.querySelector('code').textContent.endsWith('/') ? '/' : '')]),
    part: (root.querySelector('.explainer-parts [aria-current]') || {dataset: {}}).dataset.part,
    disk: root.querySelector('.explainer-disk').textContent,
    hidden: q('.explainer-hidden .explainer-file code').map(e => e.textContent),
    beside: root.querySelector('.explainer-beside') ? {
      cls: root.querySelector('.explainer-beside').className,
      heading: root.querySelector('.explainer-beside h4').textContent,
      bars: root.querySelectorAll('.explainer-beside .explainer-bar').length,
      meta: root.querySelector('.explainer-beside .explainer-image-meta').textContent } : null,
    meta: main.querySelector('.explainer-image-meta').textContent,
  };
})()"""


def expect_no_errors(page, base):
    # Other origins are out of the page's hands (the post's logo is on twimg.com, and CI is offline).
    errors = page.console_errors(same_origin_as=base)
    expect(not errors, "console errors: %s" % errors)


def state(page):
    return page.evaluate(STATE)


def check_step(story, page, number):
    """The DOM shows exactly step `number` of the story."""
    step = story["steps"][number - 1]
    s = state(page)
    total = len(story["steps"])
    expect(s["step"] == number, "expected step %d, page shows %s" % (number, s["step"]))
    expect(s["title"] == step["title"], "title %r != %r" % (s["title"], step["title"]))
    expect(s["part"] == step["part"], "part %r marked, expected %r" % (s["part"], step["part"]))
    expect(s["progress"] == "Step %d of %d" % (number, total), "progress says " + s["progress"])
    expect(s["prevDisabled"] == (number == 1) and s["nextDisabled"] == (number == total), "Prev/Next enabled wrongly")
    image = story["images"][step["image"]]
    expected_layers = list(reversed(image["layers"][:step["layerCount"]]))
    expect(s["layers"] == expected_layers, "layers shown %s, expected %s" % (s["layers"], expected_layers))
    expect(s["newLayers"] == ([step["newLayer"]] if step.get("newLayer") is not None else []), "new layer marked wrongly")
    expect(s["currentLines"] == step["lines"], "highlighted lines %s, expected %s" % (s["currentLines"], step["lines"]))
    expect(s["locked"] == step["locked"], "locked %s, expected %s" % (s["locked"], step["locked"]))
    expect(s["writable"] == (step.get("container") is not None), "writable layer shown: %s" % s["writable"])
    expect([path for _, path in s["merged"]] == [f["path"] + ("/" if f["directory"] else "") for f in step["merged"]],
           "merged view differs from the story")
    expect(s["hidden"] == [f["path"] for f in step["hidden"]], "hidden files %s" % s["hidden"])
    expect((s["beside"] is not None) == (step.get("besideImage") is not None), "beside image shown: %s" % s["beside"])
    # Each running container of the image has its own writable layer, side by side.
    running = ([step["container"]] if step.get("container") else []) + step.get("others", [])
    expect(s["containers"] == ["Container %s (read-write)" % c["name"] for c in running], "containers shown: %s" % s["containers"])
    # Base-image layers repeat on every step, so they are folded; the image's own are not.
    expect(all(not f["open"] for f in s["folds"]) and all(f["origin"] != image["name"] for f in s["folds"]),
           "base layers folded, own layers open: %s" % s["folds"])
    expect(len(s["folds"]) == len({story["layers"][i]["origin"] for i in expected_layers} - {story["images"][0]["name"], image["name"]}),
           "one fold per base image: %s" % s["folds"])
    # Every step shows a command a reader could type and what Docker prints for it.
    expect(step.get("command") and step.get("output"), "step %d has a command and its output: %r, %r"
           % (number, step.get("command"), step.get("output")))
    command = step.get("command")
    expect(s["command"] == ("$ " + command if command else None), "command %r, expected %r" % (s["command"], command))
    output = step.get("output")
    expect(s["output"] == (output.rstrip("\n") if output else None), "output shown %r" % s["output"])
    # The writable layer belongs to the container: its heading comes before the image's.
    if step.get("container") is not None:
        expect(s["headings"][0].startswith("Container " + step["container"]["name"]), "container heading first: %s" % s["headings"])
        expect(any(h.startswith("Image ") for h in s["headings"][1:]), "image heading below: %s" % s["headings"])
    # Config and history are a card of their own, with docker history's and inspect's counts.
    if step["locked"]:
        count = "docker history: %d rows" % story["images"][step["image"]]["historyCount"]
        expect(s["config"] is not None and count in s["config"], "config card with %r: %r" % (count, s["config"]))
    return step, s


def check_story_details(story, page, number, original_meta):
    """What each phase must show beyond the generic state."""
    step, s = check_step(story, page, number)
    phase = step["phase"]
    if phase in ("dockerfile", "build"):
        # Every build step shows the docker build command and its part of BuildKit's plain output.
        expect(s["command"] == "$ docker build --progress=plain -t %s ." % story["images"][0]["name"], "build command: %r" % s["command"])
        if phase == "build" and step.get("newLayer") is not None:
            expect(s["output"] is not None and re.search(r"^#\d+ \[\d+/\d+\] ", s["output"], re.M),
                   "the layer's vertex is shown: %r" % s["output"])
        if number == max(st["number"] for st in story["steps"] if st["phase"] == "build"):
            expect(s["output"] is not None and "writing image sha256:" in s["output"]
                   and story["images"][0]["id"] in s["output"], "the last build step exports the image: %r" % s["output"])
    if phase == "build" and s["output"] and "] FROM " in s["output"]:
        # BuildKit names the base by the manifest digest it resolved the tag to.
        expect(re.search(r"^#\d+ \[\d+/\d+\] FROM docker\.io/\S+:\S+@sha256:[0-9a-f]{64}$", s["output"], re.M),
               "the FROM vertex pins the base to a digest: %r" % s["output"])
    if phase == "build" and step.get("newLayer") is not None:
        layer = story["layers"][step["newLayer"]]
        expect(layer["startLine"] in s["currentLines"], "the new layer's Dockerfile line is highlighted")
    if phase == "run":
        expect(s["writable"] and s["changes"] == [], "a fresh container has an empty writable layer")
    if phase == "run-second":
        expect(len(s["containers"]) == 2 and s["changes"] == [], "two containers of one image, each with an empty writable layer")
    if phase == "remove":
        expect(len(s["containers"]) == 1, "the removed container and its writable layer are gone: %s" % s["containers"])
    if phase == "write":
        expect(any("is-added" in c and p == step["container"]["changes"][0]["path"] for c, p in s["changes"]), "written file listed as added")
        expect(any("is-added" in c for c, _ in s["merged"]), "merged view marks the new file")
    if phase == "modify":
        expect(any("is-modified" in c for c, _ in s["changes"]), "modified file listed as copied up")
        expect(any("is-copied-up" in c for c, _ in s["merged"]), "merged view marks the copy-up")
    if phase == "delete":
        expect(any("is-deleted" in c and p == step["container"]["changes"][-1]["path"] for c, p in s["changes"]),
               "the deleted path listed in the writable layer as a whiteout")
        expect(len(s["hidden"]) >= 1, "the deleted file is listed as still stored")
    if phase == "commit":
        new = story["images"][1]
        expect("is-new-image" in s["beside"]["cls"] and s["beside"]["bars"] == len(new["layers"]),
               "commit shows a new image with %d layers" % len(new["layers"]))
        expect(len(new["layers"]) == len(story["images"][0]["layers"]) + 1, "the new image has one more layer")
        expect(s["meta"] == original_meta, "the original image is unchanged: %r vs %r" % (s["meta"], original_meta))
    if phase == "inspect":
        expect('"RootFS"' in s["output"] and all(story["layers"][i]["id"] in s["output"] for i in story["images"][0]["layers"]),
               "docker image inspect lists every layer digest under RootFS")
    if phase == "delete":
        expect("character device 0/0" in s["disk"] and ".wh." not in s["disk"].replace(".wh.motd when committed", ""),
               "on disk a running container's deletion is a 0/0 device: %r" % s["disk"])
    if phase == "commit":
        expect("docker commit" in s["disk"] and ".wh." in s["disk"], "the new layer's tar holds the .wh. file: %r" % s["disk"])
    if phase == "analogy":
        expect(number == len(story["steps"]) and "printouts" in step["text"], "the story closes on the printout analogy")
        expect(step["part"] == "commit" and "flask-app-committed" in s["output"], "docker image ls shows both images")
    if phase == "run-committed":
        expect("is-original" in s["beside"]["cls"] and story["images"][0]["id"] in s["beside"]["meta"],
               "the original image is shown unchanged beside the new one")
        expect(s["beside"]["bars"] == len(story["images"][0]["layers"]), "original keeps its layer count")
        expect(s["writable"] and s["changes"] == [], "the new container starts empty")
    return s


def test_clicks(browser, base, story):
    page = browser.new_page()
    page.navigate(base)
    s = state(page)
    expect(s["ready"] and s["staticHidden"], "the script replaced the static version")
    expect(s["hash"] == "", "no hash before the reader moves")
    original_meta = None
    for number in range(1, len(story["steps"]) + 1):
        if number > 1:
            page.click(".explainer-next")
        s = check_story_details(story, page, number, original_meta)
        if story["steps"][number - 1]["phase"] == "image":
            original_meta = s["meta"]
        if number > 1:
            expect(s["hash"] == "#explainer-step-%d" % number, "hash is %r" % s["hash"])
            expect(s["live"].startswith("Step %d of" % number) and story["steps"][number - 1]["text"] in s["live"],
                   "live region announces the step")
        page.element_screenshot("figure[data-explainer]", os.path.join(ARTIFACTS, "step-%02d.png" % number))
    page.click(".explainer-prev")
    check_step(story, page, len(story["steps"]) - 1)
    expect_no_errors(page, base)
    page.close()


def test_keyboard(browser, base, story):
    page = browser.new_page()
    page.navigate(base)
    page.evaluate("document.querySelector('.explainer-next').focus()")
    for _ in range(3):
        page.press("ArrowRight")
    check_step(story, page, 4)
    expect(state(page)["hash"] == "#explainer-step-4", "hash follows the keyboard")
    page.press("ArrowLeft")
    check_step(story, page, 3)
    page.press("End")
    check_step(story, page, len(story["steps"]))
    page.press("ArrowRight")
    check_step(story, page, len(story["steps"]))
    page.press("Home")
    check_step(story, page, 1)
    page.press("Enter")  # the focused Next button is a real button
    check_step(story, page, 2)
    focus = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    expect(focus != "none", "the focused button shows a focus outline")
    expect_no_errors(page, base)
    page.close()


def test_deep_link(browser, base, story):
    page = browser.new_page()
    target = min(10, len(story["steps"]))
    page.navigate(base + "#explainer-step-%d" % target)
    check_step(story, page, target)
    page.reload()
    check_step(story, page, target)
    errors = page.console_errors(same_origin_as=base)
    page.close()
    page = browser.new_page()
    page.navigate(base + "#explainer-step-999")
    check_step(story, page, 1)
    page.evaluate("location.hash = '#explainer-step-3'")
    page.evaluate("new Promise(r => setTimeout(r, 50))")
    check_step(story, page, 3)
    errors += page.console_errors(same_origin_as=base)
    expect(not errors, "console errors: %s" % errors)
    page.close()


def test_linking(browser, base, story):
    page = browser.new_page()
    last_build = max(i for i, s in enumerate(story["steps"]) if s["phase"] == "build") + 1
    page.navigate(base + "#explainer-step-%d" % last_build)
    # Scrolled once, up front: a later scroll would move another element under the mouse.
    page.evaluate("document.querySelector('figure[data-explainer]').scrollIntoView({block: 'start'})")
    own = [i for i, l in enumerate(story["layers"]) if l.get("startLine")]
    expect(own, "the image has layers from its Dockerfile")
    layer = own[-1]
    line = story["layers"][layer]["startLine"]
    page.evaluate("document.querySelector('.explainer-layer[data-layer=\"%d\"]').focus()" % layer)
    linked = page.evaluate("Array.from(document.querySelectorAll('.explainer-lines li.is-linked')).map(e => Number(e.dataset.line))")
    expect(line in linked, "focusing layer %d lights line %d (lit: %s)" % (layer, line, linked))
    page.hover('.explainer-lines li[data-line="%d"]' % line)
    lit = page.evaluate("Array.from(document.querySelectorAll('.explainer-layer.is-linked')).map(e => Number(e.dataset.layer))")
    expect(lit == [layer], "hovering line %d lights layer %d (lit: %s)" % (line, layer, lit))
    page.element_screenshot("figure[data-explainer]", os.path.join(ARTIFACTS, "linked.png"))
    page.close()


def test_without_javascript(browser, base, story):
    page = browser.new_page()
    page.disable_javascript()
    page.navigate(base)
    info = page.evaluate("""(() => {
      const root = document.querySelector('figure[data-explainer]');
      const s = root.querySelector('.explainer-static');
      return {app: !!root.querySelector('.explainer-app'), hidden: s.hidden, height: s.offsetHeight,
              steps: s.querySelectorAll('.explainer-static-steps li').length,
              svgs: s.querySelectorAll('svg').length, data: root.querySelector('script.explainer-data').offsetHeight};
    })()""")
    expect(not info["app"] and not info["hidden"] and info["height"] > 200, "static version visible: %s" % info)
    expect(info["steps"] == len(story["steps"]), "every step in words")
    expect(info["svgs"] >= 1, "the static diagrams are shown")
    expect(info["data"] == 0, "the JSON is not shown")
    page.element_screenshot("figure[data-explainer]", os.path.join(ARTIFACTS, "no-javascript.png"))
    page.close()


def test_themes_and_widths(browser, base, story):
    commit = next(i for i, s in enumerate(story["steps"]) if s["phase"] == "commit") + 1
    for scheme in ("light", "dark"):
        for width in (375, 1280):
            page = browser.new_page(width=width, height=900)
            page.emulate_media(prefers_color_scheme=scheme)
            page.navigate(base + "#explainer-step-%d" % commit)
            overflow = page.evaluate("document.documentElement.scrollWidth")
            expect(overflow <= width, "%s %dpx: page is %dpx wide" % (scheme, width, overflow))
            colours = page.evaluate("""(() => { const b = getComputedStyle(document.querySelector('.explainer-next'));
              return [b.backgroundColor, b.color, getComputedStyle(document.body).backgroundColor]; })()""")
            expect(colours[0] != colours[1], "button text is readable: %s" % colours)
            # Down at the end of a tall step, Previous and Next are still at the top of the screen, on one line.
            controls = page.evaluate("""(() => {
              document.querySelector('.explainer-pane-merged').scrollIntoView({block: 'end'});
              const bar = document.querySelector('.explainer-controls').getBoundingClientRect();
              const tops = Array.from(document.querySelectorAll('.explainer-controls > *')).map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2));
              return {top: bar.top, bottom: bar.bottom, rows: new Set(tops).size, scrolled: window.scrollY};
            })()""")
            expect(controls["scrolled"] > 0 and 0 <= controls["top"] <= 1 and controls["bottom"] < 120,
                   "%s %dpx: controls stay in reach (%s)" % (scheme, width, controls))
            expect(controls["rows"] == 1, "%s %dpx: controls on one line (%s)" % (scheme, width, controls))
            page.evaluate("window.scrollTo(0, 0)")
            page.element_screenshot("figure[data-explainer]", os.path.join(ARTIFACTS, "commit-%s-%d.png" % (scheme, width)))
            expect_no_errors(page, base)
            page.close()


# Every visible piece of text in the post, with the size it renders at: HTML text at its computed
# font size, SVG text at its font size times the drawing's scale on screen.
TEXT_SIZES = """(() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const e = node.parentElement;
    if (!text || !e || e.closest('script, style, title, desc, [hidden], .explainer-live, .visually-hidden')) continue;
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') continue;
    let size = parseFloat(getComputedStyle(e).fontSize);
    const svg = e.closest('svg');
    if (svg) {
      const box = svg.viewBox.baseVal;
      size = size * svg.getBoundingClientRect().width / box.width;
    }
    out.push([Math.round(size * 100) / 100, text.slice(0, 40), e.tagName]);
  }
  return out;
})()"""

# Elements whose content is cut off with no way to reach it: wider than their box with
# overflow hidden or clipped, or cut with an ellipsis.
CLIPPED = """(() => Array.from(document.querySelectorAll('main *')).filter(e => {
  const c = getComputedStyle(e);
  if (e.closest('[hidden], .explainer-live, .visually-hidden, svg') || !e.getClientRects().length) return false;
  const wider = e.scrollWidth > e.clientWidth + 1;
  const scrolls = ['auto', 'scroll'].includes(c.overflowX);
  return (wider && !scrolls && ['hidden', 'clip'].includes(c.overflowX)) || (wider && c.textOverflow === 'ellipsis');
}).map(e => e.tagName + '.' + e.className))()"""

# Scrollable boxes: each must show a cue (the shadow background, or the line under a diagram).
SCROLLERS = """(() => Array.from(document.querySelectorAll('main *')).filter(e => {
  const c = getComputedStyle(e);
  return ['auto', 'scroll'].includes(c.overflowX) && e.scrollWidth > e.clientWidth + 1 && e.getClientRects().length;
}).map(e => ({name: e.tagName + '.' + e.className, shadow: getComputedStyle(e).backgroundImage.includes('gradient'),
  hint: !!e.closest('figure.diagram') && getComputedStyle(e.closest('figure.diagram'), '::after').content.includes('Scroll'),
  focusable: (e.focus(), document.activeElement === e) || !!e.querySelector('[tabindex]') })))()"""


def test_phone_readability(browser, base, story):
    """At 375px, in light and dark, on the steps with the most on screen: no text under 12px,
    nothing cut off without a way to reach it, and every box that scrolls sideways says so."""
    numbers = [i + 1 for i, s in enumerate(story["steps"]) if s["phase"] in ("inspect", "delete", "commit", "analogy")]
    for scheme in ("light", "dark"):
        for number in numbers:
            page = browser.new_page(width=375, height=800)
            page.emulate_media(prefers_color_scheme=scheme)
            page.navigate(base + "#explainer-step-%d" % number)
            sizes = page.evaluate(TEXT_SIZES)
            expect(len(sizes) > 200, "%s step %d: text found (%d pieces)" % (scheme, number, len(sizes)))
            small = [t for t in sizes if t[0] < 12]
            expect(not small, "%s step %d: text under 12px: %s" % (scheme, number, small[:5]))
            clipped = page.evaluate(CLIPPED)
            expect(not clipped, "%s step %d: cut off with no way to reach it: %s" % (scheme, number, clipped[:5]))
            for box in page.evaluate(SCROLLERS):
                expect(box["shadow"] or box["hint"], "%s step %d: %s scrolls without a cue" % (scheme, number, box["name"]))
                expect(box["focusable"], "%s step %d: %s scrolls but a keyboard cannot reach it" % (scheme, number, box["name"]))
            if number == numbers[-1]:
                page.screenshot(os.path.join(ARTIFACTS, "phone-%s.png" % scheme))
            page.close()


# Every diagram the reader can see: its width against its column's and the window's, whether
# anything around it scrolls sideways, and every label's size on screen (font size times the
# drawing's scale from user units to CSS px, zoom included).
DIAGRAMS = """(() => Array.from(document.querySelectorAll('main svg.strata-diagram')).filter(s => s.getClientRects().length).map(s => {
  const r = s.getBoundingClientRect();
  let scroller = null;
  for (let e = s.parentElement; e && e !== document.body; e = e.parentElement) {
    if (e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) { scroller = e.tagName + '.' + e.className; break; }
  }
  const texts = Array.from(s.querySelectorAll('text')).filter(t => t.textContent.trim() && t.getClientRects().length);
  const sizes = texts.map(t => [Math.round(parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a * 100) / 100, t.textContent.trim().slice(0, 40)]);
  return {id: s.id, width: Math.round(r.width), left: Math.round(r.left), right: Math.round(r.right),
          column: Math.round(s.parentElement.getBoundingClientRect().width), window: document.documentElement.clientWidth,
          scroller, texts: sizes.length, small: sizes.filter(x => x[0] < 12)};
}))()"""


def test_diagrams_on_a_phone(browser, base, story):
    """At 375px, in light and dark, with and without JavaScript (which shows the explainer's own
    SVGs): every diagram fits its column with nothing scrolling sideways, and every label in it
    renders at 12 CSS px or more."""
    for scheme in ("light", "dark"):
        for script in (True, False):
            page = browser.new_page(width=375, height=800)
            if not script:
                page.disable_javascript()
            page.emulate_media(prefers_color_scheme=scheme)
            page.navigate(base)
            where = "%s, %s" % (scheme, "script" if script else "no script")
            diagrams = page.evaluate(DIAGRAMS)
            # The post draws three; the explainer's static version adds two more.
            expect(len(diagrams) == (3 if script else 5), "%s: %d diagrams shown: %s" % (where, len(diagrams), [d["id"] for d in diagrams]))
            for d in diagrams:
                expect(d["texts"] >= 5, "%s: %s has its labels (%d)" % (where, d["id"], d["texts"]))
                expect(d["left"] >= 0 and d["right"] <= d["window"] and d["width"] <= d["column"] + 1 and not d["scroller"],
                       "%s: %s is %dpx wide in a %dpx column (scrolls: %s), it must fit" % (where, d["id"], d["width"], d["column"], d["scroller"]))
                expect(not d["small"], "%s: %s has labels under 12px: %s" % (where, d["id"], d["small"][:4]))
            if script:
                page.screenshot(os.path.join(ARTIFACTS, "phone-diagrams-%s.png" % scheme), full_page=True)
            page.close()


def axe_source():
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    expect(spec is not None, "axe-core is installed (scripts/install-deps.sh test)")
    with open(os.path.join(spec.submodule_search_locations[0], "axe.min.js"), encoding="utf-8") as handle:
        return handle.read()


def test_axe(browser, base, story):
    """axe-core finds nothing serious or critical, in light and dark, wide and on a phone, on
    the steps with the most on screen."""
    source = axe_source()
    commit = next(i for i, s in enumerate(story["steps"]) if s["phase"] == "commit") + 1
    for scheme in ("light", "dark"):
        for width in (1280, 375):
            page = browser.new_page(width=width, height=900)
            page.emulate_media(prefers_color_scheme=scheme)
            page.navigate(base + "#explainer-step-%d" % commit)
            page.evaluate(source + "\n;0")
            # Colours are judged once the step's entrance animation has finished.
            page.evaluate("Promise.all(document.getAnimations().map(a => a.finished)).then(() => 0)")
            result = page.evaluate("""axe.run(document, {resultTypes: ['violations']}).then(r => ({
              version: axe.version,
              bad: r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').slice(0, 160)).join(' | '))}))""")
            expect(not result["bad"], "%s %dpx, axe %s: %s" % (scheme, width, result["version"], result["bad"]))
            page.close()


def test_failed_pictures_show_alt_text(browser, base, story):
    """The hot-linked logo keeps its address; when it cannot load (blocked here, as offline) its
    alt text shows as text."""
    page = browser.new_page()
    page.send("Network.enable")
    page.send("Network.setBlockedURLs", {"urls": ["*twimg.com*"]})
    page.navigate(base)
    page.evaluate("new Promise(r => setTimeout(r, 100))")
    info = page.evaluate("""(() => ({
      alts: Array.from(document.querySelectorAll('.image-alt')).map(e => [e.textContent, e.className]),
      broken: Array.from(document.images).filter(i => i.complete && !i.naturalWidth).map(i => i.src)}))()""")
    expect(["Docker logo", "image-alt align-center"] in info["alts"], "the logo's alt text shows: %s" % info["alts"])
    expect(not info["broken"], "no broken-image box left: %s" % info["broken"])
    page.element_screenshot(".image-alt", os.path.join(ARTIFACTS, "logo-alt-text.png"))
    page.close()
    with urllib.request.urlopen(base) as response:
        text = response.read().decode("utf-8")
    expect('src="https://pbs.twimg.com/profile_images/1273307847103635465/lfVWBmiW_400x400.png"' in text,
           "the logo stays hot-linked as the author wrote it")
    # Strata's drawing has a caption of its own, saying it stands in for the author's picture that the credit is for.
    credit = text.index("Full image credit goes to")
    process = text.rindex('<figure class="diagram diagram-process">', 0, credit)
    caption = html.unescape(text[process:text.index("</figure>", process)])
    expect("Drawn by Strata" in caption and "the author's own picture" in caption, "Strata's figure has its own caption")
    expect("<figure" not in text[text.index("</figure>", process):credit], "the credit follows the figure it explains")


def test_reduced_motion(browser, base, story):
    page = browser.new_page()
    page.emulate_media(prefers_reduced_motion="reduce")
    page.navigate(base + "#explainer-step-3")
    page.click(".explainer-next")
    animation = page.evaluate("getComputedStyle(document.querySelector('.explainer-layer.is-new')).animationName")
    expect(animation == "none", "no animation with reduced motion (got %s)" % animation)
    page.close()
    page = browser.new_page()
    page.navigate(base + "#explainer-step-3")
    page.click(".explainer-next")
    animation = page.evaluate("getComputedStyle(document.querySelector('.explainer-layer.is-new')).animationName")
    expect(animation != "none", "layers animate in otherwise (got %s)" % animation)
    page.close()


def test_code_colours(browser, base, story):
    """The post's Dockerfile blocks are coloured, differently in light and dark, and the
    keyword colour is not the text colour."""
    seen = {}
    for scheme in ("light", "dark"):
        page = browser.new_page()
        page.emulate_media(prefers_color_scheme=scheme)
        page.navigate(base)
        colours = page.evaluate("""(() => { const k = document.querySelector('.language-docker .highlight .k');
          const pre = document.querySelector('.language-docker:has(.k) pre.highlight');
          return k && pre ? [getComputedStyle(k).color, getComputedStyle(pre).color, getComputedStyle(pre).backgroundColor] : null; })()""")
        expect(colours is not None, "%s: the post has a highlighted Dockerfile block" % scheme)
        expect(colours[0] != colours[1], "%s: keywords are coloured (%s)" % (scheme, colours))
        page.element_screenshot(".language-docker:has(.k)", os.path.join(ARTIFACTS, "code-%s.png" % scheme))
        seen[scheme] = colours
        page.close()
    expect(seen["light"] != seen["dark"], "light and dark code colours differ: %s" % seen)


def test_script_size(site):
    size = os.path.getsize(os.path.join(site, "assets", "js", "explainer.js"))
    expect(size < JS_BUDGET, "explainer.js is %d bytes (budget %d)" % (size, JS_BUDGET))


def test_assets_only_where_used(site):
    """Pages without an explainer load neither its script nor its stylesheet."""
    for folder, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    text = handle.read()
                uses = "data-explainer" in text
                loads = "explainer.js" in text and "explainer.css" in text
                expect(uses == loads, "%s: explainer %s, assets %s" % (name, uses, loads))


def main(argv):
    if len(argv) != 2:
        print("usage: browser-tests.py SITE_DIR", file=sys.stderr)
        return 2
    site = os.path.abspath(argv[1])
    os.makedirs(ARTIFACTS, exist_ok=True)
    checks = Checks()
    path, story = find_post(site)
    if not path:
        print("FAIL  no page in %s has an explainer" % site)
        print("0 passed, 1 failed")
        return 1
    checks.run("explainer.js stays under 18 KB", test_script_size, site)
    checks.run("script and stylesheet only on pages with an explainer", test_assets_only_where_used, site)
    server = serve(site)
    base = "http://127.0.0.1:%d%s" % (server.server_address[1], html.unescape(path))
    try:
        with cdp.Browser() as browser:
            checks.run("every step by clicking Next, with screenshots", test_clicks, browser, base, story)
            checks.run("keyboard: arrows, Home, End, Enter", test_keyboard, browser, base, story)
            checks.run("deep link and reload restore the step", test_deep_link, browser, base, story)
            checks.run("layer and Dockerfile line light each other", test_linking, browser, base, story)
            checks.run("without JavaScript the static version reads fine", test_without_javascript, browser, base, story)
            checks.run("light and dark, 375px and 1280px", test_themes_and_widths, browser, base, story)
            checks.run("prefers-reduced-motion stops the animation", test_reduced_motion, browser, base, story)
            checks.run("phone: no text under 12px, nothing cut off, scrolling shown", test_phone_readability, browser, base, story)
            checks.run("phone: every diagram fits its column, no label under 12px", test_diagrams_on_a_phone, browser, base, story)
            checks.run("axe-core: no serious or critical finding, light and dark", test_axe, browser, base, story)
            checks.run("a picture that cannot load shows its alt text", test_failed_pictures_show_alt_text, browser, base, story)
            checks.run("Dockerfile blocks coloured in light and dark", test_code_colours, browser, base, story)
    except cdp.CDPError as error:
        checks.failed += 1
        print("FAIL  browser: %s" % error)
    finally:
        server.shutdown()
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
