# Outcomes Dashboard: every set-up step lives here, so a fresh machine needs only
#   make serve   (install what is missing, build, serve the demo at http://127.0.0.1:8080)
#   make test    (install what is missing, run every test)
# Everything comes from crates.io, npm or Debian apt; nothing else is downloaded.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Locally installed tools first: Trunk must find wasm-opt 132 from npm (Debian's older one
# builds a broken app) and the wasm-bindgen CLI matching Cargo.lock.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CARGO_TERM_COLOR := never

TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
WASM_TARGET := wasm32-unknown-unknown
DEMO_FEED := assets/data/feed.json
# The national release (feed.json, summary.json, plans.json, districts/, measures/), stamped by its
# manifest, written last.
NATIONAL_RELEASE := build/national/manifest.json
FRONTEND := build/echarts.js build/main.css
CORE_SOURCES := $(shell find crates -name '*.rs' -o -name '*.tsv' -o -name Cargo.toml)

.PHONY: help serve dist bench lighthouse test lint test-native test-wasm test-e2e tools rust-tools node-tools browser clean

help:
	@echo "make serve   install what is missing, build, serve the demo at http://127.0.0.1:8080"
	@echo "make test    install what is missing, run every test (lint, native, wasm in Chromium, end-to-end)"
	@echo "make dist    release build into dist/"
	@echo "make bench   print sizes and timings (first view, core, browser, JS baseline)"

## The app -----------------------------------------------------------------------------------

# Trunk's dev server builds into its own folder: dist/ only ever holds the deployable build
# (with the post-build step that the strict Content-Security-Policy needs).
serve: tools $(FRONTEND) $(DEMO_FEED)
	trunk serve --release --address 127.0.0.1 --port 8080 --dist target/serve

dist: tools $(FRONTEND) $(DEMO_FEED)
	trunk build --release
	node scripts/externalize-loader.mjs dist

# ECharts: only the charts and components the app draws, bundled from the npm package.
build/echarts.js: assets/js/echarts-entry.js node_modules/.installed
	@mkdir -p build
	esbuild $< --bundle --minify --format=iife --target=es2020 --legal-comments=none --log-level=warning --outfile=$@

# GOV.UK Frontend styles, compiled with npm sass (Trunk's own Sass support downloads a binary).
build/main.css: $(wildcard assets/styles/*.scss) node_modules/.installed
	@mkdir -p build
	sass --pkg-importer=node --style=compressed --no-source-map --quiet-deps assets/styles/main.scss $@

# The embedded demonstration feed, generated deterministically by the CLI from the core.
$(DEMO_FEED): $(CORE_SOURCES)
	cargo run --quiet --release -p outcomes-cli -- demo --out assets/data

# Measurements (printed, never asserted): first-view sizes, native and browser timings.
bench: dist browser $(NATIONAL_RELEASE)
	node scripts/bench.mjs

# Lighthouse 12 (mobile, simulated throttling) on / and /journey against dist/ served by nginx.
lighthouse: dist browser
	node scripts/lighthouse.mjs

# The synthetic national-scale release (a feed of about 300 MB, its summary and one file per
# district and per measure, under build/, not committed), generated once and again when the core
# or the demo command changes: the feed is the generator's, protected by the publisher's code
# (publish/build.rs, secondary.rs), cut by release.rs and detail.rs. (It listed only the generator
# and the release layout until 2026-12-07, and `make bench` measured a release made before
# secondary suppression.) It is audited before it is written (about 10 of its 14 minutes, 11 GB).
$(NATIONAL_RELEASE): $(CORE_SOURCES) crates/outcomes-cli/src/demo_command.rs
	cargo run --quiet --release -p outcomes-cli -- demo --scale national --out $(@D)

## Tests ---------------------------------------------------------------------------------------

test: lint test-native test-wasm test-e2e
	@echo "make test: all passed"

lint: rust-tools build/echarts.js build/main.css
	node scripts/check-styles.mjs build/main.css
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p outcomes-dashboard --target $(WASM_TARGET) --all-targets -- -D warnings

test-native:
	cargo test --workspace

# Component tests compiled to wasm and run in headless Chromium by wasm-bindgen-test-runner.
test-wasm: rust-tools browser node-tools build/echarts.js
	cargo test -p outcomes-dashboard --target $(WASM_TARGET) --test web

# End-to-end: Playwright drives Debian's Chromium against the release build, served on loopback
# by real nginx with deploy/nginx-site.conf (CSP and all).
test-e2e: dist browser
	playwright test

## Tools ---------------------------------------------------------------------------------------

tools: rust-tools node-tools

rust-tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" || \
		cargo install --locked trunk --version $(TRUNK_VERSION)
	@# wasm-bindgen-cli cannot be installed --locked (a locked dependency is not on crates.io).
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
		cargo install --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

node-tools: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

browser:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	{ command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; } || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		echo "installing from Debian:$$missing"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf dist build assets/data target/playwright
