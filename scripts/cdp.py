"""A minimal Chrome DevTools Protocol client for Strata's browser tests.

Starts headless Chromium with a throw-away profile, talks to it over one WebSocket
(`websocket-client`) with flattened target sessions, and always stops the browser.
Only what the tests need: navigate, evaluate, real mouse and key input, emulation,
screenshots and the console errors a page raised.
"""
import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time

import websocket

CANDIDATES = [
    "chromium-headless-shell",
    "/usr/lib/chromium/chromium-headless-shell",
    "chromium",
    "/usr/lib/chromium/chromium",
    "google-chrome",
]


class CDPError(Exception):
    """A protocol error, a timeout or a browser that would not start."""


def find_browser():
    for name in CANDIDATES:
        path = shutil.which(name) or (name if os.path.isabs(name) and os.access(name, os.X_OK) else None)
        if path:
            return path
    raise CDPError("no Chromium found: install chromium-headless-shell (apt) or chromium")


class Browser:
    """One headless Chromium process; use as a context manager so it is always killed."""

    def __init__(self, binary=None, timeout=20.0):
        self.binary = binary or find_browser()
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="strata-chromium-")
        self.process = None
        self.socket = None
        self.next_id = 0
        self.events = []

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        args = [
            self.binary,
            "--headless",
            "--remote-debugging-port=0",
            "--user-data-dir=" + self.profile,
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-extensions",
            "--hide-scrollbars",
            "--mute-audio",
            "about:blank",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox (CI containers)
        log = open(os.path.join(self.profile, "chromium.log"), "wb")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + self.timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise CDPError("Chromium exited at start (status %s): %s" % (self.process.returncode, self._log_tail()))
            try:
                with open(port_file) as handle:
                    lines = handle.read().split("\n")
                if len(lines) >= 2 and lines[0].strip() and lines[1].strip():
                    url = "ws://127.0.0.1:%s%s" % (lines[0].strip(), lines[1].strip())
                    self.socket = websocket.create_connection(url, timeout=self.timeout, suppress_origin=True)
                    return
            except (FileNotFoundError, ValueError):
                pass
            time.sleep(0.05)
        raise CDPError("Chromium did not open its DevTools port within %.0f s: %s" % (self.timeout, self._log_tail()))

    def _log_tail(self):
        try:
            with open(os.path.join(self.profile, "chromium.log"), "rb") as handle:
                return handle.read()[-800:].decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self):
        try:
            if self.socket:
                try:
                    self.send("Browser.close", timeout=3)
                except Exception:
                    pass
                self.socket.close()
        finally:
            self.socket = None
            if self.process and self.process.poll() is None:
                try:
                    os.killpg(self.process.pid, signal.SIGTERM)
                    self.process.wait(timeout=5)
                except Exception:
                    try:
                        os.killpg(self.process.pid, signal.SIGKILL)
                    except Exception:
                        pass
                    self.process.wait(timeout=5)
            shutil.rmtree(self.profile, ignore_errors=True)

    def send(self, method, params=None, session=None, timeout=None):
        """Sends a command and waits for its answer; events that arrive meanwhile are kept."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        deadline = time.time() + (timeout or self.timeout)
        while True:
            reply = self._receive(deadline, method)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise CDPError("%s: %s" % (method, reply["error"].get("message")))
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def _receive(self, deadline, waiting_for):
        remaining = deadline - time.time()
        if remaining <= 0:
            raise CDPError("timed out waiting for " + waiting_for)
        self.socket.settimeout(remaining)
        try:
            return json.loads(self.socket.recv())
        except websocket.WebSocketTimeoutException:
            raise CDPError("timed out waiting for " + waiting_for)

    def wait_event(self, method, session=None, timeout=None):
        """Returns (and removes) the first event `method` of `session`, waiting if needed."""
        deadline = time.time() + (timeout or self.timeout)
        while True:
            for index, event in enumerate(self.events):
                if event["method"] == method and (session is None or event.get("sessionId") == session):
                    return self.events.pop(index)
            message = self._receive(deadline, method)
            if "method" in message:
                self.events.append(message)

    def new_page(self, width=1280, height=900):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        page.setup(width, height)
        return page


class Page:
    """One tab, driven through its flattened session."""

    def __init__(self, browser, target, session):
        self.browser = browser
        self.target = target
        self.session = session

    def send(self, method, params=None, timeout=None):
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def setup(self, width, height):
        for domain in ("Page", "Runtime", "Log"):
            self.send(domain + ".enable")
        self.resize(width, height)

    def resize(self, width, height, mobile=False):
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def emulate_media(self, **features):
        """e.g. emulate_media(prefers_color_scheme="dark", prefers_reduced_motion="reduce")."""
        self.send("Emulation.setEmulatedMedia", {"features": [
            {"name": name.replace("_", "-"), "value": value} for name, value in features.items()]})

    def disable_javascript(self):
        self.send("Emulation.setScriptExecutionDisabled", {"value": True})

    def navigate(self, url, timeout=None):
        self.browser.events = [e for e in self.browser.events
                               if not (e.get("sessionId") == self.session and e["method"] == "Page.loadEventFired")]
        result = self.send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise CDPError("cannot open %s: %s" % (url, result["errorText"]))
        self.browser.wait_event("Page.loadEventFired", self.session, timeout)

    def reload(self, timeout=None):
        self.send("Page.reload", {"ignoreCache": True})
        self.browser.wait_event("Page.loadEventFired", self.session, timeout)

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CDPError("script error: %s" % details.get("exception", {}).get("description", details.get("text")))
        return result["result"].get("value")

    def center_of(self, selector):
        box = self.evaluate(
            "(() => { const e = document.querySelector(%s); if (!e) return null;"
            " e.scrollIntoView({block: 'nearest'}); const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()" % json.dumps(selector))
        if box is None:
            raise CDPError("no element matches " + selector)
        return box

    def click(self, selector):
        """A real mouse click in the middle of the element."""
        x, y = self.center_of(selector)
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def hover(self, selector):
        x, y = self.center_of(selector)
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    KEYS = {"ArrowLeft": 37, "ArrowRight": 39, "ArrowUp": 38, "ArrowDown": 40, "Home": 36, "End": 35,
            "Tab": 9, "Enter": 13, " ": 32}

    def press(self, key):
        """A real key press sent to the focused element."""
        code = self.KEYS[key]
        params = {"key": key, "code": "Space" if key == " " else key, "windowsVirtualKeyCode": code,
                  "nativeVirtualKeyCode": code}
        text = {"Enter": "\r", " ": " "}.get(key)
        # keyDown with text also types the character, which is what activates a focused button.
        down = dict(params, type="keyDown", text=text) if text else dict(params, type="rawKeyDown")
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", dict(params, type="keyUp"))

    def screenshot(self, path, full_page=False):
        params = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            size = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}
        data = self.send("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))

    def element_screenshot(self, selector, path):
        # Let entry animations end so the picture shows the settled state.
        self.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
        box = self.evaluate(
            "(() => { const e = document.querySelector(%s); e.scrollIntoView({block: 'start'});"
            " const r = e.getBoundingClientRect();"
            " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; })()"
            % json.dumps(selector))
        box["scale"] = 1
        data = self.send("Page.captureScreenshot", {"format": "png", "clip": box, "captureBeyondViewport": True})["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))

    def console_errors(self, same_origin_as=None):
        """Errors this page logged or threw so far (console.error, uncaught exceptions, failed
        loads); with `same_origin_as`, failed loads from other origins are left out."""
        origin = "/".join(same_origin_as.split("/")[:3]) + "/" if same_origin_as else None
        errors = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            params = event.get("params", {})
            if event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif event["method"] == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
            elif event["method"] == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                if origin and entry.get("source") == "network" and not entry.get("url", "").startswith(origin):
                    continue
                errors.append("%s %s" % (entry.get("text", ""), entry.get("url", "")))
        return errors

    def close(self):
        try:
            self.browser.send("Target.closeTarget", {"targetId": self.target}, timeout=5)
        except CDPError:
            pass
