# Vigie: the two commands of the README are `make demo` and `make test`.
# Both install what the machine lacks first (PostgreSQL server), then build.

SWIFT   ?= swift
PREFIX  ?= /usr/local
CONFIG  ?= release
ARGS    ?=

.PHONY: all deps build demo test install clean

all: build

## Install missing system packages (PostgreSQL server) with apt-get.
deps:
	@bash Tools/install-deps.sh

## Build the vigie binary in release mode.
build: deps
	$(SWIFT) build -c $(CONFIG) --product vigie

## Run the whole pipeline on the sample corpus and serve the API (ARGS=--no-serve to stop after the table).
demo: build
	$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/vigie demo $(ARGS)

## Run every test against a throwaway PostgreSQL cluster the tests start themselves.
test: deps
	$(SWIFT) test

## Install the binary and its resource bundles under $(PREFIX)/bin.
install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $$($(SWIFT) build -c $(CONFIG) --show-bin-path)/vigie $(DESTDIR)$(PREFIX)/bin/vigie
	cp -R $$($(SWIFT) build -c $(CONFIG) --show-bin-path)/*.resources $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf .build
