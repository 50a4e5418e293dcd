#!/usr/bin/env python3
"""Interrupts `strata build --no-cache` (every build renders and writes a whole new site; without
--no-cache every build after the first would find nothing to do) of a generated site at random moments and in its write phase, and checks
that every interrupted build leaves a whole `_site/` (the previous one or the new one) and nothing
beside it; a SIGKILLed build may leave its staging folder, which the next build must sweep.

    scripts/check-interrupted-builds.py STRATA [--posts 5000] [--interrupts 40] [--kills 5] [--cached 0] [--seed 1]

Ends with "N passed, M failed" (one check per interrupted build). The moments are drawn from a seeded
generator; the checks hold at any moment, so the outcome does not depend on the machine's speed.
"""
import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import make_jekyll_like  # noqa: E402


def tree(path):
    return {str(p.relative_to(path)) for p in Path(path).rglob("*") if p.is_file()}


def contents(path):
    """Every file's bytes; the feed's `<updated>` times, which follow `site.time`, set aside."""
    out = {}
    for p in Path(path).rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            if p.name == "feed.xml":
                data = re.sub(rb"<updated>[^<]*</updated>", b"<updated/>", data)
            out[str(p.relative_to(path))] = data
    return out


def leftovers(root):
    # `.strata-cache` is the build cache's folder, not a build's leftover.
    return sorted(n for n in os.listdir(root) if ".strata-new-" in n or ".strata-old-" in n or ".strata-pages-" in n)


def staging_exists(root):
    return any(n.startswith("._site.strata-new-") for n in os.listdir(root))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("strata")
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--interrupts", type=int, default=40)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--cached", type=int, default=0,
                        help="interrupts of cached builds after a post was edited (the in-place update)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    strata = str(Path(args.strata).resolve())
    rng = random.Random(args.seed)
    passed, failed = 0, 0

    with tempfile.TemporaryDirectory(prefix="strata-interrupts-") as folder:
        root = Path(folder) / "site"
        root.mkdir()
        make_jekyll_like(root, args.posts, strata_layout=True)
        site = root / "_site"
        start = time.monotonic()
        subprocess.run([strata, "build", "--no-cache", "--source", str(root)], check=True, stdout=subprocess.DEVNULL)
        full = time.monotonic() - start
        expected = tree(site)
        print(f"site: {args.posts} posts, {len(expected)} files, a full build takes {full:.1f} s")

        def check(label, ok, detail=""):
            nonlocal passed, failed
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {label}: {detail}")

        for index in range(args.interrupts):
            signum = signal.SIGINT if index % 2 == 0 else signal.SIGTERM
            in_write_phase = index % 4 >= 2
            process = subprocess.Popen([strata, "build", "--no-cache", "--source", str(root)], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            if in_write_phase:
                # Wait for the staging folder to appear, then interrupt the write.
                while process.poll() is None and not staging_exists(root):
                    time.sleep(0.002)
                time.sleep(rng.uniform(0, 0.3))
            else:
                time.sleep(rng.uniform(0, full))
            process.send_signal(signum)
            code = process.wait()
            files = tree(site) if site.is_dir() else set()
            label = f"interrupt {index} ({signal.Signals(signum).name}{', write phase' if in_write_phase else ''})"
            # 128+n: the handler cleaned up; -n: the signal came before the handler was installed or after the
            # build had finished, when the default action is right.
            check(label, code in (0, 128 + signum, -signum) and files == expected and not leftovers(root),
                  f"exit {code}, {len(files)} of {len(expected)} files, leftovers {leftovers(root)}")

        for index in range(args.kills):
            process = subprocess.Popen([strata, "build", "--no-cache", "--source", str(root)], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            while process.poll() is None and not staging_exists(root):
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.3))
            process.kill()
            process.wait()
            whole = site.is_dir() and tree(site) == expected
            subprocess.run([strata, "build", "--no-cache", "--source", str(root)], check=True, stdout=subprocess.DEVNULL)
            check(f"kill {index}", whole and not leftovers(root) and tree(site) == expected,
                  f"site whole after kill: {whole}, leftovers after the next build: {leftovers(root)}")

        # The cache updates `_site/` in place: every file must end up whole, either as the previous
        # build wrote it or as the new one would, with the same set of files and nothing beside it.
        if args.cached:
            subprocess.run([strata, "build", "--source", str(root)], check=True, stdout=subprocess.DEVNULL)
            posts = sorted((root / "content" / "_posts").glob("*.md")) or sorted((root / "_posts").glob("*.md"))
        for index in range(args.cached):
            before = contents(site)
            post = posts[rng.randrange(len(posts))]
            with open(post, "a", encoding="utf-8") as handle:
                handle.write(f"\n\nEdited for cached interrupt {index}.\n")
            signum = signal.SIGINT if index % 2 == 0 else signal.SIGTERM
            process = subprocess.Popen([strata, "build", "--source", str(root)], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            if index % 4 >= 2:
                while process.poll() is None and not staging_exists(root):
                    time.sleep(0.002)
                time.sleep(rng.uniform(0, 0.05))
            else:
                time.sleep(rng.uniform(0, full))
            process.send_signal(signum)
            code = process.wait()
            after = contents(site) if site.is_dir() else {}
            with tempfile.TemporaryDirectory(prefix="strata-clean-") as clean:
                subprocess.run([strata, "build", "--no-cache", "--source", str(root), "--destination", clean],
                               check=True, stdout=subprocess.DEVNULL)
                new = contents(Path(clean))
            torn = [path for path, data in after.items() if data != before.get(path) and data != new.get(path)]
            label = f"cached interrupt {index} ({signal.Signals(signum).name}{', write phase' if index % 4 >= 2 else ''})"
            check(label, code in (0, 128 + signum, -signum) and set(after) == set(before) == set(new)
                  and not torn and not leftovers(root),
                  f"exit {code}, {len(after)} files, {len(torn)} neither old nor new {torn[:3]}, leftovers {leftovers(root)}")
            subprocess.run([strata, "build", "--source", str(root)], check=True, stdout=subprocess.DEVNULL)
            differ = sorted(path for path, data in contents(site).items() if data != new.get(path))
            check(f"cached build after interrupt {index}", not differ, f"the next cached build differs from a clean one: {differ[:3]}")

    print(f"interrupted builds: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
