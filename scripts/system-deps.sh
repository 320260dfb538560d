#!/usr/bin/env bash
# Installs the Debian packages the product and its tests need, skipping those already present.
# Idempotent and quick when nothing is missing. (Never kubernetes-client: it clashes with the
# image's kubectl; the project builds its own.)
set -euo pipefail
PACKAGES=(openssl ca-certificates curl chromium fonts-ipafont-gothic iproute2 frr gobgpd gcc libc6-dev
  arping ndisc6)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "system packages: all present"
  exit 0
fi
SUDO=""
[[ $(id -u) == 0 ]] || SUDO=sudo
echo "system packages: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
