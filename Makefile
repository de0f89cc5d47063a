# sqlshape build. `make` builds build/sqlshape; `make asan check` builds and tests with
# AddressSanitizer + UndefinedBehaviorSanitizer in build/asan; `make check` runs every test
# (starting throwaway MariaDB and PostgreSQL servers); `make demo` shows sqlshape on a throwaway
# server. Generated sources (re2c, lemon) go to $(BUILD)/gen and are never committed.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
CC ?= cc
BUILD := build
SANFLAGS :=
ifneq ($(filter asan,$(MAKECMDGOALS)),)
BUILD := build/asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

PKGS := libmariadb libpq libcjson yaml-0.1 inih libprotobuf-c
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpg_query

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wvla -Wwrite-strings -Wundef -Wpointer-arith -Wimplicit-fallthrough \
	-Wcast-align -Wold-style-definition -Wmissing-declarations
CSTD := -std=c11
OPT ?= -O2 -g
CPPFLAGS := -I. -I$(BUILD)/gen -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(PKG_CFLAGS)
CFLAGS := $(CSTD) $(OPT) $(WARN) $(SANFLAGS)
LDFLAGS := $(SANFLAGS)
LDLIBS := $(PKG_LIBS) -lm
# Generated code is ours to compile but not ours to write: same standard, fewer warnings.
GEN_CFLAGS := $(CSTD) $(OPT) -Wall -Werror -Wno-unused-parameter -Wno-unused-variable \
	-Wno-unused-but-set-variable -Wno-unused-function $(SANFLAGS)

LIB_SRC := $(filter-out core/main.c,$(wildcard core/*.c parser/*.c diff/*.c planner/*.c executor/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)

# The MySQL front end's generated sources, once the grammar exists.
ifneq ($(wildcard grammar/mysql.y),)
GEN_OBJ := $(BUILD)/obj/gen/grammar/mysql.o $(BUILD)/obj/gen/grammar/mysql_lex.o
GEN_HDR := $(BUILD)/gen/grammar/mysql.h
else
GEN_OBJ :=
GEN_HDR :=
endif

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_SUPPORT_SRC := $(wildcard tests/support/*.c)
TEST_SUPPORT_OBJ := $(TEST_SUPPORT_SRC:%.c=$(BUILD)/obj/%.o)
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)

.PHONY: all asan check unit clean demo fuzz fuzz-run bench bench-osc peer peer-pg golden-update install uninstall tests
.DEFAULT_GOAL := all

all: $(BUILD)/sqlshape
asan: $(BUILD)/sqlshape

$(BUILD)/sqlshape: $(BUILD)/obj/core/main.o $(BUILD)/libsqlshape.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libsqlshape.a: $(LIB_OBJ) $(GEN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/%.o: %.c $(GEN_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# lemon: exits non-zero on any conflict, which fails the build.
# Generated files live under gen/grammar/ and are included as "grammar/mysql.h", so that the
# grammar's header never shadows the client library's <mysql.h>. One lemon run writes both
# files (grouped target: make -j must not run it twice at once).
$(BUILD)/gen/grammar/mysql.c $(BUILD)/gen/grammar/mysql.h &: grammar/mysql.y
	@mkdir -p $(BUILD)/gen/grammar
	lemon -q -T/usr/share/lemon/lempar.c -d$(BUILD)/gen/grammar grammar/mysql.y

$(BUILD)/gen/grammar/mysql_lex.c: grammar/mysql_lex.re $(BUILD)/gen/grammar/mysql.h
	@mkdir -p $(BUILD)/gen/grammar
	re2c -W -Werror --no-generation-date -o $@ grammar/mysql_lex.re

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(TEST_SUPPORT_OBJ) $(BUILD)/libsqlshape.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(TEST_SUPPORT_OBJ) $(BUILD)/libsqlshape.a $(LDFLAGS) $(LDLIBS) -lcmocka

$(BUILD)/tools/%: tests/tools/%.c $(TEST_SUPPORT_OBJ) $(BUILD)/libsqlshape.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(TEST_SUPPORT_OBJ) $(BUILD)/libsqlshape.a $(LDFLAGS) $(LDLIBS)

# Fuzz targets: replayed over their corpus by gcc builds in `make check`; `make fuzz` builds the
# libFuzzer binaries with clang into build/fuzz, `make fuzz-run FUZZ_SECONDS=N` runs each.
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/replay/%)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_SECONDS ?= 60

$(BUILD)/replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libsqlshape.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< tests/fuzz/replay.c $(BUILD)/libsqlshape.a $(LDFLAGS) $(LDLIBS)

fuzz:
	$(MAKE) CC=clang BUILD=build/fuzz SANFLAGS="-fsanitize=fuzzer-no-link,address,undefined" build/fuzz/libsqlshape.a
	@for t in $(FUZZ_SRC); do n=$$(basename $$t .c); echo "clang $$n"; \
	  clang $(CPPFLAGS:$(BUILD)/gen=build/fuzz/gen) -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
	    -o build/fuzz/$$n $$t build/fuzz/libsqlshape.a $(LDLIBS) || exit 1; done

fuzz-run: fuzz
	@for n in $(notdir $(FUZZ_BIN)); do c=tests/fuzz/corpus/$${n#fuzz_}; mkdir -p $$c build/fuzz/new-$$n; \
	  echo "fuzzing $$n for $(FUZZ_SECONDS) s"; \
	  build/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	    -dict=tests/fuzz/mysql.dict build/fuzz/new-$$n $$c || exit 1; done

tests: $(BUILD)/sqlshape $(UNIT_BIN) $(TOOL_BIN) $(REPLAY_BIN)

# Every test: unit, golden, fuzz-corpus replay, live (throwaway servers), real schemas.
check: tests
	@tests/run-all.sh $(BUILD)

unit: tests
	@tests/run-all.sh $(BUILD) unit

# Rewrite the expected output of the error goldens; review with git diff.
golden-update: tests
	tests/golden/run.sh $(BUILD) --update

# A throwaway MariaDB with the sample shop schema, and what sqlshape shows of it.
demo: $(BUILD)/sqlshape
	@tests/harness/demo.sh $(BUILD)

# Every tests/bench/*.sh BUILD in turn (export_2000.sh: export of a generated 2,000-table
# database beside mariadb-dump --no-data).
bench: $(BUILD)/sqlshape $(TOOL_BIN)
	@for b in tests/bench/*.sh; do echo "== $$b"; $$b $(BUILD) || exit 1; done

# The online copy benchmark (tests/bench/osc/run.sh): sqlshape's online copy, pt-online-schema-change
# and a blocking ALTER ... ALGORITHM=COPY under the same sysbench load; needs sysbench and
# percona-toolkit. Not part of `make bench` (it takes minutes and loads the machine).
bench-osc: $(BUILD)/sqlshape
	@tests/bench/osc/run.sh $(BUILD)

# sqldef's MySQL suite, checked by convergence on a throwaway MariaDB (tests/peer/run.sh).
peer: tests
	@tests/peer/run.sh $(BUILD)

# sqldef's PostgreSQL suite (psqldef), the same way on a throwaway PostgreSQL 15
# (tests/peer/run_pg.sh). `make peer` runs the MySQL suite; `make peer-pg` this one.
peer-pg: tests
	@tests/peer/run_pg.sh $(BUILD)

# `make install PREFIX=/usr/local` (the default) installs the binary and the man page;
# DESTDIR stages them elsewhere (packaging). `make uninstall` removes exactly those two files.
install: $(BUILD)/sqlshape
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/sqlshape $(DESTDIR)$(BINDIR)/sqlshape
	install -m 644 man/sqlshape.1 $(DESTDIR)$(MANDIR)/man1/sqlshape.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sqlshape $(DESTDIR)$(MANDIR)/man1/sqlshape.1

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
