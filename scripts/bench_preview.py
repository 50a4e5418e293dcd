#!/usr/bin/env python3
"""Measures the preview server (issue 7, point 7) on a generated 1,000-post site:

* save-to-new-HTML latency for one post edit and for a layout edit (median of N edits),
* what a no-op save does (the server's own build line),
* requests per second for one page under wrk (or a Python client when wrk is missing),

and the same for `hugo server` on the same posts when hugo is installed. Only loopback
addresses are used; every wait and load run is bounded.

    scripts/bench-preview.sh .build/release/strata [--posts 1000] [--edits 20]
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import bench_site

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """A server process we started, with its output in a log file."""

    def __init__(self, name, command, cwd, port, log_path):
        self.name, self.port, self.log_path = name, port, log_path
        self.log = open(log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(command, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                status, _ = fetch(self.port, "/")
                if status in (200, 301, 302, 404):
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer within {timeout} s; see {self.log_path}")

    def log_text(self):
        self.log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.log.close()


def fetch(port, path, connection=None):
    own = connection is None
    connection = connection or http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        if own:
            connection.close()


def wait_for(port, path, marker, timeout=10.0):
    """Seconds until GET `path` contains `marker`, polling as fast as the server answers."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        while time.perf_counter() - start < timeout:
            try:
                _, body = fetch(port, path, connection)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=5)
                continue
            if marker in body:
                return time.perf_counter() - start
            time.sleep(0.001)
    finally:
        connection.close()
    return None


def write(path, text):
    # Plain in-place write (open, truncate, write, close), as most editors' default save does.
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def summarize(samples):
    done = [s * 1000 for s in samples if s is not None]
    result = {"edits": len(samples), "timeouts": len(samples) - len(done)}
    if done:
        done.sort()
        result.update(median_ms=round(statistics.median(done), 1), min_ms=round(done[0], 1),
                      max_ms=round(done[-1], 1), p90_ms=round(done[int(0.9 * (len(done) - 1))], 1))
    return result


def measure_edits(port, url, path, render, edits, pause):
    samples = []
    for number in range(edits):
        marker = f"bench-{number}-{uuid.uuid4().hex[:8]}"
        write(path, render(marker))
        samples.append(wait_for(port, url, marker))
        time.sleep(pause)
    return summarize(samples)


def find_output_url(site_root, token):
    """The URL of the output file that contains `token` (strata's permalinks are its own)."""
    for folder, _, files in os.walk(site_root):
        for name in files:
            if not name.endswith(".html"):
                continue
            full = os.path.join(folder, name)
            with open(full, encoding="utf-8", errors="replace") as handle:
                if token in handle.read():
                    relative = os.path.relpath(full, site_root).replace(os.sep, "/")
                    if relative.endswith("index.html"):
                        relative = relative[: -len("index.html")]
                    return "/" + relative
    return None


def load(port, url, seconds, connections):
    if shutil.which("wrk"):
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", f"http://{HOST}:{port}{url}"],
                             capture_output=True, text=True, timeout=seconds + 30).stdout
        match = re.search(r"Requests/sec:\s+([\d.]+)", out)
        return {"tool": "wrk", "connections": connections, "seconds": seconds,
                "requests_per_second": float(match.group(1)) if match else None}
    return python_load(port, url, seconds, connections)


def python_load(port, url, seconds, connections):
    """Fallback when wrk is missing: keep-alive clients on threads (client-bound, a floor)."""
    counts = [0] * connections
    stop_at = time.monotonic() + seconds

    def worker(slot):
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        while time.monotonic() < stop_at:
            try:
                fetch(port, url, connection)
                counts[slot] += 1
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=5)
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 10)
    return {"tool": "python http.client", "connections": connections, "seconds": seconds,
            "requests_per_second": round(sum(counts) / seconds, 1)}


def bench_strata(args, work):
    site = os.path.join(work, "strata-site")
    bench_site.generate_jekyll(site, args.posts)
    port = free_port()
    command = [args.strata] + [part.format(port=port, site=site) for part in args.strata_args.split()]
    server = Server("strata", command, site, port, os.path.join(work, "strata-serve.log"))
    result = {"command": " ".join(command)}
    try:
        started = time.perf_counter()
        server.wait_ready(args.startup_timeout)
        result["first_build_and_start_s"] = round(time.perf_counter() - started, 2)
        probe = args.posts // 2
        url = find_output_url(os.path.join(site, args.output_folder), f"token-{probe:04d}-")
        if url is None:
            raise RuntimeError(f"no output under {args.output_folder}/ contains post {probe}'s token")
        result["page"] = url
        post = bench_site.jekyll_post_path(site, probe)
        result["post_edit"] = measure_edits(port, url, post, lambda m: bench_site.jekyll_post(probe, m),
                                            args.edits, args.pause)
        # Markers are elements, not comments: Go's html/template (Hugo) drops HTML comments.
        layout = os.path.join(site, "_layouts", "post.html")
        result["layout_edit"] = measure_edits(
            port, url, layout, lambda m: "---\nlayout: default\n---\n" + bench_site.POST_LAYOUT + f"<footer data-bench=\"{m}\"></footer>\n",
            args.edits, args.pause)
        result["no_op_save"] = no_op_save(server, post, args.pause)
        result["load"] = load(port, url, args.load_seconds, args.connections)
    finally:
        server.stop()
    return result


def no_op_save(server, path, pause):
    """Saves a post unchanged and returns what the server printed about it (its build line
    names the saved file); waits for earlier builds still queued to finish first."""
    name = os.path.basename(path)
    time.sleep(pause)
    before = len(server.log_text().splitlines())
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    write(path, text)
    deadline = time.monotonic() + 15
    lines = []
    while time.monotonic() < deadline:
        lines = [line for line in server.log_text().splitlines()[before:] if line.strip()]
        if any(name in line for line in lines):
            break
        time.sleep(0.1)
    return {"server_said": [line for line in lines if name in line] or lines[-3:]}


def bench_hugo(args, work):
    site = os.path.join(work, "hugo-site")
    bench_site.generate_hugo(site, args.posts)
    port = free_port()
    command = ["hugo", "server", "--bind", HOST, "--port", str(port), "--source", site,
               "--disableFastRender", "--appendPort=true", "--baseURL", f"http://{HOST}"]
    server = Server("hugo", command, site, port, os.path.join(work, "hugo-serve.log"))
    version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    result = {"command": " ".join(command), "version": version}
    try:
        started = time.perf_counter()
        server.wait_ready(args.startup_timeout)
        result["first_build_and_start_s"] = round(time.perf_counter() - started, 2)
        probe = args.posts // 2
        url = f"/posts/post-{probe:04d}/"
        result["page"] = url
        post = bench_site.hugo_post_path(site, probe)
        result["post_edit"] = measure_edits(port, url, post, lambda m: bench_site.hugo_post(probe, m),
                                            args.edits, args.pause)
        layout = os.path.join(site, "layouts", "_default", "single.html")
        result["layout_edit"] = measure_edits(
            port, url, layout, lambda m: bench_site.HUGO_SINGLE.replace(
                "{{ end }}", f"<footer data-bench=\"{m}\"></footer>{{{{ end }}}}"),
            args.edits, args.pause)
        result["load"] = load(port, url, args.load_seconds, args.connections)
    finally:
        server.stop()
    return result


def table(results):
    rows = ["| server | post edit median (ms) | layout edit median (ms) | requests/s |", "|---|---|---|---|"]
    for name, res in results.items():
        if "error" in res:
            rows.append(f"| {name} | error: {res['error']} | | |")
            continue
        rows.append(f"| {name} | {res['post_edit'].get('median_ms')} | {res['layout_edit'].get('median_ms')} "
                    f"| {res['load'].get('requests_per_second')} ({res['load']['tool']}) |")
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("strata", help="path to the strata binary (a release build)")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--pause", type=float, default=0.3, help="seconds between edits")
    parser.add_argument("--strata-args", default="serve --port {port}",
                        help="arguments after the binary; {port} and {site} are filled in; runs in the site folder")
    parser.add_argument("--output-folder", default="_site", help="where strata writes the site, relative to it")
    parser.add_argument("--load-seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--startup-timeout", type=float, default=300)
    parser.add_argument("--workdir", help="keep the generated sites and logs here (default: a temporary folder)")
    parser.add_argument("--skip-hugo", action="store_true")
    parser.add_argument("--skip-strata", action="store_true")
    args = parser.parse_args()
    if os.sep in args.strata:
        # The server runs inside the generated site's folder.
        args.strata = os.path.abspath(args.strata)

    work = args.workdir or tempfile.mkdtemp(prefix="strata-bench-")
    os.makedirs(work, exist_ok=True)
    results = {}
    contenders = []
    if not args.skip_strata:
        contenders.append(("strata", bench_strata))
    if not args.skip_hugo and shutil.which("hugo"):
        contenders.append(("hugo", bench_hugo))
    elif not args.skip_hugo:
        print("note: hugo is not installed (apt-get install hugo); measuring strata alone", file=sys.stderr)
    for name, run in contenders:
        try:
            results[name] = run(args, work)
        except (RuntimeError, OSError, subprocess.SubprocessError) as error:
            results[name] = {"error": str(error)}
    with open(os.path.join(work, "results.json"), "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps(results, indent=2))
    print()
    print(table(results))
    print(f"\nsites, logs and results.json are in {work}")
    return 0 if all("error" not in res for res in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
