# driftwatch: the newcomer's two commands are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libgsl-dev libsqlite3-dev libcurl4-openssl-dev pkg-config time systemd
BIN := .build/release/driftwatch
BENCH_DIR := bench-data
PYTHON ?= python3

.PHONY: all deps test-deps build test lint demo bench golden examples clean install uninstall \
	sanitize sanitize-address sanitize-thread

all: build

# Installs the C libraries and tools the build needs, only when something is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product driftwatch

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

# Python packages the tests start as real servers (aiosmtpd: the SMTP receiver).
test-deps: deps
	@$(PYTHON) -c "import aiosmtpd" 2>/dev/null || $(PYTHON) -m pip install -q aiosmtpd

test: test-deps lint
	$(SWIFT) build --build-tests
	@# One test at a time: the tests start real servers and processes with timing bounds, and
	@# parallel suites on 2 cores starve the cooperative thread pool (about 1 minute in all).
	$(SWIFT) test --skip-build --no-parallel

# The whole test suite under AddressSanitizer (with LeakSanitizer), then ThreadSanitizer, each
# in its own build folder; the CLI tests start the sanitized driftwatch of that folder. Reports
# fail the run (halt_on_error). sanitizers/*.supp hold the suppressions, each with its reason.
# Measured figures and how often to run it: README.md, "Sanitizers".
SAN_COMMON := halt_on_error=1:print_summary=1
export ASAN_OPTIONS ?= $(SAN_COMMON):detect_leaks=1:detect_stack_use_after_return=0
export LSAN_OPTIONS ?= suppressions=$(CURDIR)/sanitizers/lsan.supp:print_suppressions=0
export TSAN_OPTIONS ?= $(SAN_COMMON):second_deadlock_stack=1:suppressions=$(CURDIR)/sanitizers/tsan.supp

sanitize: sanitize-address sanitize-thread

sanitize-address: test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan --no-parallel

sanitize-thread: test-deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --no-parallel

# Installs the release binary, the systemd unit, an example configuration (kept when one
# exists) and the alert files. `make install PREFIX=/usr DESTDIR=pkg/` for packaging.
PREFIX ?= /usr/local
DESTDIR ?=
SYSCONFDIR ?= /etc
UNITDIR ?= /etc/systemd/system
INSTALL ?= install
CONF_DIR := $(DESTDIR)$(SYSCONFDIR)/driftwatch

install: build
	$(INSTALL) -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/driftwatch
	$(INSTALL) -d -m 0755 $(DESTDIR)$(UNITDIR) $(CONF_DIR)
	sed 's|/usr/local/bin/driftwatch|$(PREFIX)/bin/driftwatch|; s|/etc/driftwatch/|$(SYSCONFDIR)/driftwatch/|' \
	  systemd/driftwatch.service > $(DESTDIR)$(UNITDIR)/driftwatch.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/driftwatch.service
	@if [ -e $(CONF_DIR)/driftwatch.yaml ]; then \
	  echo "keeping the existing $(CONF_DIR)/driftwatch.yaml"; \
	else \
	  $(INSTALL) -m 0644 systemd/driftwatch.example.yaml $(CONF_DIR)/driftwatch.yaml; \
	fi
	@if [ -d alerts ] && [ -n "$$(ls -A alerts)" ]; then \
	  $(INSTALL) -d -m 0755 $(CONF_DIR)/alerts && \
	  $(INSTALL) -m 0644 alerts/* $(CONF_DIR)/alerts/; \
	fi
	@[ -n "$(DESTDIR)" ] || ! command -v systemctl >/dev/null || systemctl daemon-reload || true
	@echo "installed; next: edit $(SYSCONFDIR)/driftwatch/driftwatch.yaml, then systemctl enable --now driftwatch"

# Removes what install put in place, except a configuration that was edited since.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/driftwatch $(DESTDIR)$(UNITDIR)/driftwatch.service
	@if [ -d alerts ]; then for f in alerts/*; do [ -e "$$f" ] && rm -f $(CONF_DIR)/alerts/$$(basename $$f); done; fi; true
	-rmdir $(CONF_DIR)/alerts 2>/dev/null
	@if cmp -s systemd/driftwatch.example.yaml $(CONF_DIR)/driftwatch.yaml; then \
	  rm -f $(CONF_DIR)/driftwatch.yaml; \
	elif [ -e $(CONF_DIR)/driftwatch.yaml ]; then \
	  echo "keeping the edited $(CONF_DIR)/driftwatch.yaml"; \
	fi
	-rmdir $(CONF_DIR) 2>/dev/null
	@[ -n "$(DESTDIR)" ] || ! command -v systemctl >/dev/null || systemctl daemon-reload || true
	@echo "the database in /var/lib/driftwatch (or /var/lib/private/driftwatch) is kept"

DEMO := demo-out
DEMO_NOW := 2026-11-04T00:15:00Z

# The daemon on bundled data: 72 hourly windows of a credit model's inputs, drift on day 2 only,
# an alert rule that fires and resolves, delivered by a command notifier into a file.
demo: build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	@printf '%s\n' \
	  'storage: { path: driftwatch.db }' \
	  'notifiers:' \
	  '  demo-log: { type: command, command: [/bin/sh, -c, "cat >> $(CURDIR)/$(DEMO)/alerts.jsonl; echo >> $(CURDIR)/$(DEMO)/alerts.jsonl"] }' \
	  'monitors:' \
	  '  - name: credit-model' \
	  '    baseline: { path: ../baselines/credit-baseline.csv }' \
	  '    target: { files: "../baselines/inference/*.csv", timestamp_column: ts }' \
	  '    schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 72 }' \
	  '    alerts:' \
	  '      - { name: region-drift, when: feature_drifted, features: [region, income], for: 2, severity: critical, notify: [demo-log] }' \
	  > $(DEMO)/driftwatch.yaml
	@echo "== driftwatch compare: training data vs. one batch of inference inputs"
	$(BIN) compare baselines/credit-baseline.csv baselines/credit-target.csv
	@echo
	@echo "== driftwatch config check, then run-once over 72 hourly windows (as of $(DEMO_NOW))"
	$(BIN) config check $(DEMO)/driftwatch.yaml
	$(BIN) run-once --config $(DEMO)/driftwatch.yaml --now $(DEMO_NOW) --log-level warning
	@echo
	@echo "== driftwatch status"
	$(BIN) status --config $(DEMO)/driftwatch.yaml
	@echo
	@echo "== driftwatch history (drift planted from 2026-11-02T00:00Z to 2026-11-03T00:00Z)"
	$(BIN) history --config $(DEMO)/driftwatch.yaml --monitor credit-model --since 2026-11-01 --until 2026-11-04
	@echo
	@echo "== driftwatch alerts: the rule fires after 2 drifted windows and resolves on day 3"
	$(BIN) alerts --config $(DEMO)/driftwatch.yaml
	@echo
	@echo "== what the command notifier received ($(DEMO)/alerts.jsonl)"
	@cut -c1-160 $(DEMO)/alerts.jsonl

# 1,000,000 rows x 20 features per side; driftwatch and a pandas + scipy script side by side.
bench: build
	$(SWIFT) build -c release --product driftwatch-bench
	@$(PYTHON) -c "import pandas, scipy" 2>/dev/null || $(PYTHON) -m pip install -q pandas scipy
	@mkdir -p $(BENCH_DIR)
	@[ -f $(BENCH_DIR)/baseline.csv ] || $(PYTHON) scripts/bench/make_data.py $(BENCH_DIR)
	$(PYTHON) scripts/bench/run.py --driftwatch $(BIN) --data $(BENCH_DIR)

# Regenerates the golden vectors from scipy (committed; the tests only read them).
golden:
	$(PYTHON) scripts/golden/continuous.py
	$(PYTHON) scripts/golden/binned.py

examples:
	$(PYTHON) scripts/make_examples.py baselines

clean:
	rm -rf .build .build-asan .build-tsan $(BENCH_DIR)
