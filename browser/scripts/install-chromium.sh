#!/usr/bin/env bash
# Installs Debian's chromium (with SwiftShader, for WebGPU without a GPU) for the browser tests, when it is
# missing. Needs root (or sudo) and Debian's package registry; nothing is downloaded outside apt.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium is already installed: $(/usr/bin/chromium --version 2>/dev/null || true)"
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# fonts-dejavu-core: readable text in the example page's screenshot.
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
echo "installed: $(/usr/bin/chromium --version 2>/dev/null || true)"
