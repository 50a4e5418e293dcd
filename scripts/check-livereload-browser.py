#!/usr/bin/env python3
"""Checks live reload and the error overlay in a real browser (headless Chromium over the
DevTools protocol) against `strata serve` on a small generated site:

* an edited post reloads the page and keeps its scroll position,
* a CSS-only change swaps the stylesheet without a reload,
* a broken layout shows the overlay without a reload, also after a manual reload,
* fixing it removes the overlay.

Needs Chromium (apt-get install chromium-headless-shell, or chromium) and websocket-client
(pip install websocket-client).

    scripts/check-livereload-browser.py .build/debug/strata [--strata-args "serve --port {port}"]
"""

import argparse
import json
import os
import signal
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

import bench_site
from bench_preview import Server, find_output_url, free_port


class Page:
    """One browser tab driven over the DevTools protocol."""

    def __init__(self, debugging_port):
        target = None
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{debugging_port}/json", timeout=2))
                target = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration, ValueError):
                time.sleep(0.1)
        if target is None:
            raise RuntimeError("chromium's debugging endpoint did not come up")
        self.socket = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=10)
        self.counter = 0

    def call(self, method, **params):
        self.counter += 1
        self.socket.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.counter:
                return message.get("result", {})

    def js(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True).get("result", {}).get("value")

    def until(self, expression, seconds=5.0):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.js(expression):
                    return True
            except (websocket.WebSocketException, OSError):
                pass
            time.sleep(0.05)
        return False


def find_chromium():
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    for path in ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium"):
        if os.access(path, os.X_OK):
            return path
    return "chromium"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("strata")
    parser.add_argument("--strata-args", default="serve --port {port}")
    parser.add_argument("--output-folder", default="_site")
    parser.add_argument("--chromium", default=find_chromium())
    args = parser.parse_args()
    strata = os.path.abspath(args.strata) if os.sep in args.strata else args.strata

    work = tempfile.mkdtemp(prefix="strata-browser-")
    site = os.path.join(work, "site")
    bench_site.generate_jekyll(site, 3)
    post_path = bench_site.jekyll_post_path(site, 1)
    # A tall page, so that keeping the scroll position means something.
    tall = bench_site.jekyll_post(1) + "\n\n" + "\n\n".join(f"Paragraph {n}." for n in range(150)) + "\n"
    bench_site._write(post_path, tall)
    port = free_port()
    command = [strata] + [part.format(port=port, site=site) for part in args.strata_args.split()]
    server = Server("strata", command, site, port, os.path.join(work, "serve.log"))
    debugging = free_port()
    chrome = subprocess.Popen([args.chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={debugging}",
                               f"--user-data-dir={work}/profile", "--window-size=800,600", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    results = []

    def check(name, ok):
        results.append(ok)
        print(("PASS " if ok else "FAIL ") + name, flush=True)

    try:
        server.wait_ready(120)
        url = find_output_url(os.path.join(site, args.output_folder), "token-0001-")
        if url is None:
            raise RuntimeError("cannot find post 1's output")
        page = Page(debugging)
        page.call("Page.enable")
        page.call("Page.navigate", url=f"http://127.0.0.1:{port}{url}")
        check("the page loads with the live-reload script",
              page.until("document.readyState === 'complete' && !!document.querySelector('script[data-strata-livereload]')"))
        page.js("window.scrollTo(0, 300); window.__strataCheck = 1")
        check("the page scrolls", page.until("window.scrollY === 300"))

        with open(post_path, "a", encoding="utf-8") as handle:
            handle.write("\nEDITED-BY-CHECK\n")
        check("an edited post reloads the page",
              page.until("document.body.innerText.includes('EDITED-BY-CHECK') && window.__strataCheck === undefined"))
        check("the scroll position is kept", page.until("Math.abs(window.scrollY - 300) <= 1"))

        page.js("window.__strataCheck = 2")
        bench_site._write(os.path.join(site, "css", "site.css"), "body { background: rgb(1, 2, 3); }\n")
        check("a CSS change restyles the page", page.until("getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'"))
        check("a CSS change does not reload", page.js("window.__strataCheck") == 2)

        layout = os.path.join(site, "_layouts", "post.html")
        with open(layout, encoding="utf-8") as handle:
            good = handle.read()
        bench_site._write(layout, good + "{% broken_tag_for_check %}\n")
        check("a broken layout shows the overlay without a reload",
              page.until("!!document.getElementById('strata-overlay') && window.__strataCheck === 2"))
        check("the overlay names the layout",
              bool(page.js("document.getElementById('strata-overlay').innerText.includes('post.html')")))
        check("the overlay shows the terminal's diagnostic: location, excerpt and caret",
              bool(page.js("(function(t){return /post\\.html:\\d+:\\d+: error: /.test(t) && / \\| .*\\n *\\| *\\^/.test(t);})"
                           "(document.getElementById('strata-overlay').innerText)")))
        page.call("Page.reload")
        check("a manual reload still shows the overlay",
              page.until("document.readyState === 'complete' && !!document.getElementById('strata-overlay')"))
        bench_site._write(layout, good + "<footer>fixed-by-check</footer>\n")
        check("fixing the layout removes the overlay",
              page.until("!document.getElementById('strata-overlay') && document.body.innerText.includes('fixed-by-check')"))
    except (RuntimeError, OSError, websocket.WebSocketException) as error:
        check(f"ran to the end ({error})", False)
    finally:
        # Chromium's renderer and zygote processes outlive the browser process: end the whole group.
        try:
            os.killpg(chrome.pid, signal.SIGTERM)
            chrome.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(chrome.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        server.stop()
    print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
    print(f"site and server log: {work}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
