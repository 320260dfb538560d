#!/usr/bin/env bash
# Builds the local control plane's binaries from pinned Go modules, once, into a cache outside the
# repo keyed by their versions (envtest-style). Prints the binary directory as its last line.
# Nothing here is committed but this script; see ../../README.md for why the cluster is real.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
source "$HERE/versions.env"

CACHE=${METALLB_TS_CACHE:-$HOME/.cache/metallb-ts}
KEY="k8s-${K8S_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}"
DEST="$CACHE/$KEY"
BIN="$DEST/bin"
LOGS="$DEST/logs"
STAMP="$DEST/.complete"

export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod

log() { printf '[cluster-build] %s\n' "$*" >&2; }

if [[ -f "$STAMP" ]]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { log "go is not installed; the control plane is built from Go modules (Go >= 1.26)"; exit 1; }
GO_MINOR=$(go env GOVERSION | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
if [[ -z $GO_MINOR || $GO_MINOR -lt 26 ]]; then
  log "Kubernetes ${K8S_VERSION} needs Go >= 1.26; found $(go env GOVERSION)"
  exit 1
fi
mkdir -p "$BIN" "$LOGS"

# One builder at a time: a second caller waits for the first instead of building twice.
exec 9>"$CACHE/.build.lock"
if ! flock -n 9; then
  log "another build holds $CACHE/.build.lock; waiting for it"
  flock 9
fi
if [[ -f "$STAMP" ]]; then echo "$BIN"; exit 0; fi

# run <name> <cmd...>: runs a step with its output in a log file, and on failure says which step
# failed and shows the log's tail, so a failed build never looks like a hang.
run() {
  local name=$1; shift
  local logfile="$LOGS/$name.log"
  local t0=$SECONDS
  log "$name: building (log: $logfile)"
  if ! "$@" >"$logfile" 2>&1; then
    log "$name: FAILED after $((SECONDS - t0)) s; last lines of $logfile:"
    tail -n 30 "$logfile" >&2
    exit 1
  fi
  log "$name: done in $((SECONDS - t0)) s"
}

build_etcd() {
  local src="$DEST/src/etcd"
  rm -rf "$src"; mkdir -p "$src"; cd "$src"
  go mod init metallb-ts.local/etcdbuild
  go get "go.etcd.io/etcd/server/v3@${ETCD_VERSION}"
  go build -trimpath -ldflags "-s -w" -o "$BIN/etcd" go.etcd.io/etcd/server/v3
}

build_kwok() {
  local src="$DEST/src/kwok"
  rm -rf "$src"; mkdir -p "$src"; cd "$src"
  go mod init metallb-ts.local/kwokbuild
  go get "sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}"
  go build -trimpath -ldflags "-s -w" -o "$BIN/kwok" sigs.k8s.io/kwok/cmd/kwok
  # kwok's default stages (node and pod lifecycles) ship inside its module; take them from there.
  local moddir
  moddir=$(go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)
  rm -rf "$DEST/kwok-stages"; mkdir -p "$DEST/kwok-stages"
  local f
  for f in "$moddir"/kustomize/stage/{node/fast,node/heartbeat-with-lease,pod/fast}/*.yaml; do
    [[ $(basename "$f") == kustomization.yaml ]] || cp "$f" "$DEST/kwok-stages/"
  done
  chmod -R u+w "$DEST/kwok-stages"
}

build_kubernetes() {
  local src="$DEST/src/kubernetes"
  rm -rf "$src"; mkdir -p "$src"; cd "$src"
  local staging="v0.${K8S_VERSION#v1.}"
  local gomod
  gomod=$(go mod download -json "k8s.io/kubernetes@${K8S_VERSION}" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  {
    echo "module metallb-ts.local/k8sbuild"
    echo
    echo "go $(sed -n 's/^go \(.*\)$/\1/p' "$gomod")"
    echo
    echo "require k8s.io/kubernetes ${K8S_VERSION}"
    echo
    # k8s.io/kubernetes replaces its staging modules with ./staging/...; point them at the published tags.
    sed -n 's#^[[:space:]]*\(k8s.io/[^ ]*\) => ./staging/.*#replace \1 => \1 '"$staging"'#p' "$gomod"
  } >go.mod
  local minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
  local now; now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  local ld="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $pkg.gitVersion=${K8S_VERSION} -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor}"
    ld="$ld -X $pkg.gitTreeState=clean -X $pkg.buildDate=${now} -X $pkg.gitCommit=metallb-ts-build"
  done
  local cmds=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
  local pkgs=()
  for c in "${cmds[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
  go get "${pkgs[@]/%/@${K8S_VERSION}}"
  go build -trimpath -tags=selinux,notest,grpcnotrace -ldflags "$ld" -o "$BIN/" "${pkgs[@]}"
}

T0=$SECONDS
log "building into $DEST (free disk: $(df -h --output=avail "$CACHE" | tail -1 | tr -d ' '))"
[[ -x "$BIN/etcd" ]] || run etcd build_etcd
[[ -x "$BIN/kwok" ]] || run kwok build_kwok
[[ -x "$BIN/kube-apiserver" && -x "$BIN/kubectl" ]] || run kubernetes build_kubernetes
rm -rf "$DEST/src"
"$BIN/kube-apiserver" --version >&2
touch "$STAMP"
log "all binaries built in $((SECONDS - T0)) s"
echo "$BIN"
