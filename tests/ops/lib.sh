# Shared by the operations tests: check/report, free ports, waiting for a server, demo login, and
# a fresh PostgreSQL database on SRM_TEST_PG_URL.
fails=0; passes=0
check() { if eval "$2"; then passes=$((passes+1)); else echo "FAIL: $1"; fails=$((fails+1)); fi; }
report() { echo "$1: $passes passed, $fails failed"; [ $fails -eq 0 ]; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() { for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.1; done; return 1; }
login() {  # port user -> bearer token
  curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$1/api/v1/auth/login" -d "{\"username\":\"$2\",\"password\":\"demo\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
# pg_url_for NAME: SRM_TEST_PG_URL with its database replaced by NAME.
pg_url_for() {
  python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' \
    "$SRM_TEST_PG_URL" "$1"
}
# pg_fresh NAME: (re)creates database NAME on the SRM_TEST_PG_URL server.
pg_fresh() {
  PGOPTIONS='-c client_min_messages=warning' psql "$SRM_TEST_PG_URL" -qX \
    -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
}
pg_drop() { PGOPTIONS='-c client_min_messages=warning' psql "$SRM_TEST_PG_URL" -qX -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null 2>&1; }
