#!/bin/sh
# pg-cluster.sh start|stop|env|status DIR - a throwaway PostgreSQL 15 cluster
# for tests, entirely inside DIR.
# pg-cluster.sh run DIR COMMAND [ARG...] - start, run COMMAND with the suite's
# variables exported, stop (always), and exit with COMMAND's status.
#
#   start   create (initdb) and start a cluster in DIR, create the database
#           "motcua_test", and print its conninfo on stdout (one line):
#             host=DIR port=PORT dbname=motcua_test user=postgres
#           Starting a cluster that already runs just prints the conninfo.
#   env     print shell exports for the store contract suite:
#             eval "$(sh tools/pg-cluster.sh env DIR)"
#   status  exit 0 when the cluster in DIR is running
#   stop    stop the cluster and remove DIR (only a DIR this script made)
#
# The server listens on a Unix socket in DIR only (listen_addresses=''), so
# it never clashes with another server on the machine, such as the cluster
# the Debian package may have created on port 5432, which is left alone.  The
# port number only names the socket file (.s.PGSQL.PORT); set PG_CLUSTER_PORT
# to change it.  Authentication is "trust" over that socket: DIR is mode 0700,
# so only its owner (and root) can reach it.  fsync is off: a crash of the
# machine may lose the cluster, which is thrown away anyway.
#
# PostgreSQL refuses to run as root: when run as root (CI), initdb and the
# server run as the "postgres" user (runuser), and DIR is given to it; every
# directory above DIR must be searchable by that user (e.g. not under /root).
# Binaries: /usr/lib/postgresql/15/bin, or PG_BINDIR.
set -eu

usage() { echo "usage: $0 start|stop|env|status DIR | run DIR COMMAND [ARG...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1
dir=$2
shift 2
[ "$cmd" = run ] || [ $# -eq 0 ] || usage
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
port=${PG_CLUSTER_PORT:-5432}
marker=.motcua-pg-cluster

if [ "$(id -u)" = 0 ]; then
	as_pg() { runuser -u postgres -- "$@"; }
	owner=postgres
else
	as_pg() { "$@"; }
	owner=$(id -un)
fi

abs_dir() { (cd "$1" && pwd -P); }

conninfo() {
	echo "host=$1 port=$(cat "$1/port") dbname=motcua_test user=postgres"
}

running() {
	[ -f "$1/$marker" ] && as_pg "$bindir/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

case $cmd in
start)
	[ -x "$bindir/initdb" ] || {
		echo "pg-cluster: $bindir/initdb not found: apt-get install postgresql-15" >&2
		exit 1
	}
	mkdir -p "$dir"
	dir=$(abs_dir "$dir")
	if running "$dir"; then
		conninfo "$dir"
		exit 0
	fi
	# Unix socket paths are limited to 107 bytes.
	if [ $(( ${#dir} + ${#port} + 10 )) -gt 107 ]; then
		echo "pg-cluster: $dir is too long for a Unix socket path; use a shorter DIR" >&2
		exit 1
	fi
	if [ ! -f "$dir/$marker" ]; then
		if [ -n "$(ls -A "$dir")" ]; then
			echo "pg-cluster: $dir is not empty and was not made by this script" >&2
			exit 1
		fi
		: >"$dir/$marker"
		echo "$port" >"$dir/port"
		chmod 0700 "$dir"
		[ "$owner" = "$(id -un)" ] || chown -R "$owner:" "$dir"
		as_pg test -w "$dir" || {
			echo "pg-cluster: user $owner cannot write $dir (is a parent directory private?)" >&2
			exit 1
		}
		as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust --encoding=UTF8 \
			--locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log" >&2
			exit 1
		}
		cat >>"$dir/data/postgresql.conf" <<EOF
# pg-cluster.sh: a throwaway test cluster
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
full_page_writes = off
max_connections = 100
EOF
	fi
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	port=$(cat "$dir/port")
	if ! as_pg "$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -Atqc \
		"SELECT 1 FROM pg_database WHERE datname = 'motcua_test'" | grep -q 1; then
		as_pg "$bindir/createdb" -h "$dir" -p "$port" -U postgres motcua_test
	fi
	conninfo "$dir"
	;;
env)
	dir=$(abs_dir "$dir")
	running "$dir" || { echo "pg-cluster: no cluster running in $dir" >&2; exit 1; }
	echo "export MOTCUA_TEST_BACKEND=postgres"
	echo "export MOTCUA_TEST_PG='$(conninfo "$dir")'"
	;;
status)
	[ -d "$dir" ] || exit 1
	running "$(abs_dir "$dir")"
	;;
stop)
	[ -d "$dir" ] || exit 0
	dir=$(abs_dir "$dir")
	if [ ! -f "$dir/$marker" ]; then
		echo "pg-cluster: $dir was not made by this script; not removing it" >&2
		exit 1
	fi
	if running "$dir"; then
		as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
	fi
	rm -rf "$dir"
	;;
run)
	[ $# -ge 1 ] || usage
	ci=$(sh "$0" start "$dir")
	trap 'sh "$0" stop "$dir"' EXIT
	trap 'exit 130' INT TERM
	set +e
	MOTCUA_TEST_BACKEND=postgres MOTCUA_TEST_PG=$ci "$@"
	rc=$?
	exit $rc
	;;
*)
	usage
	;;
esac
