#!/usr/bin/env bash
# One command from a fresh clone to SchemaSage running in a real VS Code:
# installs the dependencies when missing, builds and packages the extension,
# installs code-server (scripts/setup-code-server.sh), installs the .vsix into
# .tools/extensions and serves code-server on 127.0.0.1:$PORT (default 8080)
# with the examples/ workspace open, then prints the URL.
#
#   bash scripts/start.sh               # foreground; Ctrl-C stops it
#   bash scripts/start.sh --background  # returns once it answers; log in .tools/code-server.log
#   bash scripts/start.sh --stop        # stops a background instance
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${SCHEMASAGE_TOOLS:-$ROOT/.tools}
PORT=${PORT:-8080}
HOST=127.0.0.1
WORKSPACE=${SCHEMASAGE_WORKSPACE:-$ROOT/examples}
NODE_DIR=$TOOLS/node-24.21.0
CODE_SERVER=$TOOLS/code-server/node_modules/.bin/code-server
EXT_DIR=$TOOLS/extensions
USER_DATA=$TOOLS/user-data
PID_FILE=$TOOLS/code-server.pid
LOG_FILE=$TOOLS/code-server.log
VSIX=$ROOT/dist/schemasage.vsix

background=false
for arg in "$@"; do
  case "$arg" in
    --background) background=true ;;
    --stop)
      if [ -f "$PID_FILE" ]; then
        pgid=$(cat "$PID_FILE")
        kill -TERM -- "-$pgid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL -- "-$pgid" 2>/dev/null || true
        rm -f "$PID_FILE"
        echo "SchemaSage: code-server stopped"
      else
        echo "SchemaSage: no background code-server to stop"
      fi
      exit 0 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

step() { printf '\n== %s\n' "$*" >&2; }
cd "$ROOT"

if [ ! -d node_modules ]; then
  step "npm ci"
  npm ci --no-fund --no-audit
fi

step "build and package the extension"
node esbuild.mjs --production  # minified, as `npm run package` builds what ships
node_modules/.bin/vsce package --no-dependencies --no-rewrite-relative-links -o "$VSIX" >/dev/null
echo "$VSIX" >&2
# the optional Embedded PostgreSQL (PGlite) as its companion extension
PGLITE_VSIX=$ROOT/dist/schemasage-pglite.vsix
node scripts/pack-pglite.mjs --out "$PGLITE_VSIX" >/dev/null

step "set up code-server"
bash scripts/setup-code-server.sh

export PATH="$NODE_DIR/bin:$PATH"
step "install the extension into $EXT_DIR"
mkdir -p "$EXT_DIR" "$USER_DATA/User"
for v in "$VSIX" "$PGLITE_VSIX"; do
  "$CODE_SERVER" --extensions-dir "$EXT_DIR" --user-data-dir "$USER_DATA" --install-extension "$v" --force </dev/null 2>&1 \
    | grep -v -i 'open-vsx\|ENOTFOUND' >&2 || true
done
# A quiet first run: no welcome page, no telemetry prompt.
if [ ! -f "$USER_DATA/User/settings.json" ]; then
  cat > "$USER_DATA/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "git.openRepositoryInParentFolders": "never",
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false
}
JSON
fi

if [ -f "$PID_FILE" ] && kill -0 -- "-$(cat "$PID_FILE")" 2>/dev/null; then
  echo "SchemaSage: a background code-server is already running (bash scripts/start.sh --stop)" >&2
  exit 1
fi
if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
  echo "SchemaSage: port $PORT on $HOST is taken; choose another with PORT=..." >&2
  exit 1
fi

step "start code-server on $HOST:$PORT"
# Its own process group (setsid), so that stopping it ends every child it starts
# (extension host, language server, terminals).
setsid "$CODE_SERVER" \
  --bind-addr "$HOST:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$USER_DATA" --extensions-dir "$EXT_DIR" \
  "$WORKSPACE" </dev/null >"$LOG_FILE" 2>&1 &
pgid=$!

stop() {
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$pgid" 2>/dev/null || true
}

for _ in $(seq 1 150); do
  if ! kill -0 "$pgid" 2>/dev/null; then
    echo "SchemaSage: code-server exited; its log ($LOG_FILE):" >&2
    tail -n 30 "$LOG_FILE" >&2
    exit 1
  fi
  node -e "fetch('http://$HOST:$PORT/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && break
  sleep 0.2
done

URL="http://$HOST:$PORT/?folder=$WORKSPACE"
if $background; then
  echo "$pgid" > "$PID_FILE"
  printf '\nSchemaSage is running in VS Code at\n\n  %s\n\nlog: %s\nstop: bash scripts/start.sh --stop\n' "$URL" "$LOG_FILE"
  exit 0
fi

trap 'echo; echo "stopping code-server"; stop; exit 0' INT TERM
trap 'stop' EXIT
printf '\nSchemaSage is running in VS Code at\n\n  %s\n\nlog: %s\nCtrl-C stops it.\n' "$URL" "$LOG_FILE"
wait "$pgid" || true
