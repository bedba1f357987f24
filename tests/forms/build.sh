#!/bin/sh
# build.sh [release|asan] - build and run the forms unit test by hand, until
# the Makefile links pango/cairo/fontconfig/qrencode/xlsxwriter.
# Run from the repository root.  The binary goes to /tmp/test_forms[_asan].
set -eu
PK="pangocairo cairo-pdf fontconfig libqrencode jansson xlsxwriter"
if [ "${1:-release}" = asan ]; then
	OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
	OUT=/tmp/test_forms_asan
else
	OPT="-O2 -g"
	OUT=/tmp/test_forms
fi
gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter $OPT \
	-Isrc -Itests/unit $(pkg-config --cflags $PK) tests/unit/test_forms.c src/forms/*.c src/core/buf.c \
	src/core/err.c $(pkg-config --libs $PK) -lcmocka -o "$OUT"
"$OUT"
