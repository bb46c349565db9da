#!/usr/bin/env bash
# Installs what the browser HSTS check (__tests__/browser) needs, from Debian's packages only:
# Chromium and its driver, certutil (libnss3-tools) to make Chromium trust the test's throw-away CA,
# openssl to create that CA, and a Japanese font so the screenshots of the gateway's 401/403 bodies
# show their text rather than empty boxes. Idempotent: does nothing when everything is already present.
set -euo pipefail

packages=(chromium chromium-driver libnss3-tools openssl ca-certificates fonts-ipafont-gothic)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-browser: already installed: ${packages[*]}"
else
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  echo "install-browser: installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian's launcher sources /etc/chromium.d/dev-shm, whose size test prints "[: <bytes>: unexpected operator"
# on machines with a large /dev/shm (a shell-syntax slip in the packaging, harmless): not shown, so CI's log
# holds nothing that reads like a failure. A Chromium that cannot start still fails here (exit status).
chromium --version 2>/dev/null
command -v certutil
