#!/usr/bin/env python3
"""Hostile text comes out inert and well-formed: python3 scripts/check-escaping-in-chromium.py STRATA

Builds the bundled theme with a post whose title, categories, tags, location, description, author, file
name and Dockerfile (LABEL, ENV, WORKDIR, container name) carry markup, quotes and `&`, each payload
setting `window.__pwned` if it ever runs. Then:

* every HTML page is loaded in headless Chromium and no payload has run (no `__pwned`, no element that a
  payload would have made: <script> outside Strata's own, <img onerror>, <b> from a category);
* feed.xml, sitemap.xml and every inline or written SVG parse as XML;
* every <script type="application/ld+json"> and JSON-in-script block parses as JSON in the page and holds
  the payloads as text;
* the payload text is still shown to readers (escaped, not dropped).

The last line is `N passed, M failed`; the exit status is non-zero on any failure.
"""
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.dom.minidom

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Each payload sets a distinct number, so a failure names the field that leaked.
TITLE = "<script>window.__pwned=1</script> & \"quotes\" 'single'"
CATEGORY = "Tips & Tricks <b id=pwned-b>bold</b>"
TAG = "<img src=x onerror=window.__pwned=2>"
LOCATION = "Here & <svg onload=window.__pwned=3>"
DESCRIPTION = "</script><script>window.__pwned=4</script>"
AUTHOR = "\"><script>window.__pwned=5</script>"
LABEL = "</text></svg><script>window.__pwned=6</script> & \"x\""
CONTAINER = "web</script><script>window.__pwned=7</script>"
# A file name: Jekyll keeps `&`, `'` and `=` in the slug, so they reach URLs and attributes.
FILE_STEM = "2021-03-02-a&b'c=d<img src=x onerror=window.__pwned=8>"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def yaml_string(text):
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def make_site(folder):
    for name in ["templates", "assets"]:
        shutil.copytree(os.path.join(ROOT, name), os.path.join(folder, name))
    content = os.path.join(folder, "content")
    os.makedirs(content)
    for name in ["_config.yml", "feed.xml", "sitemap.xml", "index.html", "404.html"]:
        shutil.copy(os.path.join(ROOT, "content", name), os.path.join(content, name))
    shutil.copytree(os.path.join(ROOT, "content", "dockerfiles"), os.path.join(content, "dockerfiles"))
    # The JSON-LD checks below need `{% seo %}` in the head and the plugin switched on; the bundled
    # theme and config do both. Were either to lose it, say so here rather than pass with nothing checked.
    with open(os.path.join(content, "_config.yml"), encoding="utf-8") as handle:
        if "jekyll-seo-tag" not in handle.read():
            sys.exit("the bundled content/_config.yml no longer lists jekyll-seo-tag")
    with open(os.path.join(folder, "templates", "_includes", "head.html"), encoding="utf-8") as handle:
        if "{% seo" not in handle.read():
            sys.exit("the bundled templates/_includes/head.html no longer calls {% seo %}")
    write(os.path.join(content, "dockerfiles", "hostile", "Dockerfile"),
          "FROM scratch\n"
          "LABEL description=%s\n" % json.dumps(LABEL)
          + "ENV GREETING=\"<b id=pwned-env>hi</b> & bye\"\n"
          "WORKDIR /srv/a&b<i>\n"
          "COPY notes.txt ./\n"
          "CMD [\"/bin/echo\", \"</script><script>window.__pwned=9</script>\"]\n")
    write(os.path.join(content, "dockerfiles", "hostile", "notes.txt"), "notes\n")
    front = "\n".join([
        "---",
        "title: " + yaml_string(TITLE),
        "categories: [%s]" % yaml_string(CATEGORY),
        "tags: [%s]" % yaml_string(TAG),
        "location: " + yaml_string(LOCATION),
        "description: " + yaml_string(DESCRIPTION),
        "author: " + yaml_string(AUTHOR),
        "---",
    ])
    body = (
        "Body & <em>text</em>.\n\n"
        "{% layers \"dockerfiles/hostile/Dockerfile\" view=\"stack\" %}\n\n"
        "{% layers \"dockerfiles/hostile/Dockerfile\" view=\"container\" %}\n\n"
        "{% explainer \"dockerfiles/hostile/Dockerfile\" delete=\"/srv/a&b<i>/notes.txt\" container=" + json.dumps(CONTAINER) + " %}\n\n"
    )
    write(os.path.join(content, "_posts", "2021-03-01-hostile.md"), front + "\n" + body)
    write(os.path.join(content, "_posts", FILE_STEM + ".md"),
          "---\ntitle: File name check\n---\nA post whose file name carries markup.\n")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok    " + name)
        else:
            self.failed += 1
            print("FAIL  %s%s" % (name, ": " + detail if detail else ""))


def parses_as_xml(text):
    try:
        xml.dom.minidom.parseString(text.encode("utf-8"))
        return ""
    except Exception as error:  # the parser's message is the detail
        return str(error)


# Runs in the page: what a payload would have left behind, and the JSON blocks' verdicts.
PROBE = r"""
(function () {
  var own = Array.from(document.scripts).filter(function (s) {
    return /pwned/.test(s.textContent) && !/^application\/(ld\+)?json$/.test(s.type);
  });
  var json = Array.from(document.querySelectorAll('script[type="application/ld+json"], script[type="application/json"]'));
  var bad = [];
  json.forEach(function (s) { try { JSON.parse(s.textContent); } catch (e) { bad.push(s.type + ": " + e.message); } });
  return {
    pwned: window.__pwned || 0,
    executableWithPayload: own.length,
    onerrorImages: document.querySelectorAll('img[onerror], svg[onload]').length,
    injectedElements: document.querySelectorAll('#pwned-b, #pwned-env').length,
    jsonBlocks: json.length,
    ldJSON: document.querySelectorAll('script[type="application/ld+json"]').length,
    badJSON: bad,
    text: document.body ? document.body.innerText : ""
  };
})()
"""


def main(argv):
    if len(argv) != 2:
        print("usage: check-escaping-in-chromium.py STRATA", file=sys.stderr)
        return 2
    strata = os.path.abspath(argv[1])
    checks = Checks()
    folder = tempfile.mkdtemp(prefix="strata-escaping-")
    server = None
    try:
        make_site(folder)
        build = subprocess.run([strata, "build", "--source", folder, "--quiet"], capture_output=True, text=True)
        checks.check("the hostile site builds", build.returncode == 0, build.stderr[-2000:])
        if build.returncode != 0:
            return 1
        site = os.path.join(folder, "_site")
        pages, svgs = [], []
        for directory, _, files in os.walk(site):
            for name in files:
                path = os.path.join(directory, name)
                if name.endswith(".html"):
                    pages.append(path)
                elif name.endswith(".svg"):
                    svgs.append(path)

        for name in ["feed.xml", "sitemap.xml"]:
            with open(os.path.join(site, name), encoding="utf-8") as handle:
                problem = parses_as_xml(handle.read())
            checks.check("%s is well-formed XML" % name, not problem, problem)
        with open(os.path.join(site, "feed.xml"), encoding="utf-8") as handle:
            feed = handle.read()
        checks.check("the feed keeps the title as escaped text", "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in feed)

        inline_svgs = 0
        for path in pages:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            for match in re.finditer(r"<svg\b.*?</svg>", text, re.S):
                inline_svgs += 1
                problem = parses_as_xml(match.group(0))
                checks.check("inline SVG #%d of %s is well-formed" % (inline_svgs, os.path.relpath(path, site)),
                             not problem, problem)
        for path in svgs:
            with open(path, encoding="utf-8") as handle:
                problem = parses_as_xml(handle.read())
            checks.check("%s is well-formed" % os.path.relpath(path, site), not problem, problem)
        checks.check("the hostile Dockerfile was drawn inline", inline_svgs >= 2, "%d inline SVGs" % inline_svgs)

        handler = functools.partial(Quiet, directory=site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = "http://127.0.0.1:%d/" % server.server_address[1]
        seen_ld = 0
        label_shown = False
        with cdp.Browser() as browser:
            page = browser.new_page()
            for path in sorted(pages):
                relative = os.path.relpath(path, site)
                url = base + "/".join(map(lambda part: __import__("urllib.parse").parse.quote(part), relative.split(os.sep)))
                page.navigate(url)
                result = page.evaluate(PROBE)
                leaks = []
                if result["pwned"]:
                    leaks.append("payload %s ran" % result["pwned"])
                if result["executableWithPayload"]:
                    leaks.append("%d executable scripts hold a payload" % result["executableWithPayload"])
                if result["onerrorImages"]:
                    leaks.append("%d elements with onerror/onload" % result["onerrorImages"])
                if result["injectedElements"]:
                    leaks.append("%d injected elements" % result["injectedElements"])
                if result["badJSON"]:
                    leaks.append("JSON blocks do not parse: %s" % "; ".join(result["badJSON"]))
                checks.check("%s: nothing ran, every JSON block parses" % relative, not leaks, ", ".join(leaks))
                seen_ld += result["ldJSON"]
                label_shown = label_shown or "window.__pwned=6" in result["text"]
                if relative.endswith("hostile.html") or relative.endswith("hostile/index.html"):
                    checks.check("the post shows its title as text", "<script>window.__pwned=1</script>" in result["text"])
                    checks.check("the post shows its category as text", "<b id=pwned-b>bold</b>" in result["text"])
            checks.check("JSON-LD from {% seo %} was checked", seen_ld >= 1, "no JSON-LD block found")
        checks.check("the LABEL's text reaches a reader", label_shown)
    except cdp.CDPError as error:
        checks.check("browser", False, str(error))
    finally:
        if server:
            server.shutdown()
        if os.environ.get("KEEP_SITE"): print("site kept in " + folder)
        else: shutil.rmtree(folder, ignore_errors=True)
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
