# Thin wrapper over meson: every target installs what it needs first.
BUILDDIR ?= _build
ASANDIR ?= _build-asan
MESON_OPTS ?=

.PHONY: all deps build run test bench server clean

all: build

deps:
	@sh .ci/deps

build: deps
	@if [ ! -f $(BUILDDIR)/build.ninja ]; then meson setup $(BUILDDIR) $(MESON_OPTS); fi
	@meson compile -C $(BUILDDIR)

# The app on the demo library in the user's data dir (~/.local/share/coachbook).
run: build
	GSETTINGS_SCHEMA_DIR=$(CURDIR)/$(BUILDDIR)/data ./$(BUILDDIR)/app/coachbook $(ARGS)

# The whole suite, plus the unit tests again under ASan+UBSan.
test: build
	@BUILDDIR=$(BUILDDIR) ASANDIR=$(ASANDIR) sh tests/run-suite.sh

# A complete local team stack in the foreground: PostgreSQL, blob storage and
# the sync server; prints URL=, EMAIL=, PASSWORD=, MAILDIR= and runs until Ctrl+C.
server: build
	@sh sync-server/dev-stack.sh $(BUILDDIR)

bench: build
	@sh tests/bench/run-bench.sh $(BUILDDIR)

clean:
	rm -rf $(BUILDDIR) $(ASANDIR)

# Many more seeds of the sync chaos simulation than the suite runs:
# `make soak SOAK_SEEDS=20000 SOAK_FIRST_SEED=5001`; a failure names the
# seed, which `SIM_SEED=N meson test -C $(BUILDDIR) test-sync-chaos` replays.
SOAK_SEEDS ?= 5000
SOAK_FIRST_SEED ?= 1
.PHONY: soak
soak: build
	SIM_SEEDS=$(SOAK_SEEDS) SIM_FIRST_SEED=$(SOAK_FIRST_SEED) meson test -C $(BUILDDIR) --timeout-multiplier 0 \
	  --print-errorlogs test-sync-chaos
