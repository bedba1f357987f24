#!/bin/sh
# bench/run.sh - MotCua benchmarks (see bench/README.md).
#
#   sh bench/run.sh                 every benchmark (what `make bench` runs)
#   sh bench/run.sh search units    only these (the baseline always runs too)
#   sh bench/run.sh --list          the benchmark names
#
# Builds the release binary, creates a temporary database with the demo
# district, starts `motcua serve` on a free loopback port, runs each
# benchmark for a bounded time or count, prints a table of requests/s,
# p50/p99 latency and the ratio to the baseline measured in the same run,
# writes bench/results/latest.md, stops the server and removes the database.
# Exits non-zero if any answer was not the expected one (non-200, empty
# search, `Connection: close`, socket errors) or the server ended badly.
#
# Knobs (environment):
#   BENCH_DURATION=5    seconds per wrk run          BENCH_WARMUP=1  seconds of warm-up before each
#   BENCH_THREADS=2     wrk threads                  BENCH_CONNS=32  wrk connections (<= 64 with
#                                                    the warm-up: the server allows 64 per address)
#   BENCH_TIMEOUT=10s   wrk --timeout (a slower answer counts as an error)
#   BENCH_SERVER_THREADS=2  motcua serve --threads   BENCH_SCALE=2000 procedures for search_2000
#   BENCH_LOGIN_N=20    sign-ins per login row       BENCH_LOGIN_C=2 concurrent sign-ins
#   BENCH_OUT=bench/results/latest.md                BENCH_NO_BUILD=1 skip `make -j2`
#   MOTCUA_BIN=build/release/motcua                  BENCH_KEEP=1 keep the temporary directory
#   BENCH_REPORT_DOSSIERS=N  opt-in: `report` imports a synthetic province of N dossiers
#                            (bench/gen-province.py) and times the yearly report (off: skipped)
#   BENCH_REPORT_YEAR=2025   the report's year    BENCH_REPORT_N=5  runs per report row
#   BENCH_REPORT_DATA=DIR    keep the generated province there and reuse it (same N and year)
#
# To add a benchmark: write bench_NAME() below (use wrk_bench or run_harness,
# which check every answer and add a row), and add NAME to ALL.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)

ALL="version healthz search procedure units session login sqlite_raw intake lookup receipt search_2000 report"
# Every benchmark name, in the order they run.  search_2000 imports the
# scaled catalog, so it runs after the benchmarks over the demo catalog.

DURATION=${BENCH_DURATION:-5}
WARMUP=${BENCH_WARMUP:-1}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNS:-32}
TIMEOUT=${BENCH_TIMEOUT:-10s}
SERVER_THREADS=${BENCH_SERVER_THREADS:-2}
SCALE=${BENCH_SCALE:-2000}
LOGIN_N=${BENCH_LOGIN_N:-20}
LOGIN_C=${BENCH_LOGIN_C:-2}
OUT=${BENCH_OUT:-bench/results/latest.md}
BIN=${MOTCUA_BIN:-build/release/motcua}
PASSWORD=motcua2026

if [ "${1:-}" = "--list" ]; then
	echo "$ALL"
	exit 0
fi
for name in "$@"; do
	case " $ALL " in
	*" $name "*) ;;
	*) echo "bench: unknown benchmark '$name' (known: $ALL)" >&2; exit 2 ;;
	esac
done
SELECTED="$*"

want() { # want NAME: was NAME asked for (or nothing, meaning all)?
	[ -z "$SELECTED" ] && return 0
	case " $SELECTED " in *" $1 "*) return 0 ;; esac
	return 1
}

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

# ---- tools and build --------------------------------------------------------

if ! command -v wrk >/dev/null 2>&1; then
	say "bench: installing wrk"
	if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
	else sudo apt-get install -y wrk >/dev/null; fi
fi
command -v wrk >/dev/null 2>&1 || die "wrk is missing"
command -v curl >/dev/null 2>&1 || die "curl is missing (apt-get install -y curl)"
command -v python3 >/dev/null 2>&1 || die "python3 is missing"

if [ -z "${BENCH_NO_BUILD:-}" ]; then
	say "bench: make -j2"
	make -j2 >/dev/null || die "build failed (run make -j2 to see why)"
fi
[ -x "$BIN" ] || die "no binary at $BIN"

# ---- temporary database and server -----------------------------------------

DIR=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
DB="$DIR/b.db"
# BENCH_PG=1: the same benchmarks on a throwaway PostgreSQL 15 cluster (every
# motcua command then uses MOTCUA_PG instead of the SQLite file).
PGDIR=""
if [ -n "${BENCH_PG:-}" ]; then
	PGDIR=$(mktemp -d /tmp/motcua-bench-pg.XXXXXX)
	MOTCUA_PG=$(sh tools/pg-cluster.sh start "$PGDIR") || { echo "bench: cannot start PostgreSQL" >&2; exit 1; }
	export MOTCUA_PG
fi
PID=""
ROWS="$DIR/rows"
RAW="$DIR/raw"
FAILED=""
: >"$ROWS"
: >"$RAW"

stop_server() {
	[ -n "$PID" ] || return 0
	kill -TERM "$PID" 2>/dev/null || true
	status=0
	wait "$PID" || status=$?
	PID=""
	if [ "$status" != 0 ]; then
		say "bench: motcua serve exited $status; its log:"
		tail -n 40 "$DIR/server.log" >&2
		FAILED="$FAILED server-exit-$status"
	fi
}

cleanup() {
	stop_server
	[ -n "$PGDIR" ] && sh tools/pg-cluster.sh stop "$PGDIR" >/dev/null 2>&1
	if [ -n "${BENCH_KEEP:-}" ]; then say "bench: kept $DIR"; else rm -rf "$DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "bench: creating the demo database in $DIR"
MOTCUA_PWHASH=min MOTCUA_LOG_LEVEL=warn "$BIN" init --db "$DB" --demo >/dev/null ||
	die "motcua init --demo failed"
# A second account whose password hash has the production cost (argon2id
# "interactive"): the demo accounts were hashed with pwhash=min.  Verifying
# costs what the stored hash says, whatever the server's own pwhash setting.
if want login; then
	MOTCUA_PWHASH=interactive MOTCUA_LOG_LEVEL=warn MOTCUA_PASSWORD=$PASSWORD "$BIN" --db "$DB" user add \
		--username bench.interactive --name "Người đo hiệu năng" --role reporter@dakpo >/dev/null ||
		die "motcua user add failed"
fi

say "bench: starting motcua serve"
"$BIN" serve --db "$DB" --listen 127.0.0.1:0 --port-file "$DIR/port" --threads "$SERVER_THREADS" \
	--access-log false --log-level warn --login-ip-max 100000 --login-max-failures 1000 --lookup-per-minute 100000 \
	--data-dir "$DIR/var" >"$DIR/server.log" 2>&1 &
PID=$!
i=0
while [ ! -s "$DIR/port" ]; do
	i=$((i + 1))
	[ $i -le 200 ] || die "motcua serve did not start: $(cat "$DIR/server.log")"
	kill -0 "$PID" 2>/dev/null || die "motcua serve exited: $(cat "$DIR/server.log")"
	sleep 0.05
done
PORT=$(cat "$DIR/port")
BASE="http://127.0.0.1:$PORT"
curl -fsS "$BASE/healthz" >/dev/null || die "GET /healthz failed"

# ---- measuring ----------------------------------------------------------------

BASELINE_RPS=""

# record NAME WHAT RESULT-LINE [VS-NAME]: check a RESULT line, add a table row.
record() {
	name=$1 what=$2 line=$3 vs=${4:-}
	get() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
	requests=$(get requests) rps=$(get rps) p50=$(get p50_us) p99=$(get p99_us)
	bad=$(get bad) closed=$(get closed) first_bad=$(get first_bad)
	errs=$(($(get err_connect) + $(get err_read) + $(get err_write) + $(get err_timeout)))
	problem=""
	[ -n "$requests" ] && [ "$requests" -gt 0 ] || problem="no requests completed"
	[ "${bad:-0}" = 0 ] || problem="$problem; $bad unexpected answers (first status $first_bad)"
	[ "${closed:-0}" = 0 ] || problem="$problem; $closed answers with Connection: close (keep-alive lost)"
	[ "$errs" = 0 ] || problem="$problem; $errs socket errors/timeouts"
	if [ -n "$problem" ]; then
		say "bench: FAIL $name: ${problem#; }"
		FAILED="$FAILED $name"
		printf '%s\t%s\tFAIL\t-\t-\t-\t%s\n' "$name" "$what" "${problem#; }" >>"$ROWS"
		return 0
	fi
	[ -n "$BASELINE_RPS" ] || BASELINE_RPS=$rps
	eval "RPS_$name=$rps"
	vs_text=""
	if [ -n "$vs" ]; then
		vs_rps=$(eval "echo \${RPS_$vs:-}")
		[ -n "$vs_rps" ] && vs_text=$(awk -v a="$rps" -v b="$vs_rps" -v n="$vs" 'BEGIN { printf "%.3f x %s", a / b, n }')
	fi
	awk -v n="$name" -v w="$what" -v r="$rps" -v p50="$p50" -v p99="$p99" -v b="$BASELINE_RPS" -v vs="$vs_text" \
		'BEGIN { ratio = r / b; f = ratio >= 0.01 ? "%.3f" : "%.5f";
		         printf "%s\t%s\t%.0f\t%.2f\t%.2f\t" f "\t%s\n", n, w, r, p50 / 1000, p99 / 1000, ratio, vs }' >>"$ROWS"
}

# wrk_bench NAME WHAT SCRIPT PATH VS-NAME EXPECT [wrk options...]
#   EXPECT: a substring every response body must contain ("" for none)
wrk_bench() {
	name=$1 what=$2 script=$3 path=$4 vs=$5 expect=$6
	shift 6
	say "bench: $name ($what)"
	if [ "$WARMUP" -gt 0 ]; then
		wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" --timeout "$TIMEOUT" -s "$script" "$@" "$BASE$path" -- "$expect" >/dev/null 2>&1 || true
	fi
	cmd="wrk -t$THREADS -c$CONNS -d${DURATION}s --timeout $TIMEOUT --latency -s $script"
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout "$TIMEOUT" --latency -s "$script" "$@" "$BASE$path" -- "$expect" 2>&1) ||
		{ say "$out"; FAILED="$FAILED $name"; return 0; }
	{ printf '### %s\n\n```\n$ %s %s %s -- %s\n%s\n```\n\n' "$name" "$cmd" "$*" "$BASE$path" "'$expect'" "$out"; } >>"$RAW"
	line=$(printf '%s\n' "$out" | grep '^RESULT ' | tail -n 1)
	[ -n "$line" ] || { say "$out"; die "$name: wrk printed no RESULT line"; }
	record "$name" "$what" "$line" "$vs"
}

# run_harness NAME WHAT VS-NAME COMMAND...: a bounded run of our own harness.
run_harness() {
	name=$1 what=$2 vs=$3
	shift 3
	say "bench: $name ($what)"
	out=$("$@" 2>&1) || { say "$out"; FAILED="$FAILED $name"; return 0; }
	{ printf '### %s\n\n```\n$ %s\n%s\n```\n\n' "$name" "$*" "$out"; } >>"$RAW"
	line=$(printf '%s\n' "$out" | grep '^RESULT ' | tail -n 1)
	[ -n "$line" ] || { say "$out"; die "$name: no RESULT line"; }
	record "$name" "$what" "$line" "$vs"
}

# ---- the benchmarks -----------------------------------------------------------

bench_version() { # the baseline: no database, the server's floor
	wrk_bench "${1:-version}" "GET /api/v1/version (baseline, no DB)" bench/lua/get.lua /api/v1/version "" \
		'"name":"MotCua"'
}

bench_healthz() {
	wrk_bench healthz "GET /healthz (one trivial query)" bench/lua/get.lua /healthz "" '"status":"ok"'
}

bench_search() {
	wrk_bench search "GET /api/v1/procedures?q= (16 queries, 121 procedures)" bench/lua/search.lua / "" ""
}

bench_procedure() {
	wrk_bench procedure "GET /api/v1/procedures/1.001612" bench/lua/get.lua /api/v1/procedures/1.001612 "" \
		'"code":"1.001612"'
}

bench_units() {
	wrk_bench units "GET /api/v1/units (public tree)" bench/lua/get.lua /api/v1/units "" '"code":"dakpo"'
}

bench_session() {
	token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"login\":\"admin\",\"password\":\"$PASSWORD\"}" \
		"$BASE/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') ||
		die "POST /api/v1/auth/token failed"
	wrk_bench session "GET /api/v1/session (Bearer token)" bench/lua/get.lua /api/v1/session "" \
		'"username":"admin"' -H "Authorization: Bearer $token"
}

bench_login() {
	run_harness login_min "$LOGIN_N x POST /api/v1/auth/login, argon2id min" "" \
		python3 bench/login.py --port "$PORT" --login admin -n "$LOGIN_N" -c "$LOGIN_C"
	run_harness login_interactive "$LOGIN_N x POST /api/v1/auth/login, argon2id interactive" login_min \
		python3 bench/login.py --port "$PORT" --login bench.interactive -n "$LOGIN_N" -c "$LOGIN_C"
}

bench_sqlite_raw() { # the floor for durable writes on this disk
	cc -O2 -o "$DIR/sqlite_insert" bench/sqlite_insert.c -lsqlite3 || die "cannot build bench/sqlite_insert.c"
	run_harness sqlite_raw "raw SQLite: one-row transactions, WAL, synchronous=FULL" "" \
		"$DIR/sqlite_insert" "$DIR/raw.db" "${BENCH_RAW_N:-2000}"
}

bench_intake() { # durable intake at the desk: code, row, first event, fsync
	token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"login\":\"motcua.mai\",\"password\":\"$PASSWORD\"}" \
		"$BASE/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') ||
		die "POST /api/v1/auth/token failed"
	printf '%s' '{"procedure":"1.001612","applicant":{"name":"Nguyễn Văn Bình","phone":"0912000111"},"documents":[{"index":0},{"index":1}]}' \
		>"$DIR/intake.json"
	wrk_bench intake "POST /api/v1/dossiers (durable intake)" bench/lua/post.lua /api/v1/dossiers sqlite_raw \
		"$DIR/intake.json" -H "Authorization: Bearer $token"
}

bench_lookup() { # the public lookup by code, as a receipt's QR code opens it
	code=$(curl -fsS "$BASE/api/v1/dossiers?view=all&limit=1" -H "Authorization: Bearer $token" |
		python3 -c 'import json,sys; d=json.load(sys.stdin)["dossiers"]; print(d[0]["code"] if d else "")')
	[ -n "$code" ] || die "no dossier to look up (run intake first)"
	wrk_bench lookup "GET /api/v1/public/dossiers/{code}" bench/lua/get.lua "/api/v1/public/dossiers/$code" "" \
		"\"code\":\"$code\""
}

bench_receipt() { # rendering the receipt PDF (A5, QR code) for the desk's printer
	[ -n "${code:-}" ] || die "no dossier for the receipt (run intake and lookup first)"
	wrk_bench receipt "GET /api/v1/dossiers/{code}/forms/receipt.pdf" bench/lua/get.lua \
		"/api/v1/dossiers/$code/forms/receipt.pdf" "" "%PDF-" -H "Authorization: Bearer $token"
}

bench_search_2000() {
	say "bench: importing a catalog of $SCALE procedures"
	python3 bench/gen-catalog.py "$SCALE" --out "$DIR/catalog-$SCALE.json"
	MOTCUA_LOG_LEVEL=warn "$BIN" --db "$DB" catalog import "$DIR/catalog-$SCALE.json" >/dev/null ||
		die "catalog import failed"
	total=$(curl -fsS "$BASE/api/v1/catalog/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
	say "bench: the server now lists $total procedures in force"
	wrk_bench search_2000 "GET /api/v1/procedures?q= (16 queries, $SCALE procedures)" bench/lua/search.lua / \
		search ""
}

bench_report() { # the yearly resolution report over a province's history (opt-in)
	n=${BENCH_REPORT_DOSSIERS:-}
	if [ -z "$n" ]; then
		say "bench: report skipped (set BENCH_REPORT_DOSSIERS=N to import N dossiers and time the report)"
		return 0
	fi
	year=${BENCH_REPORT_YEAR:-2025}
	rn=${BENCH_REPORT_N:-5}
	# the generated files are kept in BENCH_REPORT_DATA when it is set, and
	# reused by a later run with the same arguments (10 million: ~6 GB, ~25 min)
	data=${BENCH_REPORT_DATA:-$DIR/province}
	args="$n $((year - 9)) 10"
	if [ -f "$data/.args" ] && [ "$(cat "$data/.args")" = "$args" ]; then
		say "bench: report: reusing the province of $n dossiers in $data"
	else
		say "bench: report: generating a province of $n dossiers"
		rm -f "$data/.args" "$data"/dossiers-*.jsonl
		python3 bench/gen-province.py "$n" --out "$data" --first-year $((year - 9)) --years 10 ||
			die "gen-province failed"
		echo "$args" >"$data/.args"
	fi
	python3 bench/report-units.py --port "$PORT" --password "$PASSWORD" "$data/units.json" ||
		die "creating the province's units failed"
	t0=$(date +%s.%N)
	for f in "$data"/dossiers-*.jsonl; do
		MOTCUA_LOG_LEVEL=warn "$BIN" --db "$DB" dossier import "$f" >/dev/null || die "dossier import $f failed"
	done
	t1=$(date +%s.%N)
	rate=$(awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "%.0f", n / (b - a) }')
	say "bench: report: imported $n dossiers in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s ($rate dossiers/s)"
	size=$(du -sh "$DB" | cut -f1)
	say "bench: report: database $size"
	printf '### report: import\n\n```\n%s dossiers through `motcua dossier import` (files of 100,000 lines): %s dossiers/s; database %s\n```\n\n' \
		"$n" "$rate" "$size" >>"$RAW"
	run_harness report_sql_province "SQL GROUP BY, province, year $year ($n dossiers)" "" \
		python3 bench/report-time.py --bin "$BIN" --db "$DB" --year "$year" --unit gialai --what sql -n "$rn"
	run_harness report_province "report resolution, province, year $year" report_sql_province \
		python3 bench/report-time.py --bin "$BIN" --db "$DB" --year "$year" --unit gialai --what report -n "$rn"
	run_harness report_sql_commune "SQL GROUP BY, one commune (h03.x05), year $year" "" \
		python3 bench/report-time.py --bin "$BIN" --db "$DB" --year "$year" --unit h03.x05 --what sql -n "$rn"
	run_harness report_commune "report resolution, one commune (h03.x05), year $year" report_sql_commune \
		python3 bench/report-time.py --bin "$BIN" --db "$DB" --year "$year" --unit h03.x05 --what report -n "$rn"
}

# ---- run ---------------------------------------------------------------------

STARTED=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
bench_version
for name in $ALL; do
	[ "$name" = version ] && continue
	want "$name" && "bench_$name"
done
# the baseline again: how much the machine drifted during the run
bench_version version_end

stop_server
# warnings and errors the server logged during the run (one line per kind)
grep -E ' (warn|error) ' "$DIR/server.log" | sed 's/^[^ ]* //' | sort | uniq -c | sort -rn >"$DIR/serverlog" || true

# ---- report ------------------------------------------------------------------

table() {
	printf '| benchmark | what | req/s | p50 ms | p99 ms | ratio to baseline | vs |\n'
	printf '|---|---|---:|---:|---:|---:|---|\n'
	awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$ROWS"
}

mkdir -p "$(dirname "$OUT")"
{
	printf '# MotCua benchmark results\n\n'
	printf -- '- date: %s\n' "$STARTED"
	printf -- '- machine: %s cores, %s, %s\n' "$(nproc)" \
		"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" "$(uname -sr)"
	printf -- '- code: %s%s\n' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
		"$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
	printf -- '- binary: %s, `%s`\n' "$BIN" "$("$BIN" version 2>/dev/null | head -n 1)"
	printf -- '- command: `sh bench/run.sh%s` (BENCH_DURATION=%s BENCH_WARMUP=%s BENCH_THREADS=%s BENCH_CONNS=%s BENCH_SERVER_THREADS=%s BENCH_SCALE=%s BENCH_LOGIN_N=%s BENCH_LOGIN_C=%s)\n' \
		"${SELECTED:+ $SELECTED}" "$DURATION" "$WARMUP" "$THREADS" "$CONNS" "$SERVER_THREADS" "$SCALE" "$LOGIN_N" "$LOGIN_C"
	printf -- '- server: `motcua serve --threads %s --access-log false --log-level warn --login-ip-max 100000 --login-max-failures 1000`, SQLite WAL synchronous=FULL, wrk and server on the same cores\n' "$SERVER_THREADS"
	printf -- '- result: %s\n\n' "${FAILED:+FAILED:$FAILED}${FAILED:-ok}"
	table
	printf '\nratio to baseline = req/s of the row / req/s of `version` (first row) in this run.\n'
	printf '`version_end` is the baseline again at the end: its ratio shows the drift of the machine.\n\n'
	printf '## Server log (warnings and errors, counted)\n\n```\n'
	if [ -s "$DIR/serverlog" ]; then cat "$DIR/serverlog"; else printf '(none)\n'; fi
	printf '```\n\n## Raw output\n\n'
	cat "$RAW"
} >"$OUT"

printf '\n'
{
	printf 'benchmark\twhat\treq/s\tp50 ms\tp99 ms\tratio\tvs\n'
	cat "$ROWS"
} | awk -F'\t' '{ printf "%-18s %-56s %9s %8s %8s %8s  %s\n", $1, $2, $3, $4, $5, $6, $7 }'
if [ -s "$DIR/serverlog" ]; then
	printf '\nserver log, warnings and errors:\n'
	head -n 5 "$DIR/serverlog"
fi
printf '\nwritten: %s\n' "$OUT"

if [ -n "$FAILED" ]; then
	say "bench: FAILED:$FAILED"
	exit 1
fi
