#!/usr/bin/env bash
# Installs the system packages Strata needs, only when they are missing.
#   scripts/install-deps.sh build   cmark-gfm, libsass and Rouge (to build and serve)
#   scripts/install-deps.sh test    cmark-gfm, headless Chromium and the browser-test driver
set -euo pipefail
need="${1:-build}"

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "error: need root to run: $*" >&2; exit 1; fi
}

apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing $*; install them with your package manager" >&2; exit 1
  fi
  if [ "$apt_updated" -eq 0 ]; then
    sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt_updated=1
  fi
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

if [ "$(uname)" = "Darwin" ]; then
  if ! pkg-config --exists libcmark-gfm 2>/dev/null; then
    echo "Strata needs cmark-gfm: run 'brew install cmark-gfm libsass pkg-config' and try again." >&2
    exit 1
  fi
  exit 0
fi

missing=()
pkg-config --version >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libcmark-gfm 2>/dev/null || [ ! -e /usr/include/cmark-gfm-core-extensions.h ]; then
  missing+=(libcmark-gfm-dev libcmark-gfm-extensions-dev)
fi
# libsass compiles .scss/.sass pages, as jekyll-sass-converter does through sassc.
pkg-config --exists libsass 2>/dev/null || missing+=(libsass-dev)
if [ "$need" = "test" ]; then
  if ! command -v chromium-headless-shell >/dev/null 2>&1 && ! command -v chromium >/dev/null 2>&1 \
     && [ ! -x /usr/lib/chromium/chromium-headless-shell ] && [ ! -x /usr/lib/chromium/chromium ]; then
    missing+=(chromium-headless-shell)
  fi
  python3 -c 'import websocket' 2>/dev/null || need_pip=1
  # ftfy, to re-check the committed mis-encoding expectations (scripts/mojibake-expectations.py).
  python3 -c 'import ftfy' 2>/dev/null || need_pip=1
  # axe-core 4.12.1, the accessibility engine the browser tests run; PyPI ships it inside this
  # package (installed without its Playwright dependency: only axe.min.js is used).
  python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("axe_playwright_python") is None)' 2>/dev/null || need_axe=1
  # The real Liquid and Jekyll, to re-check the committed conformance expectations.
  ruby -e 'require "liquid"; require "jekyll"' >/dev/null 2>&1 || missing+=(ruby-liquid jekyll)
  # The plugin gems, so the Jekyll fixture sites build with real Jekyll for comparison.
  for gem in feed seo-tag sitemap paginate paginate-v2 redirect-from gist avatar relative-links mentions archives include-cache \
             github-metadata last-modified-at toc optional-front-matter readme-index titles-from-headings default-layout; do
    ruby -e "require 'jekyll'; require 'jekyll-$gem'" >/dev/null 2>&1 || missing+=("ruby-jekyll-$gem")
  done
  # PyPI's emojis 0.7.0 carries gemoji v4.0.1's emoji list, and Debian's html-pipeline is
  # jemoji's filter, for scripts/check-jemoji-names.py (nothing packages gemoji or jemoji).
  python3 -c 'import importlib.metadata as m, sys; sys.exit(m.version("emojis") != "0.7.0")' 2>/dev/null || need_emojis=1
  ruby -e 'require "html/pipeline"' >/dev/null 2>&1 || missing+=(ruby-html-pipeline)
  # The minima theme gem, for the theme fixture (Strata finds it where RubyGems installed it).
  ruby -e 'Gem::Specification.find_by_name("minima")' >/dev/null 2>&1 || missing+=(jekyll-theme-minima)
fi
# Rouge colours code blocks, as in Jekyll (Debian's ruby-rouge; the goldens are recorded with 3.30.0).
ruby -e 'require "rouge"' >/dev/null 2>&1 || missing+=(ruby-rouge)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]}…"
  apt_install "${missing[@]}"
fi
if [ "${need_axe:-0}" = 1 ]; then
  echo "Installing axe-core (inside the axe-playwright-python package) for the accessibility checks…"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps axe-playwright-python==0.1.8
fi
if [ "${need_emojis:-0}" = 1 ]; then
  echo "Installing the emojis Python package (gemoji's emoji list, for the jemoji check)…"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps emojis==0.7.0
fi
if [ "${need_pip:-0}" = 1 ]; then
  echo "Installing the websocket-client and ftfy Python packages (browser-test driver, mojibake expectations)…"
  python3 -m pip install --quiet --disable-pip-version-check websocket-client ftfy==6.3.1
fi
