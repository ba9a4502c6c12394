#!/usr/bin/env bash
# Install Debian's Chromium for the browser test (tests/browser/), if it is not there yet.
# Idempotent: does nothing when /usr/bin/chromium exists. Playwright drives this system browser,
# so `playwright install` (which downloads a browser from the internet) is never needed.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "install-browser: $CHROMIUM already present ($("$CHROMIUM" --version 2>/dev/null | tail -n 1))"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: $CHROMIUM is missing and apt-get is not available on this system." >&2
    echo "install-browser: install Chromium by hand so that $CHROMIUM exists, then re-run." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install-browser: $CHROMIUM is missing; installing it needs root, but you are not root and sudo" >&2
    echo "install-browser: is not available. Run as root:" >&2
    echo "    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium" >&2
    exit 1
fi

echo "install-browser: installing Debian's chromium with apt-get ..."
"${SUDO[@]}" apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "install-browser: apt-get finished but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null | tail -n 1)"
