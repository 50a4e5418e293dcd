#!/usr/bin/env bash
# Proves that `make install` gives a strata that runs without the Swift toolchain: installs
# it into a temporary prefix, then, from a temporary folder outside the repository, runs it
# with an empty environment and PATH=/usr/bin:/bin (no /opt/swift) on a small Jekyll site.
#   scripts/check-installed-binary.sh          CONFIG=debug (default here) or CONFIG=release
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
config="${CONFIG:-debug}"
prefix="$(mktemp -d /tmp/strata-prefix.XXXXXX)"
work="$(mktemp -d /tmp/strata-outside.XXXXXX)"
trap 'rm -rf "$prefix" "$work"' EXIT

make -C "$repo" --no-print-directory install CONFIG="$config" PREFIX="$prefix"
strata="$prefix/bin/strata"
fail() { echo "check-installed-binary: $*" >&2; exit 1; }

# The dynamic loader must find every library without the toolchain: no libswift*, nothing
# under /opt. (env -i alone would not show this if the binary carried an RPATH to /opt/swift.)
libraries="$(ldd "$strata")"
if grep -E 'not found|libswift|libFoundation|/opt/' <<<"$libraries"; then
  fail "$strata still needs the Swift toolchain's libraries (above)"
fi
if readelf -d "$strata" | grep -E 'R(UN)?PATH' | grep -q '/opt/'; then
  fail "$strata has an RPATH into /opt"
fi

cd "$work"
run() { env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 "$strata" "$@"; }

version="$(run --version)"
grep -Eq '^strata [0-9]+\.[0-9]+\.[0-9]+' <<<"$version" || fail "unexpected --version output: $version"
grep -Eq '^  cmark-gfm [0-9]' <<<"$version" || fail "--version does not name cmark-gfm: $version"

mkdir -p site/_posts site/_layouts
printf 'title: Outside\n' > site/_config.yml
printf -- '---\n---\n<h1>{{ site.title }}</h1>{{ content }}\n' > site/_layouts/default.html
printf -- '---\nlayout: default\ntitle: Hello\n---\nSome *Markdown*.\n' > site/_posts/2024-01-02-hello.md
run build --source site --quiet
grep -q '<em>Markdown</em>' site/_site/2024/01/02/hello.html || fail "the built post lacks its rendered Markdown"
grep -q '<h1>Outside</h1>' site/_site/2024/01/02/hello.html || fail "the built post lacks its layout"

echo "ok: $(head -1 <<<"$version") ($config) runs from $work with an empty environment; $(wc -l <<<"$libraries") shared libraries, none from the Swift toolchain"
