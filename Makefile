# Strata: the two commands a new user needs are `make serve` and `make test`.
SWIFT ?= swift
# SwiftPM plans a build anew whenever its environment differs from the last build's (any
# variable, even the `_` a shell sets to the command's path), and the new plan re-ran
# Hummingbird's compile (about 20 s) though no command line changed. Make adds MAKEFLAGS,
# MFLAGS and MAKELEVEL (`make test` its token) and leaves `_` at make's path: built with the
# environment a shell gives a plain `swift build`, both share one plan and one build.
# (A variable set on make's command line, `make serve PORT=4001`, still differs.)
SWIFT_BUILD = env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKE_TERMOUT -u MAKE_TERMERR -u STRATA_TEST_RUN _="$$(command -v $(SWIFT))" $(SWIFT) build
HOST ?= 127.0.0.1
PORT ?= 4000
STRATA = .build/debug/strata
# `make install PREFIX=~/.local`; CONFIG=debug installs a quicker, slower-running build.
PREFIX ?= /usr/local
CONFIG ?= release
# The Swift runtime and Foundation linked into the binary. Linked statically, Foundation as
# shipped with Swift 6.3.1 leaves out its ICU archive (swiftlang/swift-package-manager#10564).
# Its own scratch folder: SwiftPM does not recompile every module when switching between
# static and dynamic linking, and objects built for one then fail to link in the other.
STATIC_SWIFT = --static-swift-stdlib -Xlinker -l_FoundationICU --scratch-path .build-static

.PHONY: all deps deps-test build serve test test-install test-docs docs-diagrams test-browser release install bench clean

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

## build: compile Strata and build the bundled site into _site/
build: deps
	$(SWIFT_BUILD) --product strata
	$(STRATA) build

## serve: build the bundled site and preview it at http://$(HOST):$(PORT)/
serve: deps
	$(SWIFT_BUILD) --product strata
	$(STRATA) serve --host $(HOST) --port $(PORT)

## test: every test: Swift unit, golden and conformance tests, then the browser tests
## every process a test starts inherits this token, so the last step can find any left running
test: export STRATA_TEST_RUN := $(shell date +%s%N)-$(shell echo $$PPID)
test: deps-test
	$(SWIFT_BUILD) --build-tests
	$(SWIFT) test --skip-build
	scripts/check-liquid-conformance.sh
	$(SWIFT_BUILD) --product strata
	scripts/check-peer-suites.sh $(STRATA)
	python3 scripts/check-error-catalogue.py $(STRATA)
	python3 scripts/check-jemoji-names.py $(STRATA)
	for target in front-matter liquid dockerfile model; do .build/debug/strata-fuzz $$target Fuzz/Regressions/$$target || exit 1; done
	scripts/fuzz.sh --runs 30000 front-matter liquid dockerfile
	scripts/fuzz.sh --runs 5000 model
	python3 scripts/check-interrupted-builds.py $(STRATA) --posts 1000 --interrupts 12 --kills 3 --cached 4
	@$(MAKE) --no-print-directory test-install
	@$(MAKE) --no-print-directory test-docs
	python3 scripts/mojibake-expectations.py --check
	python3 scripts/generate-starter-site.py --check
	python3 scripts/compare-code-with-jekyll.py $(STRATA)
	python3 scripts/kramdown-html-differential.py $(STRATA)
	python3 scripts/compare-with-jekyll.py $(STRATA) Tests/SiteTests/Fixtures/jekyll/*/
	@$(MAKE) --no-print-directory test-browser
	scripts/check-no-leftovers.sh

## fuzz: libFuzzer on the front matter splitter, Liquid, the Dockerfile parser and the model with its SVGs (FUZZ_SECONDS per target)
FUZZ_SECONDS ?= 300
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

## test-install: `make install` into a temporary prefix, then run it with an empty environment
## (a debug build: it links the Swift runtime statically exactly as the release does, in seconds)
test-install:
	CONFIG=debug scripts/check-installed-binary.sh

## test-docs: the README's picture of Strata's Dockerfile is what `strata diagram` draws today
test-docs:
	$(STRATA) diagram Dockerfile --name strata --view stack -o .build/test-docs/strata-image.svg
	@cmp -s .build/test-docs/strata-image.svg docs/images/strata-image.svg || { \
		echo "docs/images/strata-image.svg is out of date: run 'make docs-diagrams' and commit it" >&2; exit 1; }

## docs-diagrams: redraw the README's picture of Strata's own Dockerfile
docs-diagrams:
	$(SWIFT_BUILD) --product strata
	$(STRATA) diagram Dockerfile --name strata --view stack -o docs/images/strata-image.svg

## test-browser: the diagrams and the interactive explainer in headless Chromium
test-browser:
	rm -rf .build/test-diagrams
	$(STRATA) diagram content/dockerfiles/flask-app/Dockerfile content/dockerfiles/python-3.9-slim/Dockerfile \
		--write /usr/src/app/notes.txt --modify /etc/passwd --delete /etc/motd -o .build/test-diagrams
	python3 scripts/check-diagrams-in-chromium.py .build/test-diagrams --artifacts artifacts/diagrams
	rm -rf .build/test-diagrams-narrow
	$(STRATA) diagram content/dockerfiles/flask-app/Dockerfile content/dockerfiles/python-3.9-slim/Dockerfile --layout narrow \
		--write /usr/src/app/notes.txt --modify /etc/passwd --delete /etc/motd -o .build/test-diagrams-narrow
	python3 scripts/check-diagrams-in-chromium.py .build/test-diagrams-narrow --artifacts artifacts/diagrams-narrow
	python3 scripts/check-livereload-browser.py $(STRATA)
	python3 scripts/check-escaping-in-chromium.py $(STRATA)
	$(STRATA) build --destination .build/test-site
	python3 scripts/browser-tests.py .build/test-site

## release: a self-contained strata in .build-static/release/: the Swift runtime linked in,
## only its C libraries needed
release: deps
	$(SWIFT_BUILD) -c release $(STATIC_SWIFT) --product strata

## install: build strata (CONFIG=release by default), strip it and copy it to $(PREFIX)/bin
install: deps
	$(SWIFT_BUILD) -c $(CONFIG) $(STATIC_SWIFT) --product strata
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -s -m 755 "$$($(SWIFT_BUILD) -c $(CONFIG) $(STATIC_SWIFT) --show-bin-path)/strata" "$(DESTDIR)$(PREFIX)/bin/strata"

## bench: issue 13's table (cold, no-op, one post; Hugo; cmark-gfm at 1k and 10k posts), whole builds against Jekyll and Hugo, preview edits, one post's render (see Benchmarks/RESULTS.md)
bench: deps
	$(SWIFT_BUILD) -c release --product strata
	$(SWIFT_BUILD) -c release --product StrataBench
	python3 scripts/bench_speed.py --posts 1000,10000 --runs 3 --write Benchmarks/RESULTS.md
	python3 scripts/bench_build.py --posts 1000 --runs 7
	scripts/bench-preview.sh .build/release/strata --posts 1000 --edits 20
	scripts/bench-liquid.sh

clean:
	rm -rf .build .build-static _site
