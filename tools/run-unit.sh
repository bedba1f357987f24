#!/bin/sh
# run-unit.sh BUILD_DIR - run every unit test binary in BUILD_DIR/tests and
# print one summary line "unit (FLAVOUR): N passed, N failed".
# cmocka writes its results on stderr; we keep both streams.
set -u
dir=$1
pass=0; fail=0; failed=""
for t in "$dir"/tests/test_*; do
	[ -x "$t" ] || continue
	if out=$("$t" 2>&1); then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed $(basename "$t")"
		printf '%s\n' "$out"
	fi
	printf '%s\n' "$out" | grep -E '^\[  (PASSED|FAILED)' | sed "s|^|$(basename "$t"): |"
done
echo "unit binaries ($(basename "$dir")): $pass passed, $fail failed${failed:+ -$failed}"
[ "$fail" -eq 0 ]
