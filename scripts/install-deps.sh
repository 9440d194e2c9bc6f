#!/usr/bin/env bash
# Installs the C libraries porvm links (Debian package names), only where missing.
set -euo pipefail
need=()
for pkg in libgmp-dev libsecp256k1-dev libssl-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
