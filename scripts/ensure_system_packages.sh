#!/usr/bin/env bash
# What the tests need from Debian: Chromium for the browser tests (driven by Playwright; Playwright's own browser
# download is not used) and the PostgreSQL server for the PostgreSQL snippets and dialect checks.
set -euo pipefail
missing=()
if [ -z "${SYSLAB_CHROMIUM:-}" ] || [ ! -x "${SYSLAB_CHROMIUM}" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
command -v psql >/dev/null || missing+=(postgresql-client)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages for the tests: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
cat >&2 <<TEXT
The tests need these Debian packages: ${missing[*]}. Install them, then run the tests again:
    sudo apt-get install ${missing[*]}
For Chromium you can instead point the tests at another build:
    SYSLAB_CHROMIUM=/path/to/chromium make test
TEXT
exit 1
