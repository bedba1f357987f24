#!/bin/sh
# test.sh - every test of MotCua, as `make test` and CI run them:
#   1. build the release and the sanitizer (ASan + UBSan) flavours;
#   2. unit tests (cmocka) in both flavours;
#   3. the store contract suite on SQLite and on a throwaway PostgreSQL, both flavours;
#   4. API tests against real server processes of both flavours (node --test);
#   5. browser tests in Debian's Chromium (playwright-core).
# Ends with one line "tests: N passed, N failed" and a non-zero exit on any failure.
set -u
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
PASS=0; FAIL=0; FAILED_STAGES=""
LOG=build/test-logs; mkdir -p "$LOG"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

stage() { printf '\n== %s\n' "$1"; }
record() { # record NAME PASSED FAILED
	PASS=$((PASS + $2)); FAIL=$((FAIL + $3))
	[ "$3" -gt 0 ] && FAILED_STAGES="$FAILED_STAGES $1"
	printf '%s: %s passed, %s failed\n' "$1" "$2" "$3"
}

# cmocka: count the "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)." lines
run_cmocka() { # run_cmocka NAME BINARY...
	name=$1; shift; p=0; f=0
	for t in "$@"; do
		[ -x "$t" ] || continue
		out="$LOG/$(basename "$t").$name.log"
		"$t" > "$out" 2>&1; rc=$?
		tp=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
		tf=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
		p=$((p + ${tp:-0})); f=$((f + ${tf:-0}))
		if [ "$rc" -ne 0 ]; then
			[ -z "$tf" ] && f=$((f + 1)) # crashed or sanitizer report: count it
			echo "--- $(basename "$t") ($name) failed:"; tail -40 "$out"
		fi
	done
	record "$name" "$p" "$f"
}

# node --test prints "# pass N" and "# fail N"
run_node() { # run_node NAME BINARY FILES...
	name=$1; bin=$2; shift 2
	out="$LOG/$name.log"
	MOTCUA_BIN="$bin" node --test --test-concurrency=1 "$@" > "$out" 2>&1; rc=$?
	p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$out" | tail -1)
	f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$out" | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ "$rc" -ne 0 ]; then
		[ "$f" -eq 0 ] && f=1
		grep -B2 -A30 '^not ok' "$out" | head -150
		tail -20 "$out"
	fi
	record "$name" "$p" "$f"
}

stage "build (release and asan)"
if ! make -s -j"$JOBS" all units > "$LOG/build-release.log" 2>&1; then
	cat "$LOG/build-release.log"; echo "tests: 0 passed, 1 failed"; exit 1
fi
if ! make -s -j"$JOBS" FLAVOUR=asan all units > "$LOG/build-asan.log" 2>&1; then
	cat "$LOG/build-asan.log"; echo "tests: 0 passed, 1 failed"; exit 1
fi

stage "unit tests"
run_cmocka unit-release build/release/tests/test_*
run_cmocka unit-asan build/asan/tests/test_*

stage "store contract"
MOTCUA_TEST_BACKEND=sqlite run_cmocka store-sqlite-release build/release/tests/store_contract
MOTCUA_TEST_BACKEND=sqlite run_cmocka store-sqlite-asan build/asan/tests/store_contract
PGDIR=""
if [ -x tools/pg-cluster.sh ] && [ -x /usr/lib/postgresql/15/bin/initdb ]; then
	PGDIR=$(mktemp -d /tmp/motcua-pg-XXXXXX)
	if PGCONN=$(sh tools/pg-cluster.sh start "$PGDIR" 2> "$LOG/pg-cluster.log"); then
		export MOTCUA_TEST_PG="$PGCONN"
		MOTCUA_TEST_BACKEND=postgres run_cmocka store-postgres-release build/release/tests/store_contract
		MOTCUA_TEST_BACKEND=postgres run_cmocka store-postgres-asan build/asan/tests/store_contract
	else
		cat "$LOG/pg-cluster.log"; record pg-cluster 0 1
	fi
fi

stage "API tests (real server processes)"
API_FILES=$(ls tests/api/*.test.mjs)
run_node api-release build/release/motcua $API_FILES
run_node api-asan build/asan/motcua $API_FILES
if [ -n "${MOTCUA_TEST_PG:-}" ] && ls tests/api/*.pg.mjs > /dev/null 2>&1; then
	run_node api-postgres build/release/motcua tests/api/*.pg.mjs
	run_node api-postgres-asan build/asan/motcua tests/api/*.pg.mjs
fi

if ls tests/e2e/*.test.mjs > /dev/null 2>&1; then
	stage "browser tests (Chromium)"
	if [ -x /usr/bin/chromium ] && [ -d node_modules/playwright-core ]; then
		run_node e2e build/release/motcua tests/e2e/*.test.mjs
	else
		echo "chromium or playwright-core missing: run 'sh tools/install-deps.sh --e2e'"
		record e2e 0 1
	fi
fi

[ -n "$PGDIR" ] && sh tools/pg-cluster.sh stop "$PGDIR" > /dev/null 2>&1

echo
[ -n "$FAILED_STAGES" ] && echo "failed stages:$FAILED_STAGES"
echo "tests: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
