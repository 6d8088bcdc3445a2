#!/usr/bin/env bash
# What the dashboard's browser tests need: Debian's headless Chromium and the Playwright Python driver.
# Idempotent (does nothing when both are there) and tolerant (never fails the caller: without a browser the
# browser tests skip and say why). Playwright's own browser download is never used: tests launch
# /usr/bin/chromium through `executable_path`.
#
#   scripts/install_browser.sh [PYTHON]     # PYTHON: the interpreter to install playwright into
set -u
PYTHON="${1:-python3}"

if ! command -v chromium >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        SUDO=""
        [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
        echo "install_browser: installing Debian chromium" >&2
        $SUDO apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 \
            || echo "install_browser: apt-get install chromium failed; browser tests will skip" >&2
    else
        echo "install_browser: no apt-get; install Chromium yourself (browser tests skip without it)" >&2
    fi
fi

if ! "$PYTHON" -c "import playwright" >/dev/null 2>&1; then
    "$PYTHON" -m pip install --quiet --disable-pip-version-check "playwright>=1.40" \
        || echo "install_browser: pip install playwright failed; browser tests will skip" >&2
fi
command -v chromium >/dev/null 2>&1 && chromium --version 2>/dev/null | head -1 >&2
exit 0
