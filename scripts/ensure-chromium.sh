#!/usr/bin/env bash
# Installs Debian's chromium and a CJK font for the browser tests of web/.
# Idempotent: does nothing when both are present. Never lets any tool fetch
# a browser build of its own; only Debian packages are used.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! fc-list 2>/dev/null | grep -qi 'noto sans cjk'; then
	need+=(fonts-noto-cjk)
fi
if [ ${#need[@]} -eq 0 ]; then
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
command -v chromium >/dev/null
