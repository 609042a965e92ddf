#!/usr/bin/env bash
# Installs everything the app and its tests need on a fresh Debian machine of this kind:
# the system packages (keychain, D-Bus, libsecret headers for keytar, Chromium for the e2e tests, poppler-utils
# to read the client report's PDF back), then `npm ci`.
# Safe to run again: apt-get skips what is there, npm ci reinstalls node_modules from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libsecret-1-dev gnome-keyring dbus dbus-x11 chromium python3 make g++ openssl poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install: apt-get install ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# allowScripts in package.json keeps Electron's binary download off (it cannot be fetched here)
# while keytar and better-sqlite3 are built from source against the local Node headers.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
