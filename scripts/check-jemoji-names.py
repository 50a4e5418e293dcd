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

Then the markup against the real filter: Debian's ruby-html-pipeline 2.14.3 (jemoji's filter,
`HTML::Pipeline::EmojiFilter`) runs, as jemoji 0.13's hook calls it, on the body of a page Strata
built without jemoji, and must give what Strata's jemoji wrote, both read back through Nokogiri
(the gem writes the body back through it, `<br/>` as `<br>`). html-pipeline requires gemoji,
which nothing packages: a stand-in `gemoji.rb` (written below, not gemoji's code) gives it the
same list and gemoji's file-name rule.

    scripts/check-jemoji-names.py STRATA     # ends with "jemoji names: N passed, M failed"
"""
import difflib
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
        same, differences = compare_with_html_pipeline(strata, Path(folder), environment)
        passed += same
        failed += differences
    print(f"{len(entries)} emoji, {len(expected)} names from gemoji v4.0.1's list (PyPI emojis 0.7.0)")
    print(f"jemoji names: {passed} passed, {failed} failed")
    return 1 if failed else 0


# A stand-in for the gemoji gem, for html-pipeline's `require 'gemoji'`: the three calls
# EmojiFilter makes (Emoji.all, Emoji.find_by_alias, Character#image_filename), from the same
# db/emoji.json, with gemoji 4's file-name rule and its index (the last entry wins).
GEMOJI_STAND_IN = r"""
require 'json'
module Emoji
  class Character
    attr_reader :aliases, :raw
    def initialize(aliases, raw) @aliases = aliases; @raw = raw end
    def image_filename
      return '%s.png' % aliases.first unless raw
      'unicode/%s.png' % raw.codepoints.map { |c| c.to_s(16).rjust(4, '0') }.join('-').gsub(/-(fe0f|200d)\b/, '')
    end
  end
  def self.all
    @all ||= JSON.parse(File.read(ENV.fetch('EMOJI_JSON'))).map { |e| Character.new(e['aliases'], e['emoji']) }
  end
  def self.find_by_alias(name)
    @index ||= all.each_with_object({}) { |e, h| e.aliases.each { |a| h[a] = e } }
    @index[name]
  end
end
"""

# jemoji 0.13's hook for a page with <body>, then both bodies read back through Nokogiri.
COMPARE = r"""
require 'html/pipeline'
plain, strata = ARGV.map { |path| File.read(path) }
pipeline = HTML::Pipeline.new([HTML::Pipeline::EmojiFilter],
                              :asset_root => 'https://github.githubassets.com/images/icons/', :img_attrs => { :align => nil })
head, opener, tail = plain.partition(%r!<body(.*?)>\s*!m)
body, *rest = tail.partition('</body>')
gem_page = String.new(head) << opener << pipeline.call(body)[:output].to_s << rest.join
def body_of(page) = Nokogiri::HTML::DocumentFragment.parse(page[%r!<body[^>]*>(.*)</body>!m, 1]).to_html
File.write(ARGV[0] + '.gem', body_of(gem_page))
File.write(ARGV[1] + '.strata', body_of(strata))
"""

PAGE = """---
title: "Emoji :tada:"
---
# Release :rocket: notes

Thanks to @octocat :heart: and :+1: from everyone :sparkles:. At 10:30 :tada: we shipped;
see [the :memo: notes](/notes/) or *:star: starred* and **:fire:**.

- :white_check_mark: item one, :x: item two
- :unknown_name: stays, ::heart:: and :heart::heart: and :a b:smile:

| Emoji | Name |
| --- | --- |
| :cat: | `:cat:` |

Inline `:heart:` code, <tt>:heart:</tt> and <kbd>:heart:</kbd>.

```
:heart: in a code block
```

> Quoted :bulb: idea<br/>with a break

<div class="note"><p>HTML block :warning: <em>nested :eyes:</em></p></div>
"""


def compare_with_html_pipeline(strata, folder, environment):
    """(1, 0) when Strata's page matches html-pipeline's, (0, 1) otherwise."""
    lib = folder / "ruby"
    lib.mkdir()
    (lib / "gemoji.rb").write_text(GEMOJI_STAND_IN, encoding="utf-8")
    (lib / "compare.rb").write_text(COMPARE, encoding="utf-8")
    pages = {}
    for name, plugins in (("plain", "[]"), ("jemoji", "[jemoji]")):
        site = folder / f"compare-{name}"
        site.mkdir()
        (site / "_config.yml").write_text(f"title: Emoji\nplugins: {plugins}\n", encoding="utf-8")
        (site / "_layouts").mkdir()
        (site / "_layouts/default.html").write_text(
            "<!DOCTYPE html>\n<html><head><title>{{ page.title }}</title></head>\n<body class=\"page\">\n{{ content }}\n</body>\n</html>\n",
            encoding="utf-8")
        (site / "index.md").write_text(PAGE.replace("title:", "layout: default\ntitle:", 1), encoding="utf-8")
        result = subprocess.run([strata, "build", "--source", str(site)], capture_output=True, text=True,
                                env=environment, timeout=300)
        if result.returncode != 0:
            print(result.stdout + result.stderr)
            return 0, 1
        pages[name] = site / "_site/index.html"
    # Ruby with its own gem paths (the temporary GEM_PATH would hide Nokogiri).
    ruby_environment = dict(os.environ, EMOJI_JSON=str(folder / "gems/gems/gemoji-4.0.1/db/emoji.json"))
    result = subprocess.run(["ruby", "-I", str(lib), str(lib / "compare.rb"), str(pages["plain"]), str(pages["jemoji"])],
                            capture_output=True, text=True, env=ruby_environment, timeout=300)
    if result.returncode != 0:
        print("FAIL: html-pipeline could not run (Debian's ruby-html-pipeline):\n" + result.stderr)
        return 0, 1
    gem = Path(str(pages["plain"]) + ".gem").read_text(encoding="utf-8")
    ours = Path(str(pages["jemoji"]) + ".strata").read_text(encoding="utf-8")
    images = gem.count('class="emoji"')
    if gem != ours or images < 15:
        print(f"FAIL: html-pipeline's EmojiFilter and Strata's jemoji differ ({images} images from the filter)")
        for line in difflib.unified_diff(gem.splitlines(), ours.splitlines(), "html-pipeline", "strata", lineterm="", n=1):
            print("  " + line)
        return 0, 1
    print(f"html-pipeline 2.14.3's EmojiFilter and Strata agree on a page with {images} images")
    return 1, 0


if __name__ == "__main__":
    sys.exit(main())
