"""Generates the benchmark's sites: one Jekyll-shaped site for strata and the same posts
as a Hugo site, so both servers render the same content."""

import os
import random

WORDS = ("image layer container union filesystem copy write snapshot registry digest "
         "manifest build cache volume mount overlay runtime process network port").split()


def _paragraphs(rng, count):
    out = []
    for _ in range(count):
        out.append(" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + ".")
    return out


def post_body(index, marker=""):
    """A post's Markdown body; `token-NNNN-` lets the harness find its output file."""
    rng = random.Random(index)
    parts = [f"Post number {index}: token-{index:04d}-end {marker}".rstrip()]
    parts += _paragraphs(rng, 6)
    parts.append("```dockerfile\nFROM debian:bookworm\nRUN apt-get update\nCOPY . /app\n```")
    parts += ["## Details", *_paragraphs(rng, 4)]
    return "\n\n".join(parts) + "\n"


def _write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def post_date(index):
    day = index % 28 + 1
    month = index // 28 % 12 + 1
    year = 2020 + index // (28 * 12)
    return year, month, day


POST_LAYOUT = "<article><h1>{{ page.title }}</h1>{{ content }}</article>\n<!-- post layout -->\n"
HUGO_SINGLE = ('{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>\n'
               "<!-- post layout -->{{ end }}\n")


def jekyll_post_path(root, index):
    year, month, day = post_date(index)
    return os.path.join(root, "_posts", f"{year:04d}-{month:02d}-{day:02d}-post-{index:04d}.md")


def jekyll_post(index, marker=""):
    year, month, day = post_date(index)
    return (f"---\ntitle: \"Post {index}\"\ndate: {year:04d}-{month:02d}-{day:02d} 10:00:00 +0000\n"
            f"layout: post\n---\n\n" + post_body(index, marker))


def hugo_post_path(root, index):
    return os.path.join(root, "content", "posts", f"post-{index:04d}.md")


def hugo_post(index, marker=""):
    year, month, day = post_date(index)
    return (f"---\ntitle: \"Post {index}\"\ndate: {year:04d}-{month:02d}-{day:02d}T10:00:00Z\n---\n\n"
            + post_body(index, marker))


def generate_jekyll(root, posts):
    _write(os.path.join(root, "_config.yml"), "title: Benchmark\nbaseurl: \"\"\n")
    _write(os.path.join(root, "_layouts", "default.html"),
           "<!doctype html><html><head><meta charset=\"utf-8\"><title>{{ page.title }}</title>"
           "<link rel=\"stylesheet\" href=\"{{ '/css/site.css' | relative_url }}\"></head>"
           "<body><main>{{ content }}</main></body></html>\n")
    _write(os.path.join(root, "_layouts", "post.html"), "---\nlayout: default\n---\n" + POST_LAYOUT)
    _write(os.path.join(root, "index.html"),
           "---\nlayout: default\ntitle: Home\n---\n<ul>{% for post in site.posts limit:20 %}"
           "<li><a href=\"{{ post.url | relative_url }}\">{{ post.title }}</a></li>{% endfor %}</ul>\n")
    _write(os.path.join(root, "css", "site.css"), "body { font-family: sans-serif; }\n")
    for index in range(posts):
        _write(jekyll_post_path(root, index), jekyll_post(index))


def generate_hugo(root, posts):
    _write(os.path.join(root, "config.toml"),
           "baseURL = \"/\"\ntitle = \"Benchmark\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n")
    _write(os.path.join(root, "layouts", "_default", "baseof.html"),
           "<!doctype html><html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
           "<link rel=\"stylesheet\" href=\"/css/site.css\"></head>"
           "<body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n")
    _write(os.path.join(root, "layouts", "_default", "single.html"), HUGO_SINGLE)
    _write(os.path.join(root, "layouts", "_default", "list.html"),
           "{{ define \"main\" }}<ul>{{ range first 20 .Pages }}<li>{{ .Title }}</li>{{ end }}</ul>{{ end }}\n")
    _write(os.path.join(root, "layouts", "index.html"),
           "{{ define \"main\" }}<ul>{{ range first 20 .Site.RegularPages }}"
           "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n")
    _write(os.path.join(root, "static", "css", "site.css"), "body { font-family: sans-serif; }\n")
    for index in range(posts):
        _write(hugo_post_path(root, index), hugo_post(index))
