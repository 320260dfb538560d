#!/usr/bin/env bash
# Builds the packaging tools from pinned Go modules, once, into a cache outside the repository (like
# the control plane's binaries): helm (lint, template, install of the chart) and operator-sdk
# (bundle validate). Prints the bin directory as its last line.
#
# helm: helm.sh/helm/v4 v4.3.2 (the module catalogue of these machines marks helm v3.22.0 as served
# but not approved and asks for v4). operator-sdk: v1.42.2, built with containers_image_openpgp;
# v1.42.3 needs github.com/operator-framework/ansible-operator-plugins v1.42.3, which the module
# proxy refuses (403).
set -euo pipefail

HELM_MODULE=helm.sh/helm/v4
HELM_VERSION=v4.3.2
OPERATOR_SDK_VERSION=v1.42.2

CACHE=${METALLB_TS_CACHE:-$HOME/.cache/metallb-ts}
DEST="$CACHE/packaging-helm-${HELM_VERSION}_operator-sdk-${OPERATOR_SDK_VERSION}"
BIN="$DEST/bin"
LOGS="$DEST/logs"
STAMP="$DEST/.complete"
export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod

log() { printf '[packaging-tools] %s\n' "$*" >&2; }

if [[ -f "$STAMP" ]]; then echo "$BIN"; exit 0; fi
command -v go >/dev/null || { log "go is not installed; helm and operator-sdk are built from Go modules (Go >= 1.26)"; exit 1; }
mkdir -p "$BIN" "$LOGS"
exec 9>"$CACHE/.packaging-tools.lock"
if ! flock -n 9; then log "another build holds $CACHE/.packaging-tools.lock; waiting for it"; flock 9; fi
if [[ -f "$STAMP" ]]; then echo "$BIN"; exit 0; fi

run() {
  local name=$1; shift
  local logfile="$LOGS/$name.log" t0=$SECONDS
  log "$name: building (log: $logfile)"
  if ! "$@" >"$logfile" 2>&1; then
    log "$name: FAILED after $((SECONDS - t0)) s; last lines of $logfile:"
    tail -n 30 "$logfile" >&2
    exit 1
  fi
  log "$name: done in $((SECONDS - t0)) s"
}

build_helm() {
  GOBIN="$BIN" go install "$HELM_MODULE/cmd/helm@$HELM_VERSION"
}

# `go install pkg@version` cannot be used: operator-sdk's module list is refused by the proxy when
# go looks for deprecations, so it is built inside a scratch module instead.
build_operator_sdk() {
  local src="$DEST/src/operator-sdk"
  rm -rf "$src"; mkdir -p "$src"; cd "$src"
  go mod init metallb-ts/packaging-tools
  go get "github.com/operator-framework/operator-sdk/cmd/operator-sdk@$OPERATOR_SDK_VERSION"
  go build -tags containers_image_openpgp -o "$BIN/operator-sdk" github.com/operator-framework/operator-sdk/cmd/operator-sdk
}

t0=$SECONDS
run helm build_helm
run operator-sdk build_operator_sdk
touch "$STAMP"
log "built in $((SECONDS - t0)) s"
echo "$BIN"
