# MotCua build. One build system: this Makefile.
#
#   make            release build: build/release/motcua
#   make asan       the same code with AddressSanitizer + UBSan: build/asan/motcua
#   make run        install what is missing, build, create the demo database, serve
#   make test       install what is missing, build both flavours, run every test
#   make unit       unit tests only (release flavour)
#   make bench      benchmarks (see bench/README.md)
#
# Every src/**/*.c except src/main.c goes into libmotcua.a; every
# tests/unit/test_*.c becomes its own cmocka binary linked against it.

PKGS     := libmicrohttpd jansson sqlite3 libsodium libpq pangocairo cairo-pdf fontconfig libqrencode xlsxwriter libcurl
CC       ?= gcc
CSTD     := -std=c11 -D_GNU_SOURCE
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
GITREV   := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

FLAVOUR  ?= release
ifeq ($(FLAVOUR),asan)
  OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
else
  OPT := -O2 -g
endif

B        := build/$(FLAVOUR)
# The PostgreSQL backend is built in once its sources exist.  Decided before
# CFLAGS_ALL, which := expands at once.
ifneq ($(wildcard src/store/pg/*.c),)
  CFLAGS_PG := -DMOTCUA_WITH_PG
endif
CFLAGS_ALL := $(CSTD) $(WARN) $(OPT) -Isrc -I$(B)/gen $(PKG_CFLAGS) \
	-DMOTCUA_VERSION='"$(VERSION)"' -DMOTCUA_GITREV='"$(GITREV)"' $(CFLAGS_PG)
LDFLAGS_ALL := $(OPT)

# EXCLUDE: files left out of a development build (e.g. someone's unfinished module)
EXCLUDE  ?=
SRC      := $(filter-out src/main.c $(EXCLUDE),$(shell find src -name '*.c' | sort))
SQL      := $(sort $(wildcard src/store/sql/sqlite/*.sql))
PGSQL    := $(sort $(wildcard src/store/sql/postgres/*.sql))
GEN      := $(B)/gen/migrations_sqlite.c
ifneq ($(CFLAGS_PG),)
  GEN    += $(B)/gen/migrations_postgres.c
endif
OBJ      := $(SRC:%.c=$(B)/%.o) $(GEN:.c=.o)
STORE_TEST := $(if $(wildcard tests/store/*.c),$(B)/tests/store_contract)
LIB      := $(B)/libmotcua.a
BIN      := $(B)/motcua
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all asan run test unit deps clean bench
all: $(BIN)

asan:
	@$(MAKE) --no-print-directory FLAVOUR=asan all units

units: $(UNIT_BIN) $(STORE_TEST)

# Objects that test MOTCUA_WITH_PG are rebuilt when it flips (make does not
# track flags): a stamp named after its state.
PG_STAMP := $(B)/.with-pg-$(if $(CFLAGS_PG),yes,no)
$(PG_STAMP):
	@mkdir -p $(B); rm -f $(B)/.with-pg-*; touch $@
$(B)/src/store/store.o $(STORE_TEST): $(PG_STAMP)

$(B)/tests/store_contract: $(wildcard tests/store/*.c tests/store/*.h) $(LIB) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -Itests/store -o $@ $(filter %.c,$^) $(LIB) $(PKG_LIBS) -lcmocka

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(B)/gen/migrations_sqlite.c: $(SQL) tools/embed-sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed-sql.sh sqlite $(SQL) > $@

$(B)/gen/migrations_postgres.c: $(PGSQL) tools/embed-sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed-sql.sh postgres $(PGSQL) > $@

$(B)/gen/%.o: $(B)/gen/%.c
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(B)/src/main.o $(LIB)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(B)/tests/test_%: tests/unit/test_%.c $(LIB) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(LIB) $(PKG_LIBS) -lcmocka

unit: all units
	@sh tools/run-unit.sh $(B)

deps:
	@sh tools/install-deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	@sh tools/run-demo.sh $(BIN)

test:
	@sh tools/install-deps.sh --all
	@sh tools/test.sh

bench: deps
	@sh bench/run.sh

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(B)/src/main.d
