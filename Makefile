# Strata: the two commands a new user needs are `make serve` and `make test`.
SWIFT ?= swift
HOST ?= 127.0.0.1
PORT ?= 4000
STRATA = .build/debug/strata

.PHONY: all deps deps-test build serve test test-browser release bench clean

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

## build: compile Strata and build the bundled site into _site/
build: deps
	$(SWIFT) build --product strata
	$(STRATA) build

## serve: build the bundled site and preview it at http://$(HOST):$(PORT)/
serve: deps
	$(SWIFT) build --product strata
	$(STRATA) serve --host $(HOST) --port $(PORT)

## test: every test: Swift unit, golden and conformance tests, then the browser tests
test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	scripts/check-liquid-conformance.sh
	python3 scripts/compare-with-jekyll.py $(STRATA) Tests/SiteTests/Fixtures/jekyll/*/
	@$(MAKE) --no-print-directory test-browser

## test-browser: the diagrams and the interactive explainer in headless Chromium
test-browser:
	rm -rf .build/test-diagrams
	$(STRATA) diagram content/dockerfiles/flask-app/Dockerfile content/dockerfiles/python-3.9-slim/Dockerfile \
		--write /usr/src/app/notes.txt --modify /etc/passwd --delete /etc/motd -o .build/test-diagrams
	python3 scripts/check-diagrams-in-chromium.py .build/test-diagrams --artifacts artifacts/diagrams
	python3 scripts/check-livereload-browser.py $(STRATA)
	$(STRATA) build --destination .build/test-site
	python3 scripts/browser-tests.py .build/test-site

release: deps
	$(SWIFT) build -c release --product strata
	$(SWIFT) build -c release --product StrataBench

## bench: whole builds against Jekyll and Hugo, preview edits, one post's render (see Benchmarks/RESULTS.md)
bench: release
	python3 scripts/bench_build.py --posts 1000 --runs 7
	scripts/bench-preview.sh .build/release/strata --posts 1000 --edits 20
	scripts/bench-liquid.sh

clean:
	rm -rf .build _site
