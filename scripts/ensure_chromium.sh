#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through Playwright (Playwright's own browser download is not used).
set -euo pipefail
if [ -n "${SYSLAB_CHROMIUM:-}" ] && [ -x "${SYSLAB_CHROMIUM}" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests (about 110 MB)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<'TEXT'
The browser tests need Chromium at /usr/bin/chromium. Install it, then run the tests again:
    sudo apt-get install chromium        (Debian/Ubuntu)
or point the tests at another Chromium build:
    SYSLAB_CHROMIUM=/path/to/chromium make test
TEXT
exit 1
