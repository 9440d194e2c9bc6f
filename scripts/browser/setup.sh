#!/bin/sh
# Sets up the real-browser check of `porvm simulate --html` pages (test_simulation_page.py):
# Debian's chromium and chromium-driver (installed with apt-get when missing) and .venv-browser
# (at the repository root) with selenium pinned and pytest. Exits non-zero with a message when
# anything cannot be installed: CI must then fail, never skip the check.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PYTHON:-python3}
fail() { echo "scripts/browser/setup.sh: $*; the browser check cannot run" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null \
    || fail "could not install Debian's chromium and chromium-driver"
fi
command -v chromium >/dev/null 2>&1 || fail "no chromium on PATH"
command -v chromedriver >/dev/null 2>&1 || fail "no chromedriver on PATH"

SELENIUM=4.40.0
if ! "$ROOT/.venv-browser/bin/python" -c "import pytest, selenium, sys; sys.exit(selenium.__version__ != '$SELENIUM')" 2>/dev/null; then
  "$PY" -m venv "$ROOT/.venv-browser" || fail "could not create .venv-browser"
  "$ROOT/.venv-browser/bin/pip" install --quiet "selenium==$SELENIUM" "pytest>=7" || fail "could not install selenium $SELENIUM and pytest"
fi
"$ROOT/.venv-browser/bin/python" -c "import selenium; print('browser check ready: selenium', selenium.__version__)" \
  || fail "selenium does not import"
