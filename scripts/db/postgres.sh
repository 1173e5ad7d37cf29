#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server on loopback for tests and benchmarks; never systemd.
#   scripts/db/postgres.sh start   -> prints the port on stdout (idempotent: a running server's port)
#   scripts/db/postgres.sh stop    -> stops the server and deletes its data dir
#   scripts/db/postgres.sh status  -> prints the port and exits 0 when running, exits 1 otherwise
# Env: SCHEMASAGE_PG_PORT (first port tried, default 5432; the next free one is taken when busy),
#      SCHEMASAGE_PG_DIR (state dir, default ${TMPDIR:-/tmp}/schemasage-pg),
#      SCHEMASAGE_PG_BIN (default /usr/lib/postgresql/15/bin),
#      SCHEMASAGE_DB_OWNER_PID (optional: stop the server when that process ends).
# Trust auth, user `postgres`, database `postgres`, socket in the data dir, fsync off,
# max_locks_per_transaction=1024 (so a script can create or drop thousands of tables at once).
# All logs go to stderr or $DIR/log; stdout carries only the port.
set -euo pipefail

BIN="${SCHEMASAGE_PG_BIN:-/usr/lib/postgresql/15/bin}"
DIR="${SCHEMASAGE_PG_DIR:-${TMPDIR:-/tmp}/schemasage-pg}"
PORT0="${SCHEMASAGE_PG_PORT:-5432}"
DATA="$DIR/data"
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"

log() { echo "postgres.sh: $*" >&2; }

# run a command as the postgres user when we are root (postgres refuses root)
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() {
  [ -f "$DATA/postmaster.pid" ] && [ -f "$DIR/port" ] && as_pg "$BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

start() {
  if running; then cat "$DIR/port"; return 0; fi
  if [ ! -x "$BIN/pg_ctl" ]; then log "no PostgreSQL binaries in $BIN"; exit 2; fi
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
      || { log "initdb failed:"; cat "$DIR/initdb.log" >&2; exit 2; }
  fi
  local port="$PORT0" tries=0
  while [ "$tries" -lt 50 ]; do
    if ! port_busy "$port"; then
      # -w waits until ready; a lost race for the port makes pg_ctl fail and we try the next one
      if as_pg "$BIN/pg_ctl" start -w -t 30 -D "$DATA" -l "$DIR/log" \
          -o "-c listen_addresses=127.0.0.1 -p $port -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_locks_per_transaction=1024" >/dev/null 2>&1; then
        echo "$port" >"$DIR/port"
        watch_owner
        echo "$port"
        return 0
      fi
      log "could not start on port $port (see $DIR/log), trying the next one"
    fi
    port=$((port + 1)); tries=$((tries + 1))
  done
  log "no free port from $PORT0"; exit 2
}

# When SCHEMASAGE_DB_OWNER_PID is set, a detached watcher stops the server after that process ends.
watch_owner() {
  local owner="${SCHEMASAGE_DB_OWNER_PID:-}"
  [ -n "$owner" ] || return 0
  SCHEMASAGE_PG_DIR="$DIR" SCHEMASAGE_PG_BIN="$BIN" setsid bash -c \
    'while kill -0 "$0" 2>/dev/null && [ -d "$1" ]; do sleep 1; done; SCHEMASAGE_DB_OWNER_PID= "$2" stop' \
    "$owner" "$DATA" "$SELF" </dev/null >/dev/null 2>&1 &
}

stop() {
  if [ -f "$DATA/postmaster.pid" ]; then
    as_pg "$BIN/pg_ctl" stop -D "$DATA" -m fast -w -t 30 >/dev/null 2>&1 \
      || as_pg "$BIN/pg_ctl" stop -D "$DATA" -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then cat "$DIR/port"; else exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 64 ;;
esac
