#!/bin/sh
# bench/callgrind.sh - instructions per request, counted by valgrind's callgrind.
#
#   sh bench/callgrind.sh [N]        (N requests per endpoint, default 20;
#                                     N/10, at least 3, over the scaled catalog)
#
# Wall-clock figures on a shared 2-core machine move by 20-30 % from run to
# run; instruction counts hardly move.  This starts one `motcua serve
# --threads 1` under callgrind over the demo database, then for each endpoint
# zeroes the counters, sends N requests on one keep-alive connection, dumps
# the counters and prints instructions per request (the whole server process:
# HTTP parsing, handler, SQLite, JSON, response).  The catalog search is then
# repeated over the catalog scaled to BENCH_SCALE (2000) procedures.  Not part
# of `make bench` (about a minute under valgrind); the table goes to
# bench/results/callgrind.md.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${1:-20}
N_BIG=$((N / 10 > 3 ? N / 10 : 3))
SCALE=${BENCH_SCALE:-2000}
BIN=$ROOT/${MOTCUA_BIN:-build/release/motcua}
OUT=${BENCH_CALLGRIND_OUT:-bench/results/callgrind.md}
command -v valgrind >/dev/null 2>&1 || { echo "callgrind: apt-get install -y valgrind" >&2; exit 1; }
[ -n "${BENCH_NO_BUILD:-}" ] || make -j2 >/dev/null
DIR=$(mktemp -d "${TMPDIR:-/tmp}/motcua-cg.XXXXXX")
PID=""
cleanup() {
	[ -z "$PID" ] || { kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
	rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

MOTCUA_PWHASH=min MOTCUA_LOG_LEVEL=warn "$BIN" init --db "$DIR/b.db" --demo >/dev/null
valgrind --tool=callgrind --callgrind-out-file="$DIR/cg.out" "$BIN" serve --db "$DIR/b.db" \
	--listen 127.0.0.1:0 --port-file "$DIR/port" --threads 1 --access-log false --log-level warn \
	--web-root "$ROOT/web" --data-dir "$DIR/var" >"$DIR/server.log" 2>&1 &
PID=$!
i=0
while [ ! -s "$DIR/port" ]; do
	i=$((i + 1)); [ $i -le 300 ] || { cat "$DIR/server.log" >&2; exit 1; }
	sleep 0.1
done
PORT=$(cat "$DIR/port")

# measure NAME PATH [BEARER]: $n requests (n=N unless set), instructions per request
ROWS="$DIR/rows"
: >"$ROWS"
measure() {
	python3 - "$PORT" "$2" 1 "${3:-}" <<'PY' >/dev/null  # one untimed request: caches, prepared statements
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=120)
h = {"Authorization": "Bearer " + sys.argv[4]} if sys.argv[4] else {}
for _ in range(int(sys.argv[3])):
    c.request("GET", sys.argv[2], headers=h); r = c.getresponse(); r.read()
    assert r.status == 200, (sys.argv[2], r.status)
PY
	callgrind_control -z "$PID" >/dev/null 2>&1
	python3 - "$PORT" "$2" "$n" "${3:-}" <<'PY'
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=120)
h = {"Authorization": "Bearer " + sys.argv[4]} if sys.argv[4] else {}
for _ in range(int(sys.argv[3])):
    c.request("GET", sys.argv[2], headers=h); r = c.getresponse(); r.read()
    assert r.status == 200, (sys.argv[2], r.status)
PY
	rm -f "$DIR"/cg.out.*
	callgrind_control -d "$PID" >/dev/null 2>&1
	f=$(ls "$DIR"/cg.out.* | tail -n 1)
	ir=$(sed -n 's/^summary: *//p; s/^totals: *//p' "$f" | head -n 1 | awk '{print $1}')
	per=$(echo "$ir $n" | awk '{ printf "%.0f", $1 / $2 }')
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$per" "$n" >>"$ROWS"
	printf '%-14s %-44s %12s instructions/request (%s requests)\n' "$1" "$2" "$per" "$n" >&2
}

TOKEN=$(curl -fsS -H 'Content-Type: application/json' -d '{"login":"admin","password":"motcua2026"}' \
	"http://127.0.0.1:$PORT/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
n=$N
measure version /api/v1/version
measure healthz /healthz
measure session /api/v1/session "$TOKEN"
measure units /api/v1/units
measure procedure /api/v1/procedures/1.001612
for q in khai+sinh ho+tich dat+dai chung+thuc+ban+sao; do measure "search" "/api/v1/procedures?q=$q"; done
python3 bench/gen-catalog.py "$SCALE" --out "$DIR/c.json"
MOTCUA_LOG_LEVEL=warn "$BIN" --db "$DIR/b.db" catalog import "$DIR/c.json" >/dev/null
n=$N_BIG
for q in khai+sinh ho+tich dat+dai chung+thuc+ban+sao; do measure "search_$SCALE" "/api/v1/procedures?q=$q"; done

mkdir -p "$(dirname "$OUT")"
{
	printf '# Instructions per request (callgrind)\n\n'
	printf -- '- date: %s; command: `sh bench/callgrind.sh %s`; code: %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$N" \
		"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	printf 'Compare rows with each other (search against search_%s), not with wall-clock ratios: callgrind\n' "$SCALE"
	printf 'counts every byte of a `rep stosb` memset as one instruction, which inflates the cheap requests\n'
	printf '(libmicrohttpd zeroes its per-connection memory pool on every request).\n\n'
	printf '| benchmark | path | requests | instructions per request |\n|---|---|---:|---:|\n'
	awk -F'\t' '{ printf "| %s | `%s` | %d | %d |\n", $1, $2, $4, $3 }' "$ROWS"
} >"$OUT"
cat "$OUT"
