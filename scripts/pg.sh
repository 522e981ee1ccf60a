#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks, from Debian's `postgresql` package.
#
#   scripts/pg.sh start DIR   initdb into DIR/data, start it on a free loopback port (and a unix
#                             socket in DIR/sock), print its URL (also kept in DIR/url); when DIR
#                             holds a cluster made by an earlier start, start that one again
#   scripts/pg.sh url DIR     print the URL of the server started in DIR
#   scripts/pg.sh stop DIR    stop it (fast shutdown); DIR is left for the caller to remove
#   scripts/pg.sh status DIR  exit 0 when it is running
#
# Listens on 127.0.0.1 only, trust authentication for the local superuser `srm`: for throwaway test
# data, never for real data. initdb refuses to run as root, so as root the server runs as the
# `postgres` OS user that the Debian package creates (DIR is handed to it).
set -euo pipefail

usage() { echo "usage: scripts/pg.sh start|stop|url|status DIR" >&2; exit 64; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$2

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$found" ] || [ ! -x "$found/pg_ctl" ]; then
    echo "pg.sh: PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$found"
}

# Runs a command as the server's OS user: ourselves, or `postgres` when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
  start)
    BIN=$(bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/data/PG_VERSION" ] && [ -f "$dir/url" ]; then
      # A cluster made here before: start it again (same port and data), e.g. after `stop`.
      if ! as_owner "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start >/dev/null 2>&1 ||
          { tail -5 "$dir/data/server.log" >&2; exit 1; }
      fi
      cat "$dir/url"
      exit 0
    fi
    rm -rf "$dir/data" "$dir/sock"
    mkdir -p "$dir/sock"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "pg.sh: running as root needs the 'postgres' OS user (apt-get install postgresql)" >&2; exit 1; }
      chown postgres "$dir" "$dir/sock"
      chmod 0755 "$dir"
      as_owner test -x "$dir" || { echo "pg.sh: the postgres user cannot reach $dir (a parent directory is private; chmod 755 it)" >&2; exit 1; }
    fi
    as_owner "$BIN/initdb" -D "$dir/data" -U srm --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # Several attempts: another process may take the free port between probe and bind.
    for attempt in 1 2 3 4 5; do
      port=$(free_port)
      cat >"$dir/postgresql.auto.conf.add" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/sock'
max_connections = 200
logging_collector = off
log_min_messages = warning
EOF
      as_owner sh -c "cat '$dir/postgresql.auto.conf.add' >> '$dir/data/postgresql.conf'"
      rm -f "$dir/postgresql.auto.conf.add"
      if as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start >/dev/null 2>&1; then
        echo "postgresql://srm@127.0.0.1:$port/postgres" >"$dir/url"
        cat "$dir/url"
        exit 0
      fi
      tail -5 "$dir/data/server.log" >&2 || true
    done
    echo "pg.sh: PostgreSQL did not start (see $dir/data/server.log)" >&2
    exit 1
    ;;
  stop)
    BIN=$(bindir)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
    ;;
  url)
    [ -f "$dir/url" ] || { echo "pg.sh: no server started in $dir" >&2; exit 1; }
    cat "$dir/url"
    ;;
  status)
    BIN=$(bindir)
    as_owner "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
    ;;
  *) usage ;;
esac
