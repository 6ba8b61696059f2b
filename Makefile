# Vigie: the two commands of the README are `make demo` and `make test`.
# Both install what the machine lacks first (PostgreSQL server; libxml2 for the tests), then build.

SWIFT   ?= swift
PREFIX  ?= /usr/local
CONFIG  ?= release
ARGS    ?=
FEED_ARGS     ?=
CLASSIFY_ARGS ?=
INGEST_ARGS   ?=
COLLECT_ARGS  ?=

.PHONY: all deps bench-deps build demo test bench install clean

all: build

## Install missing system packages (PostgreSQL server) with apt-get.
deps:
	@bash Tools/install-deps.sh

## The same, and libxml2, which vigie-bench's XMLParser baseline loads (vigie does not).
bench-deps:
	@bash Tools/install-deps.sh --bench

## Build the vigie binary in release mode.
build: deps
	$(SWIFT) build -c $(CONFIG) --product vigie

## Run the whole pipeline on the sample corpus and serve the API (ARGS=--no-serve to stop after the table).
demo: build
	$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/vigie demo $(ARGS)

## Run every test against a throwaway PostgreSQL cluster the tests start themselves.
## The tests build vigie-bench too, hence libxml2. The suites that time network events
## against their timeouts run in a process of their own, after the others: in one process,
## the CPU-bound parser and classifier suites hold the cooperative threads their awaits
## resume on, and a refusal decided in microseconds was seen to resume minutes later.
TIMED_SUITES ?= VigieFetchTests|ClassifyWakeTests|VigieDemoSiteTests
test: bench-deps
	$(SWIFT) test --skip '$(TIMED_SUITES)'
	$(SWIFT) test --skip-build --filter '$(TIMED_SUITES)'

## Build vigie-bench and vigie in release and run the feed, classifier, ingest and collector
## benchmarks (FEED_ARGS="--feeds DIR", CLASSIFY_ARGS="--end-to-end-posts 10000",
## INGEST_ARGS="--rounds 5", COLLECT_ARGS="--sources 1000" and the like).
bench: bench-deps
	$(SWIFT) build -c release --product vigie-bench
	$(SWIFT) build -c release --product vigie
	$$($(SWIFT) build -c release --show-bin-path)/vigie-bench feed $(FEED_ARGS)
	$$($(SWIFT) build -c release --show-bin-path)/vigie-bench classify $(CLASSIFY_ARGS)
	$$($(SWIFT) build -c release --show-bin-path)/vigie-bench ingest $(INGEST_ARGS)
	$$($(SWIFT) build -c release --show-bin-path)/vigie-bench collect $(COLLECT_ARGS)

## Install the binary and its resource bundles under $(PREFIX)/bin.
install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $$($(SWIFT) build -c $(CONFIG) --show-bin-path)/vigie $(DESTDIR)$(PREFIX)/bin/vigie
	cp -R $$($(SWIFT) build -c $(CONFIG) --show-bin-path)/*.resources $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf .build
