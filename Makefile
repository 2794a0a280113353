# driftwatch: the newcomer's two commands are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libgsl-dev libopenblas-dev libsqlite3-dev libcurl4-openssl-dev pkg-config time systemd
BIN := .build/release/driftwatch
BENCH_DIR := bench-data
PYTHON ?= python3

.PHONY: all deps test-deps build test faults lint demo bench bench-postgres quiet quiet-bound bench-http bench-dashboard bench-fligner golden examples clean install \
  uninstall fuzz fuzz-build fuzz-ci sanitize sanitize-address sanitize-thread

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

# Servers and programs the tests start themselves (never as system services): aiosmtpd (the
# SMTP receiver, Python), PostgreSQL 15 (Debian's postgresql; postgres_fdw ships in it; the tests
# run initdb in a temporary folder on a loopback port as the postgres user, so the service the
# package starts is stopped here), Prometheus and Alertmanager (scraping and receiving from a
# real serve), openssl (test certificates), Debian's Chromium (browser tests, headless), and the
# OpenAPI check's Python modules.
TEST_APT_PACKAGES := postgresql prometheus prometheus-alertmanager openssl chromium

test-deps: deps
	@$(PYTHON) -c "import aiosmtpd" 2>/dev/null || $(PYTHON) -m pip install -q aiosmtpd
	@missing=""; for p in $(TEST_APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  for s in postgresql prometheus prometheus-alertmanager; do $(SUDO) service $$s stop >/dev/null 2>&1 || true; done; \
	fi
	@$(PYTHON) -c "import yaml, jsonschema" 2>/dev/null || $(PYTHON) -m pip install -q pyyaml jsonschema

test: test-deps lint
	$(SWIFT) build --build-tests
	@# One test at a time: the tests start real servers and processes with timing bounds, and
	@# parallel suites on 2 cores starve the cooperative thread pool (about 1 minute in all).
	$(SWIFT) test --skip-build --no-parallel

# The fault suites alone (also part of `make test`): SIGKILL loop, disk full, locked, deleted
# and read-only database, baseline replaced, webhook receiver faults, clock jumps. Disk full and
# read-only need root (tmpfs mount, chattr +i); without it they are skipped with the reason.
FAULT_SUITES := KillLoopFaultTests|DiskFullFaultTests|DatabaseFaultTests|BaselineFaultTests|ReceiverFaultTests|ClockJumpFaultTests

faults: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel --filter '$(FAULT_SUITES)'

# The whole test suite under AddressSanitizer (with LeakSanitizer), then ThreadSanitizer, each
# in its own build folder; the CLI tests start the sanitized driftwatch of that folder. Reports
# fail the run (halt_on_error). sanitizers/*.supp hold the suppressions, each with its reason.
# Measured figures and how often to run it: CONTRIBUTING.md, "Sanitizers".
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
	  '      - { name: joint-drift, when: { magnitude_above: 25 }, for: 2, severity: warning, notify: [demo-log] }' \
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
	@echo "== driftwatch history --dataset: drift magnitude and reconstruction error per window"
	$(BIN) history --config $(DEMO)/driftwatch.yaml --monitor credit-model --dataset --since 2026-11-01T21:00:00Z --until 2026-11-02T03:00:00Z
	@echo
	@echo "== driftwatch alerts: the rules fire after 2 drifted windows and resolve on day 3"
	$(BIN) alerts --config $(DEMO)/driftwatch.yaml
	@echo
	@echo "== what the command notifier received ($(DEMO)/alerts.jsonl)"
	@cut -c1-160 $(DEMO)/alerts.jsonl
	@echo
	@echo "== the same as pages to look at: driftwatch report and compare --format html"
	$(BIN) report --config $(DEMO)/driftwatch.yaml --monitor credit-model --since 2026-11-01 --until 2026-11-04 -o $(DEMO)/report.html
	$(BIN) compare baselines/credit-baseline.csv baselines/credit-target.csv --format html -q > $(DEMO)/compare.html
	@echo "open file://$(CURDIR)/$(DEMO)/report.html (history) and file://$(CURDIR)/$(DEMO)/compare.html (one comparison) in a browser"
	@echo "== the HTTP listener (docs/http.md): add  http: { listen: 127.0.0.1:9184 }  to"
	@echo "   $(DEMO)/driftwatch.yaml, run  $(BIN) serve --config $(DEMO)/driftwatch.yaml --now $(DEMO_NOW)"
	@echo "   and try:"
	@echo "  curl -s http://127.0.0.1:9184/healthz"
	@echo "  curl -s http://127.0.0.1:9184/readyz"
	@echo "  curl -s http://127.0.0.1:9184/api/v1/monitors"
	@echo "  curl -s 'http://127.0.0.1:9184/api/v1/monitors/credit-model/history?since=2026-11-02&feature=region&drifted_only=true'"
	@echo "  curl -s 'http://127.0.0.1:9184/api/v1/monitors/credit-model/dataset-history?since=2026-11-01&limit=5'"
	@echo "  curl -s http://127.0.0.1:9184/api/v1/alerts"
	@echo "  curl -s http://127.0.0.1:9184/metrics | grep '^driftwatch_monitor'"
	@echo "   and open the dashboard at http://127.0.0.1:9184/dashboard (docs/dashboard.md)"

# 1,000,000 rows x 20 features per side; driftwatch and a pandas + scipy script side by side.
bench: build
	$(SWIFT) build -c release --product driftwatch-bench
	@$(PYTHON) -c "import pandas, scipy" 2>/dev/null || $(PYTHON) -m pip install -q pandas scipy
	@mkdir -p $(BENCH_DIR)
	@# baseline.jsonl: only the full-precision generator writes it (older data is made again).
	@[ -f $(BENCH_DIR)/baseline.jsonl ] || $(PYTHON) scripts/bench/make_data.py $(BENCH_DIR)
	$(PYTHON) scripts/bench/run.py --driftwatch $(BIN) --data $(BENCH_DIR)

# One window of 10,000,000 rows x 20 features in PostgreSQL 15 (docs/postgres.md, "Benchmark"):
# driftwatch pull (and pushdown, when the build has it) on a plain server and on a sharded set
# of three, beside pandas read_sql + scipy; time and bytes received. Starts its own servers as
# the postgres user; needs root (or the postgres user) and about 15 GB of free disk.
BENCH_POSTGRES_OPTIONS ?=
bench-postgres: build test-deps
	@$(PYTHON) -c "import pandas, scipy, sqlalchemy, psycopg2" 2>/dev/null || \
	  $(PYTHON) -m pip install -q pandas scipy sqlalchemy psycopg2-binary
	$(PYTHON) scripts/bench/postgres.py --driftwatch $(BIN) $(BENCH_POSTGRES_OPTIONS)

# The measured false-alarm and power table of the default decision rule (docs/deciding-drift.md):
# seeded, in-process through the evaluator; a few minutes in a release build on 2 cores.
QUIET_OPTIONS ?=
quiet: deps
	$(SWIFT) build -c release --product driftwatch-bench
	.build/release/driftwatch-bench quiet $(QUIET_OPTIONS) --out docs/decision-rule-table.md

# What no test can reach (docs/deciding-drift.md, "Out of reach"): the power bound for 10 % of
# mass moved on equally likely and on Zipf categories and for a mean shift; seeded, numpy/scipy,
# ~5 minutes (frequency_order.py: which frequency-order test the default rule runs).
quiet-bound:
	$(PYTHON) scripts/quiet/uniform_bound.py
	$(PYTHON) scripts/quiet/zipf_bound.py
	$(PYTHON) scripts/quiet/frequency_order.py

# The HTTP listener's figures (docs/http.md): /metrics for 20 monitors x 50 features x 4 tests,
# API latency p50/p99 with 8 concurrent clients (wrk) over a year of hourly windows, idle RSS.
bench-http: build
	$(SWIFT) build -c release --product driftwatch-bench
	@command -v wrk >/dev/null || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
	.build/release/driftwatch-bench metrics
	$(PYTHON) scripts/bench/http.py --driftwatch $(BIN) --bench .build/release/driftwatch-bench

# The dashboard's server time per page (docs/dashboard.md): a year of hourly windows of 20
# features in a real store, every page type timed in a release build (median and p95).
bench-dashboard: deps
	$(SWIFT) build -c release --product driftwatch-bench
	.build/release/driftwatch-bench pages

# fligner alone (docs/performance.md, "Seventh round"): the test on a million values a side, and
# an evaluation of 8 features with one N (a shared score table) and with eight.
bench-fligner: deps
	$(SWIFT) build -c release --product driftwatch-bench
	.build/release/driftwatch-bench fligner

# libFuzzer targets (CONTRIBUTING.md, "Fuzzing"): the CSV and JSON Lines readers, the configuration loader
# and the notification payload, built with -sanitize=fuzzer,address into their own scratch path
# (never the normal .build), then run FUZZ_SECONDS each on a copy of Fuzz/corpus/. Fails on any
# crash, hang or out-of-memory; the input is kept in $(FUZZ_BUILD)/fuzz-findings/.
FUZZ_SECONDS ?= 300
FUZZ_BUILD := .build-fuzz
FUZZ_PRODUCTS := FuzzCSV FuzzJSONL FuzzConfig FuzzPayload

fuzz-build: deps
	@# ld.gold warns once per ASan symbol it cannot export; the warnings are harmless noise.
	@for product in $(FUZZ_PRODUCTS); do \
	  DRIFTWATCH_FUZZ=1 $(SWIFT) build --scratch-path $(FUZZ_BUILD) \
	    -Xswiftc -sanitize=fuzzer,address --product $$product 2>&1 \
	    | grep -v "ld.gold: warning: Cannot export local symbol"; \
	  [ $${PIPESTATUS[0]} -eq 0 ] || exit 1; \
	done

fuzz: fuzz-build
	scripts/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BUILD)

# The short run CI does after `make test`.
fuzz-ci:
	$(MAKE) fuzz FUZZ_SECONDS=60

# Regenerates the golden vectors from scipy (committed; the tests only read them).
golden:
	$(PYTHON) scripts/golden/continuous.py
	$(PYTHON) scripts/golden/binned.py
	$(PYTHON) scripts/golden/frequency_order.py
	@$(PYTHON) -c "import mpmath" 2>/dev/null || $(PYTHON) -m pip install -q mpmath
	$(PYTHON) scripts/golden/p_combination.py
	@$(PYTHON) -c "import sklearn" 2>/dev/null || $(PYTHON) -m pip install -q scikit-learn
	$(PYTHON) scripts/golden/multivariate.py

examples:
	$(PYTHON) scripts/make_examples.py baselines

clean:
	rm -rf .build .build-asan .build-tsan $(FUZZ_BUILD) $(BENCH_DIR)
