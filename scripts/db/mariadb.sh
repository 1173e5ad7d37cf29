#!/usr/bin/env bash
# A throwaway MariaDB server on loopback for tests and benchmarks; never systemd.
#   scripts/db/mariadb.sh start   -> installs mariadb-server with apt-get when `mariadbd` is missing,
#                                    then prints the port on stdout (idempotent: a running server's port)
#   scripts/db/mariadb.sh stop    -> stops the server and deletes its data dir
#   scripts/db/mariadb.sh status  -> prints the port and exits 0 when running, exits 1 otherwise
# Env: SCHEMASAGE_MYSQL_PORT (first port tried, default 3306; the next free one is taken when busy),
#      SCHEMASAGE_MYSQL_DIR (state dir, default ${TMPDIR:-/tmp}/schemasage-mariadb),
#      SCHEMASAGE_DB_OWNER_PID (optional: stop the server when that process ends),
#      SCHEMASAGE_NO_INSTALL=1 (never run apt-get; exit 3 when MariaDB is missing).
# User root with an empty password; socket $DIR/sock. stdout carries only the port.
set -euo pipefail

DIR="${SCHEMASAGE_MYSQL_DIR:-${TMPDIR:-/tmp}/schemasage-mariadb}"
PORT0="${SCHEMASAGE_MYSQL_PORT:-3306}"
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
export PATH="$PATH:/usr/sbin:/usr/bin"

log() { echo "mariadb.sh: $*" >&2; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ping_db() { mariadb-admin --no-defaults --protocol=socket --socket="$DIR/sock" -uroot ping >/dev/null 2>&1; }
pid_alive() { [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; }
running() { [ -f "$DIR/port" ] && pid_alive && ping_db; }

install() {
  command -v mariadbd >/dev/null 2>&1 && return 0
  if [ "${SCHEMASAGE_NO_INSTALL:-}" = 1 ]; then log "mariadbd not installed"; exit 3; fi
  if [ "$(id -u)" != 0 ]; then log "mariadbd not installed and not root: cannot apt-get install mariadb-server"; exit 3; fi
  if ! command -v apt-get >/dev/null 2>&1; then log "mariadbd not installed and no apt-get"; exit 3; fi
  # several test processes may get here at once: one installs, the others wait for it
  local lock="${TMPDIR:-/tmp}/schemasage-mariadb-install.lock"
  exec 9>"$lock"
  if command -v flock >/dev/null 2>&1; then flock -w 900 9 || { log "timed out waiting for another install"; exit 3; }; fi
  if ! command -v mariadbd >/dev/null 2>&1; then
    log "installing mariadb-server (apt-get)"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 mariadb-server; } >"${TMPDIR:-/tmp}/schemasage-mariadb-apt.log" 2>&1 \
      || { log "apt-get install mariadb-server failed:"; tail -20 "${TMPDIR:-/tmp}/schemasage-mariadb-apt.log" >&2; exit 3; }
  fi
  exec 9>&-
  command -v mariadbd >/dev/null 2>&1 || { log "mariadbd still missing after install"; exit 3; }
}

start() {
  if running; then cat "$DIR/port"; return 0; fi
  install
  local user=mysql
  id mysql >/dev/null 2>&1 || user="$(id -un)"
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  if [ "$(id -u)" = 0 ]; then chown "$user": "$DIR"; fi
  if [ ! -d "$DIR/data/mysql" ]; then
    rm -rf "$DIR/data"
    mariadb-install-db --no-defaults --user="$user" --datadir="$DIR/data" \
      --auth-root-authentication-method=normal --skip-test-db >"$DIR/install-db.log" 2>&1 \
      || { log "mariadb-install-db failed:"; tail -20 "$DIR/install-db.log" >&2; exit 2; }
  fi
  local port="$PORT0" tries=0
  while [ "$tries" -lt 50 ]; do
    if ! port_busy "$port"; then
      rm -f "$DIR/pid" "$DIR/sock"
      setsid mariadbd --no-defaults --user="$user" --datadir="$DIR/data" --socket="$DIR/sock" \
        --pid-file="$DIR/pid" --bind-address=127.0.0.1 --port="$port" --skip-log-bin \
        --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --skip-name-resolve \
        --log-error="$DIR/log" </dev/null >/dev/null 2>&1 &
      local child=$! i=0
      # poll until ready, or until the server died (a lost race for the port)
      while [ "$i" -lt 300 ]; do
        if ping_db; then
          echo "$port" >"$DIR/port"
          [ -f "$DIR/pid" ] || echo "$child" >"$DIR/pid"
          watch_owner
          echo "$port"
          return 0
        fi
        kill -0 "$child" 2>/dev/null || break
        sleep 0.1; i=$((i + 1))
      done
      kill "$child" 2>/dev/null || true
      log "could not start on port $port (see $DIR/log), trying the next one"
    fi
    port=$((port + 1)); tries=$((tries + 1))
  done
  log "no free port from $PORT0"; exit 2
}

watch_owner() {
  local owner="${SCHEMASAGE_DB_OWNER_PID:-}"
  [ -n "$owner" ] || return 0
  SCHEMASAGE_MYSQL_DIR="$DIR" setsid bash -c \
    'while kill -0 "$0" 2>/dev/null && [ -d "$1" ]; do sleep 1; done; SCHEMASAGE_DB_OWNER_PID= "$2" stop' \
    "$owner" "$DIR/data" "$SELF" </dev/null >/dev/null 2>&1 &
}

stop() {
  if pid_alive; then
    local pid i=0
    pid="$(cat "$DIR/pid")"
    mariadb-admin --no-defaults --protocol=socket --socket="$DIR/sock" -uroot shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then cat "$DIR/port"; else exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 64 ;;
esac
