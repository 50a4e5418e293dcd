#!/usr/bin/env python3
"""The error catalogue: one bad input per folder of Tests/ErrorCatalogue, each run through the real binary.

Every case must end with exit status 1, print exactly its `expected.txt` on standard error (the case's
temporary folder written as SITE), leave the `_site/` of a previous build untouched, and leave nothing
beside it. A case folder holds `site/` (the files), optionally `generated.json` (large files made at run
time: {"path": {"head", "repeat", "times", "tail"}}) and `command` (arguments after `strata`, default
`build --source SITE`).

    scripts/check-error-catalogue.py STRATA           # check; ends with "N passed, M failed"
    STRATA_RECORD=1 scripts/check-error-catalogue.py STRATA   # rewrite every expected.txt (review the diff)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "Tests/ErrorCatalogue"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def tree(path):
    return {str(p.relative_to(path)): p.read_bytes() for p in Path(path).rglob("*") if p.is_file()}


def run_case(strata, case, record):
    with tempfile.TemporaryDirectory(prefix="strata-catalogue-") as folder:
        site = Path(folder) / "site"
        shutil.copytree(case / "site", site)
        generated = case / "generated.json"
        if generated.exists():
            for path, spec in json.loads(generated.read_text()).items():
                target = site / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(spec["head"] + spec["repeat"] * spec["times"] + spec["tail"], encoding="utf-8")
        # A previous good build: the failing one must leave it exactly as it was.
        previous = site / "_site"
        previous.mkdir()
        (previous / "index.html").write_text("previous build\n")
        before = tree(previous)
        beside_before = sorted(os.listdir(site))
        command_file = case / "command"
        arguments = command_file.read_text().split() if command_file.exists() else ["build", "--source", "SITE"]
        arguments = [str(site) if a == "SITE" else a for a in arguments]
        environment = dict(os.environ, NO_COLOR="1", TZ="UTC")
        result = subprocess.run([strata] + arguments, cwd=site, capture_output=True, env=environment, timeout=120)
        stderr = ANSI.sub("", result.stderr.decode("utf-8", "replace")).replace(str(site), "SITE")
        expected_file = case / "expected.txt"
        if record:
            expected_file.write_text(stderr, encoding="utf-8")
        problems = []
        if result.returncode != 1:
            problems.append(f"exit status {result.returncode}, expected 1")
        expected = expected_file.read_text(encoding="utf-8") if expected_file.exists() else None
        if stderr != expected:
            problems.append("standard error differs from expected.txt:\n" + stderr[:3000])
        if tree(previous) != before:
            problems.append("the previous _site/ changed")
        if sorted(os.listdir(site)) != beside_before:
            problems.append(f"left beside the site: {sorted(set(os.listdir(site)) - set(beside_before))}")
        return problems


def main():
    strata = str(Path(sys.argv[1]).resolve())
    record = os.environ.get("STRATA_RECORD") == "1"
    passed, failed = 0, 0
    for case in sorted(p for p in CATALOGUE.iterdir() if p.is_dir()):
        problems = run_case(strata, case, record)
        if problems:
            failed += 1
            print(f"FAIL {case.name}: " + "\n  ".join(problems))
        else:
            passed += 1
    print(f"error catalogue: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
