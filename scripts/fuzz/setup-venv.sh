#!/bin/sh
# Creates .venv-fuzz (at the repository root) for scripts/fuzz/difffuzz.py: pyrevm pinned to
# the version the fuzzer was tested with, and pytest for scripts/fuzz/tests.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PYTHON:-python3}
"$PY" -m venv "$ROOT/.venv-fuzz"
"$ROOT/.venv-fuzz/bin/pip" install --quiet --upgrade pip
"$ROOT/.venv-fuzz/bin/pip" install --quiet "pyrevm==0.3.7" "pytest>=7"
"$ROOT/.venv-fuzz/bin/python" -c "import pyrevm; print('pyrevm ready:', pyrevm.__file__)"
