#!/usr/bin/env bash
# Builds the Node-API addon speaker/native/build/metallb_native.node with the system C compiler and
# the headers of the npm package node-api-headers: nothing is downloaded (no node-gyp). Runs from
# `npm ci` (postinstall) and `npm run build`; does nothing when the build is newer than its sources.
#   CC=clang bash speaker/native/build.sh     another compiler
#   bash speaker/native/build.sh --force      rebuild anyway
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/build/metallb_native.node"
headers="$root/node_modules/node-api-headers/include"
cc=${CC:-cc}

fail() {
  echo "speaker/native: $*" >&2
  exit 1
}

if [[ ${1:-} != --force && -f $out ]] &&
  [[ -z $(find "$here/src" "$here/build.sh" -newer "$out" -print -quit) ]]; then
  exit 0
fi

[[ $(uname -s) == Linux ]] || fail "the native addon (AF_PACKET, network namespaces) is Linux only"
command -v "$cc" >/dev/null 2>&1 ||
  fail "no C compiler ('$cc' not found): install gcc and libc6-dev (bash scripts/system-deps.sh does)"
echo '#include <stdio.h>' | "$cc" -E -x c - >/dev/null 2>&1 ||
  fail "the C library headers are missing: install libc6-dev (bash scripts/system-deps.sh does)"
[[ -f $headers/node_api.h ]] ||
  fail "node-api-headers is not installed ($headers/node_api.h missing): run npm ci"

t0=$(date +%s%N)
mkdir -p "$here/build"
"$cc" -std=gnu11 -O2 -g -Wall -Wextra -Wno-missing-field-initializers -fPIC -shared \
  -fvisibility=hidden -I "$headers" "$here"/src/*.c -o "$out.tmp" -lpthread
mv "$out.tmp" "$out"
echo "speaker/native: built build/metallb_native.node in $((($(date +%s%N) - t0) / 1000000)) ms"
