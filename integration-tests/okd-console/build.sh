#!/usr/bin/env bash
# Builds the real OpenShift web console (OKD 4.22: the Go "bridge" server and the frontend) from the
# source archive in ../shared/okd-console/, once, into a cache outside the repository keyed by the
# archive's commit. Nothing of the console is committed. Prints the console's root as its last line.
# Measured on 2 cores: bridge ~2.5 min, frontend install ~1 min, frontend build ~4.5 min; the build
# peaks near 5 GB of memory, so 8 GB free and 6 GB of disk are asked for up front.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${METALLB_OKD_CONSOLE_SRC:-$(cd "$ROOT/.." && pwd)/shared/okd-console}
ARCHIVE="$SHARED/okd-console-release-4.22-6fd62e5317.tar.gz"
STUB="$SHARED/stubs/kubernetes-models-shipwright"
CACHE=${METALLB_TS_CACHE:-$HOME/.cache/metallb-ts}
DEST="$CACHE/okd-console-4.22-6fd62e5317"
SRC="$DEST/okd-console-4.22"
STAMP="$DEST/.complete"
NODE="$ROOT/node_modules/node/bin/node"

log() { printf '[okd-console] %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

if [[ -f "$STAMP" ]]; then
  echo "$SRC"
  exit 0
fi

# Everything missing is named at once, before minutes of building.
missing=()
[[ -f "$ARCHIVE" ]] || missing+=("the console source $ARCHIVE (set METALLB_OKD_CONSOLE_SRC to its folder)")
[[ -d "$STUB" ]] || missing+=("the type stub $STUB")
command -v go >/dev/null || missing+=("go (Go >= 1.26) for the bridge")
[[ -x "$NODE" ]] || missing+=("the project's Node ($NODE): run npm ci first")
mkdir -p "$CACHE"
avail_kb=$(df -Pk "$CACHE" | awk 'NR==2 {print $4}')
((avail_kb >= 6 * 1024 * 1024)) || missing+=("6 GB free disk in $CACHE (have $((avail_kb / 1024)) MB)")
mem_kb=$(awk '/MemAvailable/ {print $2}' /proc/meminfo)
((mem_kb >= 8 * 1024 * 1024)) || missing+=("8 GB of available memory for the frontend build (have $((mem_kb / 1024)) MB)")
if ((${#missing[@]})); then
  log "cannot build the OpenShift console; missing:"
  for m in "${missing[@]}"; do log "  - $m"; done
  exit 1
fi

# One builder at a time: a second caller waits for the first instead of building twice.
exec 9>"$CACHE/.okd-console.lock"
if ! flock -n 9; then
  log "another build holds $CACHE/.okd-console.lock; waiting for it"
  flock 9
fi
if [[ -f "$STAMP" ]]; then echo "$SRC"; exit 0; fi

LOGS="$DEST/logs"
mkdir -p "$LOGS"
# run <name> <cmd...>: a step with its output in a log file; on failure its tail is shown.
run() {
  local name=$1; shift
  local logfile="$LOGS/$name.log" t0=$SECONDS
  log "$name: started (log: $logfile)"
  if ! "$@" >"$logfile" 2>&1; then
    log "$name: FAILED after $((SECONDS - t0)) s; last lines of $logfile:"
    tail -n 30 "$logfile" >&2
    exit 1
  fi
  log "$name: done in $((SECONDS - t0)) s"
}

unpack() {
  rm -rf "$SRC"
  tar -xzf "$ARCHIVE" -C "$DEST"
  [[ -d "$SRC/frontend" ]] || fail "the archive has no okd-console-4.22/frontend"
}

# Five lockfile versions are not served by the reachable registry; these resolutions make the
# install work (PatternFly then resolves to one version), and a local stub replaces the one package
# the registry lacks (the console imports only its types).
pin_resolutions() {
  STUB="$STUB" "$NODE" -e '
    const fs = require("fs");
    const file = process.argv[1];
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    Object.assign((pkg.resolutions ??= {}), {
      "@openshift/dynamic-plugin-sdk": "8.2.0",
      "@patternfly/react-code-editor": "6.4.3",
      "@patternfly/react-core": "6.4.3",
      "@patternfly/react-drag-drop": "6.4.3",
      "@kubernetes-models/shipwright": "portal:" + process.env.STUB,
    });
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$SRC/frontend/package.json"
}

yarn() {
  (cd "$SRC/frontend" && PATH="$(dirname "$NODE"):$PATH" CYPRESS_INSTALL_BINARY=0 OPENSHIFT_CI=true \
    "$NODE" .yarn/releases/yarn-4.12.0.cjs "$@")
}

build_bridge() {
  (cd "$SRC" && GOTOOLCHAIN=local GOFLAGS=-mod=vendor go build -o bridge ./cmd/bridge)
}

t0=$SECONDS
log "building the OpenShift console (OKD 4.22) into $DEST: about 8-10 minutes on 2 cores, once"
run unpack unpack
run resolutions pin_resolutions
run bridge build_bridge
run frontend-install yarn install
run frontend-build yarn run build
[[ -f "$SRC/frontend/public/dist/index.html" ]] || fail "the frontend build left no public/dist/index.html"
touch "$STAMP"
log "done in $((SECONDS - t0)) s"
echo "$SRC"
