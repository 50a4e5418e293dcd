SWIFT ?= swift
.PHONY: build

## build: compile
build: deps
	$(SWIFT) build --product strata
	@echo "done $@"
