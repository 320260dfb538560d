#!/usr/bin/env bash
# Builds upstream MetalLB's controller (go.universe.tf/metallb v0.15.2) from its Go module, once,
# into the cache, for `npm run bench -- vs-upstream`. Two binaries: `controller` as released, and
# `controller-tuned`, the same source with its API client's rate limits raised (client-go via
# controller-runtime defaults to 20 requests/s, burst 30; tuned: 500/s, burst 1000). v0.16.2 needs
# github.com/metallb/frr-k8s v0.0.27, which the module proxy does not serve; v0.15.2 builds with
# frr-k8s v0.0.21. Prints the bin directory as its last line.
set -euo pipefail
VERSION=v0.15.2
CACHE=${METALLB_TS_CACHE:-$HOME/.cache/metallb-ts}
DEST="$CACHE/upstream-metallb-$VERSION"
BIN="$DEST/bin"
STAMP="$DEST/.complete"
export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod
log() { printf '[upstream-metallb] %s\n' "$*" >&2; }
if [[ -f "$STAMP" ]]; then echo "$BIN"; exit 0; fi
command -v go >/dev/null || { log "go is not installed (Go >= 1.26 builds upstream's controller)"; exit 1; }
mkdir -p "$BIN" "$DEST/logs"
exec 9>"$CACHE/.upstream-metallb.lock"
flock 9
if [[ -f "$STAMP" ]]; then echo "$BIN"; exit 0; fi
t0=$SECONDS

build() { # build <name> <module dir or empty>
  local name=$1 src=$2 dir="$DEST/src/$1"
  rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
  go mod init metallb-ts/upstream-bench >/dev/null 2>&1
  printf '\nreplace github.com/metallb/frr-k8s => github.com/metallb/frr-k8s v0.0.21\n' >> go.mod
  [[ -n $src ]] && printf 'replace go.universe.tf/metallb => %s\n' "$src" >> go.mod
  go get "go.universe.tf/metallb/controller@$VERSION"
  go build -o "$BIN/$name" go.universe.tf/metallb/controller
}

log "building upstream MetalLB $VERSION's controller (about 2 minutes on 2 cores, once)"
build controller "" >"$DEST/logs/controller.log" 2>&1 || { tail -20 "$DEST/logs/controller.log" >&2; exit 1; }
# The tuned copy: the module's source with one added file wrapping its client configuration.
MOD=$(cd "$DEST/src/controller" && go list -m -f '{{.Dir}}' go.universe.tf/metallb)
TUNED_SRC="$DEST/src/metallb-tuned"
rm -rf "$TUNED_SRC"; cp -r "$MOD" "$TUNED_SRC"; chmod -R u+w "$TUNED_SRC"
sed -i 's/ctrl\.GetConfigOrDie()/tunedConfig()/' "$TUNED_SRC/internal/k8s/k8s.go"
cat > "$TUNED_SRC/internal/k8s/tuned.go" <<'GO'
package k8s

import (
	"k8s.io/client-go/rest"
	ctrl "sigs.k8s.io/controller-runtime"
)

// tunedConfig raises the client-side rate limits (controller-runtime's defaults: 20/s, burst 30).
func tunedConfig() *rest.Config {
	c := ctrl.GetConfigOrDie()
	c.QPS = 500
	c.Burst = 1000
	return c
}
GO
build controller-tuned "$TUNED_SRC" >"$DEST/logs/controller-tuned.log" 2>&1 || { tail -20 "$DEST/logs/controller-tuned.log" >&2; exit 1; }
touch "$STAMP"
log "built in $((SECONDS - t0)) s"
echo "$BIN"
