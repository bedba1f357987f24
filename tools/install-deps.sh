#!/bin/sh
# install-deps.sh - install what MotCua needs to build, run and test, on
# Debian 12, only when it is missing.  Safe to run again: it does nothing
# when everything is there.  Needs root (or sudo) only when it installs.
#
#   sh tools/install-deps.sh          build + run + unit/API tests
#   sh tools/install-deps.sh --e2e    also Node.js (API tests), Chromium and playwright-core (browser tests)
#   sh tools/install-deps.sh --pg     also the PostgreSQL server (store tests on PostgreSQL)
set -eu
want_e2e=0; want_pg=0
for a in "$@"; do
	case "$a" in
	--e2e) want_e2e=1 ;;
	--pg) want_pg=1 ;;
	--all) want_e2e=1; want_pg=1 ;;
	esac
done

need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev \
	libpq-dev libcmocka-dev libcairo2-dev libpango1.0-dev libqrencode-dev libxlsxwriter-dev fonts-dejavu-core libcurl4-openssl-dev \
	curl ca-certificates; do
	have_pkg "$p" || need="$need $p"
done
if [ "$want_pg" = 1 ]; then
	for p in postgresql-15; do have_pkg "$p" || need="$need $p"; done
fi
if [ "$want_e2e" = 1 ]; then
	for p in chromium poppler-utils zbar-tools unzip sqlite3; do have_pkg "$p" || need="$need $p"; done
	# node may come from Debian or from elsewhere (with its own npm): test the commands
	command -v node >/dev/null 2>&1 || need="$need nodejs"
	command -v npm >/dev/null 2>&1 || need="$need npm"
fi
if [ -n "$need" ]; then
	echo "install-deps: installing:$need"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
fi
if [ "$want_e2e" = 1 ] && [ -f package.json ] && [ ! -d node_modules/playwright-core ]; then
	echo "install-deps: npm install (playwright-core, no browser download)"
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent
fi
exit 0
