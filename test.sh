#!/usr/bin/env bash
# The README's test command: every test and quality gate (mvn -B verify), with a headless browser
# for the HTML report's browser test. When no chromium is on the PATH (and DATAEVAL4J_CHROMIUM is
# unset), Debian's/Ubuntu's chromium package is installed with apt-get (as root, or through sudo).
# Without a browser the browser test is skipped, or fails when CI=true. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"

have_browser() {
  [ -n "${DATAEVAL4J_CHROMIUM:-}" ] && return 0
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1
}

if ! have_browser; then
  if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      sudo=()
    elif command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      sudo=()
      echo "test.sh: not root and no sudo: cannot install chromium" >&2
    fi
    if [ "$(id -u)" = 0 ] || [ ${#sudo[@]} -gt 0 ]; then
      echo "test.sh: installing chromium for the report's browser test (apt-get) ..." >&2
      "${sudo[@]}" apt-get update -qq
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
  else
    echo "test.sh: no chromium and no apt-get: the browser test is skipped (fails with CI=true)" >&2
  fi
fi

exec mvn -B verify "$@"
