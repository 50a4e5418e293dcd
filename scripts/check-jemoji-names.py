#!/usr/bin/env python3
"""jemoji with GitHub's whole emoji list: every alias becomes the image gemoji names.

There is no jemoji or gemoji to run here (neither Debian nor PyPI packages them), but PyPI's
`emojis` 0.7.0 carries gemoji v4.0.1's list (`emojis.db.db.EMOJI_DB`: aliases, characters,
tags, category; GitHub's own images such as `:octocat:` are left out). This script writes that
list in gemoji's `db/emoji.json` shape into a temporary gem folder, found by Strata through
GEM_PATH as RubyGems would find the gem, builds a site listing jemoji that holds every alias,
and checks each one against the image name gemoji's `default_image_filename` gives, computed
here from gemoji's Ruby rule (lower-case hex code points of at least four digits joined by
`-`, `-fe0f` and `-200d` removed). Names outside the list and names in `<code>` stay text.

    scripts/check-jemoji-names.py STRATA     # ends with "jemoji names: N passed, M failed"
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = "https://github.githubassets.com/images/icons/"


def gemoji_file_name(raw):
    """gemoji's `Character#default_image_filename` for a Unicode emoji."""
    hex_name = "-".join(format(ord(c), "04x") for c in raw)
    return "unicode/" + re.sub(r"-(fe0f|200d)\b", "", hex_name) + ".png"


def image(name, file):
    return (f'<img class="emoji" title=":{name}:" alt=":{name}:" src="{ROOT}emoji/{file}" '
            'height="20" width="20">')


def main():
    strata = str(Path(sys.argv[1]).resolve())
    from emojis.db import db  # PyPI's emojis==0.7.0 (scripts/install-deps.sh test)

    entries = [{"emoji": e.emoji, "description": "", "category": e.category, "aliases": list(e.aliases),
                "tags": list(e.tags), "unicode_version": e.unicode_version} for e in db.EMOJI_DB]
    # gemoji's index keeps the last entry that names an alias.
    expected = {}
    for entry in entries:
        for name in entry["aliases"]:
            expected[name] = gemoji_file_name(entry["emoji"])
    passed, failed = 0, 0
    with tempfile.TemporaryDirectory(prefix="strata-jemoji-") as folder:
        gem = Path(folder, "gems/gems/gemoji-4.0.1/db")
        gem.mkdir(parents=True)
        (gem / "emoji.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
        site = Path(folder, "site")
        site.mkdir()
        (site / "_config.yml").write_text("title: Emoji\nplugins:\n  - jemoji\n", encoding="utf-8")
        names = sorted(expected)
        # Unicode's own names that gemoji does not use, a misspelling, and a name in code stay text.
        lines = [f"<p>:{name}:</p>" for name in names]
        lines += ["<p>:grinning_face:</p>", "<p>:thumbs_up:</p>", "<p><code>:smile:</code></p>"]
        (site / "index.html").write_text("---\n---\n<html><body>\n" + "\n".join(lines) + "\n</body></html>\n", encoding="utf-8")
        environment = {k: v for k, v in os.environ.items() if k not in ("GEM_HOME", "ASSET_HOST_URL")}
        environment["GEM_PATH"] = str(Path(folder, "gems"))
        result = subprocess.run([strata, "build", "--source", str(site)], capture_output=True, text=True,
                                env=environment, timeout=300)
        if result.returncode != 0:
            print(result.stdout + result.stderr)
            print("jemoji names: 0 passed, 1 failed")
            return 1
        written = (site / "_site/index.html").read_text(encoding="utf-8").split("\n")[1:-2]
        wanted = [f"<p>{image(n, expected[n])}</p>" for n in names]
        wanted += lines[len(names):]
        if len(written) != len(wanted):
            print(f"FAIL: {len(written)} lines written, {len(wanted)} expected")
            failed += 1
        for got, want in zip(written, wanted):
            if got == want:
                passed += 1
            else:
                failed += 1
                if failed <= 10:
                    print(f"FAIL\n  got:      {got}\n  expected: {want}")
    print(f"{len(entries)} emoji, {len(expected)} names from gemoji v4.0.1's list (PyPI emojis 0.7.0)")
    print(f"jemoji names: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
